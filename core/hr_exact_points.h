/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The per-point work of exact mode: mu from the two inverse transforms,
   the reassigned time and frequency, the tests that keep a point, and
   its column and row-table cell where a cheap test decides them, for a run of
   consecutive points of one filter, as arrays (structure of arrays) so
   that it runs in vector registers. One C source
   (hr_exact_points_kernels.c) is compiled once per path of hr_simd.h,
   without contraction into FMA: every path computes the doubles the
   scalar reference formulas give, bit for bit. What the cheap tests
   leave open (a time within round-off of a column edge, a frequency
   whose row-table cell straddles a row edge) and the sums into the
   histogram stay scalar, in point order (hr_exact.c). */

#ifndef HR_EXACT_POINTS_H
#define HR_EXACT_POINTS_H

#include "hr_simd.h"

#include <stdint.h>

/** Points per call: the arrays below have room for this many. */
#define HR_EXACT_POINTS_CHUNK 256

/** A column the kernel leaves to the exact rule (time_column()). */
#define HR_EXACT_POINTS_SLOW_COL INT32_MIN

/** What the kernel needs of the analysis, the filter and the pass. */
typedef struct {
  double lint2;    /**< lint^2 */
  double f0;       /**< filter centre */
  double sigma;    /**< filter frequency std */
  double time_mul; /**< 1 / (2 pi sigma) */
  double fmin;     /**< keep fmin < f < fmax */
  double fmax;
  double t_end;     /**< keep 1 <= t < t_end */
  double inv_n2;    /**< energy scale of the inverse transform */
  double inv_tdeci; /**< 1 / samples per column */
  double col_base;  /**< signal column of the pass's column 0 */
  double cols;      /**< columns of the pass */
  double mu_low;    /**< row table (HrRowMap): Re(mu) at cell 0 */
  double cell_inv;  /**< cells per unit of Re(mu) */
  int    n_cells;   /**< cells of the row table */
} HrExactPointsFilter;

/** Per-point results of one call. */
typedef struct {
  double  t[HR_EXACT_POINTS_CHUNK];     /**< reassigned time (from 1) */
  double  f[HR_EXACT_POINTS_CHUNK];     /**< reassigned frequency */
  double  mu_re[HR_EXACT_POINTS_CHUNK]; /**< Re(mu) */
  double  e[HR_EXACT_POINTS_CHUNK];     /**< energy, |xi|^2 / N^2 */
  int32_t col[HR_EXACT_POINTS_CHUNK];   /**< kept: pass column, or
                                             HR_EXACT_POINTS_SLOW_COL */
  int32_t cell[HR_EXACT_POINTS_CHUNK];  /**< kept: cell of the row table,
                                             or -1 (use the formula on f) */
  uint8_t keep[HR_EXACT_POINTS_CHUNK];  /**< 1: the point is kept */
  int32_t kept[HR_EXACT_POINTS_CHUNK];  /**< the kept points' indices */
  int     n_kept;                       /**< their number */
} HrExactPointsOut;

/** A path's kernels. */
typedef struct {
  /** Points j = 0 .. n - 1 (n <= HR_EXACT_POINTS_CHUNK) from xi[j] and
      eta[j] (interleaved re, im, double), at time t_first + j before
      reassignment. */
  void (*reassign)(const HrExactPointsFilter* filter,
                   const double*              xi,
                   const double*              eta,
                   int                        n,
                   double                     t_first,
                   HrExactPointsOut*          out);
} HrExactPointsKernels;

/** The kernels of `path` (resolved with hr_simd_resolve()). */
const HrExactPointsKernels*
hr_exact_points_kernels(HrSimd path);

#endif /* HR_EXACT_POINTS_H */
