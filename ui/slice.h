/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The spectrum slice: the level of every row of one column (the one under
   the cursor, or the newest), with a peak-hold trace that falls at a
   fixed rate, and its peaks named in Hz and note +- cents; drawn beside
   the picture on the same frequency axis (slice_draw.c). X-free. */

#ifndef HR_SLICE_H
#define HR_SLICE_H

#include "render/axes.h"

#include <cairo.h>

/** How fast the peak-hold trace falls, dB per second. */
#define HR_SLICE_HOLD_FALL_DB_S 6.0

/** Most peaks named. */
#define HR_SLICE_MAX_PEAKS 4

/** A peak of the slice. */
typedef struct {
  double row;       /**< fractional row of its top (parabola through 3 rows) */
  double hz;        /**< its frequency */
  double db;        /**< its level */
  char   label[40]; /**< "1000 Hz  B5 +2c" */
} HrSlicePeak;

/** A slice (fields read-only outside slice.c). */
typedef struct {
  int    rows;
  float* db;   /**< rows levels of the column, dB; -INFINITY: nothing */
  float* hold; /**< rows peak-hold levels, dB */
  int    have; /**< a column was set */
} HrSlice;

/** Make room for `rows` rows (a new size forgets the hold). 0 or -1. */
int
hr_slice_resize(HrSlice* slice, int rows);

/** Free what the slice holds; it is then empty (all zero). */
void
hr_slice_free(HrSlice* slice);

/** Show `energies` (rows linear energies, as the rings hold them; NULL:
    nothing) `dt_s` seconds after the last one: the hold keeps the higher
    of the new level and its own fallen by HR_SLICE_HOLD_FALL_DB_S. */
void
hr_slice_set(HrSlice* slice, const float* energies, double dt_s);

/** Forget the peak hold (it restarts from the current column). */
void
hr_slice_reset_hold(HrSlice* slice);

/** The loudest local maxima of the current column in rows [begin, end)
    at least `floor_db`, loudest first, at most `max`; their count. */
int
hr_slice_peaks(const HrSlice*    slice,
               const HrFreqAxis* axis,
               int               begin,
               int               end,
               double            floor_db,
               HrSlicePeak*      peaks,
               int               max);

/** Draw rows [begin, end) of the slice into `plot` (frequency down the
    rows as the picture beside it, level to the right from `floor_db` to
    `floor_db + range_db`): frame, dB grid, the peak hold, the column and
    the labels of `peaks`. */
void
hr_slice_draw(cairo_t*           cr,
              const HrSlice*     slice,
              const HrFreqAxis*  axis,
              int                begin,
              int                end,
              double             floor_db,
              double             range_db,
              const HrSlicePeak* peaks,
              int                n_peaks,
              double             x,
              double             y,
              double             width,
              double             height);

/** The x of `db` in a slice drawn at x..x+width (clamped). */
double
hr_slice_x(double db, double floor_db, double range_db, double x, double width);

#endif /* HR_SLICE_H */
