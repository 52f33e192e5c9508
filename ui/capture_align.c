/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Comparing captures in song time (capture.h, song_time.h). */

#include "capture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Both show the same rows at the same frequencies. */
static int
same_rows(const HrCapture* a, const HrCapture* b)
{
  return a->rows == b->rows && a->axis.log_scale == b->axis.log_scale &&
         a->axis.f_top_hz == b->axis.f_top_hz &&
         a->axis.rows_per_octave == b->axis.rows_per_octave &&
         a->axis.hz_per_row == b->axis.hz_per_row;
}

/* Column `from` of `b` into column `to` of `out`. */
static void
copy_column(HrCapture* out, int to, const HrCapture* b, int from)
{
  for (int row = 0; row < out->rows; ++row) {
    out->cells[(size_t)row * out->cols + to] =
      b->cells[(size_t)row * b->cols + from];
    out->hits[(size_t)row * out->cols + to] =
      b->hits[(size_t)row * b->cols + from];
  }
  out->flags[to] = b->flags[from];
}

/* `out` (shaped as A, empty) filled from B's columns by A's frames. */
static void
fill(HrCapture*           out,
     const HrCapture*     a,
     const HrCapture*     b,
     const HrSongTimeKey* keys,
     int                  n_keys,
     HrAlignStats*        stats)
{
  const double column_frames =
    a->column_frames > 0.0 ? a->column_frames : b->column_frames;
  for (int i = 0; i < a->cols; ++i) {
    out->transport[i] = a->transport[i];
    stats->a_timed += !isnan(a->transport[i]);
    const int j =
      hr_song_time_find(keys, n_keys, a->transport[i], column_frames);
    if (j >= 0) {
      copy_column(out, i, b, j);
      ++stats->matched;
      const int shift  = abs(j - i);
      stats->max_shift = shift > stats->max_shift ? shift : stats->max_shift;
    }
  }
}

int
hr_capture_song_start(const HrCapture* c, double* t_start_s)
{
  const double rate =
    c->col_seconds > 0.0 ? c->column_frames / c->col_seconds : 0.0;
  double start = NAN;
  for (int col = 0; col < c->cols; ++col) {
    if (isnan(c->transport[col])) {
      continue;
    }
    const double here = c->transport[col] - col * c->column_frames;
    if (isnan(start)) {
      start = here;
    } else if (!(fabs(here - start) < 0.5 * c->column_frames)) {
      return -1; /* a stop, a jump or a loop */
    }
  }
  if (isnan(start) || !(rate > 0.0)) {
    return -1;
  }
  *t_start_s = start / rate;
  return 0;
}

HrCapture*
hr_capture_align(const HrCapture* a, const HrCapture* b, HrAlignStats* stats)
{
  HrAlignStats found;
  memset(&found, 0, sizeof found);
  if (stats) {
    *stats = found;
  }
  if (!hr_capture_has_song_time(a) || !hr_capture_has_song_time(b) ||
      !same_rows(a, b)) {
    return NULL;
  }
  HrCapture*     out  = hr_capture_new(a->rows, a->cols);
  HrSongTimeKey* keys = (HrSongTimeKey*)malloc((size_t)b->cols * sizeof *keys);
  if (!out || !keys) {
    hr_capture_free(out);
    free(keys);
    return NULL;
  }
  const int n_keys = hr_song_time_keys(b->transport, b->cols, keys);
  found.b_timed    = n_keys;
  fill(out, a, b, keys, n_keys, &found);
  free(keys);
  out->channel       = b->channel;
  out->axis          = a->axis;
  out->col_seconds   = a->col_seconds;
  out->t_start_s     = a->t_start_s;
  out->taken         = b->taken;
  out->column_frames = a->column_frames;
  out->tempo         = b->tempo.bpm > 0.0 ? b->tempo : a->tempo;
  memcpy(out->info, b->info, sizeof out->info);
  if (stats) {
    *stats = found;
  }
  return out;
}
