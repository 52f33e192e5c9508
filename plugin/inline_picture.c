/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "inline_picture.h"

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

struct HrInlinePictureImpl {
  HrScrollImage   scroll;    /* the picture, HR_SCROLL_SHIFT */
  HrInlineSurface surface;   /* what the host reads: scroll.image */
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

HrInlinePicture*
hr_inline_picture_new(void)
{
  HrInlinePicture* picture =
    (HrInlinePicture*)calloc(1, sizeof(HrInlinePicture));
  if (picture) {
    hr_scroll_image_init(&picture->scroll, HR_SCROLL_SHIFT);
  }
  return picture;
}

void
hr_inline_picture_free(HrInlinePicture* picture)
{
  if (picture) {
    hr_scroll_image_free(&picture->scroll);
    free(picture);
  }
}

/* A surface of width x height (a new one forgets the picture). */
static bool
prepare_surface(HrInlinePicture* picture, int width, int height)
{
  if (!hr_scroll_image_prepare(&picture->scroll, width, height)) {
    return false;
  }
  cairo_surface_t* image  = picture->scroll.image;
  picture->surface.data   = cairo_image_surface_get_data(image);
  picture->surface.width  = width;
  picture->surface.height = height;
  picture->surface.stride = cairo_image_surface_get_stride(image);
  return true;
}

/* Copy the columns of pixels [from, to) into picture->columns (which holds
   them all: per_pixel * width <= SPAN_COLUMNS + width / 2 when
   per_pixel > 1, else width). */
static void
load(HrInlinePicture*   picture,
     const HrThumbnail* thumb,
     int64_t            from,
     int64_t            to)
{
  picture->loaded = from;
  int64_t count   = (to - from) * picture->per_pixel;
  count           = count < HR_INLINE_MAX_WIDTH ? count : HR_INLINE_MAX_WIDTH;
  hr_thumb_snapshot(
    thumb, from * picture->per_pixel, (uint32_t)count, picture->columns);
}

/* Take the analyser of the newest column loaded, if any; true if it is
   another one than shown so far. */
static bool
take_generation(HrInlinePicture* picture, uint32_t n_columns)
{
  for (uint32_t i = n_columns; i-- > 0;) {
    const HrThumbColumn* column = &picture->columns[i];
    if (column->number < 0) {
      continue;
    }
    const bool changed =
      !picture->have_generation || column->generation != picture->generation;
    picture->have_generation = true;
    picture->generation      = column->generation;
    picture->rows            = column->rows;
    return changed;
  }
  return false;
}

static bool
shown(const HrInlinePicture* picture, const HrThumbColumn* column)
{
  return column->number >= 0 && picture->have_generation &&
         column->generation == picture->generation;
}

static int
slot_of(int64_t pixel, int width)
{
  return (int)(((pixel % width) + width) % width);
}

/* The loudest cell of each of pixels [from, to) (loaded). */
static void
update_peaks(HrInlinePicture* picture, int64_t from, int64_t to)
{
  const int width = picture->surface.width;
  for (int64_t p = from; p < to; ++p) {
    const HrThumbColumn* columns =
      &picture->columns[(p - from) * picture->per_pixel];
    float peak = 0.0f;
    for (int c = 0; c < picture->per_pixel; ++c) {
      if (shown(picture, &columns[c]) && columns[c].peak > peak) {
        peak = columns[c].peak;
      }
    }
    picture->pixel_peak[slot_of(p, width)] = peak;
  }
}

/* Colours for the settings and the loudest cell shown; true if they
   changed. */
static bool
update_scale(HrInlinePicture* picture, const HrUISettings* settings)
{
  float peak = 0.0f;
  for (int x = 0; x < picture->surface.width; ++x) {
    peak = picture->pixel_peak[x] > peak ? picture->pixel_peak[x] : peak;
  }
  double top = settings->db_top - HR_INLINE_AUTO_DB;
  if (peak > 0.0f && 10.0 * log10(peak) > top) {
    top = 10.0 * log10(peak);
  }
  if (picture->have_scale && settings->colormap == picture->colors.colormap &&
      settings->db_range == picture->colors.db_range &&
      settings->db_top == picture->colors.db_top &&
      top <= picture->top_db + TOP_RISE_DB &&
      top >= picture->top_db - TOP_FALL_DB) {
    return false;
  }
  const int map       = settings->colormap;
  picture->have_scale = true;
  picture->colors     = *settings;
  picture->top_db     = top;
  hr_color_scale_init(&picture->scale,
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
  HrInlinePicture*     picture = (HrInlinePicture*)data;
  const HrThumbColumn* columns =
    &picture->columns[(px - picture->loaded) * picture->per_pixel];
  bool any = false;
  for (int c = 0; c < picture->per_pixel; ++c) {
    if (!shown(picture, &columns[c])) {
      continue;
    }
    for (int r = 0; r < picture->rows; ++r) {
      const float v = columns[c].value[r];
      picture->pooled[r] =
        !any || v > picture->pooled[r] ? v : picture->pooled[r];
    }
    any = true;
  }
  if (any) {
    hr_render_pixel_column(
      top, stride, height, picture->pooled, 1, picture->rows, &picture->scale);
  } else {
    for (int y = 0; y < height; ++y) {
      top[(ptrdiff_t)y * stride] = picture->scale.argb[0];
    }
  }
}

/* Draw what is new, or everything if the analyser or the colours
   changed; pixels [.., end) are finished. */
static void
update(HrInlinePicture*    picture,
       const HrThumbnail*  thumb,
       const HrUISettings* settings,
       int64_t             end)
{
  const int64_t all  = end - picture->surface.width;
  int64_t       from = hr_scroll_image_first_missing(&picture->scroll, end);
  load(picture, thumb, from, end);
  if (take_generation(picture, (uint32_t)((end - from) * picture->per_pixel))) {
    hr_scroll_image_invalidate(&picture->scroll);
    if (from != all) {
      from = all;
      load(picture, thumb, from, end);
    }
  }
  update_peaks(picture, from, end);
  if (update_scale(picture, settings)) {
    hr_scroll_image_invalidate(&picture->scroll);
    if (from != all) {
      from = all;
      load(picture, thumb, from, end);
      update_peaks(picture, from, end);
    }
  }
  hr_scroll_image_update(&picture->scroll, end, draw_pixel, picture);
}

const HrInlineSurface*
hr_inline_picture_render(HrInlinePicture*    picture,
                         const HrThumbnail*  thumb,
                         const HrUISettings* settings,
                         uint32_t            width,
                         uint32_t            max_height)
{
  if (!picture || !thumb || width == 0 || max_height == 0) {
    return NULL;
  }
  const int  w = width < HR_INLINE_MAX_WIDTH ? (int)width : HR_INLINE_MAX_WIDTH;
  const long tall = lround(w * HR_INLINE_ASPECT);
  const int  h    = tall < 1                  ? 1
                    : tall > (long)max_height ? (int)max_height
                                              : (int)tall;
  if (!prepare_surface(picture, w, h)) {
    return NULL;
  }
  const int per_pixel = w < SPAN_COLUMNS ? (SPAN_COLUMNS + w / 2) / w : 1;
  if (per_pixel != picture->per_pixel) {
    picture->per_pixel = per_pixel;
    hr_scroll_image_invalidate(&picture->scroll);
  }
  update(picture, thumb, settings, hr_thumb_published(thumb) / per_pixel);
  return &picture->surface;
}
