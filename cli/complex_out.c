/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "complex_out.h"
#include "files/npy.h"
#include "files/outfile.h"

#include <sndfile.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Ends of the signal left out of the error: three time stds of the
   longest filter, whose output still feels the signal's wrap-around. */
#define HR_RECON_EDGE_STDS 3.0

int
hr_complex_out_wanted(const HrCliOptions* options)
{
  return options->write_complex || options->reconstruct;
}

/* What write_wav_file() writes. */
typedef struct {
  const double* samples;
  size_t        frames;
  int           rate;
} WavJob;

static int
write_wav_file(const char* path, void* data, char* error, size_t error_size)
{
  const WavJob* job  = (const WavJob*)data;
  SF_INFO       info = { 0 };
  info.samplerate    = job->rate;
  info.channels      = 1;
  info.format        = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
  SNDFILE* file      = sf_open(path, SFM_WRITE, &info);
  if (!file) {
    snprintf(error, error_size, "cannot write %s: %s", path, sf_strerror(NULL));
    return -1;
  }
  const sf_count_t frames = (sf_count_t)job->frames;
  const int written = sf_write_double(file, job->samples, frames) == frames;
  return (sf_close(file) == 0 && written) ? 0 : -1;
}

/* The reconstruction aligned to the input: with tdeci 1 column c holds
   1-based time c, that is sample c - 1; the last sample (time N) has no
   column and stays 0. */
static double*
reconstruct_signal(const HrComplexHist* hist,
                   const HrParams*      params,
                   size_t               frames)
{
  double* columns = malloc((hist->cols ? hist->cols : 1) * sizeof(double));
  double* aligned = calloc(frames ? frames : 1, sizeof(double));
  if (!columns || !aligned) {
    free(columns);
    free(aligned);
    return NULL;
  }
  hr_complex_reconstruct(hist, params, columns);
  for (size_t n = 0; n + 1 < frames && n + 1 < hist->cols; ++n) {
    aligned[n] = columns[n + 1];
  }
  free(columns);
  return aligned;
}

static void
measure_error(const HrParams* params,
              const double*   input,
              const double*   rebuilt,
              size_t          frames,
              HrReconError*   measured)
{
  const double longest = params->scale == HR_SCALE_LIN
                           ? 1.0 / (2.0 * HR_PI * params->sigma)
                           : params->q / params->fmin;
  const size_t edge    = (size_t)ceil(HR_RECON_EDGE_STDS * longest);
  measured->error      = NAN;
  measured->first      = edge;
  measured->end        = frames > 2 * edge + 1 ? frames - 1 - edge : edge;
  double difference    = 0.0;
  double reference     = 0.0;
  for (size_t n = measured->first; n < measured->end; ++n) {
    difference += (rebuilt[n] - input[n]) * (rebuilt[n] - input[n]);
    reference += input[n] * input[n];
  }
  if (reference > 0.0) {
    measured->error = sqrt(difference / reference);
  }
}

static int
write_reconstruction(const HrSignal*      signal,
                     const HrParams*      params,
                     const HrComplexHist* hist,
                     const char*          path,
                     HrReconError*        measured,
                     char*                error,
                     size_t               error_size)
{
  double* rebuilt = reconstruct_signal(hist, params, signal->frames);
  if (!rebuilt) {
    snprintf(error, error_size, "out of memory for the reconstruction");
    return -1;
  }
  measure_error(params, signal->samples, rebuilt, signal->frames, measured);
  WavJob    job = { rebuilt, signal->frames, (int)lround(signal->sample_rate) };
  const int status =
    hr_outfile_write(path, write_wav_file, &job, error, error_size);
  free(rebuilt);
  return status;
}

int
hr_complex_out_write(const HrCliOptions*  options,
                     const HrSignal*      signal,
                     const HrParams*      params,
                     const HrComplexHist* hist,
                     const char*          npy_path,
                     const char*          wav_path,
                     HrReconError*        measured,
                     char*                error,
                     size_t               error_size)
{
  const HrNpyType type =
    options->float64 ? HR_NPY_COMPLEX128 : HR_NPY_COMPLEX64;
  if (options->write_complex && hr_npy_write(npy_path,
                                             hist->values,
                                             (size_t)hist->rows,
                                             hist->cols,
                                             type,
                                             error,
                                             error_size)) {
    return -1;
  }
  if (options->reconstruct &&
      write_reconstruction(
        signal, params, hist, wav_path, measured, error, error_size)) {
    return -1;
  }
  return 0;
}

void
hr_complex_out_describe(const HrCliOptions* options,
                        const HrReconError* measured,
                        char*               text,
                        size_t              text_size)
{
  text[0] = '\0';
  if (!options->reconstruct) {
    return;
  }
  if (isnan(measured->error)) {
    snprintf(text,
             text_size,
             ", reconstruction error n/a (no interior: the signal is "
             "shorter than 6 lengths of the longest filter, or silent)");
  } else {
    snprintf(text,
             text_size,
             ", reconstruction relative error %.4g (samples %zu-%zu)",
             measured->error,
             measured->first,
             measured->end - 1);
  }
}
