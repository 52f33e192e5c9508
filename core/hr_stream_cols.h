/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Private to hr_stream: the ring of histogram columns being filled, made
   final (noise floor from a running maximum of the count) and handed
   out. Columns k < next_out are gone, next_out <= k < next_final are
   final, next_final <= k < open_end are being filled. */

#ifndef HR_STREAM_COLS_H
#define HR_STREAM_COLS_H

#include "hr_status.h"
#include "hr_stream.h"

#include <stddef.h>
#include <stdint.h>

/** The column ring. */
typedef struct {
  int     rows;
  int     n_slots;    /**< a power of two */
  float*  energy;     /**< n_slots x rows, column k in slot k % n_slots */
  float*  count;      /**< same layout */
  int64_t next_out;   /**< oldest column not handed out */
  int64_t next_final; /**< first column not final */
  int64_t open_end;   /**< columns below this have a zeroed slot */
  int64_t dropped;    /**< final columns overwritten before handed out */
  int     window;     /**< running-max window, columns */
  int64_t warmup;     /**< columns below this (input before sample 0
                           within the longest filter's reach) do not
                           enter the running max */
  int64_t* max_index; /**< running max: candidates, oldest first */
  float*   max_value;
  int      max_head;
  int      max_len;
  int      skip_floor; /**< nonzero: finish() leaves the energy as it is */
} HrStreamCols;

/** Allocate a ring of at least `min_slots` columns of `rows` rows of
    `tdeci` samples. The running max looks back over `floor_window`
    samples (at least one column; not finite: one column) and ignores the
    warm-up, the columns within 4 `longest_std` (the longest filter's time
    std, samples) of the start: each of those is floored by its own
    largest count. */
HrStatus
hr_stream_cols_init(HrStreamCols* cols,
                    int           rows,
                    int           min_slots,
                    int           tdeci,
                    double        floor_window,
                    double        longest_std);

/** Free; safe on a zeroed or freed ring. */
void
hr_stream_cols_free(HrStreamCols* cols);

/** Bytes allocated. */
size_t
hr_stream_cols_memory(const HrStreamCols* cols);

/** Forget every column. */
void
hr_stream_cols_reset(HrStreamCols* cols);

/** Give columns below `end` a zeroed slot. A final column not yet handed
    out whose slot is needed is dropped (counted in `dropped`). */
void
hr_stream_cols_open(HrStreamCols* cols, int64_t end);

/** Make columns below `end` final: apply the noise floor. */
void
hr_stream_cols_finish(HrStreamCols* cols, int64_t end);

/** Hand out the oldest final column if it is below `limit`: 1 and
    `column` (pointing into its slot), or 0. */
int
hr_stream_cols_take(HrStreamCols* cols, int64_t limit, HrColumn* column);

/** Add `n` points holding `energy` to cell (col, row); col must be open
    and not final. */
static inline void
hr_stream_cols_add(HrStreamCols* cols,
                   int64_t       col,
                   int           row,
                   double        n,
                   double        energy)
{
  const size_t cell =
    (size_t)(col & (cols->n_slots - 1)) * (size_t)cols->rows + (size_t)row;
  cols->energy[cell] += (float)energy;
  cols->count[cell] += (float)n;
}

#endif /* HR_STREAM_COLS_H */
