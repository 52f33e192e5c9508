/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_consensus_window.h"

#include <stdlib.h>
#include <string.h>

static size_t
padded_rows(const HrConsensusWindow* window)
{
  return (size_t)window->rows + 2 * (size_t)window->half_rows;
}

static size_t
scratch_values(const HrConsensusWindow* window)
{
  return 3 * padded_rows(window) + 2 * (size_t)window->rows;
}

HrStatus
hr_consensus_window_init(HrConsensusWindow* window,
                         int                rows,
                         int                half_rows,
                         int                half_cols)
{
  memset(window, 0, sizeof(*window));
  window->rows        = rows;
  window->half_rows   = half_rows < 0 ? 0 : half_rows;
  window->width       = 2 * (half_cols < 0 ? 0 : half_cols) + 1;
  const size_t values = 2 * (size_t)rows;
  window->block       = malloc((size_t)window->width * values * sizeof(double));
  window->prefix      = malloc(values * sizeof(double));
  window->sums        = malloc(values * sizeof(double));
  window->scratch     = malloc(scratch_values(window) * sizeof(double));
  if (!window->block || !window->prefix || !window->sums || !window->scratch) {
    hr_consensus_window_free(window);
    return HR_ERR_NO_MEMORY;
  }
  hr_consensus_window_reset(window);
  return HR_SUCCESS;
}

void
hr_consensus_window_free(HrConsensusWindow* window)
{
  free(window->block);
  free(window->prefix);
  free(window->sums);
  free(window->scratch);
  memset(window, 0, sizeof(*window));
}

size_t
hr_consensus_window_memory(const HrConsensusWindow* window)
{
  const size_t values = 2 * (size_t)window->rows;
  return ((size_t)window->width * values + 2 * values +
          scratch_values(window)) *
         sizeof(double);
}

void
hr_consensus_window_reset(HrConsensusWindow* window)
{
  const size_t values = 2 * (size_t)window->rows;
  memset(window->block, 0, (size_t)window->width * values * sizeof(double));
  memset(window->prefix, 0, values * sizeof(double));
  memset(window->sums, 0, values * sizeof(double));
  window->pushed = 0;
}

/* out[r] = the sum of `padded`[r .. r + 2 half_rows] (the column padded
   with half_rows zeros at both ends): a suffix sum of one block of the
   window's length plus a prefix sum of the next. */
static void
row_window_sums(HrConsensusWindow* window, const double* padded, double* out)
{
  const int n      = (int)padded_rows(window);
  const int length = 2 * window->half_rows + 1;
  double*   before = window->scratch + n; /* prefix sums within blocks */
  double*   after  = before + n;          /* suffix sums within blocks */
  for (int i = 0; i < n; ++i) {
    before[i] = i % length == 0 ? padded[i] : before[i - 1] + padded[i];
  }
  for (int i = n - 1; i >= 0; --i) {
    const int last = i % length == length - 1 || i == n - 1;
    after[i]       = last ? padded[i] : padded[i] + after[i + 1];
  }
  for (int r = 0; r < window->rows; ++r) {
    const double end = before[r + length - 1];
    out[r]           = r % length == 0 ? end : after[r] + end;
  }
}

/* Into `column`: the row-window sums of min(a, b) (rows values), then of
   (a + b) / 2. */
static void
column_sums(HrConsensusWindow* window,
            const double*      a,
            const double*      b,
            double*            column)
{
  const int rows   = window->rows;
  double*   padded = window->scratch;
  memset(padded, 0, padded_rows(window) * sizeof(double));
  for (int r = 0; r < rows; ++r) {
    const double x                = a ? a[r] : 0.0;
    const double y                = b ? b[r] : 0.0;
    padded[window->half_rows + r] = x < y ? x : y;
  }
  row_window_sums(window, padded, column);
  for (int r = 0; r < rows; ++r) {
    padded[window->half_rows + r] = 0.5 * ((a ? a[r] : 0.0) + (b ? b[r] : 0.0));
  }
  row_window_sums(window, padded, column + rows);
}

void
hr_consensus_window_push(HrConsensusWindow* window,
                         const double*      a,
                         const double*      b)
{
  const size_t values = 2 * (size_t)window->rows;
  const int    offset = (int)(window->pushed % window->width);
  double*      column = window->scratch + 3 * padded_rows(window);
  column_sums(window, a, b, column);
  for (size_t i = 0; i < values; ++i) {
    window->prefix[i] = offset == 0 ? column[i] : window->prefix[i] + column[i];
  }
  /* The window: this block so far plus the rest of the block before. */
  const double* rest =
    offset + 1 < window->width ? window->block + (offset + 1) * values : NULL;
  for (size_t i = 0; i < values; ++i) {
    window->sums[i] = rest ? rest[i] + window->prefix[i] : window->prefix[i];
  }
  memcpy(window->block + offset * values, column, values * sizeof(double));
  ++window->pushed;
  if (offset + 1 == window->width) {
    /* The block is full: its suffix sums, for the windows of the next. */
    for (int slot = window->width - 2; slot >= 0; --slot) {
      double*       sum  = window->block + slot * values;
      const double* next = sum + values;
      for (size_t i = 0; i < values; ++i) {
        sum[i] += next[i];
      }
    }
  }
}
