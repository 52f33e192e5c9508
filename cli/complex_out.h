/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The outputs of complex reassignment (--complex, --reconstruct):
   NAME_complex.npy, NAME_recon.wav, and how well the reconstruction
   matches the input. */

#ifndef HR_COMPLEX_OUT_H
#define HR_COMPLEX_OUT_H

#include "args.h"
#include "core/hr_complex.h"
#include "render_job.h"

#include <stddef.h>

/** How far the reconstruction is from the input. */
typedef struct {
  double error; /**< ||y - x|| / ||x|| over the interior; NAN: no interior */
  size_t first; /**< interior: samples first .. end - 1 (0-based) */
  size_t end;
} HrReconError;

/** 1 if `options` need the complex histogram. */
int
hr_complex_out_wanted(const HrCliOptions* options);

/** Write what `options` ask for: `npy_path` (--complex) from `hist`,
    and `wav_path` (--reconstruct) with its error against the input in
    `measured`. Returns 0, or -1 with a message in `error`. */
int
hr_complex_out_write(const HrCliOptions*  options,
                     const HrSignal*      signal,
                     const HrParams*      params,
                     const HrComplexHist* hist,
                     const char*          npy_path,
                     const char*          wav_path,
                     HrReconError*        measured,
                     char*                error,
                     size_t               error_size);

/** The reconstruction's part of the summary line (empty if none). */
void
hr_complex_out_describe(const HrCliOptions* options,
                        const HrReconError* measured,
                        char*               text,
                        size_t              text_size);

#endif /* HR_COMPLEX_OUT_H */
