/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "thumbnail.h"

#include <stdlib.h>
#include <string.h>

struct HrThumbnailImpl {
  HrThumbColumn columns[HR_THUMB_COLUMNS]; /* number m in slot m % size */

  /* Shared (atomic): numbers below `published` are finished; `started`
     is one past the highest number whose slot was (re)started. */
  int64_t published;
  int64_t started;

  /* The producer's own */
  HrThumbFormat format;
  int           rows; /* thumbnail rows: min(format.rows, HR_THUMB_ROWS) */
  uint32_t      generation;
  int64_t       epoch_column; /* analyser column where epoch_number starts */
  int64_t       epoch_number;
  int64_t next[HR_THUMB_MAX_STREAMS]; /* next analyser column of a stream */
};

HrThumbnail*
hr_thumb_new(void)
{
  HrThumbnail* thumb = (HrThumbnail*)calloc(1, sizeof(HrThumbnail));
  if (thumb) {
    for (uint32_t i = 0; i < HR_THUMB_COLUMNS; ++i) {
      thumb->columns[i].number = -1;
    }
  }
  return thumb;
}

void
hr_thumb_free(HrThumbnail* thumb)
{
  free(thumb);
}

static bool
same_geometry(const HrThumbFormat* a, const HrThumbFormat* b)
{
  return a->rows == b->rows && a->fmin == b->fmin && a->fmax == b->fmax &&
         a->noct == b->noct && a->scale == b->scale;
}

static void
publish(HrThumbnail* thumb, int64_t end)
{
  if (end > thumb->published) {
    __atomic_store_n(&thumb->published, end, __ATOMIC_RELEASE);
  }
}

void
hr_thumb_restart(HrThumbnail*         thumb,
                 const HrThumbFormat* format,
                 int64_t              first_column)
{
  publish(thumb, thumb->started);
  if (!same_geometry(format, &thumb->format)) {
    ++thumb->generation;
  }
  thumb->format = *format;
  if (thumb->format.per_column < 1) {
    thumb->format.per_column = 1;
  }
  if (thumb->format.n_streams < 1 ||
      thumb->format.n_streams > HR_THUMB_MAX_STREAMS) {
    thumb->format.rows = 0; /* nothing to show */
  }
  if (thumb->format.rows < 0) {
    thumb->format.rows = 0;
  }
  thumb->rows =
    thumb->format.rows < HR_THUMB_ROWS ? thumb->format.rows : HR_THUMB_ROWS;
  thumb->epoch_column = first_column;
  thumb->epoch_number = thumb->started;
  for (uint32_t s = 0; s < HR_THUMB_MAX_STREAMS; ++s) {
    thumb->next[s] = first_column;
  }
}

/* The thumbnail column analyser column `column` (>= epoch_column) is in. */
static int64_t
number_of(const HrThumbnail* thumb, int64_t column)
{
  return thumb->epoch_number +
         (column - thumb->epoch_column) / thumb->format.per_column;
}

/* Announce, then clear, slot `number`: a reader copying the number that
   lived there before sees `started` past it and drops its copy. */
static void
start_column(HrThumbnail* thumb, int64_t number)
{
  __atomic_store_n(&thumb->started, number + 1, __ATOMIC_RELAXED);
  __atomic_thread_fence(__ATOMIC_RELEASE);
  HrThumbColumn* column = &thumb->columns[number % HR_THUMB_COLUMNS];
  column->number        = number;
  column->generation    = thumb->generation;
  column->rows          = thumb->rows;
  column->peak          = 0.0f;
  memset(column->value, 0, sizeof(column->value));
}

/* Start every column up to `number`; a gap of more than the ring is
   skipped (those numbers are never made). */
static void
start_up_to(HrThumbnail* thumb, int64_t number)
{
  int64_t first =
    thumb->started > thumb->published ? thumb->started : thumb->published;
  if (number - first >= HR_THUMB_COLUMNS) {
    first = number - HR_THUMB_COLUMNS + 1;
  }
  for (int64_t m = first; m <= number; ++m) {
    start_column(thumb, m);
  }
}

static void
merge(HrThumbColumn* column, const float* energy, int rows)
{
  const int64_t out_rows = column->rows;
  float         peak     = column->peak;
  for (int r = 0; r < rows; ++r) {
    const int   t = (int)((int64_t)r * out_rows / rows);
    const float v = energy[r];
    if (v > column->value[t]) {
      column->value[t] = v;
      peak             = v > peak ? v : peak;
    }
  }
  column->peak = peak;
}

void
hr_thumb_add(HrThumbnail* thumb,
             uint32_t     stream,
             int64_t      number,
             const float* energy,
             int          rows)
{
  if (stream >= thumb->format.n_streams || rows <= 0 ||
      rows != thumb->format.rows || number < thumb->next[stream]) {
    return;
  }
  thumb->next[stream] = number + 1;
  const int64_t m     = number_of(thumb, number);
  if (m < thumb->published) {
    return;
  }
  if (m >= thumb->started) {
    start_up_to(thumb, m);
  }
  HrThumbColumn* column = &thumb->columns[m % HR_THUMB_COLUMNS];
  if (column->number == m) {
    merge(column, energy, rows);
  }
}

void
hr_thumb_commit(HrThumbnail* thumb)
{
  if (thumb->format.rows <= 0) {
    return;
  }
  int64_t done = thumb->started;
  for (uint32_t s = 0; s < thumb->format.n_streams; ++s) {
    const int64_t finished = number_of(thumb, thumb->next[s]);
    done                   = finished < done ? finished : done;
  }
  /* A channel that lags far behind holds up no more than half the ring. */
  if (done < thumb->started - HR_THUMB_COLUMNS / 2) {
    done = thumb->started - HR_THUMB_COLUMNS / 2;
  }
  publish(thumb, done);
}

int64_t
hr_thumb_published(const HrThumbnail* thumb)
{
  return __atomic_load_n(&thumb->published, __ATOMIC_ACQUIRE);
}

void
hr_thumb_snapshot(const HrThumbnail* thumb,
                  int64_t            first,
                  uint32_t           count,
                  HrThumbColumn*     out)
{
  const int64_t published =
    __atomic_load_n(&thumb->published, __ATOMIC_ACQUIRE);
  for (uint32_t i = 0; i < count; ++i) {
    const int64_t m = first + i;
    if (m >= 0 && m < published) {
      out[i] = thumb->columns[m % HR_THUMB_COLUMNS];
    } else {
      out[i].number = -1;
    }
  }
  __atomic_thread_fence(__ATOMIC_ACQUIRE);
  const int64_t started = __atomic_load_n(&thumb->started, __ATOMIC_RELAXED);
  for (uint32_t i = 0; i < count; ++i) {
    const int64_t m = first + i;
    if (out[i].number != m || m + HR_THUMB_COLUMNS < started ||
        out[i].rows < 1 || out[i].rows > HR_THUMB_ROWS) {
      out[i].number = -1;
    }
  }
}
