/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Fast exact histogram row of a reassigned point. The row is a function
   of f_ins = f0 - Re(mu)*sigma, and a kept point has |Re(mu)| < lint: a
   table over Re(mu) gives the row directly wherever a whole table cell
   maps to one row, and the reference formula (log2) decides the few
   points in cells that straddle a row edge. Same rows as the formula. */

#ifndef HR_ROWMAP_H
#define HR_ROWMAP_H

#include "hr_filterbank.h"
#include "hr_params.h"

/** Table cells over Re(mu) in (-lint, lint). */
#define HR_ROWMAP_CELLS 1024

/** The row table of one filter. */
typedef struct {
  double mu_low;               /**< Re(mu) at the start of cell 0 */
  double cell_inv;             /**< cells per unit of Re(mu) */
  int    row[HR_ROWMAP_CELLS]; /**< row, or -1: decide with the formula */
} HrRowMap;

/** Fill `map` for `filter`. */
void
hr_rowmap_init(HrRowMap* map, const HrParams* params, HrFilter filter);

/** Row of a point with Re(mu) = mu_re and f_ins = f0 - mu_re*sigma. */
static inline long
hr_rowmap_row(const HrRowMap* map,
              const HrParams* params,
              double          mu_re,
              double          f_ins)
{
  const double position = (mu_re - map->mu_low) * map->cell_inv;
  if (position >= 0.0 && position < HR_ROWMAP_CELLS) {
    const int row = map->row[(int)position];
    if (row >= 0) {
      return row;
    }
  }
  return hr_params_freq_row(params, f_ins);
}

#endif /* HR_ROWMAP_H */
