/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_stream_cols.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The first columns hold the onset of the input after the silence
   assumed before it: the longest filters pile its points up there
   (measured: counts up to 2.8 times the steady maximum, within 4 time
   stds of the start). They must not set the floor for seconds. */
#define WARMUP_STDS 4.0

/* Columns of the running max: floor_window samples, 1 .. 1e7. */
static int
window_columns(double floor_window, int tdeci)
{
  const double window =
    isfinite(floor_window) ? ceil(floor_window / tdeci) : 1.0;
  return window < 1.0 ? 1 : window > 1e7 ? 10000000 : (int)window;
}

HrStatus
hr_stream_cols_init(HrStreamCols* cols,
                    int           rows,
                    int           min_slots,
                    int           tdeci,
                    double        floor_window,
                    double        longest_std)
{
  const int     window = window_columns(floor_window, tdeci);
  const int64_t warmup = (int64_t)(WARMUP_STDS * longest_std / tdeci);
  memset(cols, 0, sizeof(*cols));
  int n_slots = 1;
  while (n_slots < min_slots) {
    n_slots *= 2;
  }
  const size_t cells = (size_t)n_slots * (size_t)rows;
  cols->rows         = rows;
  cols->n_slots      = n_slots;
  cols->window       = window < 1 ? 1 : window;
  cols->warmup       = warmup;
  cols->energy       = malloc(cells * sizeof(float));
  cols->count        = malloc(cells * sizeof(float));
  cols->max_index    = malloc((size_t)cols->window * sizeof(int64_t));
  cols->max_value    = malloc((size_t)cols->window * sizeof(float));
  if (!cols->energy || !cols->count || !cols->max_index || !cols->max_value) {
    hr_stream_cols_free(cols);
    return HR_ERR_NO_MEMORY;
  }
  hr_stream_cols_reset(cols);
  return HR_SUCCESS;
}

void
hr_stream_cols_free(HrStreamCols* cols)
{
  free(cols->energy);
  free(cols->count);
  free(cols->max_index);
  free(cols->max_value);
  memset(cols, 0, sizeof(*cols));
}

size_t
hr_stream_cols_memory(const HrStreamCols* cols)
{
  return 2 * (size_t)cols->n_slots * (size_t)cols->rows * sizeof(float) +
         (size_t)cols->window * (sizeof(int64_t) + sizeof(float));
}

void
hr_stream_cols_reset(HrStreamCols* cols)
{
  const size_t cells = (size_t)cols->n_slots * (size_t)cols->rows;
  memset(cols->energy, 0, cells * sizeof(float));
  memset(cols->count, 0, cells * sizeof(float));
  cols->next_out   = 0;
  cols->next_final = 0;
  cols->open_end   = cols->n_slots; /* every slot starts zeroed */
  cols->dropped    = 0;
  cols->max_head   = 0;
  cols->max_len    = 0;
}

void
hr_stream_cols_open(HrStreamCols* cols, int64_t end)
{
  for (int64_t k = cols->open_end; k < end; ++k) {
    const int64_t evicted = k - cols->n_slots;
    if (evicted >= cols->next_out) {
      cols->dropped += evicted + 1 - cols->next_out;
      cols->next_out = evicted + 1;
    }
    const size_t start = (size_t)(k & (cols->n_slots - 1)) * (size_t)cols->rows;
    memset(cols->energy + start, 0, (size_t)cols->rows * sizeof(float));
    memset(cols->count + start, 0, (size_t)cols->rows * sizeof(float));
  }
  if (end > cols->open_end) {
    cols->open_end = end;
  }
}

/* Push column k's largest count and return the largest count of the
   last `window` columns (a monotonic queue). */
static float
running_max(HrStreamCols* cols, int64_t k, float value)
{
  const int window = cols->window;
  while (cols->max_len > 0) {
    const int back = (cols->max_head + cols->max_len - 1) % window;
    if (cols->max_value[back] > value) {
      break;
    }
    --cols->max_len;
  }
  if (cols->max_len > 0 && cols->max_index[cols->max_head] <= k - window) {
    cols->max_head = (cols->max_head + 1) % window;
    --cols->max_len;
  }
  const int slot        = (cols->max_head + cols->max_len) % window;
  cols->max_index[slot] = k;
  cols->max_value[slot] = value;
  ++cols->max_len;
  return cols->max_value[cols->max_head];
}

void
hr_stream_cols_finish(HrStreamCols* cols, int64_t end)
{
  hr_stream_cols_open(cols, end);
  for (int64_t k = cols->next_final; k < end && !cols->skip_floor; ++k) {
    const size_t start = (size_t)(k & (cols->n_slots - 1)) * (size_t)cols->rows;
    float*       energy  = cols->energy + start;
    const float* count   = cols->count + start;
    float        largest = 0.0f;
    for (int r = 0; r < cols->rows; ++r) {
      largest = count[r] > largest ? count[r] : largest;
    }
    const float largest_run =
      running_max(cols, k, k < cols->warmup ? 0.0f : largest);
    const float threshold =
      sqrtf(largest_run > largest || k >= cols->warmup ? largest_run : largest);
    for (int r = 0; r < cols->rows; ++r) {
      if (count[r] < threshold) {
        energy[r] = 0.0f;
      }
    }
  }
  if (end > cols->next_final) {
    cols->next_final = end;
  }
}

int
hr_stream_cols_take(HrStreamCols* cols, int64_t limit, HrColumn* column)
{
  const int64_t k = cols->next_out;
  if (k >= cols->next_final || k >= limit) {
    return 0;
  }
  const size_t start = (size_t)(k & (cols->n_slots - 1)) * (size_t)cols->rows;
  column->index      = k;
  column->rows       = cols->rows;
  column->energy     = cols->energy + start;
  column->count      = cols->count + start;
  cols->next_out     = k + 1;
  return 1;
}
