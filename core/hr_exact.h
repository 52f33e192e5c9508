/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Exact (offline, double precision) reassigned spectrogram: the
   reference computation of doc/ALGORITHM.md over a whole signal, number for
   number, with the filter bank split over threads. */

#ifndef HR_EXACT_H
#define HR_EXACT_H

#include "hr_complex.h"
#include "hr_hist.h"
#include "hr_params.h"
#include "hr_status.h"

#include <stddef.h>

/** Called now and then with the fraction of filters done (0..1), from
    one thread at a time. */
typedef void (*HrProgressFunc)(void* data, double fraction);

/** How to run an exact computation. */
typedef struct {
  int            n_threads;    /**< worker threads; <= 0: all cores */
  size_t         memory_limit; /**< bytes; 0: no limit */
  HrProgressFunc progress;     /**< may be NULL */
  void*          progress_data;
  int            skip_floor;   /**< nonzero: leave E without the noise floor */
  HrComplexHist* complex_hist; /**< not NULL: also make the complex histogram
                               (doc/COMPLEX.md) here; free it with
                               hr_complex_free() */
} HrExactOptions;

/** Defaults: all cores, 3/4 of the machine's memory (16 GiB if unknown),
    no progress, noise floor applied, no complex histogram. */
HrExactOptions
hr_exact_options_default(void);

/** Bytes an exact computation of `n_samples` samples will allocate with
    `n_threads` threads (a close upper bound, stated before starting). */
size_t
hr_exact_memory_needed(const HrParams* params, size_t n_samples, int n_threads);

/** Bytes hr_exact_compute() will allocate for `n_samples` samples with
    `options`: their thread count, and the complex histogram if asked for
    (the figure the memory limit is compared with). */
size_t
hr_exact_memory_for(const HrParams*       params,
                    size_t                n_samples,
                    const HrExactOptions* options);

/** Number of threads `options` asks for, resolved (>= 1). */
int
hr_exact_thread_count(const HrExactOptions* options);

/** Compute the histograms of `x` (n_samples samples). On success `hist`
    holds E with the noise floor applied (unless options->skip_floor) and C
    unthresholded (caller frees with hr_hist_free), and
    options->complex_hist, if set, the complex histogram (no floor); on
    failure both are left empty. The result does not depend on the thread
    count: each filter's points are summed on their own, then added to the
    histogram in filter order. */
HrStatus
hr_exact_compute(const HrParams*       params,
                 const double*         x,
                 size_t                n_samples,
                 const HrExactOptions* options,
                 HrHist*               hist);

#endif /* HR_EXACT_H */
