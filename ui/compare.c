/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "compare.h"

#include <math.h>

const HrRgb hr_compare_color_a = { 0.16, 0.72, 1.00 };
const HrRgb hr_compare_color_b = { 1.00, 0.50, 0.08 };

/* Grey added in proportion to the level in differences, so that equal
   levels show as grey rather than black; the colour grows with the
   difference, linear in dB. */
static const double k_diff_grey = 0.22;

const char*
hr_compare_name(HrCompareMode mode)
{
  switch (mode) {
    case HR_COMPARE_OFF:
      return "off";
    case HR_COMPARE_SIDE:
      return "side";
    case HR_COMPARE_OVERLAY:
      return "overlay";
    case HR_COMPARE_DIFF:
      return "diff";
    case HR_COMPARE_COUNT:
      break;
  }
  return "?";
}

/* Hatch the pixel columns that show only lost or never received columns. */
static void
hatch_lost(cairo_surface_t*    image,
           const HrCapture*    capture,
           const HrPixelStyle* style)
{
  const int width = cairo_image_surface_get_width(image);
  for (int x = 0; x < width; ++x) {
    int64_t  b    = 0;
    int64_t  e    = 0;
    unsigned data = 0;
    unsigned lost = 0;
    hr_span(x, width, capture->cols, &b, &e);
    for (int64_t c = b; c < e; ++c) {
      data |= capture->flags[c] & HR_SLOT_DATA;
      lost |= capture->flags[c] & HR_SLOT_GAP;
    }
    if (!data && lost) {
      hr_pixel_hatch(image, x, x, style);
    }
  }
}

cairo_surface_t*
hr_capture_image_new(const HrCapture*    capture,
                     const HrView*       view,
                     int                 counts,
                     int                 width,
                     int                 height,
                     const HrColorScale* scale,
                     const HrPixelStyle* style)
{
  HrPicture picture;
  hr_capture_picture(capture, view, counts, &picture);
  cairo_surface_t* image = hr_render_image_new(&picture, scale, width, height);
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(image);
    return NULL;
  }
  cairo_surface_flush(image);
  hatch_lost(image, capture, style);
  cairo_surface_mark_dirty(image);
  return image;
}

/* Share 0..1 of the colour range of an index pixel (flagged: 0). */
static double
share(uint32_t index)
{
  return index < HR_COLORMAP_SIZE ? index / (HR_COLORMAP_SIZE - 1.0) : 0.0;
}

static uint32_t
pixel_of(double r, double g, double b)
{
  HrRgb color = { fmin(r, 1.0), fmin(g, 1.0), fmin(b, 1.0) };
  return hr_rgb_to_argb(color);
}

static uint32_t
combine(uint32_t a, uint32_t b, HrCompareMode mode)
{
  const HrRgb* ca = &hr_compare_color_a;
  const HrRgb* cb = &hr_compare_color_b;
  const double ta = share(a);
  const double tb = share(b);
  if (mode == HR_COMPARE_OVERLAY) {
    return pixel_of(ta * ca->r + tb * cb->r,
                    ta * ca->g + tb * cb->g,
                    ta * ca->b + tb * cb->b);
  }
  const double d    = tb - ta;
  const double grey = k_diff_grey * fmax(ta, tb);
  const HrRgb* c    = d > 0.0 ? cb : ca;
  const double m    = fabs(d);
  return pixel_of(grey + m * c->r, grey + m * c->g, grey + m * c->b);
}

void
hr_compare_compose(cairo_surface_t* out,
                   cairo_surface_t* a,
                   int              a_first,
                   cairo_surface_t* b,
                   int              b_first,
                   HrCompareMode    mode)
{
  const int width  = cairo_image_surface_get_width(out);
  const int height = cairo_image_surface_get_height(out);
  if (cairo_image_surface_get_width(a) != width ||
      cairo_image_surface_get_width(b) != width ||
      cairo_image_surface_get_height(a) != height ||
      cairo_image_surface_get_height(b) != height) {
    return;
  }
  cairo_surface_flush(out);
  uint32_t*       po = (uint32_t*)cairo_image_surface_get_data(out);
  const uint32_t* pa = (const uint32_t*)cairo_image_surface_get_data(a);
  const uint32_t* pb = (const uint32_t*)cairo_image_surface_get_data(b);
  const int       so = cairo_image_surface_get_stride(out) / 4;
  const int       sa = cairo_image_surface_get_stride(a) / 4;
  const int       sb = cairo_image_surface_get_stride(b) / 4;
  for (int x = 0; po && pa && pb && x < width; ++x) {
    const int xa = (a_first + x) % width;
    const int xb = (b_first + x) % width;
    for (int y = 0; y < height; ++y) {
      po[(ptrdiff_t)y * so + x] =
        combine(pa[(ptrdiff_t)y * sa + xa], pb[(ptrdiff_t)y * sb + xb], mode);
    }
  }
  cairo_surface_mark_dirty(out);
}
