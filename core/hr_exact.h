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
                               hr_complex_free() (whole signal only) */
  size_t segment_length;       /**< 0: automatic; else the transform length of
                                    one segment (raised to what the overlap needs,
                                    then to a 5-smooth length) */
  int whole_signal;            /**< nonzero: one transform over the whole signal
                                    (the reference; memory grows with length) */
  size_t nyquist_margin;       /**< 0: automatic; else the margin of the filters
                                    whose Gaussian reaches Nyquist */
  int nyquist_uncorrected;     /**< nonzero: those filters without their
                                    reach beyond the margin (for measuring
                                    what it is worth) */
} HrExactOptions;

/** Defaults: all cores, 3/4 of the machine's memory (16 GiB if unknown),
    no progress, noise floor applied, no complex histogram, automatic
    segments (doc/SEGMENTS.md). */
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

/** Bytes hr_exact_compute_columns() will allocate for `n_samples`
    samples with `options`: bounded whatever the length when the signal is
    segmented (doc/SEGMENTS.md gives the formula). */
size_t
hr_exact_columns_memory(const HrParams*       params,
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

/** How a signal is cut into segments (doc/SEGMENTS.md): each segment is
    one transform of `length` samples whose middle `hop` samples are
    reassigned; `margin` samples each side feed the filters only. */
typedef struct {
  int    segmented; /**< 0: one transform over the whole signal */
  size_t length;    /**< transform length (5-smooth); the signal's if 0 */
  size_t margin;    /**< samples each side beyond the reassigned ones */
  size_t hop;       /**< samples reassigned per segment: length - 2 margin */
  size_t count;     /**< number of segments (1 if not segmented) */
  size_t window;    /**< histogram columns held at once */
  /* Filters nyquist_filter .. n_filters - 1 reach Nyquist, where the
     reference cuts them: their kernels decay only like 1/n, and the
     terms of hr_exact_nyquist.h, with a far field of nyquist_margin,
     give them their whole reach. If the main pass's margin is not
     enough for them, they run from wide_filter on in a pass of their
     own with a wider margin, in transforms of wide_length samples of
     which wide_hop (a whole number of hops) are reassigned, into their
     own window of wide_rows x wide_window cells; or in one transform of
     the whole signal when wide_whole (exact, without terms). */
  int    nyquist_filter; /**< n_filters if none gets terms */
  int    wide_filter;    /**< n_filters if no pass of their own */
  size_t wide_margin;
  size_t wide_length;
  size_t wide_hop;
  int    wide_whole; /**< 1: wide filters use one transform of the signal */
  int    wide_rows;  /**< rows 0 .. wide_rows - 1 hold their points */
  size_t wide_window;
  int    wide_threads; /**< threads of their pass: at most 192 MiB of
                            transforms, fewer under a memory limit */
} HrExactSegments;

/** The segments hr_exact_compute() and hr_exact_compute_columns() use
    for `n_samples` samples with `options` (NULL: defaults). Signals of at
    most one segment's length (and options->whole_signal) are computed in
    one transform, exactly as the reference. */
HrExactSegments
hr_exact_segments(const HrParams*       params,
                  size_t                n_samples,
                  const HrExactOptions* options);

/** Finished histogram columns first_col .. first_col + n_cols - 1, column
    by column (energy[c * rows + row], row 0 = highest frequency), without
    the noise floor. The arrays belong to the computation. */
typedef struct {
  size_t        first_col;
  size_t        n_cols;
  int           rows;
  const double* energy;
  const double* count;
} HrColumns;

/** Takes finished columns, in time order; returns 0 to go on, nonzero to
    stop the computation (it then returns HR_ERR_STOPPED). */
typedef int (*HrColumnSink)(void* data, const HrColumns* columns);

/** Fills `samples` with the signal's samples first .. first + count - 1
    (all within the signal); returns 0, nonzero to stop. */
typedef int (*HrSampleSource)(void*   data,
                              size_t  first,
                              size_t  count,
                              double* samples);

/** The histograms of an n_samples-long signal read through `source`,
    handed to `sink` as their columns are finished, in bounded memory
    (hr_exact_memory_needed()). The caller applies the noise floor (max
    count over all columns). Same columns as hr_exact_compute(). The
    complex histogram is not available here (options->complex_hist must
    be NULL). */
HrStatus
hr_exact_compute_columns(const HrParams*       params,
                         HrSampleSource        source,
                         void*                 source_data,
                         size_t                n_samples,
                         const HrExactOptions* options,
                         HrColumnSink          sink,
                         void*                 sink_data);

#endif /* HR_EXACT_H */
