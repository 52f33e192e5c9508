/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The exact-mode kernels of hr_exact_points.h, compiled once per path
   with HR_SIMD_PATH set to the path's name (portable, avx2, avx512) and
   the path's -m flags, with -ffp-contract=off and -fno-trapping-math
   (which lets the vectoriser compute both arms of a select; it changes
   no value, only whether an operation may raise a floating-point
   exception flag, which nothing reads): each operation is the
   one the scalar formulas of doc/ALGORITHM.md write, in the same order,
   and IEEE division, multiplication, addition and floor() round alike
   in a vector lane and in a scalar register, so every path gives the
   same doubles. The loop is branch-free (a point's fate is a mask) so
   that it vectorises. */

#include "hr_exact_points.h"

#include <math.h>

#ifndef HR_SIMD_PATH
#define HR_SIMD_PATH portable
#endif

#define HR_EXACT_GLUE2(name, path) hr_exact_points_##name##_##path
#define HR_EXACT_GLUE(name, path) HR_EXACT_GLUE2(name, path)
#define HR_EXACT_NAME(name) HR_EXACT_GLUE(name, HR_SIMD_PATH)

/* A column decides by the product with 1/tdeci unless it lies within
   this of a column edge (hr_exact.c's time_column() decides those). */
#define HR_EXACT_EDGE_SLACK 1e-9

/* With a vector floor (SSE4.1's round, in AVX2 and AVX-512) the
   columns and row cells of all points are computed branch-free; without
   one, floor() is a call, made for the kept points only. (Only the
   kept points' values are used.) */
#if defined(__SSE4_1__)
#define HR_EXACT_VECTOR_FLOOR 1
#else
#define HR_EXACT_VECTOR_FLOOR 0
#endif

/* The kernel table of this path (hr_exact_points.c). */
extern const HrExactPointsKernels HR_EXACT_NAME(kernels);

static void
reassign(const HrExactPointsFilter* filter,
         const double*              xi,
         const double*              eta,
         int                        n,
         double                     t_first,
         HrExactPointsOut*          out)
{
  /* Locals and restrict: the stores cannot change them, so the loop
     vectorises. */
  const double lint2               = filter->lint2;
  const double f0                  = filter->f0;
  const double sigma               = filter->sigma;
  const double time_mul            = filter->time_mul;
  const double fmin                = filter->fmin;
  const double fmax                = filter->fmax;
  const double t_end               = filter->t_end;
  const double inv_n2              = filter->inv_n2;
  const double inv_tdeci           = filter->inv_tdeci;
  const double col_base            = filter->col_base;
  const double cols                = filter->cols;
  const double mu_low              = filter->mu_low;
  const double cell_inv            = filter->cell_inv;
  const double n_cells             = filter->n_cells;
  double* restrict const t_out     = out->t;
  double* restrict const f_out     = out->f;
  double* restrict const e_out     = out->e;
  double* restrict const mu_out    = out->mu_re;
  int32_t* restrict const col_out  = out->col;
  int32_t* restrict const cell_out = out->cell;
  uint8_t* restrict const keep_out = out->keep;
  int32_t* restrict const kept_out = out->kept;
  for (int j = 0; j < n; ++j) {
    const double xr    = xi[2 * j];
    const double xm    = xi[2 * j + 1];
    const double yr    = eta[2 * j];
    const double ym    = eta[2 * j + 1];
    const double power = xr * xr + xm * xm;
    /* power == 0 gives NaN or Inf here, which the tests below drop. */
    const double inv_power = 1.0 / power;
    const double mu_re     = (yr * xr + ym * xm) * inv_power;
    const double mu_im     = (ym * xr - yr * xm) * inv_power;
    /* t_first + j is the integer the scalar code converts: exact. */
    const double t    = (t_first + (double)j) + mu_im * time_mul;
    const double f    = f0 - mu_re * sigma;
    const int    keep = (mu_re * mu_re + mu_im * mu_im < lint2) & (f < fmax) &
                     (f > fmin) & (t >= 1.0) & (t < t_end);
    t_out[j]    = t;
    f_out[j]    = f;
    e_out[j]    = power * inv_n2;
    mu_out[j]   = mu_re;
    keep_out[j] = (uint8_t)keep;
  }
  /* The kept points' indices, branch-free: the scalar work after this
     visits those alone. */
  int n_kept = 0;
  for (int j = 0; j < n; ++j) {
    kept_out[n_kept] = j;
    n_kept += keep_out[j];
  }
  out->n_kept = n_kept;
#if HR_EXACT_VECTOR_FLOOR
  for (int j = 0; j < n; ++j) {
#else
  for (int k = 0; k < n_kept; ++k) {
    const int j = kept_out[k];
#endif
    const int    keep  = keep_out[j];
    const double t     = t_out[j];
    const double mu_re = mu_out[j];

    /* The column: floor(t / tdeci) by the reciprocal where that is
       certain; a dropped point gets a harmless stand-in. */
    const double position = (keep ? t : 1.0) * inv_tdeci;
    const double whole    = floor(position);
    const double fraction = position - whole;
    const double pass_col = whole - col_base;
    const int    certain  = (fraction > HR_EXACT_EDGE_SLACK) &
                        (fraction < 1.0 - HR_EXACT_EDGE_SLACK) &
                        (pass_col >= 0.0) & (pass_col < cols);
    const int32_t col = (int32_t)(certain ? pass_col : 0.0);
    col_out[j]        = certain ? col : HR_EXACT_POINTS_SLOW_COL;

    /* The cell of the filter's row table over Re(mu) (hr_rowmap.h);
       the lookup itself stays scalar (a gather does not vectorise). */
    const double cell_position = ((keep ? mu_re : 0.0) - mu_low) * cell_inv;
    const int    in_table = (cell_position >= 0.0) & (cell_position < n_cells);
    const int    cell     = (int)(in_table ? cell_position : 0.0);
    cell_out[j]           = in_table ? cell : -1;
  }
}

const HrExactPointsKernels HR_EXACT_NAME(kernels) = { reassign };
