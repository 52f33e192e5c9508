/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Analysis parameters, their reference defaults, checks, and the
   histogram geometry (rows, columns, row <-> frequency) they imply. */

#ifndef HR_PARAMS_H
#define HR_PARAMS_H

#include "hr_status.h"

#include <stddef.h>

/** pi, to double precision (M_PI is not in C99). */
#define HR_PI 3.14159265358979323846

/** Frequency axis of the histogram. */
typedef enum {
  HR_SCALE_LOG = 0, /**< constant-Q filters, noct rows per octave */
  HR_SCALE_LIN = 1, /**< constant-sigma filters, ndiv rows */
} HrScale;

/** Parameters in normalised units: time in samples, frequency in
    cycles per sample (sample rate 1). Names follow doc/ALGORITHM.md. */
typedef struct {
  HrScale scale;
  double  q;     /**< log: filter quality (time std q/f0 samples) */
  double  noct;  /**< log: histogram rows per octave */
  double  sigma; /**< lin: frequency std of every filter, cycles/sample */
  int     ndiv;  /**< lin: number of histogram rows */
  int     over;  /**< filters per row */
  int     tdeci; /**< samples per histogram column */
  double  fmin;  /**< lowest frequency, cycles/sample */
  double  fmax;  /**< highest frequency, cycles/sample, at most 0.5 */
  double  lint;  /**< drop points with |mu| >= lint */
} HrParams;

/** The reference program's defaults (log scale; sigma 0.004, ndiv 200
    for the linear scale). */
HrParams
hr_params_default(void);

/** HR_SUCCESS if `params` describe a computable analysis, else the
    first problem found. */
HrStatus
hr_params_check(const HrParams* params);

/** Number of histogram rows (HF). Params must be checked. */
int
hr_params_rows(const HrParams* params);

/** Number of histogram columns (HT) for `n_samples` samples. */
size_t
hr_params_cols(const HrParams* params, size_t n_samples);

/** Number of filters in the bank: HF*over (log), HF*over + 1 (lin). */
int
hr_params_n_filters(const HrParams* params);

/** Centre frequency of histogram row `row`, cycles/sample. */
double
hr_params_row_freq(const HrParams* params, int row);

/** Row of frequency `freq` exactly as the reference rounds it (half away
    from zero); may lie outside [0, rows) for frequencies out of range. */
long
hr_params_freq_row(const HrParams* params, double freq);

#endif /* HR_PARAMS_H */
