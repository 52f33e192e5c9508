/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Exact mode's options, thread count and memory figures. */

#include "hr_exact.h"
#include "hr_exact_nyquist.h"
#include "hr_exact_pass.h"
#include "hr_filterbank.h"

#include <fftw3.h>

#include <unistd.h>

#define HR_MAX_THREADS 256

HrExactOptions
hr_exact_options_default(void)
{
  HrExactOptions options;
  const long     pages     = sysconf(_SC_PHYS_PAGES);
  const long     page_size = sysconf(_SC_PAGE_SIZE);
  options.n_threads        = 0;
  /* Three quarters of the machine's memory, or 16 GiB if unknown. */
  options.memory_limit        = (pages > 0 && page_size > 0)
                                  ? (size_t)pages / 4 * 3 * (size_t)page_size
                                  : (size_t)16 << 30;
  options.progress            = NULL;
  options.progress_data       = NULL;
  options.skip_floor          = 0;
  options.complex_hist        = NULL;
  options.segment_length      = 0;
  options.whole_signal        = 0;
  options.nyquist_margin      = 0;
  options.nyquist_uncorrected = 0;
  return options;
}

int
hr_exact_thread_count(const HrExactOptions* options)
{
  int n_threads = options ? options->n_threads : 0;
  if (n_threads <= 0) {
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    n_threads        = cores > 0 ? (int)cores : 1;
  }
  return n_threads > HR_MAX_THREADS ? HR_MAX_THREADS : n_threads;
}

/* One transform over the whole signal. */
static size_t
whole_bytes(const HrParams* params, size_t n_samples, int n_threads)
{
  const size_t complex_size = sizeof(fftw_complex);
  const size_t cols         = hr_params_cols(params, n_samples);
  const size_t rows         = (size_t)hr_params_rows(params);
  const size_t span         = (size_t)hr_filterbank_max_span(params);
  const size_t shared       = n_samples * complex_size      /* spectrum */
                        + n_samples * sizeof(double)        /* real input */
                        + 2 * rows * cols * sizeof(double); /* E and C */
  const size_t per_thread =
    4 * n_samples * complex_size + 2 * span * cols * sizeof(double);
  return shared + (size_t)n_threads * per_thread;
}

/* The far field of the filters reaching Nyquist (while it is made) and
   one transform's terms. */
static size_t
nyquist_bytes(const HrParams* params, HrExactSegments plan)
{
  const int n_filters = hr_params_n_filters(params);
  if (plan.nyquist_filter >= n_filters) {
    return 0;
  }
  const int    own    = plan.wide_filter < n_filters;
  const size_t margin = own ? plan.wide_margin : plan.margin;
  return hr_nyquist_far_bytes(plan.count * plan.hop, margin) +
         hr_nyquist_terms_bytes(own ? plan.wide_length : plan.length);
}

/* Segments (doc/SEGMENTS.md): does not grow with the signal. */
static size_t
segment_bytes(const HrParams* params, HrExactSegments plan, int n_threads)
{
  const size_t length    = plan.length;
  const size_t wide      = plan.wide_length;
  const size_t longest   = wide > length ? wide : length;
  const size_t rows      = (size_t)hr_params_rows(params);
  const size_t span      = (size_t)hr_filterbank_max_span(params);
  const size_t cell      = 2 * sizeof(double); /* energy and count */
  const size_t band      = span * plan.window * cell;
  const size_t wide_band = wide ? span * plan.wide_window * cell : 0;
  const size_t wide_window =
    wide ? (size_t)plan.wide_rows * plan.wide_window * cell : 0;
  const size_t nyquist = nyquist_bytes(params, plan);
  const size_t shared  = (length + wide) * sizeof(fftw_complex) /* spectra */
                        + 2 * longest * sizeof(double)  /* input, copy */
                        + 2 * rows * plan.window * cell /* window, out */
                        + wide_window + nyquist;
  /* The main and the wide pass run one after the other. */
  const size_t main_pass =
    (size_t)n_threads * (4 * length * sizeof(fftw_complex) + band);
  const size_t wide_pass =
    (size_t)plan.wide_threads * (4 * wide * sizeof(fftw_complex) + wide_band);
  return shared + (main_pass > wide_pass ? main_pass : wide_pass);
}

/* The wide pass's transform buffers, all threads together, at most. */
#define HR_WIDE_THREAD_BYTES ((size_t)192 << 20)

int
hr_exact_wide_threads(const HrParams*        params,
                      const HrExactSegments* plan,
                      const HrExactOptions*  options)
{
  const int    n_threads  = hr_exact_thread_count(options);
  const size_t per_thread = 4 * plan->wide_length * sizeof(fftw_complex);
  size_t       most       = per_thread ? HR_WIDE_THREAD_BYTES / per_thread : 1;
  if (most > (size_t)n_threads) {
    most = (size_t)n_threads;
  }
  HrExactSegments trial = *plan;
  trial.wide_threads    = most < 1 ? 1 : (int)most;
  while (trial.wide_threads > 1 && options && options->memory_limit &&
         segment_bytes(params, trial, n_threads) > options->memory_limit) {
    --trial.wide_threads;
  }
  return trial.wide_threads;
}

size_t
hr_exact_columns_memory(const HrParams*       params,
                        size_t                n_samples,
                        const HrExactOptions* options)
{
  const int             n_threads = hr_exact_thread_count(options);
  const HrExactSegments plan = hr_exact_segments(params, n_samples, options);
  if (!plan.segmented) {
    /* the samples, and the columns handed on at once */
    const size_t rows = (size_t)hr_params_rows(params);
    return whole_bytes(params, n_samples, n_threads) +
           n_samples * sizeof(double) + 2 * rows * plan.window * sizeof(double);
  }
  return segment_bytes(params, plan, n_threads);
}

static size_t
compute_bytes(const HrParams*       params,
              size_t                n_samples,
              const HrExactOptions* options,
              int                   n_threads)
{
  const HrExactSegments plan = hr_exact_segments(params, n_samples, options);
  if (!plan.segmented) {
    return whole_bytes(params, n_samples, n_threads);
  }
  const size_t cols = hr_params_cols(params, n_samples);
  const size_t rows = (size_t)hr_params_rows(params);
  return segment_bytes(params, plan, n_threads) +
         2 * rows * cols * sizeof(double);
}

size_t
hr_exact_memory_needed(const HrParams* params, size_t n_samples, int n_threads)
{
  return compute_bytes(params, n_samples, NULL, n_threads);
}

size_t
hr_exact_memory_for(const HrParams*       params,
                    size_t                n_samples,
                    const HrExactOptions* options)
{
  const int    n_threads = hr_exact_thread_count(options);
  const size_t needed    = compute_bytes(params, n_samples, options, n_threads);
  if (!options || !options->complex_hist) {
    return needed;
  }
  const size_t cols = hr_params_cols(params, n_samples);
  const int    span = hr_filterbank_max_span(params);
  return needed + hr_complex_bytes(hr_params_rows(params), cols) +
         (size_t)n_threads * hr_complex_bytes(span, cols);
}
