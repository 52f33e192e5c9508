/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* One long input of `hyperres render`, in bounded memory: each channel
   read from the file piece by piece, computed in segments, its finished
   columns spilled to a temporary file (cells under the running noise
   floor dropped at once), then written as sparse .npz histograms and
   picture pages (doc/SEGMENTS.md). */

#ifndef HR_SPARSE_JOB_H
#define HR_SPARSE_JOB_H

#include "args.h"
#include "render_job.h"

#include <stddef.h>

/** 1 if `path` (with `options`) is rendered sparse: --sparse, or a
    histogram above the size limit without --dense. 0 if dense; -1 with a
    message in `error` if --sparse was asked with an option it cannot
    serve. The file is only opened for its header. */
int
hr_sparse_job_wanted(const HrCliOptions* options,
                     const char*         path,
                     char*               error,
                     size_t              error_size);

/** Render `path` sparse, outputs named `name` (see hr_job_render_file),
    telling `listener` (may be NULL) of each channel as the dense path
    does. Returns 0, or -1 after printing a one-line error to stderr. */
int
hr_sparse_job_render(const HrCliOptions*  options,
                     const char*          path,
                     const char*          name,
                     const HrJobListener* listener);

#endif /* HR_SPARSE_JOB_H */
