/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Inside libhyperres: what an HrAnalysis holds, its settings resolved
   into the core's parameters, and the core's status as a public error. */

#ifndef HR_LIB_ANALYSIS_IMPL_H
#define HR_LIB_ANALYSIS_IMPL_H

#include "core/hr_consensus.h"
#include "core/hr_params.h"
#include "core/hr_status.h"
#include "lib/hyperres/hyperres.h"

#include <stddef.h>

/** Number of HrSetting values. */
#define HR_SETTING_COUNT 13

struct HrAnalysisImpl {
  double     values[HR_SETTING_COUNT];
  HrLadder   ladder; /**< n_q 0: the single q */
  HrProgress progress;
  void*      progress_data;
};

/** An analysis's settings, checked, in the core's terms. */
typedef struct {
  HrParams params; /**< normalised units */
  double   rate;
  int      n_threads;    /**< 0: all cores */
  size_t   memory_limit; /**< bytes; 0: none */
  HrLadder ladder;       /**< n_q 0: the single q */
} HrResolved;

/** Check `analysis` for a computation with `flags` and resolve it into
    `resolved`; on failure the first problem, described in `message`
    (may be NULL). */
HrError
hr_lib_resolve(const HrAnalysis* analysis,
               unsigned          flags,
               HrResolved*       resolved,
               char*             message,
               size_t            message_size);

/** Bytes the exact computation `resolved` describes allocates for
    `n_samples` samples (the figure the batch tool compares with its
    limit). */
size_t
hr_lib_memory_needed(const HrResolved* resolved,
                     size_t            n_samples,
                     unsigned          flags);

/** The public error for a core status. */
HrError
hr_lib_error(HrStatus status);

#endif /* HR_LIB_ANALYSIS_IMPL_H */
