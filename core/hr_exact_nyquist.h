/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Exact mode's filters that the reference cuts at Nyquist, in segments
   (doc/SEGMENTS.md, "Filters cut at Nyquist"). Their responses jump
   there, so their kernels reach the whole signal (decaying like 1/n) and
   a segment misses part of them. A response H is split into
   H_s + sum_p a_p beta_p(f - 1/2): beta_p are the periodic Bernoulli
   functions -B_{p+1}(u)/(p+1)!, whose p-th derivative jumps by 1 at 0,
   and a_p are the jumps of H's derivatives at Nyquist. H_s is smooth
   enough for its kernel to fit the segment's margin; the beta_p are the
   same for every filter. So one set of terms Z_p per segment, shared by
   all filters, turns a segment's filter outputs into the whole signal's:
   xi += sum_p a_p Z_p. Z_p is the whole signal filtered by beta_p minus
   the segment filtered by beta_p: the part within the margin comes from
   the segment's own transform, the part beyond it, smooth, from a coarse
   grid made in one read of the signal before the segments. */

#ifndef HR_EXACT_NYQUIST_H
#define HR_EXACT_NYQUIST_H

#include "hr_exact.h"
#include "hr_filterbank.h"
#include "hr_status.h"

#include <fftw3.h>

#include <stddef.h>

/** Terms of the split: jumps of H, H', H'' at Nyquist. The rest is
    smooth enough (doc/SEGMENTS.md gives the bound). */
#define HR_NYQUIST_TERMS 3

/** A filter's jumps a_p at Nyquist: of G (xi) and D (eta). */
typedef struct {
  double xi[HR_NYQUIST_TERMS];
  double eta[HR_NYQUIST_TERMS];
} HrNyquistJumps;

HrNyquistJumps
hr_nyquist_jumps(HrFilter filter);

/** Margin the filters from `first_filter` up need for the smooth parts
    of their responses (within 1e-10 of the signal's level). */
size_t
hr_nyquist_smooth_margin(const HrParams* params, int first_filter);

/** Margin that keeps the far field's grid within its bound for an
    n_samples-long signal. */
size_t
hr_nyquist_grid_margin(size_t n_samples);

/** The beta_p-filtered whole signal beyond `margin` samples: smooth, so
    held on a grid of `step` samples. */
typedef struct {
  size_t        n_total;
  size_t        margin;
  long          step;
  long          first; /**< grid index of field[p][0] */
  size_t        count;
  double*       weights; /**< interpolation weight at distance d, d + reach */
  long          reach;
  fftw_complex* field[HR_NYQUIST_TERMS];
} HrNyquistFar;

/** Bytes hr_nyquist_far_build() holds while it runs (most of them, its
    convolution's, only until it returns). */
size_t
hr_nyquist_far_bytes(size_t n_total, size_t margin);

/** Read the whole signal once through `source` (into `buffer`, of
    `buffer_length` samples) and make its far field. */
HrStatus
hr_nyquist_far_build(HrNyquistFar*  far,
                     size_t         n_total,
                     size_t         margin,
                     HrSampleSource source,
                     void*          source_data,
                     double*        buffer,
                     size_t         buffer_length);

void
hr_nyquist_far_free(HrNyquistFar* far);

/** One segment's terms Z_p, over its points first .. end - 1. */
typedef struct {
  size_t        length; /**< transform length `near` is for; 0: none */
  fftw_complex* near[HR_NYQUIST_TERMS];
  fftw_complex* work;
  fftw_plan     forward;
  fftw_plan     backward;
  size_t        first_point;
  size_t        capacity; /**< points `terms` can hold */
  fftw_complex* terms[HR_NYQUIST_TERMS];
} HrNyquistTerms;

/** Bytes HrNyquistTerms holds for transforms of `length` samples. */
size_t
hr_nyquist_terms_bytes(size_t length);

/** The terms of the segment whose transform (`length` bins, its sample i
    being signal sample offset + i, modulo the signal's length) is
    `spectrum`, for its points first_point .. end_point - 1. */
HrStatus
hr_nyquist_terms_compute(HrNyquistTerms*     terms,
                         const HrNyquistFar* far,
                         const fftw_complex* spectrum,
                         size_t              length,
                         long                offset,
                         size_t              first_point,
                         size_t              end_point);

/** Add a filter's share of the terms to its outputs xi and eta (indexed
    by transform sample) over the terms' points. */
void
hr_nyquist_terms_apply(const HrNyquistTerms* terms,
                       HrNyquistJumps        jumps,
                       fftw_complex*         xi,
                       fftw_complex*         eta,
                       size_t                end_point);

void
hr_nyquist_terms_free(HrNyquistTerms* terms);

#endif /* HR_EXACT_NYQUIST_H */
