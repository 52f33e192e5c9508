/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "column_queue.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

typedef struct {
  int64_t  number;
  double   transport; /* transport frame of its audio, NAN: none */
  uint32_t start;     /* index of its first cell in the cell ring */
  uint32_t n_cells;   /* cells, contiguous modulo max_cells */
} Entry;

struct HrColumnQueueImpl {
  uint32_t max_columns;
  uint32_t max_cells;
  uint32_t head;       /* oldest entry */
  uint32_t length;     /* entries in use */
  uint32_t cell_head;  /* first cell of the oldest entry */
  uint32_t cells_used; /* cells in use */
  Entry*   entries;
  int32_t* rows;
  float*   energies;
  float*   hits;
};

HrColumnQueue*
hr_column_queue_new(uint32_t max_columns, uint32_t max_cells)
{
  if (max_columns == 0 || max_cells == 0) {
    return NULL;
  }
  HrColumnQueue* queue = (HrColumnQueue*)calloc(1, sizeof(HrColumnQueue));
  if (!queue) {
    return NULL;
  }
  queue->max_columns = max_columns;
  queue->max_cells   = max_cells;
  queue->entries     = (Entry*)calloc(max_columns, sizeof(Entry));
  queue->rows        = (int32_t*)calloc(max_cells, sizeof(int32_t));
  queue->energies    = (float*)calloc(max_cells, sizeof(float));
  queue->hits        = (float*)calloc(max_cells, sizeof(float));
  if (!queue->entries || !queue->rows || !queue->energies || !queue->hits) {
    hr_column_queue_free(queue);
    return NULL;
  }
  return queue;
}

void
hr_column_queue_free(HrColumnQueue* queue)
{
  if (queue) {
    free(queue->entries);
    free(queue->rows);
    free(queue->energies);
    free(queue->hits);
    free(queue);
  }
}

uint32_t
hr_column_queue_clear(HrColumnQueue* queue)
{
  const uint32_t removed = queue->length;
  queue->head            = 0;
  queue->length          = 0;
  queue->cell_head       = 0;
  queue->cells_used      = 0;
  return removed;
}

static const Entry*
entry_at(const HrColumnQueue* queue, uint32_t index)
{
  return &queue->entries[(queue->head + index) % queue->max_columns];
}

void
hr_column_queue_pop(HrColumnQueue* queue, uint32_t n_columns)
{
  if (n_columns >= queue->length) {
    hr_column_queue_clear(queue);
    return;
  }
  for (uint32_t i = 0; i < n_columns; ++i) {
    const Entry* oldest = entry_at(queue, 0);
    queue->cell_head = (queue->cell_head + oldest->n_cells) % queue->max_cells;
    queue->cells_used -= oldest->n_cells;
    queue->head = (queue->head + 1) % queue->max_columns;
    --queue->length;
  }
}

/* A cell worth sending: positive and finite. */
static int
is_cell(float energy)
{
  return energy > 0.0f && energy <= FLT_MAX;
}

uint32_t
hr_column_queue_push(HrColumnQueue* queue,
                     int64_t        number,
                     const float*   energy,
                     const float*   count,
                     int            rows)
{
  return hr_column_queue_push_at(queue, number, NAN, energy, count, rows);
}

uint32_t
hr_column_queue_push_at(HrColumnQueue* queue,
                        int64_t        number,
                        double         transport,
                        const float*   energy,
                        const float*   count,
                        int            rows)
{
  uint32_t n_cells = 0;
  for (int row = 0; row < rows; ++row) {
    n_cells += (uint32_t)is_cell(energy[row]);
  }
  if (n_cells > queue->max_cells) {
    return 1;
  }
  uint32_t dropped = 0;
  while (queue->length == queue->max_columns ||
         queue->max_cells - queue->cells_used < n_cells) {
    hr_column_queue_pop(queue, 1);
    ++dropped;
  }
  Entry* entry =
    &queue->entries[(queue->head + queue->length) % queue->max_columns];
  entry->number    = number;
  entry->transport = transport;
  entry->n_cells   = n_cells;
  entry->start     = (queue->cell_head + queue->cells_used) % queue->max_cells;
  uint32_t cell    = entry->start;
  for (int row = 0; row < rows; ++row) {
    if (is_cell(energy[row])) {
      queue->rows[cell]     = row;
      queue->energies[cell] = energy[row];
      queue->hits[cell]     = count[row];
      cell                  = cell + 1 == queue->max_cells ? 0 : cell + 1;
    }
  }
  queue->cells_used += n_cells;
  ++queue->length;
  return dropped;
}

uint32_t
hr_column_queue_length(const HrColumnQueue* queue)
{
  return queue->length;
}

int64_t
hr_column_queue_number(const HrColumnQueue* queue, uint32_t index)
{
  return index < queue->length ? entry_at(queue, index)->number : 0;
}

uint32_t
hr_column_queue_cells(const HrColumnQueue* queue, uint32_t index)
{
  return index < queue->length ? entry_at(queue, index)->n_cells : 0;
}

void
hr_column_queue_copy(const HrColumnQueue* queue,
                     uint32_t             n_columns,
                     int32_t*             counts,
                     int32_t*             rows,
                     float*               energies,
                     float*               hits)
{
  uint32_t out = 0;
  for (uint32_t i = 0; i < n_columns && i < queue->length; ++i) {
    const Entry* entry = entry_at(queue, i);
    uint32_t     cell  = entry->start;
    counts[i]          = (int32_t)entry->n_cells;
    for (uint32_t k = 0; k < entry->n_cells; ++k, ++out) {
      rows[out]     = queue->rows[cell];
      energies[out] = queue->energies[cell];
      hits[out]     = queue->hits[cell];
      cell          = cell + 1 == queue->max_cells ? 0 : cell + 1;
    }
  }
}

bool
hr_column_queue_copy_transport(const HrColumnQueue* queue,
                               uint32_t             n_columns,
                               double*              frames)
{
  bool any = false;
  for (uint32_t i = 0; i < n_columns && i < queue->length; ++i) {
    frames[i] = entry_at(queue, i)->transport;
    any       = any || !isnan(frames[i]);
  }
  return any;
}
