/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The temporary file between computing a long signal's columns and
   writing its outputs: each column's non-empty cells (row, energy,
   count), in time order. The file has no name (it is unlinked at once), so
   nothing is left behind whatever happens. */

#ifndef HR_SPILL_H
#define HR_SPILL_H

#include <stdint.h>
#include <stdio.h>

/** A spill file and a reading position in it. */
typedef struct {
  FILE*    file;
  int      rows;
  int32_t* row; /**< the column read last: n cells */
  double*  energy;
  double*  count;
  int32_t  n;
} HrSpill;

/** Create an unnamed spill file in `folder` for columns of `rows` rows.
    Returns 0 or -1. */
int
hr_spill_open(HrSpill* spill, const char* folder, int rows);

/** Append one column: the n cells row[i], energy[i], count[i]. */
int
hr_spill_write(HrSpill*       spill,
               int32_t        n,
               const int32_t* row,
               const double*  energy,
               const double*  count);

/** Go back to the first column for reading. */
int
hr_spill_rewind(HrSpill* spill);

/** Read the next column into spill->n, row, energy, count. */
int
hr_spill_read(HrSpill* spill);

/** Close and free; safe on a zeroed spill. */
void
hr_spill_close(HrSpill* spill);

#endif /* HR_SPILL_H */
