/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Agreement of a streamed (live) histogram with the exact one: the
   metrics and limits of doc/ALGORITHM.md ("How agreement is measured"),
   as tests/kit/hrtest.py's agreement() has them in Python. Both
   histograms are rows x cols in C order (index row * cols + col), row 0
   = fmax, computed from the same input.

   Left out: the columns within `edge` longest filter time stds of either
   end, the rows whose filters reach past Nyquist (compared on their own
   with HR_AGREE_NYQUIST), and the cells whose fate depends only on the
   noise-floor rule: exact count in [(1 - floor_tol) sqrt(m_run(col)),
   (1 + floor_tol) sqrt(max C)), with m_run(col) the largest exact count
   in the compared columns of the last ceil(floor_window / tdeci) columns
   up to col. */

#ifndef HR_TEST_AGREEMENT_H
#define HR_TEST_AGREEMENT_H

#include <stddef.h>

/** Which rows to compare. */
typedef enum {
  HR_AGREE_MAIN    = 0, /**< rows whose filters stay below Nyquist */
  HR_AGREE_NYQUIST = 1, /**< only the rows left out of HR_AGREE_MAIN */
} HrAgreeRegion;

/** The analysis and the comparison's options. */
typedef struct {
  int    rows;             /**< histogram rows */
  size_t cols;             /**< histogram columns */
  double q;                /**< log scale: filter quality */
  int    tdeci;            /**< samples per column */
  double noct;             /**< log scale: rows per octave */
  double fmin;             /**< cycles/sample */
  double fmax;             /**< cycles/sample */
  double sigma;            /**< > 0: linear scale with this sigma
                                (rows = ndiv; q and noct unused) */
  double floor_window;     /**< shortest running-max window, samples */
  double band_k;           /**< filter half-band in sigmas (6) */
  double edge;             /**< columns left out at each end, in
                                longest-filter time stds (5) */
  double        floor_tol; /**< tolerance of the floor band (0.05) */
  HrAgreeRegion region;
} HrAgreeSpec;

/** The metrics (stream S against exact E, on the compared cells). */
typedef struct {
  double energy_ratio;    /**< sum(S) / sum(E) */
  double jaccard;         /**< overlap of the 99 % energy sets */
  double logcorr;         /**< correlation of log10(x + 1e-6 max E) */
  double ridge_err;       /**< mean |argmax row S - argmax row E| over lit
                               columns (NaN if none) */
  double left_out_exact;  /**< share of E's energy in the floor band */
  double left_out_stream; /**< share of S's energy in the floor band */
  size_t left_out_cells;  /**< cells in the floor band */
  int    first_row;       /**< compared rows first_row .. last_row */
  int    last_row;
  size_t first_col; /**< compared columns first_col .. last_col */
  size_t last_col;
} HrAgreement;

/** Limits a comparison must meet. */
typedef struct {
  double min_jaccard;   /**< 0.97 */
  double min_logcorr;   /**< 0.995 */
  double min_energy;    /**< 0.99 */
  double max_energy;    /**< 1.005 */
  double max_ridge_err; /**< 0.1 (tonal single-ridge signals) */
} HrAgreeLimits;

/** Result of hr_agree_compute(). */
typedef enum {
  HR_AGREE_OK = 0,
  HR_AGREE_TOO_SHORT,   /**< nothing left after the edges */
  HR_AGREE_EXACT_EMPTY, /**< no exact energy in the compared cells */
  HR_AGREE_NOT_FINITE,  /**< the stream holds NaN or Inf */
  HR_AGREE_NO_MEMORY,
} HrAgreeStatus;

/** A spec with doc/ALGORITHM.md's defaults for the given analysis (log
    scale; set `sigma` for the linear scale). */
HrAgreeSpec
hr_agree_spec(int    rows,
              size_t cols,
              double q,
              int    tdeci,
              double noct,
              double fmin,
              double fmax,
              double floor_window);

/** doc/ALGORITHM.md's limits. */
HrAgreeLimits
hr_agree_limits_default(void);

/** Compare `stream` with `exact` given the exact counts. */
HrAgreeStatus
hr_agree_compute(const HrAgreeSpec* spec,
                 const float*       stream,
                 const double*      exact,
                 const double*      exact_counts,
                 HrAgreement*       result);

/** Nonzero if `result` meets `limits` (the ridge error only if
    `check_ridge`). */
int
hr_agree_pass(const HrAgreement*   result,
              const HrAgreeLimits* limits,
              int                  check_ridge);

/** A one-line message for a status. */
const char*
hr_agree_strerror(HrAgreeStatus status);

#endif /* HR_TEST_AGREEMENT_H */
