/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_rowmap.h"

/* Each cell is widened by this share of lint on both sides before its
   end rows are compared: far more than the round-off of computing a
   point's cell, so a point near a cell edge is right in either cell. */
#define HR_ROWMAP_MARGIN 1e-9

void
hr_rowmap_init(HrRowMap* map, const HrParams* params, HrFilter filter)
{
  const double lint  = params->lint;
  const double width = 2.0 * lint / HR_ROWMAP_CELLS;
  const double slack = HR_ROWMAP_MARGIN * lint;
  map->mu_low        = -lint;
  map->cell_inv      = 1.0 / width;
  for (int c = 0; c < HR_ROWMAP_CELLS; ++c) {
    const double mu_first = -lint + c * width - slack;
    const double mu_last  = -lint + (c + 1) * width + slack;
    /* f_ins falls as Re(mu) grows, and the row grows as f_ins falls. */
    const double f_high = filter.f0 - mu_first * filter.sigma;
    const double f_low  = filter.f0 - mu_last * filter.sigma;
    if (!(f_low > 0.0)) {
      map->row[c] = -1;
      continue;
    }
    const long row_high = hr_params_freq_row(params, f_high);
    const long row_low  = hr_params_freq_row(params, f_low);
    map->row[c] = (row_high == row_low && row_high >= 0) ? (int)row_high : -1;
  }
}
