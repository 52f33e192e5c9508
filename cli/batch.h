/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A batch of `hyperres render`: the input list (its share of it with
   --shard), what --resume skips, files analysed --jobs at a time with
   their reports in input order, and the record of each result in the
   output folder's index and each histogram's axes file. */

#ifndef HR_BATCH_H
#define HR_BATCH_H

#include "args.h"
#include "render_job.h"

/** Render the inputs of `options`. Returns the number of inputs that
    failed (reported on stderr), or -1 when out of memory. */
int
hr_batch_render(const HrCliOptions* options);

/** Render one signal in memory (the demo) with its axes file, without
    an index. Returns 0, or -1 after reporting. */
int
hr_batch_render_signal(const HrCliOptions* options, const HrSignal* signal);

#endif /* HR_BATCH_H */
