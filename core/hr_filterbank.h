/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The Gaussian filter bank of doc/ALGORITHM.md: centre frequency and width
   of each filter, and the rows its reassigned points can reach. */

#ifndef HR_FILTERBANK_H
#define HR_FILTERBANK_H

#include "hr_params.h"

/** One analysis filter, in cycles per sample. */
typedef struct {
  double f0;    /**< centre frequency */
  double sigma; /**< frequency-domain standard deviation */
} HrFilter;

/** Filter `index` (0 .. hr_params_n_filters() - 1) of the bank. */
HrFilter
hr_filterbank_filter(const HrParams* params, int index);

/** The histogram rows filter `filter`'s kept points can land in:
    |f_ins - f0| < lint*sigma and fmin < f_ins < fmax. */
void
hr_filterbank_row_span(const HrParams* params,
                       HrFilter        filter,
                       int*            first_row,
                       int*            last_row);

/** Largest number of rows any filter's span covers. */
int
hr_filterbank_max_span(const HrParams* params);

#endif /* HR_FILTERBANK_H */
