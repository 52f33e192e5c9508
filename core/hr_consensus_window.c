/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_consensus_window.h"

#include <stdlib.h>
#include <string.h>

HrStatus
hr_consensus_window_init(HrConsensusWindow* window,
                         int                rows,
                         int                half_rows,
                         int                half_cols)
{
  memset(window, 0, sizeof(*window));
  window->rows      = rows;
  window->half_rows = half_rows < 0 ? 0 : half_rows;
  window->width     = 2 * (half_cols < 0 ? 0 : half_cols) + 1;
  window->ring =
    malloc((size_t)window->width * 2 * (size_t)rows * sizeof(double));
  window->sums   = malloc(2 * (size_t)rows * sizeof(double));
  window->prefix = malloc(((size_t)rows + 1) * sizeof(double));
  if (!window->ring || !window->sums || !window->prefix) {
    hr_consensus_window_free(window);
    return HR_ERR_NO_MEMORY;
  }
  hr_consensus_window_reset(window);
  return HR_SUCCESS;
}

void
hr_consensus_window_free(HrConsensusWindow* window)
{
  free(window->ring);
  free(window->sums);
  free(window->prefix);
  memset(window, 0, sizeof(*window));
}

size_t
hr_consensus_window_memory(const HrConsensusWindow* window)
{
  return ((size_t)window->width * 2 + 2) * (size_t)window->rows *
           sizeof(double) +
         ((size_t)window->rows + 1) * sizeof(double);
}

void
hr_consensus_window_reset(HrConsensusWindow* window)
{
  const size_t rows = (size_t)window->rows;
  memset(window->ring, 0, (size_t)window->width * 2 * rows * sizeof(double));
  memset(window->sums, 0, 2 * rows * sizeof(double));
  window->pushed = 0;
}

/* out[r] = the sum of values[r - half_rows .. r + half_rows] (rows outside
   the picture count as zero), through prefix sums. */
static void
row_window_sums(HrConsensusWindow* window, double* out)
{
  const int rows   = window->rows;
  const int half   = window->half_rows;
  double*   prefix = window->prefix;
  for (int r = 0; r < rows; ++r) {
    prefix[r + 1] += prefix[r];
  }
  for (int r = 0; r < rows; ++r) {
    const int low  = r - half < 0 ? 0 : r - half;
    const int high = r + half + 1 > rows ? rows : r + half + 1;
    out[r]         = prefix[high] - prefix[low];
  }
}

/* The column's row-window sums of min(a, b) and of (a + b) / 2. */
static void
column_sums(HrConsensusWindow* window,
            const double*      a,
            const double*      b,
            double*            out)
{
  const int rows    = window->rows;
  window->prefix[0] = 0.0;
  for (int r = 0; r < rows; ++r) {
    const double x        = a ? a[r] : 0.0;
    const double y        = b ? b[r] : 0.0;
    window->prefix[r + 1] = x < y ? x : y;
  }
  row_window_sums(window, out);
  window->prefix[0] = 0.0;
  for (int r = 0; r < rows; ++r) {
    window->prefix[r + 1] = 0.5 * ((a ? a[r] : 0.0) + (b ? b[r] : 0.0));
  }
  row_window_sums(window, out + rows);
}

/* Running sums drift by rounding; once per turn of the ring they are
   summed afresh, at the same columns in exact and streaming mode. */
static void
resum(HrConsensusWindow* window)
{
  const size_t values = 2 * (size_t)window->rows;
  memset(window->sums, 0, values * sizeof(double));
  for (int slot = 0; slot < window->width; ++slot) {
    const double* column = window->ring + (size_t)slot * values;
    for (size_t i = 0; i < values; ++i) {
      window->sums[i] += column[i];
    }
  }
}

void
hr_consensus_window_push(HrConsensusWindow* window,
                         const double*      a,
                         const double*      b)
{
  const size_t values = 2 * (size_t)window->rows;
  const int    slot   = (int)(window->pushed % window->width);
  double*      column = window->ring + (size_t)slot * values;
  for (size_t i = 0; i < values; ++i) {
    window->sums[i] -= column[i];
  }
  column_sums(window, a, b, column);
  ++window->pushed;
  if (slot == window->width - 1) {
    resum(window);
    return;
  }
  for (size_t i = 0; i < values; ++i) {
    window->sums[i] += column[i];
  }
}
