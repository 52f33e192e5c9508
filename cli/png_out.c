/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "png_out.h"
#include "files/outfile.h"
#include "render/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_SIZE 4096

/* "q 2" or "consensus q 1,2,4,8". */
static void
describe_q(const HrParams* params,
           const HrLadder* consensus,
           char*           text,
           size_t          size)
{
  if (consensus->n_q == 0) {
    snprintf(text, size, "q %.3g", params->q);
    return;
  }
  size_t used = (size_t)snprintf(text, size, "consensus q ");
  for (int k = 0; k < consensus->n_q && used < size; ++k) {
    used += (size_t)snprintf(
      text + used, size - used, k ? ",%.3g" : "%.3g", consensus->q[k]);
  }
}

static void
describe_params(const HrParams* params,
                const HrLadder* consensus,
                double          rate,
                char*           text,
                size_t          size)
{
  const double ms_per_col = 1000.0 * params->tdeci / rate;
  if (params->scale == HR_SCALE_LIN) {
    snprintf(text,
             size,
             "linear, sigma %.4g Hz, %d rows, over %d, %.3g ms/column, "
             "lint %.3g, %.0f-%.0f Hz, %.0f Hz",
             params->sigma * rate,
             params->ndiv,
             params->over,
             ms_per_col,
             params->lint,
             params->fmin * rate,
             params->fmax * rate,
             rate);
  } else {
    char q_text[96];
    describe_q(params, consensus, q_text, sizeof(q_text));
    snprintf(text,
             size,
             "%s, %.4g rows/octave, over %d, %.3g ms/column, lint %.3g, "
             "%.0f-%.0f Hz, %.0f Hz",
             q_text,
             params->noct,
             params->over,
             ms_per_col,
             params->lint,
             params->fmin * rate,
             params->fmax * rate,
             rate);
  }
}

/* "take.wav, channel 2: reassigned count (LV2 plugin)". */
static void
make_title(const HrCliOptions* options,
           const HrSignal*     signal,
           HrPngKind           kind,
           char*               title,
           size_t              size)
{
  char channel[32] = "";
  if (signal->channel) {
    snprintf(channel, sizeof channel, ", channel %d", signal->channel);
  }
  snprintf(title,
           size,
           "%s%s%s%s",
           signal->title,
           channel,
           kind == HR_PNG_COUNT ? ": reassigned count" : "",
           options->plugin_mode ? " (LV2 plugin)" : "");
}

/* What write_png_file() draws. */
typedef struct {
  const HrPicture* picture;
  int              width;
  int              height;
} PngJob;

static int
write_png_file(const char* path, void* data, char* error, size_t error_size)
{
  const PngJob* job = (const PngJob*)data;
  return hr_render_png(
    job->picture, path, job->width, job->height, error, error_size);
}

int
hr_png_out_draw(const HrCliOptions* options,
                const HrSignal*     signal,
                const HrParams*     params,
                const HrPngImage*   image,
                HrPngKind           kind,
                const char*         path,
                char*               error,
                size_t              error_size)
{
  char subtitle[256];
  char title[TITLE_SIZE];
  describe_params(params,
                  &options->consensus,
                  signal->sample_rate,
                  subtitle,
                  sizeof(subtitle));
  make_title(options, signal, kind, title, sizeof title);
  HrPicture picture;
  memset(&picture, 0, sizeof(picture));
  picture.data                 = image->data;
  picture.rows                 = image->rows;
  picture.cols                 = (int)image->cols;
  picture.freq.log_scale       = params->scale == HR_SCALE_LOG;
  picture.freq.f_top_hz        = params->fmax * signal->sample_rate;
  picture.freq.rows_per_octave = params->noct;
  picture.freq.hz_per_row =
    (params->fmax - params->fmin) / (params->ndiv - 1) * signal->sample_rate;
  picture.t_start_s   = image->t_start_s;
  picture.col_seconds = image->col_seconds;
  picture.colormap    = options->colormap;
  picture.db_top      = image->db_top;
  picture.db_range    = options->db_range;
  picture.counts      = kind == HR_PNG_COUNT;
  picture.title       = title;
  picture.subtitle    = subtitle;
  PngJob job          = { &picture, options->png_width, options->png_height };
  return hr_outfile_write(path, write_png_file, &job, error, error_size);
}

int
hr_png_out_write(const HrCliOptions* options,
                 const HrSignal*     signal,
                 const HrParams*     params,
                 const HrHist*       hist,
                 HrPngKind           kind,
                 const char*         path,
                 char*               error,
                 size_t              error_size)
{
  const size_t  cells  = (size_t)hist->rows * hist->cols;
  const double* values = kind == HR_PNG_COUNT ? hist->count : hist->energy;
  float*        data   = malloc((cells ? cells : 1) * sizeof(float));
  if (!data) {
    snprintf(error, error_size, "out of memory for the picture");
    return -1;
  }
  for (size_t i = 0; i < cells; ++i) {
    data[i] = (float)values[i];
  }
  /* Column 0 starts one sample before the first (as time_s says). */
  HrPngImage image  = { data,
                        hist->rows,
                        hist->cols,
                        signal->start_s - 1.0 / signal->sample_rate,
                        params->tdeci / signal->sample_rate,
                        NAN };
  const int  status = hr_png_out_draw(
    options, signal, params, &image, kind, path, error, error_size);
  free(data);
  return status;
}
