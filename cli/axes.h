/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* What a histogram's numbers mean, written beside it: NAME_axes.npz with
   freq_hz (the centre frequency of every row, row 0 the highest),
   time_s (the start time of every column, counting --start) and params
   (JSON text: every analysis parameter, rate, channel, samples, input,
   version). The same JSON describes a result in the batch index. */

#ifndef HR_AXES_H
#define HR_AXES_H

#include "args.h"
#include "json.h"
#include "render_job.h"

#include <stddef.h>

/** Write the JSON object of the analysis parameters of `result` (which
    must have params) into `json`. */
void
hr_axes_params_json(HrJson*             json,
                    const HrCliOptions* options,
                    const HrJobResult*  result);

/** Write the JSON object of every option that shapes the outputs, as
    given (before a file's rate resolves Hz): two runs with equal texts
    write equal outputs from equal inputs. */
void
hr_axes_request_json(HrJson* json, const HrCliOptions* options);

/** The axes file of the histogram at `spec_path` (NAME_spec.npy or
    .npz): NAME_axes.npz. Returns 0, or -1 if `spec_path` is not such a
    name or too long. */
int
hr_axes_path(const char* spec_path, char* path, size_t path_size);

/** Write the axes file at `path` for `result` (done, with params).
    Returns 0, or -1 with a message in `error`. */
int
hr_axes_write(const char*         path,
              const HrCliOptions* options,
              const HrJobResult*  result,
              char*               error,
              size_t              error_size);

#endif /* HR_AXES_H */
