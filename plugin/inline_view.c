/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "inline_view.h"

#include "render/colormap.h"
#include "render/render.h"
#include "render/scroll_image.h"

#include <cairo.h>

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/** Thumbnail columns a picture spans (about 5 s): a pixel column shows
    the nearest whole number of them. */
#define SPAN_COLUMNS 250

/** dB the loudest cell may rise above the scale's top, or fall below it,
    before the colours (and so the whole picture) are made again. */
#define TOP_RISE_DB 1.0
#define TOP_FALL_DB 6.0

struct HrInlineViewImpl {
  HrScrollImage   scroll;    /* the picture, HR_SCROLL_SHIFT */
  HrInlineSurface picture;   /* the host's view of scroll.image */
  int             per_pixel; /* thumbnail columns a pixel column shows */
  int64_t         loaded;    /* pixel of columns[0] */

  bool     have_generation; /* the analyser whose columns are shown */
  uint32_t generation;
  int      rows;

  bool         have_scale; /* the colours, and what they were made of */
  HrUISettings colors;
  double       top_db;
  HrColorScale scale;

  float         pixel_peak[HR_INLINE_MAX_WIDTH]; /* pixel p at p mod width */
  HrThumbColumn columns[HR_INLINE_MAX_WIDTH];    /* loaded by load() */
  float         pooled[HR_THUMB_ROWS];
};

HrInlineView*
hr_inline_view_new(void)
{
  HrInlineView* view = (HrInlineView*)calloc(1, sizeof(HrInlineView));
  if (view) {
    hr_scroll_image_init(&view->scroll, HR_SCROLL_SHIFT);
  }
  return view;
}

void
hr_inline_view_free(HrInlineView* view)
{
  if (view) {
    hr_scroll_image_free(&view->scroll);
    free(view);
  }
}

/* A surface of width x height (a new one forgets the picture). */
static bool
prepare_surface(HrInlineView* view, int width, int height)
{
  if (!hr_scroll_image_prepare(&view->scroll, width, height)) {
    return false;
  }
  cairo_surface_t* image = view->scroll.image;
  view->picture.data     = cairo_image_surface_get_data(image);
  view->picture.width    = width;
  view->picture.height   = height;
  view->picture.stride   = cairo_image_surface_get_stride(image);
  return true;
}

/* Copy the columns of pixels [from, to) into view->columns (which holds
   them all: per_pixel * width <= SPAN_COLUMNS + width / 2 when
   per_pixel > 1, else width). */
static void
load(HrInlineView* view, const HrThumbnail* thumb, int64_t from, int64_t to)
{
  view->loaded  = from;
  int64_t count = (to - from) * view->per_pixel;
  count         = count < HR_INLINE_MAX_WIDTH ? count : HR_INLINE_MAX_WIDTH;
  hr_thumb_snapshot(
    thumb, from * view->per_pixel, (uint32_t)count, view->columns);
}

/* Take the analyser of the newest column loaded, if any; true if it is
   another one than shown so far. */
static bool
take_generation(HrInlineView* view, uint32_t n_columns)
{
  for (uint32_t i = n_columns; i-- > 0;) {
    const HrThumbColumn* column = &view->columns[i];
    if (column->number < 0) {
      continue;
    }
    const bool changed =
      !view->have_generation || column->generation != view->generation;
    view->have_generation = true;
    view->generation      = column->generation;
    view->rows            = column->rows;
    return changed;
  }
  return false;
}

static bool
shown(const HrInlineView* view, const HrThumbColumn* column)
{
  return column->number >= 0 && view->have_generation &&
         column->generation == view->generation;
}

static int
slot_of(int64_t pixel, int width)
{
  return (int)(((pixel % width) + width) % width);
}

/* The loudest cell of each of pixels [from, to) (loaded). */
static void
update_peaks(HrInlineView* view, int64_t from, int64_t to)
{
  const int width = view->picture.width;
  for (int64_t p = from; p < to; ++p) {
    const HrThumbColumn* columns = &view->columns[(p - from) * view->per_pixel];
    float                peak    = 0.0f;
    for (int c = 0; c < view->per_pixel; ++c) {
      if (shown(view, &columns[c]) && columns[c].peak > peak) {
        peak = columns[c].peak;
      }
    }
    view->pixel_peak[slot_of(p, width)] = peak;
  }
}

