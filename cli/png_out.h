/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The PNG pictures of `hyperres render`, drawn by render/render: the energy
   histogram (NAME_spec.png) and the reassigned count (NAME_count.png). */

#ifndef HR_PNG_OUT_H
#define HR_PNG_OUT_H

#include "args.h"
#include "core/hr_hist.h"
#include "core/hr_params.h"
#include "render_job.h"

#include <stddef.h>

/** Which histogram a picture shows. */
typedef enum {
  HR_PNG_ENERGY = 0, /**< energy, dB colours over --db-range */
  HR_PNG_COUNT  = 1  /**< points per cell, 1 point to the largest count */
} HrPngKind;

/** A picture's values: rows x cols floats, C order (row 0 = highest
    frequency), its first column at t_start_s, col_seconds apart. */
typedef struct {
  const float* data;
  int          rows;
  size_t       cols;
  double       t_start_s;
  double       col_seconds;
  double       db_top; /**< colour-bar top, dB (counts: 10 log10 points);
                            NAN: the data's maximum */
} HrPngImage;

/** Draw `image` as a PNG at `path` with the title, axes and colour bar
    of `kind`, written whole or not at all. Returns 0, or -1. */
int
hr_png_out_draw(const HrCliOptions* options,
                const HrSignal*     signal,
                const HrParams*     params,
                const HrPngImage*   image,
                HrPngKind           kind,
                const char*         path,
                char*               error,
                size_t              error_size);

/** Draw `kind` of `hist` (analysed with `params`) as a PNG at `path`,
    written whole or not at all. Returns 0, or -1 with a message. */
int
hr_png_out_write(const HrCliOptions* options,
                 const HrSignal*     signal,
                 const HrParams*     params,
                 const HrHist*       hist,
                 HrPngKind           kind,
                 const char*         path,
                 char*               error,
                 size_t              error_size);

#endif /* HR_PNG_OUT_H */
