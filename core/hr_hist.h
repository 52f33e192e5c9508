/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The energy and count histograms and the reference noise floor. */

#ifndef HR_HIST_H
#define HR_HIST_H

#include "hr_status.h"

#include <stddef.h>

/** Two rows x cols arrays in C order (index row * cols + col), row 0 =
    highest frequency: energy E (sum of |xi|^2) and count C (points). */
typedef struct {
  int     rows;
  size_t  cols;
  double* energy;
  double* count;
} HrHist;

/** Allocate zeroed histograms; on failure `hist` is left empty. */
HrStatus
hr_hist_init(HrHist* hist, int rows, size_t cols);

/** Free the arrays; safe on an empty or freed histogram. */
void
hr_hist_free(HrHist* hist);

/** Largest count in the histogram. */
double
hr_hist_max_count(const HrHist* hist);

/** The reference noise floor (doc/ALGORITHM.md step 4): energy = 0 wherever
    count < sqrt(max count). The counts are left as they are. */
void
hr_hist_apply_floor(HrHist* hist);

#endif /* HR_HIST_H */
