/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_stream_accum.h"

#include <math.h>

/* Segments of at most this many samples are rebuilt point by point. */
#define HR_STREAM_SHORT_SEGMENT 4

/* Points not yet added: consecutive points of one filter mostly land in
   the same cell, so they are summed here first. */
typedef struct {
  int64_t col;
  int     row;
  double  n;
  double  energy;
} Pending;

/* A linear function v(s) = v0 + s * dv over samples s of a segment. */
typedef struct {
  double v0;
  double dv;
} Line;

/* Samples s_first..s_last of a segment that are kept. */
typedef struct {
  int first;
  int last;
} Range;

/* Start a new pending cell, adding the old one to the histogram. */
static void
pending_flush(const HrStreamAccum* accum,
              Pending*             pending,
              int64_t              col,
              int                  row,
              double               n,
              double               energy)
{
  if (pending->n > 0.0) {
    hr_stream_cols_add(
      accum->cols, pending->col, pending->row, pending->n, pending->energy);
  }
  pending->col    = col;
  pending->row    = row;
  pending->n      = n;
  pending->energy = energy;
}

static inline void
pending_add(const HrStreamAccum* accum,
            Pending*             pending,
            int64_t              col,
            int                  row,
            double               n,
            double               energy)
{
  if (col == pending->col && row == pending->row) {
    pending->n += n;
    pending->energy += energy;
  } else {
    pending_flush(accum, pending, col, row, n, energy);
  }
}

static int64_t
column_of(const HrStreamAccum* accum, double u)
{
  return accum->col_base + (int64_t)(u * accum->inv_tdeci);
}

/* Clamp x to [lo, hi] before turning it into an int (x may be huge). */
static int
clamp_to_int(double x, int lo, int hi)
{
  return x < lo ? lo : x > hi ? hi : (int)x;
}

/* First sample after s where the row of f(s) leaves `row` (or past the
   segment). Rows fall as f rises. */
static int
next_row_change(const HrStreamAccum* accum, Line f, int row, int s, int past)
{
  const HrStreamRows* rows = accum->rows;
  double              x    = 0.0;
  if (f.dv > 0.0 && row > 0) {
    x = ceil((rows->low[row - 1] - f.v0) / f.dv);
  } else if (f.dv < 0.0 && row < rows->rows - 1) {
    x = floor((rows->low[row] - f.v0) / f.dv) + 1.0;
  } else {
    return past;
  }
  const int next = clamp_to_int(x, s + 1, past);
  return next;
}

/* First sample after s where the column of u(s) leaves `col`. */
static int
next_col_change(const HrStreamAccum* accum,
                Line                 u,
                int64_t              col,
                int                  s,
                int                  past)
{
  const double edge = (double)(col - accum->col_base) * accum->tdeci;
  double       x    = 0.0;
  if (u.dv > 0.0) {
    x = ceil((edge + accum->tdeci - u.v0) / u.dv);
  } else if (u.dv < 0.0) {
    x = floor((edge - u.v0) / u.dv) + 1.0;
  } else {
    return past;
  }
  return clamp_to_int(x, s + 1, past);
}

/* Add samples range.first..range.last of a segment, split where the row
   or the column changes. */
static void
add_pieces(const HrStreamAccum* accum,
           Pending*             pending,
           Line                 f,
           Line                 u,
           Line                 e,
           Range                range)
{
  const int past = range.last + 1;
  int       s    = range.first;
  while (s < past) {
    const int     row    = hr_stream_rows_row(accum->rows, f.v0 + s * f.dv);
    const int64_t col    = column_of(accum, u.v0 + s * u.dv);
    int           next   = past;
    const double  f_last = f.v0 + range.last * f.dv;
    const double  u_last = u.v0 + range.last * u.dv;
    if (hr_stream_rows_row(accum->rows, f_last) != row ||
        column_of(accum, u_last) != col) {
      const int row_next = next_row_change(accum, f, row, s, past);
      const int col_next = next_col_change(accum, u, col, s, past);
      next               = row_next < col_next ? row_next : col_next;
    }
    const double n = next - s;
    pending_add(
      accum, pending, col, row, n, n * e.v0 + e.dv * (s + next - 1) * n * 0.5);
    s = next;
  }
}

/* The kernels' view of the filter and the hop. */
static HrPointsFilter
points_filter(const HrStreamAccum* accum, float floor)
{
  const HrPointsFilter filter = { accum->lint2, (float)accum->lint2,
                                  floor,        accum->f0,
                                  accum->sigma, accum->time_std,
                                  accum->fmin,  accum->fmax,
                                  accum->u_min, accum->check_start };
  return filter;
}

/* Add the kept points of the kernels' arrays to the histogram, in
   order, runs of points in one cell summed first. */
static void
add_points(const HrStreamAccum* accum, Pending* pending, int n)
{
  const HrPointsOut* points = accum->per_point;
  for (int j = 0; j < n; ++j) {
    if (!points->keep[j]) {
      continue;
    }
    const int64_t col = column_of(accum, points->u[j]);
    const int     row = hr_stream_rows_row(accum->rows, points->f[j]);
    if (col == pending->col && row == pending->row) {
      pending->n += 1.0;
      pending->energy += points->e[j];
    } else {
      pending_flush(accum, pending, col, row, 1.0, points->e[j]);
    }
  }
}

void
hr_stream_accum_run(const HrStreamAccum* accum,
                    const HrStreamPoint* points,
                    int                  n_points)
{
  Pending pending = { 0, -1, 0.0, 0.0 };
  if (accum->step <= HR_STREAM_SHORT_SEGMENT) {
    /* Short segments: point by point (cheaper than splitting them). */
    const HrPointsFilter filter = points_filter(accum, 0.0f);
    const int            n      = (n_points - 1) * accum->step;
    accum->kernels->interp(
      &filter, points, n_points, accum->step, accum->u_first, accum->per_point);
    add_points(accum, &pending, n);
  } else {
    /* Longer segments in closed form: the kernel finds each one's kept
       samples and lines, add_pieces() splits them into cells. */
    const HrPointsFilter filter     = points_filter(accum, 0.0f);
    const int            n_segments = n_points - 1;
    const HrSegmentsOut  segments =
      hr_points_segments_view(accum->per_point, n_segments);
    accum->kernels->segments(
      &filter, points, n_points, accum->step, accum->u_first, &segments);
    for (int i = 0; i < n_segments; ++i) {
      const Range range = { (int)segments.first[i], (int)segments.last[i] };
      if (range.first > range.last) {
        continue;
      }
      const Line f = { segments.f0[i], segments.df[i] };
      const Line u = { segments.u0[i], segments.du[i] };
      const Line e = { segments.e0[i], segments.de[i] };
      add_pieces(accum, &pending, f, u, e, range);
    }
  }
  pending_flush(accum, &pending, -1, -1, 0.0, 0.0);
}

void
hr_stream_accum_direct(const HrStreamAccum* accum,
                       const float*         xi,
                       const float*         eta,
                       int                  n,
                       float                floor)
{
  Pending              pending = { 0, -1, 0.0, 0.0 };
  const HrPointsFilter filter  = points_filter(accum, floor);
  accum->kernels->direct(&filter, xi, eta, n, accum->u_first, accum->per_point);
  add_points(accum, &pending, n);
  pending_flush(accum, &pending, -1, -1, 0.0, 0.0);
}
