/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* libhyperres: the reassigned ("hyper-resolution") spectrogram of Gardner
   & Magnasco (PNAS 2006) for C programs and for other languages' bindings.

   Include as <hyperres/hyperres.h>; link with `pkg-config --cflags --libs
   hyperres`. An HrAnalysis holds the parameters; it makes HrSpectrograms
   (exact mode: a whole signal in double precision, the numbers of
   `hyperres render`) and HrStreamers (streaming mode: blocks in, columns
   out, single precision, the LV2 plugin's analysis). Every function
   reports failure as an HrError; hr_error_string() and hr_analysis_check()
   give the messages.

   Threads: an HrAnalysis may be read by several threads at once (every
   function taking `const HrAnalysis*`), but changed by one thread while no
   other uses it. Each HrSpectrogram and HrStreamer belongs to one thread at
   a time. hr_spectrogram_new() runs on its own worker threads.

   Histograms are rows x columns arrays in C order (cell row * columns +
   column). Row 0 is the highest frequency; column c holds the points whose
   reassigned time lies in [c * tdeci, (c + 1) * tdeci) samples. */

#ifndef HYPERRES_HYPERRES_H
#define HYPERRES_HYPERRES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef HR_LIB_BUILDING
#define HR_API __attribute__((visibility("default")))
#else
/** Marks the library's exported functions. */
#define HR_API
#endif

/** Version of this header; hr_version() gives the library's. The soname
    (libhyperres.so.MAJOR) changes only with the major version. */
#define HR_VERSION_MAJOR 0
#define HR_VERSION_MINOR 1
#define HR_VERSION_MICRO 0

/** The library's version, "MAJOR.MINOR.MICRO". */
HR_API const char*
hr_version(void);

/* ---- Errors ------------------------------------------------------------ */

/** Result of a call; HR_OK is zero. Values never change meaning. */
typedef enum {
  HR_OK                        = 0,
  HR_ERROR_BAD_ARGUMENT        = 1,  /**< NULL pointer, unknown setting */
  HR_ERROR_NO_MEMORY           = 2,  /**< an allocation failed */
  HR_ERROR_TOO_SHORT           = 3,  /**< fewer than 2 samples */
  HR_ERROR_MEMORY_LIMIT        = 4,  /**< needs more than the memory limit */
  HR_ERROR_BAD_RATE            = 5,  /**< sample rate not finite and > 0 */
  HR_ERROR_BAD_Q               = 6,  /**< q (or a consensus q) */
  HR_ERROR_BAD_TDECI           = 7,  /**< tdeci */
  HR_ERROR_BAD_OVER            = 8,  /**< over */
  HR_ERROR_BAD_NOCT            = 9,  /**< noct */
  HR_ERROR_BAD_FMIN            = 10, /**< fmin */
  HR_ERROR_BAD_FMAX            = 11, /**< fmax (above Nyquist, or <= 0) */
  HR_ERROR_FMIN_NOT_BELOW_FMAX = 12, /**< fmin >= fmax */
  HR_ERROR_BAD_LINT            = 13, /**< lint */
  HR_ERROR_BAD_SIGMA           = 14, /**< sigma (linear scale) */
  HR_ERROR_BAD_NDIV            = 15, /**< ndiv (linear scale) */
  HR_ERROR_BAD_SCALE           = 16, /**< scale is neither log nor linear */
  HR_ERROR_TOO_LARGE           = 17, /**< too many rows, columns, samples */
  HR_ERROR_THREADS             = 18, /**< bad thread count, or no thread */
  HR_ERROR_FFT_PLAN            = 19, /**< FFTW made no plan */
  HR_ERROR_BAD_CONSENSUS       = 20, /**< consensus ladder */
  HR_ERROR_BAD_COMBINATION     = 21, /**< settings that do not go together */
  HR_ERROR_STOPPED             = 22, /**< the computation was stopped */
} HrError;

/** A one-line description of `error` (the batch tool's wording), never
    NULL. hr_analysis_check() gives a message with the values at fault. */
HR_API const char*
hr_error_string(HrError error);

/* ---- Analysis parameters ------------------------------------------------ */

/** The frequency axis (the value of HR_SETTING_SCALE). */
typedef enum {
  HR_AXIS_LOG    = 0, /**< constant-Q filters, noct rows per octave */
  HR_AXIS_LINEAR = 1, /**< one filter width (sigma), ndiv rows */
} HrAxis;

/** The settings of an analysis, all doubles. Frequencies are in cycles
    per sample (Hz / rate: 0.5 is the Nyquist frequency), as the core and
    `hyperres render --fmin` take them; the rate gives the axes and
    messages in Hz. Names and defaults are those of `hyperres render`. */
typedef enum {
  HR_SETTING_RATE         = 0,  /**< samples per second [1] */
  HR_SETTING_SCALE        = 1,  /**< an HrAxis [HR_AXIS_LOG] */
  HR_SETTING_Q            = 2,  /**< log: filter quality [2] */
  HR_SETTING_NOCT         = 3,  /**< log: rows per octave [108] */
  HR_SETTING_OVER         = 4,  /**< filters per row, whole [2] */
  HR_SETTING_TDECI        = 5,  /**< samples per column, whole [96] */
  HR_SETTING_LINT         = 6,  /**< drop points moved >= lint [0.5] */
  HR_SETTING_FMIN         = 7,  /**< lowest frequency [0.001] */
  HR_SETTING_FMAX         = 8,  /**< highest frequency [0.5] */
  HR_SETTING_SIGMA        = 9,  /**< linear: filter width [0.004] */
  HR_SETTING_NDIV         = 10, /**< linear: rows, whole [200] */
  HR_SETTING_THREADS      = 11, /**< worker threads, whole; 0: all cores */
  HR_SETTING_MEMORY_LIMIT = 12, /**< bytes; 0: none [3/4 of the RAM] */
} HrSetting;

/** Parameters and run settings (opaque). */
typedef struct HrAnalysisImpl HrAnalysis;

/** Called now and then with the fraction of the work done (0..1), from
    one of the analysis's threads at a time, while that analysis waits. */
typedef void (*HrProgress)(void* data, double fraction);

/** A new analysis with the default settings; NULL if out of memory. */
HR_API HrAnalysis*
hr_analysis_new(void);

/** Free `analysis`; NULL is fine. */
HR_API void
hr_analysis_free(HrAnalysis* analysis);

/** Set one setting. Values are checked when used (hr_analysis_check());
    only an unknown `setting` fails here (HR_ERROR_BAD_ARGUMENT). */
HR_API HrError
hr_analysis_set(HrAnalysis* analysis, HrSetting setting, double value);

/** The value of `setting`; NaN for an unknown setting. */
HR_API double
hr_analysis_get(const HrAnalysis* analysis, HrSetting setting);

/** Analyse with the consensus over the bandwidths `q[0] < ... <
    q[n_q - 1]` (1 to 8 values in (0, 100], log scale; the README's
    --consensus) instead of the single q; `n_q` 0 goes back to the single
    q. Checked when used, like hr_analysis_set(); NULL `q` with n_q > 0 or
    n_q outside 0..8 fail here (HR_ERROR_BAD_CONSENSUS). */
HR_API HrError
hr_analysis_set_consensus(HrAnalysis* analysis, const double* q, int n_q);

/** Number of consensus bandwidths (0: single q); copies up to `max_q` of
    them into `q` (may be NULL). */
HR_API int
hr_analysis_consensus(const HrAnalysis* analysis, double* q, int max_q);

/** Report progress of hr_spectrogram_new() to `progress` (NULL: none). */
HR_API void
hr_analysis_set_progress(HrAnalysis* analysis, HrProgress progress, void* data);

/** What hr_spectrogram_new() computes besides energy and count. */
typedef enum {
  HR_COMPUTE_COMPLEX = 1u << 0, /**< the complex histogram (single q) */
} HrComputeFlags;

/** HR_OK if the settings make a computable analysis with `flags` (an
    HrComputeFlags combination), else the first problem, described in
    `message` (`message_size` bytes, may be NULL) with the values at
    fault, e.g. "fmax 30000 Hz lies above the Nyquist frequency 24000 Hz". */
HR_API HrError
hr_analysis_check(const HrAnalysis* analysis,
                  unsigned          flags,
                  char*             message,
                  size_t            message_size);

/** Number of histogram rows; 0 if the settings do not check. */
HR_API int
hr_analysis_rows(const HrAnalysis* analysis);

/** Number of columns for `n_samples` samples: ceil(n_samples / tdeci). */
HR_API size_t
hr_analysis_columns(const HrAnalysis* analysis, size_t n_samples);

/** Centre frequency of row `row` in Hz (times the rate): fmax *
    2^(-row / noct) on the log axis, fmax - row (fmax - fmin) / (ndiv - 1)
    on the linear one. NaN if the settings do not check. */
HR_API double
hr_analysis_row_frequency(const HrAnalysis* analysis, int row);

/** Start of column `column` in seconds after the first sample (in
    samples when the rate is 1): (column * tdeci - 1) / rate, since the
    column holds the 1-based times [column * tdeci, (column + 1) * tdeci)
    and sample n (from 0) is at time n + 1. As `hyperres render`'s
    NAME_axes.npz gives it. */
HR_API double
hr_analysis_column_time(const HrAnalysis* analysis, size_t column);

/** Bytes hr_spectrogram_new() allocates for `n_samples` samples with
    `flags` (a close upper bound; the figure compared with the memory
    limit); 0 if the settings do not check. */
HR_API size_t
hr_analysis_memory_needed(const HrAnalysis* analysis,
                          size_t            n_samples,
                          unsigned          flags);

/* ---- Exact mode ---------------------------------------------------------- */

/** The histograms of one signal (opaque). */
typedef struct HrSpectrogramImpl HrSpectrogram;

/** Analyse `n_samples` samples in exact mode: the energy histogram with
    the noise floor (cells whose count is below the square root of the
    largest count are 0), the count (points per cell, no floor) and, with
    HR_COMPUTE_COMPLEX, the complex histogram. NaN and Inf samples are
    analysed as silence (hr_spectrogram_nonfinite() says how many). The
    numbers do not depend on the thread count. NULL on failure, with the
    reason in `error` (may be NULL). */
HR_API HrSpectrogram*
hr_spectrogram_new(const HrAnalysis* analysis,
                   const double*     samples,
                   size_t            n_samples,
                   unsigned          flags,
                   HrError*          error);

/** Free `spectrogram` and its arrays; NULL is fine. */
HR_API void
hr_spectrogram_free(HrSpectrogram* spectrogram);

/** Number of rows. */
HR_API int
hr_spectrogram_rows(const HrSpectrogram* spectrogram);

/** Number of columns. */
HR_API size_t
hr_spectrogram_columns(const HrSpectrogram* spectrogram);

/** The energy histogram: rows x columns summed |xi|^2 (linear power),
    noise floor applied. Owned by `spectrogram`. */
HR_API const double*
hr_spectrogram_energy(const HrSpectrogram* spectrogram);

/** The count histogram: rows x columns reassigned points per cell, no
    noise floor. Owned by `spectrogram`. */
HR_API const double*
hr_spectrogram_count(const HrSpectrogram* spectrogram);

/** The complex histogram: rows x columns (real, imaginary) pairs, the
    layout of C99's double complex, no noise floor (doc/COMPLEX.md); NULL
    unless made with HR_COMPUTE_COMPLEX. Owned by `spectrogram`. */
HR_API const double*
hr_spectrogram_complex(const HrSpectrogram* spectrogram);

/** Number of NaN/Inf input samples, analysed as silence. */
HR_API size_t
hr_spectrogram_nonfinite(const HrSpectrogram* spectrogram);

/* ---- Streaming mode ------------------------------------------------------ */

/** A streaming analyser (opaque): blocks of any size in, finished columns
    out, in single precision: the LV2 plugin's analysis, with its running
    noise floor over the last 3 seconds (at the analysis's rate: set
    HR_SETTING_RATE). hr_streamer_reset(), _process(),
    _next_column() never allocate, lock, print or do I/O (real-time safe). */
typedef struct HrStreamerImpl HrStreamer;

/** Make a streamer for `analysis` (log or linear scale; a consensus on
    the log scale). `max_block`: the largest block usually passed to
    hr_streamer_process() (0: 8192). Allocates and plans FFTs. NULL on
    failure with the reason in `error` (may be NULL). */
HR_API HrStreamer*
hr_streamer_new(const HrAnalysis* analysis, uint32_t max_block, HrError* error);

/** Free `streamer`; NULL is fine. */
HR_API void
hr_streamer_free(HrStreamer* streamer);

/** Forget all input, as if just made. */
HR_API void
hr_streamer_reset(HrStreamer* streamer);

/** Analyse `n_samples` more samples (NaN/Inf as silence). Take the
    columns out after each call: passing more than max_block samples in
    one call may drop columns (the next index taken then jumps). */
HR_API void
hr_streamer_process(HrStreamer*  streamer,
                    const float* samples,
                    uint32_t     n_samples);

/** Take the oldest finished column: 1, with its number in `index` (column
    of the exact histogram it matches), its rows' energies (noise floor
    applied) in `energy` and counts in `count` (each may be NULL); else 0.
    The arrays stay valid until the next call on `streamer`. */
HR_API int
hr_streamer_next_column(HrStreamer*   streamer,
                        int64_t*      index,
                        const float** energy,
                        const float** count);

/** Number of rows of every column. */
HR_API int
hr_streamer_rows(const HrStreamer* streamer);

/** Samples of input between the end of column k's time span and its
    coming out (the longest filter's reach), the same for every column. */
HR_API size_t
hr_streamer_latency(const HrStreamer* streamer);

#ifdef __cplusplus
}
#endif

#endif /* HYPERRES_HYPERRES_H */
