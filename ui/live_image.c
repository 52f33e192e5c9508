/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "live_image.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Index-picture values for pixels without a colour index. */
#define HR_INDEX_LOST 0x100u
#define HR_INDEX_EMPTY 0x200u

HrPixelStyle
hr_pixel_style_color(double scale)
{
  HrPixelStyle style;
  style.empty   = 0xff111216u; /* the renderer's background */
  style.hatch_a = 0xff454a57u;
  style.hatch_b = 0xff1c1e24u;
  style.mark    = 0xffe5533du;
  style.mark_px = (int)fmax(round(3.0 * scale), 1.0);
  return style;
}

HrPixelStyle
hr_pixel_style_index(void)
{
  HrPixelStyle style;
  style.empty   = HR_INDEX_EMPTY;
  style.hatch_a = HR_INDEX_LOST;
  style.hatch_b = HR_INDEX_LOST;
  style.mark    = 0;
  style.mark_px = 0;
  return style;
}

void
hr_index_scale(HrColorScale* scale, const HrColorScale* from)
{
  *scale = *from;
  for (int i = 0; i < HR_COLORMAP_SIZE; ++i) {
    scale->argb[i] = (uint32_t)i;
  }
}

static int64_t
mod64(int64_t a, int64_t m)
{
  const int64_t r = a % m;
  return r < 0 ? r + m : r;
}

void
hr_pixel_hatch(cairo_surface_t*    image,
               int                 x,
               int64_t             pixel,
               const HrPixelStyle* style)
{
  uint32_t* pixels = (uint32_t*)cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image) / 4;
  const int height = cairo_image_surface_get_height(image);
  for (int y = 0; pixels && y < height; ++y) {
    pixels[(ptrdiff_t)y * stride + x] =
      mod64(pixel + y, 8) < 3 ? style->hatch_a : style->hatch_b;
  }
}

void
hr_live_image_init(HrLiveImage* live)
{
  memset(live, 0, sizeof *live);
}

void
hr_live_image_free(HrLiveImage* live)
{
  if (live->image) {
    cairo_surface_destroy(live->image);
  }
  free(live->pooled);
  hr_live_image_init(live);
}

void
hr_live_image_invalidate(HrLiveImage* live)
{
  live->valid_lo = live->valid_hi = 0;
}

void
hr_live_image_set_counts(HrLiveImage* live, int counts)
{
  if (live->counts != (counts != 0)) {
    live->counts = counts != 0;
    hr_live_image_invalidate(live);
  }
}

/* Make the image width x height and the scratch `rows` long. */
static int
prepare(HrLiveImage* live, int width, int height, int rows)
{
  if (!live->image || cairo_image_surface_get_width(live->image) != width ||
      cairo_image_surface_get_height(live->image) != height) {
    if (live->image) {
      cairo_surface_destroy(live->image);
    }
    live->image =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    hr_live_image_invalidate(live);
    if (cairo_surface_status(live->image) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(live->image);
      live->image = NULL;
      return -1;
    }
  }
  if (live->pooled_rows < rows) {
    free(live->pooled);
    live->pooled      = (float*)malloc((size_t)rows * sizeof(float));
    live->pooled_rows = live->pooled ? rows : 0;
  }
  return live->pooled ? 0 : -1;
}

typedef struct {
  const HrView*       view;
  const HrRing*       ring;
  int                 row_begin;
  int                 rows;
  const HrColorScale* scale;
  const HrPixelStyle* style;
} Source;

