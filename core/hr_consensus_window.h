/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* How well two pictures of adjacent bandwidths agree around each cell
   (doc/CONSENSUS.md): over a window of 2 half_rows + 1 rows by 2
   half_cols + 1 columns centred on the cell, the sum of min(a, b) over
   the sum of (a + b) / 2, a and b on one energy scale. Fed one column at
   a time, it holds the scores of the column half_cols columns back.

   Every window sum is made of additions of non-negative numbers only
   (blocks of the window's length: the sum over a window is a suffix sum
   of one block plus a prefix sum of the next), so that a loud cell leaves
   no rounding residue on the quiet cells after it, and the exact and the
   streaming consensus compute the same numbers in the same order. A push
   costs O(rows), plus O(rows x width) once per `width` columns, in
   buffers allocated by init. */

#ifndef HR_CONSENSUS_WINDOW_H
#define HR_CONSENSUS_WINDOW_H

#include "hr_status.h"

#include <stddef.h>
#include <stdint.h>

/** The sliding window of one adjacent pair. */
typedef struct {
  int     rows;
  int     half_rows;
  int     width;   /**< 2 half_cols + 1 columns */
  double* block;   /**< width x 2 rows: the columns of the block being
                        filled, over the suffix sums of the block before */
  double* prefix;  /**< 2 rows: the sum of the block being filled so far */
  double* sums;    /**< 2 rows: the window's sums of min, then of mean */
  double* scratch; /**< 3 (rows + 2 half_rows) + 2 rows */
  int64_t pushed;  /**< columns pushed since reset */
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
    non-negative, on one energy scale; NULL: zeros). */
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
  return mean > 0.0 && shared > 0.0 ? shared / mean : 0.0;
}

#endif /* HR_CONSENSUS_WINDOW_H */
