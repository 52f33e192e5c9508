/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Inside exact mode: one pass of the filter bank over one transform (the
   whole signal, or one segment of it), shared by hr_exact.c and
   hr_exact_segments.c. */

#ifndef HR_EXACT_PASS_H
#define HR_EXACT_PASS_H

#include "hr_exact.h"
#include "hr_exact_nyquist.h"

#include <fftw3.h>

#include <stddef.h>

/** What one pass computes. Transform sample i is signal sample
    i + offset; samples first_point .. end_point - 1 are reassigned, into
    `hist`, whose column 0 is signal column col_base. */
typedef struct {
  const fftw_complex* spectrum; /**< n_fft bins (both halves) */
  size_t              n_fft;
  size_t              n_total; /**< length of the whole signal */
  long                offset;
  size_t              first_point;
  size_t              end_point;
  size_t              col_base;
  HrHist*             hist;
  HrComplexHist*      complex_hist; /**< whole signal only; or NULL */
  int first_filter; /**< filters first_filter .. end_filter - 1 run; */
  int end_filter;   /**< end_filter 0: every filter of the bank */
  const HrNyquistTerms* nyquist; /**< or NULL: filters from nyquist_filter */
  int            nyquist_filter; /**< on get its terms (doc/SEGMENTS.md) */
  HrProgressFunc progress;       /**< fraction of this pass's filters */
  void*          progress_data;
} HrExactPass;

/** Run the pass's filters with `n_threads` threads, adding to
    pass->hist in filter order. */
HrStatus
hr_exact_run_pass(const HrParams*    params,
                  const HrExactPass* pass,
                  int                n_threads);

/** FFT of the real `x` as n_samples complex bins (upper half by
    conjugate symmetry). */
HrStatus
hr_exact_forward_spectrum(const double* x,
                          size_t        n_samples,
                          fftw_complex* spectrum);

/** 1 if hr_exact_compute() cuts this signal into segments. */
int
hr_exact_segmented(const HrParams*       params,
                   size_t                n_samples,
                   const HrExactOptions* options);

/** hr_exact_compute() of a segmented signal held in memory: the whole
    histogram, without the noise floor. */
HrStatus
hr_exact_compute_segmented(const HrParams*       params,
                           const double*         x,
                           size_t                n_samples,
                           const HrExactOptions* options,
                           HrHist*               hist);

/** Threads the wide pass of `plan` uses with `options`: no more than
    192 MiB of transform buffers, and fewer while the computation would
    exceed options->memory_limit (the result does not depend on it). */
int
hr_exact_wide_threads(const HrParams*        params,
                      const HrExactSegments* plan,
                      const HrExactOptions*  options);

#endif /* HR_EXACT_PASS_H */
