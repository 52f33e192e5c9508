/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Streaming (real-time, single precision) reassigned spectrogram: blocks
   of any size in, finished histogram columns out. Everything is
   allocated and every FFT planned in hr_stream_new(); the functions
   marked HR_REALTIME never allocate, lock, print or do I/O. */

#ifndef HR_STREAM_H
#define HR_STREAM_H

#include "hr_params.h"
#include "hr_realtime.h"
#include "hr_simd.h"
#include "hr_status.h"

#include <stddef.h>
#include <stdint.h>

/** A streaming analyser (opaque). */
typedef struct HrStreamImpl HrStream;

/** What a stream is built for. Zero-initialised optional fields take
    their defaults. */
typedef struct {
  HrParams params;     /**< normalised units, as for exact mode */
  uint32_t max_block;  /**< largest block hr_stream_process() usually
                            gets (sizes the column ring; 0: 8192) */
  double floor_window; /**< running-max window of the noise floor,
                            samples (>= 2 s of audio is right; less
                            than tdeci: one column) */
  double grid_over;    /**< oversampling of each filter's decimated
                            grid, 1..16: the grid step is about
                            0.52/grid_over of the filter's shortest time
                            std (2: 10-15 % faster, less margin on
                            beating tones; 0: 3) */
  int    skip_floor;   /**< nonzero: energy without the noise floor */
  HrSimd simd;         /**< vector path of the per-point work (every
                            path gives the same columns; 0: HR_SIMD
                            in the environment, else the best) */
} HrStreamConfig;

/** A finished column. `energy` and `count` point into the stream and
    stay valid until the next hr_stream_process() or hr_stream_reset(). */
typedef struct {
  int64_t index;       /**< column number: t_ins in [index*tdeci,
                            (index+1)*tdeci), 1-based samples since reset */
  int          rows;   /**< = hr_params_rows() */
  const float* energy; /**< rows values, row 0 = fmax, floor applied */
  const float* count;  /**< rows values, unthresholded */
} HrColumn;

/** Make a stream (allocates, plans FFTs under the planner lock). NULL on
    failure with the reason in `status` (may be NULL). */
HrStream*
hr_stream_new(const HrStreamConfig* config, HrStatus* status);

/** Free a stream; NULL is fine. */
void
hr_stream_free(HrStream* stream);

/** Forget all input (as if just made). */
HR_REALTIME void
hr_stream_reset(HrStream* stream);

/** Analyse `n_samples` more samples (any number; more than max_block
    in one call may drop columns not taken in time). Non-finite samples
    are analysed as silence, magnitudes below 1e-15 as 0 and above 1e9 as
    1e9. The work comes in hops: a call that completes hops of several
    groups costs more than its share. */
HR_REALTIME void
hr_stream_process(HrStream* stream, const float* samples, uint32_t n_samples);

/** Take the oldest finished column, if any: 1 and `column` filled, else
    0. Columns come out in order, each once, column k right after the
    hr_stream_process() call that brings the input to (k+1)*tdeci +
    hr_stream_latency() samples. Columns not taken by the time the ring
    (latency + max_block samples of columns) needs their slot are
    dropped: the next index taken jumps. */
HR_REALTIME int
hr_stream_next_column(HrStream* stream, HrColumn* column);

/** Index of the column hr_stream_next_column() would give now, or -1
    if none is ready. */
HR_REALTIME int64_t
hr_stream_next_index(const HrStream* stream);

/** Samples between the input that completes column k's time span
    ((k+1)*tdeci samples) and the call to hr_stream_process() after which
    column k comes out; the same for every column (about 7 q/fmin on the
    log scale: the longest filter's reach and hop). */
size_t
hr_stream_latency(const HrStream* stream);

/** Bytes the stream allocated. */
size_t
hr_stream_memory(const HrStream* stream);

/** Number of histogram rows. */
int
hr_stream_rows(const HrStream* stream);

/** The vector path the stream's per-point work takes. */
HrSimd
hr_stream_simd(const HrStream* stream);

#endif /* HR_STREAM_H */
