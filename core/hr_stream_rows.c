/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_stream_rows.h"

#include <math.h>
#include <stdlib.h>

static uint64_t
bits_of(double f)
{
  uint64_t bits = 0;
  memcpy(&bits, &f, sizeof(bits));
  return bits;
}

static double
double_of(uint64_t bits)
{
  double f = 0.0;
  memcpy(&f, &bits, sizeof(f));
  return f;
}

/* Smallest double f >= 0 with freq_row(f) <= row, by bisection over the
   (monotonic) bit patterns of positive doubles. */
static double
row_low_edge(const HrParams* params, int row)
{
  double low  = hr_params_row_freq(params, row + 1);
  double high = hr_params_row_freq(params, row);
  while (low > 0.0 && hr_params_freq_row(params, low) <= row) {
    low *= 0.5;
  }
  while (hr_params_freq_row(params, high) > row) {
    high *= 1.5;
  }
  uint64_t below = bits_of(low > 0.0 ? low : 0.0);
  uint64_t above = bits_of(high);
  while (above - below > 1) {
    const uint64_t middle = below + (above - below) / 2;
    if (hr_params_freq_row(params, double_of(middle)) <= row) {
      above = middle;
    } else {
      below = middle;
    }
  }
  return double_of(above);
}

/* Row of f by the edges alone (any f >= 0). */
static int
row_by_edges(const HrStreamRows* map, double f)
{
  int row = 0;
  while (row < map->rows - 1 && f < map->low[row]) {
    ++row;
  }
  return row;
}

/* Fill the bucket table for `shift`; 0 if a bucket holds two edges. */
static int
fill_buckets(HrStreamRows* map)
{
  for (int b = 0; b < map->n_guess; ++b) {
    const uint64_t first  = (map->first_bucket + (uint64_t)b) << map->shift;
    const uint64_t last   = first + (((uint64_t)1 << map->shift) - 1);
    const int      top    = row_by_edges(map, double_of(last));
    const int      bottom = row_by_edges(map, double_of(first));
    map->guess[b]         = top;
    map->edge[b]          = bottom == top ? -HUGE_VAL : map->low[top];
    if (bottom > top + 1) {
      return 0;
    }
  }
  return 1;
}

/* Bucket table over [fmin, fmax] (log scale): buckets narrow enough that
   each holds at most one row edge. */
static HrStatus
init_guess(HrStreamRows* map, const HrParams* params)
{
  const double row_ratio = pow(2.0, 1.0 / params->noct) - 1.0;
  int          shift     = 52 - (int)ceil(log2(2.0 / row_ratio));
  for (shift = shift < 0 ? 0 : shift;; --shift) {
    map->shift          = shift;
    map->first_bucket   = bits_of(params->fmin) >> shift;
    const uint64_t last = bits_of(params->fmax) >> shift;
    if (last - map->first_bucket + 1 > (1u << 24)) {
      return HR_ERR_TOO_LARGE;
    }
    map->n_guess = (int)(last - map->first_bucket + 1);
    free(map->guess);
    free(map->edge);
    map->guess = malloc((size_t)map->n_guess * sizeof(int));
    map->edge  = malloc((size_t)map->n_guess * sizeof(double));
    if (!map->guess || !map->edge) {
      return HR_ERR_NO_MEMORY;
    }
    if (fill_buckets(map) || shift == 0) {
      return HR_SUCCESS;
    }
  }
}

HrStatus
hr_stream_rows_init(HrStreamRows* map, const HrParams* params)
{
  memset(map, 0, sizeof(*map));
  map->rows = hr_params_rows(params);
  map->low  = malloc((size_t)map->rows * sizeof(double));
  if (!map->low) {
    return HR_ERR_NO_MEMORY;
  }
  for (int r = 0; r + 1 < map->rows; ++r) {
    map->low[r] = row_low_edge(params, r);
  }
  map->low[map->rows - 1] = 0.0;
  if (params->scale == HR_SCALE_LIN) {
    map->fmax     = params->fmax;
    map->inv_step = (params->ndiv - 1) / (params->fmax - params->fmin);
    return HR_SUCCESS;
  }
  HrStatus status = init_guess(map, params);
  if (status != HR_SUCCESS) {
    hr_stream_rows_free(map);
  }
  return status;
}

void
hr_stream_rows_free(HrStreamRows* map)
{
  free(map->low);
  free(map->guess);
  free(map->edge);
  map->low     = NULL;
  map->guess   = NULL;
  map->edge    = NULL;
  map->n_guess = 0;
}

size_t
hr_stream_rows_memory(const HrStreamRows* map)
{
  return (size_t)map->rows * sizeof(double) +
         (size_t)map->n_guess * (sizeof(int) + sizeof(double));
}