/* Colours for the settings and the loudest cell shown; true if they
   changed. */
static bool
update_scale(HrInlineView* view, const HrUISettings* settings)
{
  float peak = 0.0f;
  for (int x = 0; x < view->picture.width; ++x) {
    peak = view->pixel_peak[x] > peak ? view->pixel_peak[x] : peak;
  }
  double top = settings->db_top - HR_INLINE_AUTO_DB;
  if (peak > 0.0f && 10.0 * log10(peak) > top) {
    top = 10.0 * log10(peak);
  }
  if (view->have_scale && settings->colormap == view->colors.colormap &&
      settings->db_range == view->colors.db_range &&
      settings->db_top == view->colors.db_top &&
      top <= view->top_db + TOP_RISE_DB && top >= view->top_db - TOP_FALL_DB) {
    return false;
  }
  const int map    = settings->colormap;
  view->have_scale = true;
  view->colors     = *settings;
  view->top_db     = top;
  hr_color_scale_init(&view->scale,
                      map >= 0 && map < HR_COLORMAP_COUNT ? (HrColormapId)map
                                                          : HR_COLORMAP_INFERNO,
                      top,
                      settings->db_range);
  return true;
}

/* Draw pixel `px` (loaded) into the column at `top` (HrScrollDraw). */
static void
draw_pixel(void* data, int64_t px, uint32_t* top, int stride, int height)
{
  HrInlineView*        view = (HrInlineView*)data;
  const HrThumbColumn* columns =
    &view->columns[(px - view->loaded) * view->per_pixel];
  bool any = false;
  for (int c = 0; c < view->per_pixel; ++c) {
    if (!shown(view, &columns[c])) {
      continue;
    }
    for (int r = 0; r < view->rows; ++r) {
      const float v   = columns[c].value[r];
      view->pooled[r] = !any || v > view->pooled[r] ? v : view->pooled[r];
    }
    any = true;
  }
  if (any) {
    hr_render_pixel_column(
      top, stride, height, view->pooled, 1, view->rows, &view->scale);
  } else {
    for (int y = 0; y < height; ++y) {
      top[(ptrdiff_t)y * stride] = view->scale.argb[0];
    }
  }
}

/* Draw what is new, or everything if the analyser or the colours
   changed; pixels [.., end) are finished. */
static void
update(HrInlineView*       view,
       const HrThumbnail*  thumb,
       const HrUISettings* settings,
       int64_t             end)
{
  const int64_t all  = end - view->picture.width;
  int64_t       from = hr_scroll_image_first_missing(&view->scroll, end);
  load(view, thumb, from, end);
  if (take_generation(view, (uint32_t)((end - from) * view->per_pixel))) {
    hr_scroll_image_invalidate(&view->scroll);
    if (from != all) {
      from = all;
      load(view, thumb, from, end);
    }
  }
  update_peaks(view, from, end);
  if (update_scale(view, settings)) {
    hr_scroll_image_invalidate(&view->scroll);
    if (from != all) {
      from = all;
      load(view, thumb, from, end);
      update_peaks(view, from, end);
    }
  }
  hr_scroll_image_update(&view->scroll, end, draw_pixel, view);
}

const HrInlineSurface*
hr_inline_view_render(HrInlineView*       view,
                      const HrThumbnail*  thumb,
                      const HrUISettings* settings,
                      uint32_t            width,
                      uint32_t            max_height)
{
  if (!view || !thumb || width == 0 || max_height == 0) {
    return NULL;
  }
  const int  w = width < HR_INLINE_MAX_WIDTH ? (int)width : HR_INLINE_MAX_WIDTH;
  const long tall = lround(w * HR_INLINE_ASPECT);
  const int  h    = tall < 1                  ? 1
                    : tall > (long)max_height ? (int)max_height
                                              : (int)tall;
  if (!prepare_surface(view, w, h)) {
    return NULL;
  }
  const int per_pixel = w < SPAN_COLUMNS ? (SPAN_COLUMNS + w / 2) / w : 1;
  if (per_pixel != view->per_pixel) {
    view->per_pixel = per_pixel;
    hr_scroll_image_invalidate(&view->scroll);
  }
  update(view, thumb, settings, hr_thumb_published(thumb) / per_pixel);
  return &view->picture;
}
