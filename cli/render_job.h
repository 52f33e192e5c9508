/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* One input of `hyperres render`: read, analyse each channel in exact
   mode, write the .npy histograms and the .png picture. */

#ifndef HR_RENDER_JOB_H
#define HR_RENDER_JOB_H

#include "args.h"
#include "core/hr_exact.h"

#include <stddef.h>

/** A signal to analyse, already in memory. */
typedef struct {
  const char*   name;  /**< base of output names, e.g. "take1" */
  const char*   title; /**< picture title, e.g. the file name */
  const double* samples;
  size_t        frames;
  double        sample_rate;
  double        start_s;   /**< time of the first sample in the file */
  int           channel;   /**< 1-based; 0: the file has one channel */
  int           n_signals; /**< channels rendered from the file; 0: 1 */
} HrSignal;

/** What became of one signal (or of a file that could not be read). */
typedef struct {
  const char*     input;      /**< the file's path, or the signal's title */
  int             channel;    /**< as HrSignal; 0 also for a file not read */
  int             n_channels; /**< signals this file gives (0: not read) */
  size_t          frames;
  double          sample_rate; /**< 0: not known */
  double          start_s;
  const HrParams* params; /**< resolved; NULL if not known */
  int             rows;   /**< histogram shape; 0 if none */
  size_t          cols;
  const char*     outputs[8]; /**< files written */
  int             n_outputs;
  double          seconds; /**< analysis and writing */
  const char*     error;   /**< NULL: done */
  int             refused; /**< outputs exist: nothing written or changed */
} HrJobResult;

/** Told about every result before its summary line is printed. On
    success (error NULL) it may add outputs of its own and fail: it
    returns -1 with a message, and is then told again of the failure. */
typedef struct {
  int (*report)(void*              data,
                const HrJobResult* result,
                char*              error,
                size_t             error_size);
  void* data;
} HrJobListener;

/** Analyse one signal and write its outputs. Returns 0, or -1 after
    printing a one-line error to stderr. `listener` may be NULL. */
int
hr_job_render_signal(const HrCliOptions*  options,
                     const HrSignal*      signal,
                     const HrJobListener* listener);

/** Read the audio file `path` and render every selected channel, with
    outputs named `name` (relative to the output folder, e.g. "day1/take";
    its folders must exist). Returns 0, or -1 after printing a one-line
    error to stderr. `listener` may be NULL. */
int
hr_job_render_file(const HrCliOptions*  options,
                   const char*          path,
                   const char*          name,
                   const HrJobListener* listener);

/** The path outputs of `signal` begin with: OUT_DIR/NAME[_chK]. Returns
    0, or -1 if it would leave under 32 bytes of `stem_size` for a
    suffix. */
int
hr_job_output_stem(const HrCliOptions* options,
                   const HrSignal*     signal,
                   char*               stem,
                   size_t              stem_size);

/** Segment options from the environment, for tests and measurements:
    HYPERRES_SEGMENT_LENGTH (samples per segment transform),
    HYPERRES_NYQUIST_MARGIN (margin of the filters reaching Nyquist),
    HYPERRES_NYQUIST_UNCORRECTED=1 (those filters without their reach
    beyond the margin, to measure what it is worth) and
    HYPERRES_WHOLE_SIGNAL=1 (one transform, the reference's). */
void
hr_job_segment_options(HrExactOptions* exact);

/** Peak resident memory of this process so far, MB (Linux: VmHWM, which
    unlike getrusage() does not count the parent's size before exec); 0 if
    unknown. */
double
hr_job_peak_memory_mb(void);

#endif /* HR_RENDER_JOB_H */
