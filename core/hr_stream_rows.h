/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Private to hr_stream: histogram row of a reassigned frequency without a
   log2 per point, equal to hr_params_freq_row() for every double. Rows
   fall as the frequency rises; row r holds low[r] <= f < low[r - 1].
   On the log scale the bits of f pick a bucket holding at most one row
   edge: the row is the bucket's row, plus one below its edge. */

#ifndef HR_STREAM_ROWS_H
#define HR_STREAM_ROWS_H

#include "hr_params.h"
#include "hr_status.h"

#include <stdint.h>
#include <string.h>

/** Row edges and a guess table. */
typedef struct {
  int     rows;
  double* low;      /**< rows entries: smallest f of row r or above */
  int*    guess;    /**< log scale: row at the end of each bucket */
  double* edge;     /**< log scale: the bucket's row edge (f below it:
                         one row more), or -HUGE_VAL */
  int      n_guess; /**< buckets in `guess` (0 on the linear scale) */
  int      shift;   /**< bucket = (bits of f >> shift) - first_bucket */
  uint64_t first_bucket;
  double   fmax; /**< linear scale guess: (fmax - f) * inv_step */
  double   inv_step;
} HrStreamRows;

/** Build the map (allocates). */
HrStatus
hr_stream_rows_init(HrStreamRows* map, const HrParams* params);

/** Free the map; safe on a zeroed or freed map. */
void
hr_stream_rows_free(HrStreamRows* map);

/** Bytes allocated. */
size_t
hr_stream_rows_memory(const HrStreamRows* map);

/** First guess of the row of f (at most a row or two off; linear scale
    or outside [fmin, fmax] only). */
static inline int
hr_stream_rows_guess(const HrStreamRows* map, double f)
{
  long row = 0;
  if (map->n_guess > 0) {
    uint64_t bits = 0;
    memcpy(&bits, &f, sizeof(bits));
    const uint64_t bucket = (bits >> map->shift) - map->first_bucket;
    row                   = bucket < (uint64_t)map->n_guess ? map->guess[bucket]
                            : bits < (map->first_bucket << map->shift) ? map->rows - 1
                                                                       : 0;
  } else {
    row = (long)((map->fmax - f) * map->inv_step + 0.5);
  }
  return (int)(row < 0 ? 0 : row >= map->rows ? map->rows - 1 : row);
}

/** Row of f, fmin < f < fmax: exactly hr_params_freq_row(). */
static inline int
hr_stream_rows_row(const HrStreamRows* map, double f)
{
  if (map->n_guess > 0) {
    uint64_t bits = 0;
    memcpy(&bits, &f, sizeof(bits));
    const uint64_t bucket = (bits >> map->shift) - map->first_bucket;
    if (bucket < (uint64_t)map->n_guess) {
      return map->guess[bucket] + (f < map->edge[bucket]);
    }
  }
  int row = hr_stream_rows_guess(map, f);
  while (row > 0 && f >= map->low[row - 1]) {
    --row;
  }
  while (row < map->rows - 1 && f < map->low[row]) {
    ++row;
  }
  return row;
}

#endif /* HR_STREAM_ROWS_H */
