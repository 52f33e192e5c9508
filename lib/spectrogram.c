/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* HrSpectrogram: exact mode on a whole signal, as `hyperres render`
   computes it (single q or consensus; the complex histogram if asked). */

#include "lib/analysis_impl.h"

#include "core/hr_complex.h"
#include "core/hr_consensus.h"
#include "core/hr_exact.h"
#include "core/hr_hist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct HrSpectrogramImpl {
  HrHist        hist;
  HrComplexHist complex_hist; /**< empty unless HR_COMPUTE_COMPLEX */
  size_t        nonfinite;
};

size_t
hr_lib_memory_needed(const HrResolved* resolved,
                     size_t            n_samples,
                     unsigned          flags)
{
  HrExactOptions options = hr_exact_options_default();
  HrComplexHist  wanted  = { 0, 0, NULL };
  options.n_threads      = resolved->n_threads;
  options.complex_hist   = (flags & HR_COMPUTE_COMPLEX) ? &wanted : NULL;
  if (resolved->ladder.n_q) {
    return hr_consensus_exact_memory(&resolved->params,
                                     &resolved->ladder,
                                     n_samples,
                                     hr_exact_thread_count(&options));
  }
  return hr_exact_memory_for(&resolved->params, n_samples, &options);
}

static size_t
count_nonfinite(const double* samples, size_t n_samples)
{
  size_t count = 0;
  for (size_t i = 0; i < n_samples; ++i) {
    count += !isfinite(samples[i]);
  }
  return count;
}

/* A copy of `samples` with NaN and Inf as 0 (silence), as the batch tool
   reads them; NULL if out of memory. */
static double*
silence_nonfinite(const double* samples, size_t n_samples)
{
  double* clean = malloc(n_samples * sizeof(double));
  for (size_t i = 0; clean && i < n_samples; ++i) {
    clean[i] = isfinite(samples[i]) ? samples[i] : 0.0;
  }
  return clean;
}

static HrStatus
compute(const HrAnalysis* analysis,
        const HrResolved* resolved,
        const double*     x,
        size_t            n_samples,
        HrSpectrogram*    spectrogram,
        unsigned          flags)
{
  HrExactOptions options = hr_exact_options_default();
  options.n_threads      = resolved->n_threads;
  options.memory_limit   = resolved->memory_limit;
  options.progress       = analysis->progress;
  options.progress_data  = analysis->progress_data;
  options.complex_hist =
    (flags & HR_COMPUTE_COMPLEX) ? &spectrogram->complex_hist : NULL;
  if (resolved->ladder.n_q) {
    return hr_consensus_exact(&resolved->params,
                              &resolved->ladder,
                              x,
                              n_samples,
                              &options,
                              &spectrogram->hist);
  }
  return hr_exact_compute(
    &resolved->params, x, n_samples, &options, &spectrogram->hist);
}

static HrSpectrogram*
fail(HrError* error, HrError reason)
{
  if (error) {
    *error = reason;
  }
  return NULL;
}

HR_API HrSpectrogram*
hr_spectrogram_new(const HrAnalysis* analysis,
                   const double*     samples,
                   size_t            n_samples,
                   unsigned          flags,
                   HrError*          error)
{
  HrResolved resolved;
  HrError    reason = hr_lib_resolve(analysis, flags, &resolved, NULL, 0);
  if (reason != HR_OK) {
    return fail(error, reason);
  }
  if (!samples && n_samples) {
    return fail(error, HR_ERROR_BAD_ARGUMENT);
  }
  if (n_samples < 2) {
    return fail(error, HR_ERROR_TOO_SHORT);
  }
  if (resolved.memory_limit &&
      hr_lib_memory_needed(&resolved, n_samples, flags) >
        resolved.memory_limit) {
    return fail(error, HR_ERROR_MEMORY_LIMIT);
  }
  HrSpectrogram* spectrogram = calloc(1, sizeof(HrSpectrogram));
  if (!spectrogram) {
    return fail(error, HR_ERROR_NO_MEMORY);
  }
  spectrogram->nonfinite = count_nonfinite(samples, n_samples);
  double* clean =
    spectrogram->nonfinite ? silence_nonfinite(samples, n_samples) : NULL;
  HrStatus status = HR_ERR_NO_MEMORY;
  if (clean || !spectrogram->nonfinite) {
    status = compute(analysis,
                     &resolved,
                     clean ? clean : samples,
                     n_samples,
                     spectrogram,
                     flags);
  }
  free(clean);
  if (status != HR_SUCCESS) {
    hr_spectrogram_free(spectrogram);
    return fail(error, hr_lib_error(status));
  }
  if (error) {
    *error = HR_OK;
  }
  return spectrogram;
}

HR_API void
hr_spectrogram_free(HrSpectrogram* spectrogram)
{
  if (spectrogram) {
    hr_hist_free(&spectrogram->hist);
    hr_complex_free(&spectrogram->complex_hist);
    free(spectrogram);
  }
}

HR_API int
hr_spectrogram_rows(const HrSpectrogram* spectrogram)
{
  return spectrogram ? spectrogram->hist.rows : 0;
}

HR_API size_t
hr_spectrogram_columns(const HrSpectrogram* spectrogram)
{
  return spectrogram ? spectrogram->hist.cols : 0;
}

HR_API const double*
hr_spectrogram_energy(const HrSpectrogram* spectrogram)
{
  return spectrogram ? spectrogram->hist.energy : NULL;
}

HR_API const double*
hr_spectrogram_count(const HrSpectrogram* spectrogram)
{
  return spectrogram ? spectrogram->hist.count : NULL;
}

HR_API const double*
hr_spectrogram_complex(const HrSpectrogram* spectrogram)
{
  return spectrogram ? spectrogram->complex_hist.values : NULL;
}

HR_API size_t
hr_spectrogram_nonfinite(const HrSpectrogram* spectrogram)
{
  return spectrogram ? spectrogram->nonfinite : 0;
}
