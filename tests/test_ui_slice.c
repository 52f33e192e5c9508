/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The spectrum slice (ui/slice.h), without X: a 1 kHz tone's column
   gives a peak named "1000.0 Hz  B5 +21c" at 1 kHz; the peak hold keeps
   the tone after it stops, fallen by the hold's rate, until reset; and
   drawn into an image the column's trace reaches furthest right on the
   pixel row of 1 kHz, the hold's trace there at the fallen level. */

#include "tests/kit/check.h"
#include "ui/slice.h"

#include <cairo.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROWS_PER_OCTAVE = 36 };

static const HrFreqAxis k_axis = { 1, 20000.0, ROWS_PER_OCTAVE, 0.0 };

/* Rows from 20 kHz down to 50 Hz. */
static int
n_rows(void)
{
  return (int)ceil(ROWS_PER_OCTAVE * log2(20000.0 / 50.0)) + 1;
}

/* The fractional row of `hz`. */
static double
row_of(double hz)
{
  return ROWS_PER_OCTAVE * log2(20000.0 / hz);
}

/* A column: a tone at `hz` (its energy spread over rows as a bell,
   peak `peak_db`) over a floor at -100 dB. */
static void
tone_column(float* column, int rows, double hz, double peak_db)
{
  const double centre = row_of(hz);
  for (int r = 0; r < rows; ++r) {
    const double d  = (r - centre) / 1.5;
    const double db = fmax(peak_db - 20.0 * d * d, -100.0);
    column[r]       = (float)pow(10.0, db / 10.0);
  }
}

/* The rightmost x of pixels near `colour` in pixel row y; -1 if none. */
static int
rightmost(cairo_surface_t* image, int y, uint32_t colour)
{
  const int       width  = cairo_image_surface_get_width(image);
  const int       stride = cairo_image_surface_get_stride(image);
  const uint32_t* row =
    (const uint32_t*)(cairo_image_surface_get_data(image) + y * stride);
  for (int x = width - 1; x >= 0; --x) {
    int near = 1;
    for (int shift = 0; shift < 24; shift += 8) {
      const int a = (int)((row[x] >> shift) & 0xff);
      const int b = (int)((colour >> shift) & 0xff);
      near        = near && abs(a - b) <= 40;
    }
    if (near) {
      return x;
    }
  }
  return -1;
}

/* The pixel row whose `colour` reaches furthest right. */
static int
furthest_row(cairo_surface_t* image, uint32_t colour, int* x_out)
{
  const int height = cairo_image_surface_get_height(image);
  int       best   = -1;
  *x_out           = -1;
  for (int y = 0; y < height; ++y) {
    const int x = rightmost(image, y, colour);
    if (x > *x_out) {
      *x_out = x;
      best   = y;
    }
  }
  return best;
}

static cairo_surface_t*
draw(const HrSlice* slice, int rows, int width)
{
  cairo_surface_t* image =
    cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, rows);
  cairo_t*    cr = cairo_create(image);
  HrSlicePeak peaks[HR_SLICE_MAX_PEAKS];
  hr_slice_draw(cr,
                slice,
                &k_axis,
                0,
                rows,
                -100.0,
                100.0,
                peaks,
                0,
                0.0,
                0.0,
                width,
                rows);
  cairo_destroy(cr);
  cairo_surface_flush(image);
  return image;
}

int
main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  const int rows   = n_rows();
  float*    column = (float*)malloc((size_t)rows * sizeof(float));
  HrSlice   slice;
  memset(&slice, 0, sizeof slice);
  if (!column || hr_slice_resize(&slice, rows) != 0) {
    hr_check(false, "memory");
    return hr_check_summary();
  }

  tone_column(column, rows, 1000.0, -12.0);
  hr_slice_set(&slice, column, 0.0);
  HrSlicePeak peaks[HR_SLICE_MAX_PEAKS];
  int         n = hr_slice_peaks(&slice, &k_axis, 0, rows, -60.0, peaks, 4);
  printf("slice: %d peak(s); first at %.2f Hz, %.2f dB: \"%s\"\n",
         n,
         n ? peaks[0].hz : 0.0,
         n ? peaks[0].db : 0.0,
         n ? peaks[0].label : "");
  hr_check(n == 1 && fabs(1200.0 * log2(peaks[0].hz / 1000.0)) < 5.0 &&
             fabs(peaks[0].db + 12.0) < 0.5,
           "a 1 kHz tone's column has one peak, at 1 kHz (within 5 cents)");
  hr_check(n == 1 && !strcmp(peaks[0].label, "1000.0 Hz  B5 +21c"),
           "the peak is labelled in Hz and note +- cents: 1000.0 Hz  B5 +21c");

  cairo_surface_t* image = draw(&slice, rows, 160);
  int              x     = 0;
  const int        y     = furthest_row(image, 0xd9e6ff, &x);
  const int        want  = (int)floor(row_of(1000.0) + 0.5);
  const double     level = slice.db[want]; /* the loudest row's level */
  printf("slice: trace furthest right at pixel row %d (x %d), 1 kHz is row "
         "%d (x %.0f)\n",
         y,
         x,
         want,
         hr_slice_x(level, -100.0, 100.0, 0.0, 160.0));
  hr_check(abs(y - want) <= 1 &&
             fabs(x - hr_slice_x(level, -100.0, 100.0, 0.0, 160.0)) <= 2.0,
           "drawn, the column's trace peaks on the pixel row of 1 kHz at its "
           "level");
  cairo_surface_destroy(image);

  /* The tone stops: one second later the hold shows it 6 dB down. */
  hr_slice_set(&slice, NULL, 1.0);
  const float held = slice.hold[want];
  hr_check(!slice.have && fabs(held - (level - 6.0)) < 1e-3,
           "after the tone stops, the hold keeps it, fallen 6 dB in 1 s");
  hr_slice_set(&slice, column, 0.0);
  for (int r = 0; r < rows; ++r) {
    column[r] = 0.0f;
  }
  hr_slice_set(&slice, column, 0.5);
  image        = draw(&slice, rows, 160);
  const int yh = furthest_row(image, 0xff8c19, &x);
  printf("slice: hold furthest right at pixel row %d (x %d)\n", yh, x);
  hr_check(abs(yh - want) <= 1 &&
             fabs(x - hr_slice_x(level - 3.0, -100.0, 100.0, 0.0, 160.0)) <=
               2.0,
           "drawn, the hold's trace peaks on the row of 1 kHz, 3 dB down after "
           "0.5 s");
  cairo_surface_destroy(image);
  hr_slice_reset_hold(&slice);
  hr_check(isinf(slice.hold[want]) && slice.hold[want] < 0,
           "reset: the hold restarts from the (silent) column");

  hr_slice_free(&slice);
  free(column);
  return hr_check_summary();
}
