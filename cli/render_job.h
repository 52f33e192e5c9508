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
  double        start_s; /**< time of the first sample in the file */
  int           channel; /**< 1-based; 0: the file has one channel */
} HrSignal;

/** Analyse one signal and write its outputs. Returns 0, or -1 after
    printing a one-line error to stderr. */
int
hr_job_render_signal(const HrCliOptions* options, const HrSignal* signal);

/** Read the audio file `path` and render every selected channel. Returns
    0, or -1 after printing a one-line error to stderr. */
int
hr_job_render_file(const HrCliOptions* options, const char* path);

/** The base name of outputs for `path`: its file name without folder
    and extension. Writes into `name` (size `name_size`). */
void
hr_job_output_name(const char* path, char* name, size_t name_size);

/** The path outputs of `signal` begin with: OUT_DIR/NAME[_chK]. Returns
    0, or -1 if it would leave under 32 bytes of `stem_size` for a
    suffix. */
int
hr_job_output_stem(const HrCliOptions* options,
                   const HrSignal*     signal,
                   char*               stem,
                   size_t              stem_size);

/** Segment options from the environment, for tests and measurements:
    HYPERRES_SEGMENT_LENGTH (samples per segment transform) and
    HYPERRES_WHOLE_SIGNAL=1 (one transform, the reference's). */
void
hr_job_segment_options(HrExactOptions* exact);

#endif /* HR_RENDER_JOB_H */
