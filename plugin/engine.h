/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The analysers of one plugin instance for one set of settings: one
   consensus stream (one HrStream per q) per analysed channel. Made and freed
   off the audio thread (worker, instantiate, activate), used in run(). */

#ifndef HR_ENGINE_H
#define HR_ENGINE_H

#include "settings.h"

#include "core/hr_status.h"
#include "core/hr_consensus_stream.h"

#include <stdint.h>

/** Most streams an engine has (stereo, both channels). */
#define HR_MAX_STREAMS 2

/** Analysers for one set of settings. */
typedef struct {
  HrSettings         settings;                 /**< what it was made for */
  HrStreamConfig     config;                   /**< at the instance's rate */
  double             rate;                     /**< sample rate, Hz */
  uint32_t           n_streams;                /**< 1 or 2 */
  HrConsensusStream* streams[HR_MAX_STREAMS];  /**< one per analysed input */
  int                channels[HR_MAX_STREAMS]; /**< HrChannel of each stream */
  int                rows;                     /**< rows per column */
  size_t             latency; /**< samples, hr_stream_latency */
} HrEngine;

/** Make the analysers `settings` ask for at `rate` Hz (allocates, plans
    FFTs). NULL on failure, with the reason in `status`. */
HrEngine*
hr_engine_new(const HrSettings* settings, double rate, HrStatus* status);

/** Free an engine; NULL is fine. */
void
hr_engine_free(HrEngine* engine);

/** Forget all input. */
HR_REALTIME void
hr_engine_reset(HrEngine* engine);

#endif /* HR_ENGINE_H */
