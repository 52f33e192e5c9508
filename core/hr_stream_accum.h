/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Private to hr_stream: rebuild one filter's full-rate reassigned points
   from its decimated ones and add them to the histogram. Between two
   decimated points mu and the energy are interpolated linearly, so over
   a segment t_ins, f_ins and |xi|^2 are linear in the sample index and
   |mu|^2 is quadratic: the points a segment drops in each cell, and
   their energy, come out in closed form, without a loop over samples. */

#ifndef HR_STREAM_ACCUM_H
#define HR_STREAM_ACCUM_H

#include "hr_points.h"
#include "hr_stream_cols.h"
#include "hr_stream_rows.h"

#include <stdint.h>

/** A decimated point: mu = mu_re + i mu_im, energy = |xi|^2. */
typedef HrPoint HrStreamPoint;

/** What rebuilding needs: the analysis, the filter and the hop. Time is
    measured as u = t_ins - col_base * tdeci (t_ins 1-based). */
typedef struct {
  double                 lint2; /**< lint^2 */
  double                 fmin;  /**< keep fmin < f_ins < fmax */
  double                 fmax;
  double                 tdeci;     /**< samples per column */
  double                 inv_tdeci; /**< 1 / tdeci */
  const HrStreamRows*    rows;
  HrStreamCols*          cols;
  double                 f0;          /**< filter centre */
  double                 sigma;       /**< filter frequency std */
  double                 time_std;    /**< 1 / (2 pi sigma) */
  int                    step;        /**< samples between decimated points */
  int64_t                col_base;    /**< column of u = 0 */
  double                 u_first;     /**< u of point 0 before reassignment */
  double                 u_min;       /**< drop u < u_min (t_ins < 1) */
  int                    check_start; /**< nonzero: apply u_min */
  const HrPointsKernels* kernels;     /**< the vector path's per-point work */
  HrPointsOut*           per_point;   /**< its arrays, room for a hop */
} HrStreamAccum;

/** Add the full-rate points of the segments between consecutive points
    of `points` (n_points - 1 segments of `step` samples; point i sits
    at u_first + i * step). Short segments (step <= 4) are rebuilt point
    by point; `floor` is not used. */
void
hr_stream_accum_run(const HrStreamAccum* accum,
                    const HrStreamPoint* points,
                    int                  n_points);

/** step == 1: add the full-rate points straight from `n` values of xi
    and eta (interleaved re, im); point j sits at u_first + 1 + j (point
    0 of hr_stream_accum_run() is the previous hop's last). Points with
    |xi|^2 <= floor are dropped. */
void
hr_stream_accum_direct(const HrStreamAccum* accum,
                       const float*         xi,
                       const float*         eta,
                       int                  n,
                       float                floor);

#endif /* HR_STREAM_ACCUM_H */
