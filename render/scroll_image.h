/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A picture that scrolls through time, drawn incrementally: one pixel
   column per absolute pixel number (pixel p stands for one stretch of
   time, p + 1 for the next), of which the `width` ending at `end` are
   shown. An update draws only the pixel columns not drawn yet, with the
   caller's function; everything is drawn again after a size change or
   hr_scroll_image_invalidate().

   Two layouts of the same picture in an ARGB32 image surface:
   - HR_SCROLL_RING: pixel p lives in image column p mod width, nothing
     moves, and hr_scroll_image_paint() puts the two halves in place
     (cheap when the UI's view goes back and forth: its live picture);
   - HR_SCROLL_SHIFT: pixel end - 1 is at the right edge, and what stays
     is moved over (for hosts that show the surface as it is: the
     inline display).
   Cairo image surfaces only: no X, no LV2. */

#ifndef HR_SCROLL_IMAGE_H
#define HR_SCROLL_IMAGE_H

#include "render/render.h"

#include <cairo.h>

#include <stdbool.h>
#include <stdint.h>

/** Where a pixel column lives in the surface. */
typedef enum {
  HR_SCROLL_RING,  /**< image column p mod width */
  HR_SCROLL_SHIFT, /**< image column p - (end - width) */
} HrScrollLayout;

/** A scrolling picture. */
typedef struct {
  cairo_surface_t* image;    /**< width x height ARGB32, NULL: none yet */
  HrScrollLayout   layout;   /**< set by hr_scroll_image_init() */
  int64_t          valid_lo; /**< absolute pixels drawn: [lo, hi) */
  int64_t          valid_hi;
} HrScrollImage;

/** Draw absolute pixel `pixel` into the pixel column whose top pixel is
    `top` (`height` pixels, `stride` pixels apart). */
typedef void (*HrScrollDraw)(void*     data,
                             int64_t   pixel,
                             uint32_t* top,
                             int       stride,
                             int       height);

/** An empty picture of `layout`. */
void
hr_scroll_image_init(HrScrollImage* scroll, HrScrollLayout layout);

/** Free its surface (it stays usable, empty). */
void
hr_scroll_image_free(HrScrollImage* scroll);

/** Forget what was drawn: the next update draws everything. */
void
hr_scroll_image_invalidate(HrScrollImage* scroll);

/** Make the surface width x height (a new one forgets what was drawn).
    False if it cannot be made (then there is none). */
bool
hr_scroll_image_prepare(HrScrollImage* scroll, int width, int height);

/** The first pixel of [end - width, end) that an update to `end` would
    draw; `end` if none. */
int64_t
hr_scroll_image_first_missing(const HrScrollImage* scroll, int64_t end);

/** Show pixels [end - width, end): move what stays (HR_SCROLL_SHIFT) and
    draw the pixel columns missing with `draw`. Returns the number of
    pixel columns drawn, -1 without a surface. */
int
hr_scroll_image_update(HrScrollImage* scroll,
                       int64_t        end,
                       HrScrollDraw   draw,
                       void*          data);

/** Image column holding display column `x` (0 = left edge) of the
    picture ending at `end`. */
int
hr_scroll_image_column(const HrScrollImage* scroll, int64_t end, int x);

/** Paint the picture ending at `end` into `rect` of `cr`. */
void
hr_scroll_image_paint(cairo_t*             cr,
                      const HrScrollImage* scroll,
                      int64_t              end,
                      const HrRect*        rect);

#endif /* HR_SCROLL_IMAGE_H */
