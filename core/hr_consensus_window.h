/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* How well two pictures of adjacent bandwidths agree around each cell
   (doc/CONSENSUS.md): over a window of 2 half_rows + 1 rows by 2
   half_cols + 1 columns centred on the cell, the sum of min(a, b) over
   the sum of (a + b) / 2, a and b on one energy scale. Fed one column at
   a time, it holds the score of the column half_cols columns back; the
   sums over time run incrementally in preallocated buffers, so that the
   exact and the streaming consensus compute the same numbers the same
   way and a push costs O(rows). */

#ifndef HR_CONSENSUS_WINDOW_H
#define HR_CONSENSUS_WINDOW_H

#include "hr_status.h"

#include <stddef.h>
#include <stdint.h>

/** The sliding window of one adjacent pair. */
typedef struct {
  int     rows;
  int     half_rows;
  int     width;  /**< 2 half_cols + 1 columns */
  double* ring;   /**< width x 2 rows: per column, the row-window sums of
                       min(a, b) (rows values) then of (a + b) / 2 */
  double* sums;   /**< 2 rows: the same over the last `width` columns */
  double* prefix; /**< rows + 1: scratch for the row-window sums */
  int64_t pushed; /**< columns pushed since reset */
} HrConsensusWindow;

/** Allocate for columns of `rows` rows. */
HrStatus
hr_consensus_window_init(HrConsensusWindow* window,
                         int                rows,
                         int                half_rows,
                         int                half_cols);

/** Free; safe on a zeroed or freed window. */
void
hr_consensus_window_free(HrConsensusWindow* window);

/** Bytes allocated. */
size_t
hr_consensus_window_memory(const HrConsensusWindow* window);

/** Forget every column (as if zeros had been pushed before). */
void
hr_consensus_window_reset(HrConsensusWindow* window);

/** Push the next column of both pictures, `a` and `b` (rows values each,
    on one energy scale; NULL: zeros). */
void
hr_consensus_window_push(HrConsensusWindow* window,
                         const double*      a,
                         const double*      b);

/** Agreement in [0, 1] around row `row` of the column half_cols columns
    before the last one pushed; 0 where the window holds no energy. */
static inline double
hr_consensus_window_score(const HrConsensusWindow* window, int row)
{
  const double shared = window->sums[row];
  const double mean   = window->sums[window->rows + row];
  return mean > 1e-300 && shared > 0.0 ? shared / mean : 0.0;
}

#endif /* HR_CONSENSUS_WINDOW_H */
