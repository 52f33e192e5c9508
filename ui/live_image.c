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
hr_pixel_hatch_column(uint32_t*           top,
                      int                 stride,
                      int                 height,
                      int64_t             pixel,
                      const HrPixelStyle* style)
{
  for (int y = 0; top && y < height; ++y) {
    top[(ptrdiff_t)y * stride] =
      mod64(pixel + y, 8) < 3 ? style->hatch_a : style->hatch_b;
  }
}

void
hr_pixel_hatch(cairo_surface_t*    image,
               int                 x,
               int64_t             pixel,
               const HrPixelStyle* style)
{
  uint32_t* pixels = (uint32_t*)cairo_image_surface_get_data(image);
  hr_pixel_hatch_column(pixels ? pixels + x : NULL,
                        cairo_image_surface_get_stride(image) / 4,
                        cairo_image_surface_get_height(image),
                        pixel,
                        style);
}

void
hr_live_image_init(HrLiveImage* live)
{
  memset(live, 0, sizeof *live);
  hr_scroll_image_init(&live->scroll, HR_SCROLL_RING);
}

void
hr_live_image_free(HrLiveImage* live)
{
  hr_scroll_image_free(&live->scroll);
  free(live->pooled);
  hr_live_image_init(live);
}

void
hr_live_image_invalidate(HrLiveImage* live)
{
  hr_scroll_image_invalidate(&live->scroll);
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
  if (!hr_scroll_image_prepare(&live->scroll, width, height)) {
    return -1;
  }
  if (live->pooled_rows < rows) {
    free(live->pooled);
    live->pooled      = (float*)malloc((size_t)rows * sizeof(float));
    live->pooled_rows = live->pooled ? rows : 0;
  }
  return live->pooled ? 0 : -1;
}

typedef struct {
  HrLiveImage*        live;
  const HrView*       view;
  const HrRing*       ring;
  int                 width;
  int                 row_begin;
  int                 rows;
  const HrColorScale* scale;
  const HrPixelStyle* style;
} Source;

/* Fill the pixel column at `top` with absolute pixel `pixel`
   (HrScrollDraw). */
static void
draw_column(void* data, int64_t pixel, uint32_t* top, int stride, int height)
{
  const Source* src    = (const Source*)data;
  HrLiveImage*  live   = src->live;
  int64_t       b      = 0;
  int64_t       e      = 0;
  int           n_data = 0;
  unsigned      lost   = 0;
  const float*  column = NULL;
  hr_span(pixel, src->width, src->view->visible, &b, &e);
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
    hr_pixel_hatch_column(top, stride, height, pixel, src->style);
    return;
  }
  if (n_data == 0) {
    for (int y = 0; y < height; ++y) {
      top[(ptrdiff_t)y * stride] = src->style->empty;
    }
    return;
  }
  hr_render_pixel_column(top, stride, height, column, 1, src->rows, src->scale);
  for (int y = 0; lost && y < src->style->mark_px && y < height; ++y) {
    top[(ptrdiff_t)y * stride] = src->style->mark;
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
  Source src = { live, view, ring, width, 0, 0, scale, style };
  int    end = 0;
  hr_view_zoom_rows(view, &view->axis, ring->rows, &src.row_begin, &end);
  src.rows = end - src.row_begin;
  return hr_scroll_image_update(
    &live->scroll, hr_view_pixel_end(view, width), draw_column, &src);
}

int
hr_live_image_column(const HrLiveImage* live, const HrView* view, int x)
{
  const int width = cairo_image_surface_get_width(live->scroll.image);
  return hr_scroll_image_column(
    &live->scroll, hr_view_pixel_end(view, width), x);
}

void
hr_live_image_paint(cairo_t*           cr,
                    const HrLiveImage* live,
                    const HrView*      view,
                    const HrRect*      rect)
{
  if (!live->scroll.image) {
    return;
  }
  const int width = cairo_image_surface_get_width(live->scroll.image);
  hr_scroll_image_paint(
    cr, &live->scroll, hr_view_pixel_end(view, width), rect);
}
