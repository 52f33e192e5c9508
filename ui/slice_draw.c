/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Drawing of the spectrum slice (declared in slice.h): rows down as the
   picture beside it shows them (row r fills [r, r + 1) / rows of the
   height), level to the right. */

#include "slice.h"

#include <math.h>

static const double k_frame[3] = { 0.40, 0.42, 0.47 };
static const double k_label[3] = { 0.70, 0.95, 0.70 };
static const double k_grid[3]  = { 0.20, 0.21, 0.25 };
static const double k_trace[3] = { 0.85, 0.90, 1.00 };
static const double k_hold[3]  = { 1.00, 0.55, 0.10 };

double
hr_slice_x(double db, double floor_db, double range_db, double x, double width)
{
  const double f = isfinite(db) ? (db - floor_db) / range_db : 0.0;
  return x + width * (f < 0.0 ? 0.0 : f > 1.0 ? 1.0 : f);
}

static void
rgb(cairo_t* cr, const double c[3])
{
  cairo_set_source_rgb(cr, c[0], c[1], c[2]);
}

/* One trace: a point per row at the row's centre. */
static void
trace(cairo_t*     cr,
      const float* db,
      int          begin,
      int          end,
      double       floor_db,
      double       range_db,
      double       x,
      double       y,
      double       width,
      double       height)
{
  const double per_row = height / (end - begin);
  for (int r = begin; r < end; ++r) {
    const double px = hr_slice_x(db[r], floor_db, range_db, x, width);
    const double py = y + (r - begin + 0.5) * per_row;
    if (r == begin) {
      cairo_move_to(cr, px, py);
    } else {
      cairo_line_to(cr, px, py);
    }
  }
  cairo_stroke(cr);
}

void
hr_slice_draw(cairo_t*           cr,
              const HrSlice*     slice,
              const HrFreqAxis*  axis,
              int                begin,
              int                end,
              double             floor_db,
              double             range_db,
              const HrSlicePeak* peaks,
              int                n_peaks,
              double             x,
              double             y,
              double             width,
              double             height)
{
  (void)axis;
  begin = begin < 0 ? 0 : begin;
  end   = end > slice->rows ? slice->rows : end;
  cairo_save(cr);
  cairo_rectangle(cr, x, y, width, height);
  cairo_clip(cr);
  cairo_set_source_rgb(cr, 0.0, 0.0, 0.0);
  cairo_paint(cr);
  cairo_set_line_width(cr, 1.0);
  rgb(cr, k_grid);
  for (double db = ceil(floor_db / 10.0) * 10.0; db < floor_db + range_db;
       db += 10.0) {
    const double gx = floor(hr_slice_x(db, floor_db, range_db, x, width)) + 0.5;
    cairo_move_to(cr, gx, y);
    cairo_line_to(cr, gx, y + height);
  }
  cairo_stroke(cr);
  if (slice->have && end > begin) {
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    rgb(cr, k_hold);
    trace(cr, slice->hold, begin, end, floor_db, range_db, x, y, width, height);
    rgb(cr, k_trace);
    trace(cr, slice->db, begin, end, floor_db, range_db, x, y, width, height);
    cairo_set_font_size(cr, 10.0);
    for (int i = 0; i < n_peaks; ++i) {
      const double py =
        y + (peaks[i].row - begin + 0.5) * height / (end - begin);
      rgb(cr, k_label);
      cairo_move_to(cr, x + 4.0, py - 3.0);
      cairo_show_text(cr, peaks[i].label);
    }
  }
  cairo_restore(cr);
  cairo_set_source_rgb(cr, k_frame[0], k_frame[1], k_frame[2]);
  cairo_rectangle(cr, x - 0.5, y - 0.5, width + 1.0, height + 1.0);
  cairo_stroke(cr);
}
