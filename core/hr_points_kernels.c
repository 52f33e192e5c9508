/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The per-point kernels of hr_points.h, compiled once per path with
   HR_POINTS_PATH set to the path's name (portable, avx2, avx512) and
   the path's -m flags; the build adds -O3 for the vectoriser and
   -ffp-contract=off, so that every path rounds every operation as the
   portable one does: bit-identical results. Loops are branch-free (a
   point's fate is a mask) so that they vectorise. */

#include "hr_points.h"

#include <math.h>

#ifndef HR_POINTS_PATH
#define HR_POINTS_PATH portable
#endif

#define HR_POINTS_GLUE2(name, path) hr_points_##name##_##path
#define HR_POINTS_GLUE(name, path) HR_POINTS_GLUE2(name, path)
#define HR_POINTS_NAME(name) HR_POINTS_GLUE(name, HR_POINTS_PATH)

/* The kernel table of this path (hr_points.c). */
extern const HrPointsKernels HR_POINTS_NAME(kernels);

static void
direct(const HrPointsFilter* filter,
       const float*          xi,
       const float*          eta,
       int                   n,
       double                u_first,
       HrPointsOut*          out)
{
  /* Locals and restrict: the stores cannot change them, so the loop
     vectorises. */
  const double u_start         = u_first + 1;
  const float  floor           = filter->floor;
  const float  lint2_f         = filter->lint2_f;
  const double lint2           = filter->lint2;
  const double f0              = filter->f0;
  const double sigma           = filter->sigma;
  const double t_std           = filter->time_std;
  const double fmin            = filter->fmin;
  const double fmax            = filter->fmax;
  const double u_min           = filter->check_start ? filter->u_min : -1e300;
  double* restrict const f_out = out->f;
  double* restrict const u_out = out->u;
  double* restrict const e_out = out->e;
  uint8_t* restrict const keep = out->keep;
  for (int j = 0; j < n; ++j) {
    const float xr = xi[2 * j];
    const float xm = xi[2 * j + 1];
    const float yr = eta[2 * j];
    const float ym = eta[2 * j + 1];
    const float e  = xr * xr + xm * xm;
    const float yy = yr * yr + ym * ym;
    /* |mu|^2 = |eta|^2 / |xi|^2 < lint^2, tested before dividing. */
    const int strong = (e > floor) & (yy < lint2_f * e);
    /* (e + 0 is e; the + 1 keeps weak points finite without a branch.) */
    const float  inv = 1.0f / (e + (float)(1 - strong));
    const float  pr  = yr * xr;
    const float  pi  = ym * xm;
    const float  qr  = ym * xr;
    const float  qi  = yr * xm;
    const double mr  = (pr + pi) * inv;
    const double mi  = (qr - qi) * inv;
    const double f   = f0 - mr * sigma;
    const double u   = (u_start + j) + mi * t_std;
    f_out[j]         = f;
    u_out[j]         = u;
    e_out[j]         = e;
    const int64_t inside =
      (mr * mr + mi * mi < lint2) & (f > fmin) & (f < fmax) & (u >= u_min);
    keep[j] = (uint8_t)(strong & (int)inside);
  }
}

/* The points of a segment as one group of `step` stores. Inlined with a
   constant step (2-4: short segments) the loop over segments vectorises,
   which an inner loop over so few points does not; any other step runs
   the same body, so every path and step computes the same bits. */
static inline __attribute__((always_inline)) void
interp_steps(const HrPointsFilter* filter,
             const HrPoint*        points,
             int                   n_points,
             const int             step,
             double                u_first,
             HrPointsOut*          out)
{
  const double inv             = 1.0 / step;
  const double lint2           = filter->lint2;
  const double f0              = filter->f0;
  const double sigma           = filter->sigma;
  const double t_std           = filter->time_std;
  const double fmin            = filter->fmin;
  const double fmax            = filter->fmax;
  const double u_min           = filter->check_start ? filter->u_min : -1e300;
  double* restrict const f     = out->f;
  double* restrict const u     = out->u;
  double* restrict const e     = out->e;
  uint8_t* restrict const keep = out->keep;
  for (int i = 0; i + 1 < n_points; ++i) {
    const double ar         = points[i].mu_re;
    const double ai         = points[i].mu_im;
    const double ae         = points[i].energy;
    const double dr         = ((double)points[i + 1].mu_re - ar) * inv;
    const double di         = ((double)points[i + 1].mu_im - ai) * inv;
    const double de         = ((double)points[i + 1].energy - ae) * inv;
    const double u_position = u_first + (double)i * step;
    for (int s = 0; s < step; ++s) {
      const double mr    = ar + s * dr;
      const double mi    = ai + s * di;
      const double fs    = f0 - mr * sigma;
      const double us    = (u_position + s) + mi * t_std;
      f[step * i + s]    = fs;
      u[step * i + s]    = us;
      e[step * i + s]    = ae + s * de;
      keep[step * i + s] = (uint8_t)((mr * mr + mi * mi < lint2) & (fs > fmin) &
                                     (fs < fmax) & (us >= u_min));
    }
  }
}

static void
interp(const HrPointsFilter* filter,
       const HrPoint*        points,
       int                   n_points,
       int                   step,
       double                u_first,
       HrPointsOut*          out)
{
  switch (step) {
    case 2:
      interp_steps(filter, points, n_points, 2, u_first, out);
      return;
    case 3:
      interp_steps(filter, points, n_points, 3, u_first, out);
      return;
    case 4:
      interp_steps(filter, points, n_points, 4, u_first, out);
      return;
    default:
      interp_steps(filter, points, n_points, step, u_first, out);
      return;
  }
}

/* Without SSE4.1 (the portable path on x86-64) floor() and ceil() are
   calls and the loop below does not vectorise: there branches skip the
   work most segments do not need, as in any scalar code. The values are
   the same either way. */
#if defined(__SSE4_1__)
#define HR_SEGMENTS_BRANCHY 0
#else
#define HR_SEGMENTS_BRANCHY 1
#endif

/* x (an integer or NaN) clamped to [lo, hi]; NaN gives lo. Sample
   indices stay doubles here (integers, exact): one type throughout
   lets the loop vectorise. */
static inline double
clamp_index(double x, double lo, double hi)
{
  /* Two plain selects (no nesting) so that the vectoriser takes them. */
  const double below_hi = x > hi ? hi : x;
  return below_hi >= lo ? below_hi : lo;
}

/* Shrink samples *first..*last to those with v0 + s * dv > bound, v
   linear: branch-free, the same integers as a test at both ends and
   the crossing rounded inwards. (Masks as wide as a double, as in
   direct(): the vectoriser then keeps one lane count.) */
static inline void
keep_above(double  v0,
           double  dv,
           double  bound,
           double  past,
           double* first,
           double* last)
{
  const double  at_first = v0 + *first * dv;
  const double  at_last  = v0 + *last * dv;
  const int64_t all      = (at_first > bound) & (at_last > bound);
  if (HR_SEGMENTS_BRANCHY && (all | (*first > *last))) {
    return; /* nothing to cut (an empty range stays empty) */
  }
  const int64_t flat   = !(dv != 0.0);
  const int64_t rising = dv > 0.0;
  const double  x      = (bound - v0) / dv;
  const double  s_up   = clamp_index(floor(x) + 1.0, -1.0, past);
  const double  s_down = clamp_index(ceil(x) - 1.0, -1.0, past);
  const double  up     = s_up > *first ? s_up : *first;
  const double  down   = s_down < *last ? s_down : *last;
  /* Selects of two arms, one after the other (the vectoriser takes no
     PHI of more than four). */
  const double new_first = all | flat | !rising ? *first : up;
  const double moving    = rising ? *last : down;
  const double unless    = flat ? *first - 1.0 : moving;
  const double new_last  = all ? *last : unless;
  *first                 = new_first;
  *last                  = new_last;
}

/* The closed form of the segments (hr_stream_accum.c adds them): per
   segment, the samples with |mu(s)|^2 < lint^2 (a convex quadratic in
   s: an interval), cut to fmin < f < fmax and u >= u_min, and the lines
   of f, u and e. Branch-free so that the loop over segments vectorises;
   every value is the one a straight scalar computation gives. The
   arrays come as restrict parameters: eight outputs are more than the
   vectoriser checks for overlap at run time. */
static void
segment_lines(const HrPointsFilter* filter,
              const HrPoint* restrict points,
              int    n_points,
              int    step,
              double u_first,
              double* restrict f0_out,
              double* restrict df_out,
              double* restrict u0_out,
              double* restrict du_out,
              double* restrict e0_out,
              double* restrict de_out,
              double* restrict first_o,
              double* restrict last_o)
{
  const double  inv         = 1.0 / step;
  const double  end         = step - 1;
  const double  past        = step + 1;
  const double  lint2       = filter->lint2;
  const double  f0          = filter->f0;
  const double  sigma       = filter->sigma;
  const double  t_std       = filter->time_std;
  const double  fmin        = filter->fmin;
  const double  fmax        = filter->fmax;
  const double  u_bound     = filter->u_min - 1e-9;
  const int64_t check_start = filter->check_start;
  for (int i = 0; i + 1 < n_points; ++i) {
    const double mr = points[i].mu_re;
    const double mi = points[i].mu_im;
    const double ae = points[i].energy;
    const double dr = ((double)points[i + 1].mu_re - mr) * inv;
    const double di = ((double)points[i + 1].mu_im - mi) * inv;
    const double de = ((double)points[i + 1].energy - ae) * inv;
    /* |mu(s)|^2 - lint^2 = qa s^2 + qb s + qc, qa >= 0. */
    const double  qa     = dr * dr + di * di;
    const double  qb     = 2.0 * (mr * dr + mi * di);
    const double  qc     = mr * mr + mi * mi - lint2;
    const int64_t inside = (qc < 0.0) & ((qa * end + qb) * end + qc < 0.0);
    double        first  = 0.0;
    double        last   = end;
    if (!HR_SEGMENTS_BRANCHY || !inside) {
      const double  disc        = qb * qb - 4.0 * qa * qc;
      const int64_t none        = !(qa > 0.0) | !(disc > 0.0);
      const double  q           = -0.5 * (qb + copysign(sqrt(disc), qb));
      const double  r1          = q / qa;
      const double  r2          = qc / q;
      const double  low         = r1 > r2 ? r2 : r1;
      const double  high        = r1 > r2 ? r1 : r2;
      const double  cut_first   = clamp_index(floor(low) + 1.0, 0.0, past);
      const double  cut_last    = clamp_index(ceil(high) - 1.0, -1.0, end);
      const double  cut_or_none = none ? -1.0 : cut_last;
      first                     = inside | none ? 0.0 : cut_first;
      last                      = inside ? end : cut_or_none;
    }
    const double f_v0 = f0 - mr * sigma;
    const double f_dv = -dr * sigma;
    const double u_v0 = (u_first + (double)i * step) + mi * t_std;
    const double u_dv = 1.0 + di * t_std;
    keep_above(f_v0, f_dv, fmin, past, &first, &last);
    keep_above(-f_v0, -f_dv, -fmax, past, &first, &last);
    double checked_first = first;
    double checked_last  = last;
    keep_above(u_v0, u_dv, u_bound, past, &checked_first, &checked_last);
    f0_out[i]  = f_v0;
    df_out[i]  = f_dv;
    u0_out[i]  = u_v0;
    du_out[i]  = u_dv;
    e0_out[i]  = ae;
    de_out[i]  = de;
    first_o[i] = check_start ? checked_first : first;
    last_o[i]  = check_start ? checked_last : last;
  }
}

static void
segments(const HrPointsFilter* filter,
         const HrPoint*        points,
         int                   n_points,
         int                   step,
         double                u_first,
         const HrSegmentsOut*  out)
{
  segment_lines(filter,
                points,
                n_points,
                step,
                u_first,
                out->f0,
                out->df,
                out->u0,
                out->du,
                out->e0,
                out->de,
                out->first,
                out->last);
}

static void
decimate(const float* xi,
         const float* eta,
         int          n,
         float        floor,
         float        big_mu,
         HrPoint*     points)
{
  for (int j = 0; j < n; ++j) {
    const float xr   = xi[2 * j];
    const float xm   = xi[2 * j + 1];
    const float yr   = eta[2 * j];
    const float ym   = eta[2 * j + 1];
    const float e    = xr * xr + xm * xm;
    const int   kept = e > floor;
    const float inv  = 1.0f / (e + (float)(1 - kept));
    float       mr   = (yr * xr + ym * xm) * inv;
    /* -(a - b), not b - a: lanes of + and - would make the vectoriser
       fuse a multiply into an add-subtract (vfmsubadd), -ffp-contract
       or not, and that path would round differently. */
    float mi = -(yr * xm - ym * xr) * inv;
    /* Clamped: such points are dropped anyway, and finite values keep
       the interpolation finite. */
    mr               = mr < -big_mu ? -big_mu : mr > big_mu ? big_mu : mr;
    mi               = mi < -big_mu ? -big_mu : mi > big_mu ? big_mu : mi;
    points[j].mu_re  = kept ? mr : big_mu;
    points[j].mu_im  = kept ? mi : 0.0f;
    points[j].energy = kept ? e : 0.0f;
  }
}

const HrPointsKernels HR_POINTS_NAME(kernels) = { direct,
                                                  interp,
                                                  segments,
                                                  decimate };
