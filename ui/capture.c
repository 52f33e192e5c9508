/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "capture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

HrCapture*
hr_capture_new(int rows, int cols)
{
  if (rows < 1 || cols < 1 ||
      (int64_t)rows * cols > (int64_t)HR_CAPTURE_MAX_CELLS) {
    return NULL;
  }
  HrCapture* capture = (HrCapture*)calloc(1, sizeof(HrCapture));
  if (!capture) {
    return NULL;
  }
  capture->rows      = rows;
  capture->cols      = cols;
  capture->cells     = (float*)calloc((size_t)rows * cols, sizeof(float));
  capture->hits      = (float*)calloc((size_t)rows * cols, sizeof(float));
  capture->flags     = (uint8_t*)calloc((size_t)cols, 1);
  capture->transport = (double*)calloc((size_t)cols, sizeof(double));
  if (!capture->cells || !capture->hits || !capture->flags ||
      !capture->transport) {
    hr_capture_free(capture);
    return NULL;
  }
  for (int col = 0; col < cols; ++col) {
    capture->transport[col] = NAN;
  }
  return capture;
}

void
hr_capture_free(HrCapture* capture)
{
  if (capture) {
    free(capture->cells);
    free(capture->hits);
    free(capture->flags);
    free(capture->transport);
    free(capture);
  }
}

static void
describe(const HrConfigMsg* c, char* info, size_t size)
{
  if (c->scale == 0) {
    snprintf(info,
             size,
             "q %.3g, %.3g ms, %.0f rows/oct, %.0f-%.0f Hz",
             c->q,
             1000.0 * c->column_seconds,
             c->rows_per_octave,
             c->fmin,
             c->fmax);
  } else {
    snprintf(info,
             size,
             "linear, %.3g ms, %d rows, %.0f-%.0f Hz",
             1000.0 * c->column_seconds,
             c->rows,
             c->fmin,
             c->fmax);
  }
}

HrCapture*
hr_capture_from_view(const HrView* view, int channel)
{
  const HrRing* ring = hr_view_ring(view, channel);
  if (!ring) {
    return NULL;
  }
  HrCapture* capture = hr_capture_new(ring->rows, view->visible);
  if (!capture) {
    return NULL;
  }
  const int64_t first = hr_view_right(view) - view->visible;
  for (int col = 0; col < capture->cols; ++col) {
    const float* column     = hr_ring_column(ring, first + col);
    const float* hits       = hr_ring_hits(ring, first + col);
    capture->flags[col]     = (uint8_t)hr_ring_flags(ring, first + col);
    capture->transport[col] = hr_ring_transport(ring, first + col);
    for (int row = 0; column && hits && row < capture->rows; ++row) {
      capture->cells[(size_t)row * capture->cols + col] = column[row];
      capture->hits[(size_t)row * capture->cols + col]  = hits[row];
    }
  }
  double left  = 0.0;
  double right = 0.0;
  hr_view_time_span(view, view->visible, &left, &right);
  capture->channel     = channel;
  capture->axis        = view->axis;
  capture->col_seconds = hr_view_slot_seconds(view);
  capture->t_start_s   = left;
  capture->taken       = (int64_t)time(NULL);
  capture->column_frames =
    (double)view->group * (double)view->config.column_samples;
  capture->tempo = view->tempo;
  describe(&view->config, capture->info, sizeof capture->info);
  return capture;
}

int
hr_capture_has_song_time(const HrCapture* capture)
{
  for (int col = 0; col < capture->cols; ++col) {
    if (!isnan(capture->transport[col])) {
      return 1;
    }
  }
  return 0;
}

void
hr_capture_picture(const HrCapture* capture,
                   const HrView*    view,
                   int              counts,
                   HrPicture*       picture)
{
  int begin = 0;
  int end   = capture->rows;
  hr_view_zoom_rows(view, &capture->axis, capture->rows, &begin, &end);
  memset(picture, 0, sizeof *picture);
  picture->data =
    (counts ? capture->hits : capture->cells) + (size_t)begin * capture->cols;
  picture->counts      = counts != 0;
  picture->rows        = end - begin;
  picture->cols        = capture->cols;
  picture->freq        = hr_axis_from_row(&capture->axis, begin);
  picture->t_start_s   = capture->t_start_s;
  picture->col_seconds = capture->col_seconds;
}

int
hr_capture_readout(const HrCapture* capture,
                   const HrView*    view,
                   int              width,
                   int              height,
                   double           x,
                   double           y,
                   HrReadout*       readout)
{
  if (width < 1 || height < 1 || !(x >= 0.0 && x < width) ||
      !(y >= 0.0 && y < height)) {
    return -1;
  }
  HrPicture picture;
  hr_capture_picture(capture, view, 0, &picture);
  const float* hits = capture->hits + (picture.data - capture->cells);
  int64_t      cb   = 0;
  int64_t      ce   = 0;
  int64_t      rb   = 0;
  int64_t      re   = 0;
  hr_span((int64_t)x, width, picture.cols, &cb, &ce);
  hr_span((int64_t)y, height, picture.rows, &rb, &re);
  readout->time_s = picture.t_start_s + 0.5 * (cb + ce) * picture.col_seconds;
  readout->song_frame = capture->transport[cb];
  hr_song_time_text(&capture->tempo,
                    readout->song_frame,
                    capture->col_seconds > 0.0
                      ? capture->column_frames / capture->col_seconds
                      : 0.0,
                    readout->song,
                    sizeof readout->song);
  hr_readout_pitch(
    readout, hr_freq_axis_hz(&picture.freq, y / height * picture.rows - 0.5));
  float max      = 0.0f;
  float most     = 0.0f;
  readout->flags = 0;
  for (int64_t c = cb; c < ce; ++c) {
    readout->flags |= capture->flags[c];
    for (int64_t r = rb; r < re; ++r) {
      const float v = picture.data[r * picture.cols + c];
      const float n = hits[r * picture.cols + c];
      max           = v > max ? v : max;
      most          = n > most ? n : most;
    }
  }
  readout->db   = max > 0.0f ? 10.0 * log10(max) : -INFINITY;
  readout->hits = most;
  return 0;
}
