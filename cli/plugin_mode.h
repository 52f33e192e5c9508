/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* `hyperres render --mode plugin`: the histogram as the LV2 plugin
   computes it, by hosting the built plugin through lilv and collecting
   its notify messages. No analysis code of its own. */

#ifndef HR_PLUGIN_MODE_H
#define HR_PLUGIN_MODE_H

#include "core/hr_hist.h"
#include "core/hr_params.h"

#include <stddef.h>
#include <stdint.h>

/** How to feed the plugin. */
typedef struct {
  const char* bundle_dir; /**< NULL: search LV2_PATH */
  uint32_t    block;      /**< frames per run(); 0: random 1 .. 8192 */
  uint64_t    seed;       /**< for random block sizes */
  const char* preset;     /**< a preset label to apply, or NULL */
  int         bandwidths; /**< the plugin's Bandwidths control (1: q only) */
} HrPluginRun;

/** Run the mono plugin over `samples` with `params` at `sample_rate`
    and gather its columns into `hist` of the exact mode's shape, columns
    aligned to the input: energies, and counts as the plugin sends them
    (hr:cellHits: reassigned full-rate points, rebuilt by interpolation,
    of the cells above its noise floor; other cells count 0). `params`
    may be adjusted to what the plugin analysed (its Config). Returns 0,
    or -1 with a message in `error`. */
int
hr_plugin_mode_compute(const HrPluginRun* run,
                       HrParams*          params,
                       const double*      samples,
                       size_t             frames,
                       double             sample_rate,
                       HrHist*            hist,
                       char*              error,
                       size_t             error_size);

#endif /* HR_PLUGIN_MODE_H */
