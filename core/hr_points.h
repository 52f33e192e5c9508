/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The per-point work of the streaming core, where its time goes: mu,
   the reassigned frequency and time and the tests that keep a point,
   for every full-rate point of one filter's hop, as arrays (structure
   of arrays), so that they run in vector registers. One C source
   (hr_points_kernels.c) is compiled once per path of hr_simd.h;
   hr_points_kernels() hands out a path's functions. Finding the kept
   points' cells and adding them to the histogram stays scalar
   (hr_stream_accum.c): it sums runs of points in one cell, in order. */

#ifndef HR_POINTS_H
#define HR_POINTS_H

#include "hr_simd.h"

#include <stdint.h>

/** A decimated point: mu = mu_re + i mu_im, energy = |xi|^2. */
typedef struct {
  float mu_re;
  float mu_im;
  float energy;
} HrPoint;

/** What the kernels need of the analysis, the filter and the hop. Time
    is measured as u (see hr_stream_accum.h). */
typedef struct {
  double lint2;    /**< lint^2 */
  float  lint2_f;  /**< lint^2 in single precision */
  float  floor;    /**< drop |xi|^2 <= floor (full-rate xi) */
  double f0;       /**< filter centre */
  double sigma;    /**< filter frequency std */
  double time_std; /**< 1 / (2 pi sigma) */
  double fmin;     /**< keep fmin < f < fmax */
  double fmax;
  double u_min;       /**< with check_start: drop u < u_min */
  int    check_start; /**< nonzero: apply u_min */
} HrPointsFilter;

/** Per-point arrays, each with room for the longest hop. (The kept
    points' cells are found as they are added: a vector pass over every
    point for them cost more than it saved, most where most points are
    dropped, as on a tone.) */
typedef struct {
  double*  f;     /**< reassigned frequency */
  double*  u;     /**< reassigned time */
  double*  e;     /**< |xi|^2 */
  double*  first; /**< room for HrSegmentsOut's first and last */
  double*  last;
  uint8_t* keep; /**< 1: the point is kept */
} HrPointsOut;

/** Per-segment results (step > 4): the samples first..last of segment i
    that are kept (none if first > last) and the lines v0 + s * dv of the
    reassigned frequency f, time u and energy e over its samples s. The
    arrays lie in an HrPointsOut's (hr_points_segments_view()). */
typedef struct {
  double* f0;
  double* df;
  double* u0;
  double* du;
  double* e0;
  double* de;
  double* first; /**< integers */
  double* last;
} HrSegmentsOut;

/** A path's kernels. */
typedef struct {
  /** Step 1: point j from xi[j], eta[j] (interleaved re, im), at
      u_first + 1 + j before reassignment: f, u, e and keep. */
  void (*direct)(const HrPointsFilter* filter,
                 const float*          xi,
                 const float*          eta,
                 int                   n,
                 double                u_first,
                 HrPointsOut*          out);
  /** Step > 1: the `step` points of each segment between consecutive
      decimated points, mu and energy linear in between; point s of
      segment i at u_first + i * step + s: f, u, e and keep. */
  void (*interp)(const HrPointsFilter* filter,
                 const HrPoint*        points,
                 int                   n_points,
                 int                   step,
                 double                u_first,
                 HrPointsOut*          out);
  /** Step > 4: the n_points - 1 segments between consecutive decimated
      points (point i at u_first + i * step), mu and energy linear in
      between: which samples keep |mu| < lint, fmin < f < fmax and (with
      check_start) u >= u_min - 1e-9, and the lines of f, u and e. */
  void (*segments)(const HrPointsFilter* filter,
                   const HrPoint*        points,
                   int                   n_points,
                   int                   step,
                   double                u_first,
                   const HrSegmentsOut*  out);
  /** Decimated points from `n` values of xi and eta (interleaved):
      |xi|^2 <= floor gives mu = big, energy 0 (never kept). */
  void (*decimate)(const float* xi,
                   const float* eta,
                   int          n,
                   float        floor,
                   float        big_mu,
                   HrPoint*     points);
} HrPointsKernels;

/** The segment arrays of `n_segments` segments inside `out`'s arrays:
    room enough when 2 * n_segments is at most the points they hold
    (segments of more than 4 samples: a hop has at most hop / 5). */
HrSegmentsOut
hr_points_segments_view(const HrPointsOut* out, int n_segments);

/** The kernels of `path` (resolved with hr_simd_resolve()). */
const HrPointsKernels*
hr_points_kernels(HrSimd path);

#endif /* HR_POINTS_H */
