/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The scrolling picture of one channel, drawn incrementally: a
   render/scroll_image in its ring layout. Absolute pixel P (see
   hr_view_pixel_end) lives in image column P mod width; each frame draws
   only the columns not drawn yet, with render/render's pixel columns, and
   the blit puts the two halves of the ring in place. Gaps are hatched.
   It shows the ring's energies, or its point counts (hr_ring_hits) with
   a colour scale made for them (see hr_render_colorbar_points).
   Cairo image surfaces only, no X. */

#ifndef HR_LIVE_IMAGE_H
#define HR_LIVE_IMAGE_H

#include "render/colormap.h"
#include "render/render.h"
#include "render/scroll_image.h"
#include "view.h"

#include <cairo.h>

#include <stdint.h>

/** Pixels drawn for what has no colour of its own. */
typedef struct {
  uint32_t empty;   /**< never received */
  uint32_t hatch_a; /**< lost columns: stripes of hatch_a and hatch_b */
  uint32_t hatch_b;
  uint32_t mark;    /**< a pixel column with some columns lost: top mark */
  int      mark_px; /**< height of that mark in pixels, 0: none */
} HrPixelStyle;

/** The style of colour pictures for a device scale `scale`. */
HrPixelStyle
hr_pixel_style_color(double scale);

/** The style of index pictures (see hr_index_scale). */
HrPixelStyle
hr_pixel_style_index(void);

/** A colour scale whose "pixels" are the colour indices 0..255 (for
    comparing pictures pixel by pixel): its images are not for painting. */
void
hr_index_scale(HrColorScale* scale, const HrColorScale* from);

/** Fill pixel column x of `image` with the stripes of lost columns,
    stripes running diagonally with the absolute pixel number `pixel`. */
void
hr_pixel_hatch(cairo_surface_t*    image,
               int                 x,
               int64_t             pixel,
               const HrPixelStyle* style);

/** The same for the pixel column whose top pixel is `top` (`height`
    pixels, `stride` apart). */
void
hr_pixel_hatch_column(uint32_t*           top,
                      int                 stride,
                      int                 height,
                      int64_t             pixel,
                      const HrPixelStyle* style);

/** A channel's scrolling picture. */
typedef struct {
  HrScrollImage scroll; /**< the picture, HR_SCROLL_RING */
  float*        pooled; /**< rows of scratch for pooling slots */
  int           pooled_rows;
  int           counts; /**< 1: draws point counts, 0: energies */
} HrLiveImage;

/** An empty live image. */
void
hr_live_image_init(HrLiveImage* live);

/** Free its image and scratch. */
void
hr_live_image_free(HrLiveImage* live);

/** Forget what was drawn (colours, zoom or Config changed). */
void
hr_live_image_invalidate(HrLiveImage* live);

/** Draw point counts (1) or energies (0) from now on; a change forgets
    what was drawn. */
void
hr_live_image_set_counts(HrLiveImage* live, int counts);

/** Bring the image to width x height device pixels showing the view's
    current span of `channel`, drawing only the pixel columns missing.
    Returns the number of pixel columns drawn, -1 on failure. */
int
hr_live_image_update(HrLiveImage*        live,
                     const HrView*       view,
                     int                 channel,
                     int                 width,
                     int                 height,
                     const HrColorScale* scale,
                     const HrPixelStyle* style);

/** Image column holding display column `x` (0 = left edge). */
int
hr_live_image_column(const HrLiveImage* live, const HrView* view, int x);

/** Paint the image into `rect` of `cr` (its two halves in place). */
void
hr_live_image_paint(cairo_t*           cr,
                    const HrLiveImage* live,
                    const HrView*      view,
                    const HrRect*      rect);

#endif /* HR_LIVE_IMAGE_H */
