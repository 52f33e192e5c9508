/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Comparing two takes: capture pictures (colour or index images with
   their lost columns hatched) and the overlay (A and B in two colours)
   or difference (B - A in dB, two colours) of two index images. Cairo
   image surfaces only, no X. */

#ifndef HR_COMPARE_H
#define HR_COMPARE_H

#include "capture.h"
#include "live_image.h"

#include <cairo.h>

/** How A and B are shown. */
typedef enum {
  HR_COMPARE_OFF     = 0, /**< the live picture only */
  HR_COMPARE_SIDE    = 1, /**< A beside B */
  HR_COMPARE_OVERLAY = 2, /**< A and B in two colours, one picture */
  HR_COMPARE_DIFF    = 3, /**< B - A: where each is louder */
  HR_COMPARE_COUNT   = 4  /**< number of modes, not a mode */
} HrCompareMode;

/** Colours of A and B in overlays and differences. */
extern const HrRgb hr_compare_color_a;
extern const HrRgb hr_compare_color_b;

/** A short name: "off", "side", "overlay", "diff". */
const char*
hr_compare_name(HrCompareMode mode);

/** `capture` (its energies, or its point counts if `counts`) drawn into
    a new width x height ARGB32 image with `scale` (colours, or indices
    from hr_index_scale), rows zoomed as `view`, lost columns hatched in
    `style`. NULL on failure. */
cairo_surface_t*
hr_capture_image_new(const HrCapture*    capture,
                     const HrView*       view,
                     int                 counts,
                     int                 width,
                     int                 height,
                     const HrColorScale* scale,
                     const HrPixelStyle* style);

/** Fill `out` (ARGB32) from two index images of its size: display column
    x of `a` is image column (a_first + x) mod width, likewise for `b`.
    `mode` is HR_COMPARE_OVERLAY or HR_COMPARE_DIFF. */
void
hr_compare_compose(cairo_surface_t* out,
                   cairo_surface_t* a,
                   int              a_first,
                   cairo_surface_t* b,
                   int              b_first,
                   HrCompareMode    mode);

#endif /* HR_COMPARE_H */
