/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "col_ring.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

HrRing*
hr_ring_new(int rows, int capacity, int group)
{
  if (rows < 1 || capacity < 1 || group < 1) {
    return NULL;
  }
  HrRing* ring = (HrRing*)calloc(1, sizeof(HrRing));
  if (!ring) {
    return NULL;
  }
  ring->rows      = rows;
  ring->capacity  = capacity;
  ring->group     = group;
  ring->cells     = (float*)calloc((size_t)rows * capacity, sizeof(float));
  ring->hits      = (float*)calloc((size_t)rows * capacity, sizeof(float));
  ring->flags     = (uint8_t*)calloc((size_t)capacity, 1);
  ring->transport = (double*)calloc((size_t)capacity, sizeof(double));
  if (!ring->cells || !ring->hits || !ring->flags || !ring->transport) {
    hr_ring_free(ring);
    return NULL;
  }
  hr_ring_reset(ring);
  return ring;
}

void
hr_ring_free(HrRing* ring)
{
  if (ring) {
    free(ring->cells);
    free(ring->hits);
    free(ring->flags);
    free(ring->transport);
    free(ring);
  }
}

void
hr_ring_reset(HrRing* ring)
{
  ring->head        = 0;
  ring->tail        = 0;
  ring->next_column = -1;
  ring->keep_from   = INT64_MAX;
}

static size_t
index_of(const HrRing* ring, int64_t slot)
{
  return (size_t)(slot % ring->capacity);
}

static void
clear_slot(HrRing* ring, int64_t slot)
{
  const size_t i = index_of(ring, slot);
  memset(ring->cells + i * ring->rows, 0, (size_t)ring->rows * sizeof(float));
  memset(ring->hits + i * ring->rows, 0, (size_t)ring->rows * sizeof(float));
  ring->flags[i]     = 0;
  ring->transport[i] = NAN;
}

/* Make `slot` the newest slot, clearing the slots that become new. */
static void
advance_to(HrRing* ring, int64_t slot)
{
  if (ring->head == ring->tail) { /* empty: start at this slot */
    ring->tail = ring->head = slot;
  }
  int64_t from = ring->head;
  if (slot + 1 - from > ring->capacity) {
    from = slot + 1 - ring->capacity;
  }
  for (int64_t s = from; s <= slot; ++s) {
    clear_slot(ring, s);
  }
  ring->head = slot + 1;
  if (ring->head - ring->tail > ring->capacity) {
    ring->tail = ring->head - ring->capacity;
  }
}

/* Mark the slots of the lost columns [first, end) that the ring holds. */
static void
mark_gap(HrRing* ring, int64_t first, int64_t end)
{
  int64_t s    = first / ring->group;
  int64_t last = (end - 1) / ring->group;
  s            = s < ring->tail ? ring->tail : s;
  last         = last >= ring->head ? ring->head - 1 : last;
  for (; s <= last; ++s) {
    ring->flags[index_of(ring, s)] |= HR_SLOT_GAP;
  }
}

HrRingResult
hr_ring_add(HrRing*        ring,
            int64_t        number,
            int            n_cells,
            const int32_t* rows,
            const float*   energy,
            const float*   hits)
{
  if (number < 0 || number > HR_RING_MAX_COLUMN ||
      (ring->next_column >= 0 && number < ring->next_column)) {
    return HR_RING_OLD;
  }
  const int64_t slot = number / ring->group;
  if (slot >= ring->head && slot + 1 - ring->capacity > ring->keep_from &&
      ring->head != ring->tail) {
    return HR_RING_HELD;
  }
  if (slot >= ring->head) {
    advance_to(ring, slot);
  }
  if (ring->next_column >= 0 && number > ring->next_column) {
    mark_gap(ring, ring->next_column, number);
  }
  const size_t i      = index_of(ring, slot);
  float*       column = ring->cells + i * ring->rows;
  float*       counts = ring->hits + i * ring->rows;
  for (int k = 0; k < n_cells; ++k) {
    const int32_t row = rows[k];
    if (row < 0 || row >= ring->rows) {
      continue;
    }
    if (energy[k] > column[row]) {
      column[row] = energy[k];
    }
    if (hits && hits[k] > counts[row]) {
      counts[row] = hits[k];
    }
  }
  ring->flags[i] |= HR_SLOT_DATA;
  ring->next_column = number + 1;
  return HR_RING_ADDED;
}

int64_t
hr_ring_complete(const HrRing* ring)
{
  if (ring->next_column < 0) {
    return ring->head;
  }
  const int64_t done = ring->next_column / ring->group;
  return done < ring->head ? done : ring->head;
}

const float*
hr_ring_column(const HrRing* ring, int64_t slot)
{
  if (slot < ring->tail || slot >= ring->head) {
    return NULL;
  }
  return ring->cells + index_of(ring, slot) * ring->rows;
}

const float*
hr_ring_hits(const HrRing* ring, int64_t slot)
{
  if (slot < ring->tail || slot >= ring->head) {
    return NULL;
  }
  return ring->hits + index_of(ring, slot) * ring->rows;
}

unsigned
hr_ring_flags(const HrRing* ring, int64_t slot)
{
  if (slot < ring->tail || slot >= ring->head) {
    return 0;
  }
  return ring->flags[index_of(ring, slot)];
}

void
hr_ring_keep_from(HrRing* ring, int64_t slot)
{
  ring->keep_from = slot;
}

void
hr_ring_set_transport(HrRing* ring,
                      int64_t number,
                      double  frame,
                      double  column_frames)
{
  const int64_t slot = number / ring->group;
  if (isnan(frame) || slot < ring->tail || slot >= ring->head) {
    return;
  }
  double* kept = &ring->transport[index_of(ring, slot)];
  if (isnan(*kept)) {
    *kept = frame - (double)(number - slot * ring->group) * column_frames;
  }
}

double
hr_ring_transport(const HrRing* ring, int64_t slot)
{
  if (slot < ring->tail || slot >= ring->head) {
    return NAN;
  }
  return ring->transport[index_of(ring, slot)];
}
