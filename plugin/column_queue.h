/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Finished columns waiting for space on the notify port, kept sparse
   (row, energy, hits) and bounded: when full, the oldest are dropped. */

#ifndef HR_COLUMN_QUEUE_H
#define HR_COLUMN_QUEUE_H

#include "core/hr_realtime.h"

#include <stdbool.h>
#include <stdint.h>

/** A bounded queue of sparse columns (opaque). */
typedef struct HrColumnQueueImpl HrColumnQueue;

/** Make a queue for up to `max_columns` columns holding `max_cells`
    nonzero cells in all. NULL if out of memory or a size is 0. */
HrColumnQueue*
hr_column_queue_new(uint32_t max_columns, uint32_t max_cells);

/** Free a queue; NULL is fine. */
void
hr_column_queue_free(HrColumnQueue* queue);

/** Remove every column; returns how many there were. */
HR_REALTIME uint32_t
hr_column_queue_clear(HrColumnQueue* queue);

/** Append column `number`: the cells of `energy[0 .. rows)` that are
    positive and finite, each with its reassigned-point count from
    `count[0 .. rows)` (kept as given).
    Makes room by dropping the oldest columns; a column with more cells
    than the queue holds is itself dropped. Returns the number of columns
    dropped (0 normally). */
HR_REALTIME uint32_t
hr_column_queue_push(HrColumnQueue* queue,
                     int64_t        number,
                     const float*   energy,
                     const float*   count,
                     int            rows);

/** hr_column_queue_push() of a column whose audio was at transport frame
    `transport` (NAN: none), which hr_column_queue_copy_transport() gives
    back. */
HR_REALTIME uint32_t
hr_column_queue_push_at(HrColumnQueue* queue,
                        int64_t        number,
                        double         transport,
                        const float*   energy,
                        const float*   count,
                        int            rows);

/** Number of columns waiting. */
HR_REALTIME uint32_t
hr_column_queue_length(const HrColumnQueue* queue);

/** Column number of the `index`-th oldest column (0 if out of range). */
HR_REALTIME int64_t
hr_column_queue_number(const HrColumnQueue* queue, uint32_t index);

/** Number of cells of the `index`-th oldest column (0 if out of range). */
HR_REALTIME uint32_t
hr_column_queue_cells(const HrColumnQueue* queue, uint32_t index);

/** Copy the `n_columns` oldest columns (<= length) out, in the Columns
    message layout: `counts[n_columns]`, then every cell's row, energy and
    point count into `rows`, `energies` and `hits` (room for their cell
    total needed). */
HR_REALTIME void
hr_column_queue_copy(const HrColumnQueue* queue,
                     uint32_t             n_columns,
                     int32_t*             counts,
                     int32_t*             rows,
                     float*               energies,
                     float*               hits);

/** Copy the transport frames of the `n_columns` oldest columns (<= length)
    into `frames`; true if any of them is a number (not NAN). */
HR_REALTIME bool
hr_column_queue_copy_transport(const HrColumnQueue* queue,
                               uint32_t             n_columns,
                               double*              frames);

/** Remove the `n_columns` oldest columns (at most all). */
HR_REALTIME void
hr_column_queue_pop(HrColumnQueue* queue, uint32_t n_columns);

#endif /* HR_COLUMN_QUEUE_H */