/* Fill image column x with absolute pixel `pixel`. */
static void
draw_column(HrLiveImage* live, const Source* src, int64_t pixel, int x)
{
  uint32_t*    pixels = (uint32_t*)cairo_image_surface_get_data(live->image);
  const int    stride = cairo_image_surface_get_stride(live->image) / 4;
  const int    width  = cairo_image_surface_get_width(live->image);
  const int    height = cairo_image_surface_get_height(live->image);
  int64_t      b      = 0;
  int64_t      e      = 0;
  int          n_data = 0;
  unsigned     lost   = 0;
  const float* column = NULL;
  hr_span(pixel, width, src->view->visible, &b, &e);
  for (int64_t s = b; s < e; ++s) {
    const unsigned flags = hr_ring_flags(src->ring, s);
    lost |= flags & HR_SLOT_GAP;
    if (!(flags & HR_SLOT_DATA)) {
      continue;
    }
    const float* cells = (live->counts ? hr_ring_hits(src->ring, s)
                                       : hr_ring_column(src->ring, s)) +
                         src->row_begin;
    if (n_data++ == 0) {
      column = cells;
      continue;
    }
    if (n_data == 2) {
      memcpy(live->pooled, column, (size_t)src->rows * sizeof(float));
      column = live->pooled;
    }
    for (int r = 0; r < src->rows; ++r) {
      live->pooled[r] = cells[r] > live->pooled[r] ? cells[r] : live->pooled[r];
    }
  }
  if (n_data == 0 && lost) {
    hr_pixel_hatch(live->image, x, pixel, src->style);
    return;
  }
  if (n_data == 0) {
    for (int y = 0; y < height; ++y) {
      pixels[(ptrdiff_t)y * stride + x] = src->style->empty;
    }
    return;
  }
  hr_render_pixel_column(
    pixels + x, stride, height, column, 1, src->rows, src->scale);
  for (int y = 0; lost && y < src->style->mark_px && y < height; ++y) {
    pixels[(ptrdiff_t)y * stride + x] = src->style->mark;
  }
}

static void
draw_range(HrLiveImage* live, const Source* src, int64_t lo, int64_t hi)
{
  const int width = cairo_image_surface_get_width(live->image);
  for (int64_t p = lo; p < hi; ++p) {
    draw_column(live, src, p, (int)mod64(p, width));
  }
}

int
hr_live_image_update(HrLiveImage*        live,
                     const HrView*       view,
                     int                 channel,
                     int                 width,
                     int                 height,
                     const HrColorScale* scale,
                     const HrPixelStyle* style)
{
  const HrRing* ring = hr_view_ring(view, channel);
  if (!ring || width < 1 || height < 1 ||
      prepare(live, width, height, ring->rows) != 0) {
    return -1;
  }
  Source src = { view, ring, 0, 0, scale, style };
  int    end = 0;
  hr_view_zoom_rows(view, &view->axis, ring->rows, &src.row_begin, &end);
  src.rows            = end - src.row_begin;
  const int64_t hi    = hr_view_pixel_end(view, width);
  const int64_t lo    = hi - width;
  int64_t       drawn = 0;
  cairo_surface_flush(live->image);
  if (live->valid_hi <= lo || live->valid_lo >= hi ||
      live->valid_lo == live->valid_hi) {
    draw_range(live, &src, lo, hi);
    drawn = width;
  } else {
    if (lo < live->valid_lo) {
      draw_range(live, &src, lo, live->valid_lo);
      drawn += live->valid_lo - lo;
    }
    if (hi > live->valid_hi) {
      draw_range(live, &src, live->valid_hi, hi);
      drawn += hi - live->valid_hi;
    }
  }
  live->valid_lo = lo;
  live->valid_hi = hi;
  if (drawn) {
    cairo_surface_mark_dirty(live->image);
  }
  return (int)drawn;
}

int
hr_live_image_column(const HrLiveImage* live, const HrView* view, int x)
{
  const int width = cairo_image_surface_get_width(live->image);
  return (int)mod64(hr_view_pixel_end(view, width) - width + x, width);
}

void
hr_live_image_paint(cairo_t*           cr,
                    const HrLiveImage* live,
                    const HrView*      view,
                    const HrRect*      rect)
{
  if (!live->image) {
    return;
  }
  const int    width = cairo_image_surface_get_width(live->image);
  const double unit  = rect->width / width;
  const int    first = hr_live_image_column(live, view, 0);
  HrRect       part  = *rect;
  part.x             = rect->x - first * unit;
  cairo_save(cr);
  cairo_rectangle(cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip(cr);
  hr_render_paint_image(cr, live->image, &part);
  part.x += rect->width;
  hr_render_paint_image(cr, live->image, &part);
  cairo_restore(cr);
}
