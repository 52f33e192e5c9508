/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Ardour's inline display (inline_display_lv2.h): a live thumbnail of the
   picture in the mixer strip, newest columns on the right, frequency up
   on a log axis, drawn with the UI's colour maps (ui/colormap, ui/render).

   run() feeds every analyser column into a lock-free ring (thumbnail.h)
   and, when columns were published, calls queue_draw at most
   HR_INLINE_DRAW_RATE times a second. render() (GUI thread) copies the
   newest columns out of the ring and paints them into a Cairo image
   surface it keeps between calls. Its colours follow the UI's settings
   (colour map, dB range), with the top at the loudest cell shown: a
   thumbnail has no controls, so it sets its own gain, but never more than
   HR_INLINE_AUTO_DB above the UI's top, so silence stays dark. */

#include "plugin.h"

#include "colormap.h"
#include "render.h"

#include <cairo.h>

#include <math.h>
#include <stdlib.h>

/** queue_draw calls per second, at most. */
#define HR_INLINE_DRAW_RATE 25

/** Thumbnail columns a picture spans (about 5 s). */
#define HR_INLINE_SPAN 250

/** Columns a picture shows at most: the ring, less a margin for the
    slots run() may be overwriting while render() copies. */
#define HR_INLINE_MAX_COLUMNS (HR_THUMB_COLUMNS - 64)

/** Largest picture rendered, pixels; wider requests are centred. */
#define HR_INLINE_MAX_WIDTH 1024
#define HR_INLINE_MAX_HEIGHT 512

/** Height / width of the picture (or max_height, if less). */
#define HR_INLINE_ASPECT 0.6

/** Most dB the colour scale's top drops below the UI's. */
#define HR_INLINE_AUTO_DB 30.0

/** Seconds after the last render() in which the display counts as an
    open UI for the analyse port. */
#define HR_INLINE_LINGER_SECONDS 2.0

/** What render() keeps between calls (GUI thread only). */
struct HrInlineViewImpl {
  cairo_surface_t* surface;
  HrInlineSurface  picture;
  HrThumbColumn    columns[HR_INLINE_MAX_COLUMNS];
  float            pooled[HR_THUMB_ROWS];
};

/* The real-time side */

void
hr_inline_restart(HrPlugin* self)
{
  HrThumbFormat format = { 0, 1, 1, 0.0, 0.0, 0.0, 0 };
  if (self->engine) {
    const HrParams* p   = &self->engine->config.params;
    const double    per = HR_THUMB_STEP_SECONDS * self->rate / p->tdeci;
    format.rows         = self->engine->rows;
    format.per_column   = per > 1.0 ? (uint32_t)lround(per) : 1;
    format.n_slots      = self->engine->n_streams;
    format.fmin         = p->fmin;
    format.fmax         = p->fmax;
    format.noct         = p->noct;
    format.scale        = (int)p->scale;
  }
  hr_thumb_restart(self->thumb, &format, self->column_base);
}

bool
hr_inline_shown(HrPlugin* self, uint32_t n_samples)
{
  const uint32_t renders = __atomic_load_n(&self->renders, __ATOMIC_RELAXED);
  if (renders != self->renders_seen) {
    self->renders_seen  = renders;
    self->since_render  = 0;
    self->display_shown = true;
  } else if (self->since_render <= UINT32_MAX - n_samples) {
    self->since_render += n_samples;
  }
  return self->display_shown &&
         self->since_render < HR_INLINE_LINGER_SECONDS * self->rate;
}

void
hr_inline_end_run(HrPlugin* self, uint32_t n_samples)
{
  hr_thumb_commit(self->thumb);
  if (!self->queue_draw) {
    return;
  }
  if (self->since_draw <= UINT32_MAX - n_samples) {
    self->since_draw += n_samples;
  }
  const int64_t published = hr_thumb_published(self->thumb);
  if (published != self->drawn &&
      self->since_draw >= self->rate / HR_INLINE_DRAW_RATE) {
    self->queue_draw->queue_draw(self->queue_draw->handle);
    self->drawn      = published;
    self->since_draw = 0;
  }
}

/* The GUI side */

void
hr_inline_free(HrPlugin* self)
{
  if (self->view) {
    if (self->view->surface) {
      cairo_surface_destroy(self->view->surface);
    }
    free(self->view);
    self->view = NULL;
  }
}

/* A view with a surface of width x height; false if that fails. */
static bool
prepare_view(HrPlugin* self, int width, int height)
{
  if (!self->view) {
    self->view = (HrInlineView*)calloc(1, sizeof(HrInlineView));
    if (!self->view) {
      return false;
    }
  }
  HrInlineView* view = self->view;
  if (view->surface && view->picture.width == width &&
      view->picture.height == height) {
    return true;
  }
  if (view->surface) {
    cairo_surface_destroy(view->surface);
  }
  view->surface =
    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status(view->surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(view->surface);
    view->surface = NULL;
    return false;
  }
  view->picture.data   = cairo_image_surface_get_data(view->surface);
  view->picture.width  = width;
  view->picture.height = height;
  view->picture.stride = cairo_image_surface_get_stride(view->surface);
  return true;
}

/* The newest column's generation and row count, and the loudest value of
   that generation; false if no column is there. */
static bool
newest_generation(const HrThumbColumn* columns,
                  uint32_t             count,
                  uint32_t*            generation,
                  int*                 rows,
                  float*               peak)
{
  bool found = false;
  *peak      = 0.0f;
  for (uint32_t i = count; i-- > 0;) {
    const HrThumbColumn* column = &columns[i];
    if (column->number < 0 || (found && column->generation != *generation)) {
      continue;
    }
    if (!found) {
      found       = true;
      *generation = column->generation;
      *rows       = column->rows;
    }
    *peak = column->peak > *peak ? column->peak : *peak;
  }
  return found;
}

static void
color_scale(HrPlugin* self, float peak, HrColorScale* scale)
{
  const HrUISettings settings = hr_plugin_get_ui_settings(self);
  const int          map      = settings.colormap;
  double             top      = settings.db_top - HR_INLINE_AUTO_DB;
  if (peak > 0.0f && 10.0 * log10(peak) > top) {
    top = 10.0 * log10(peak);
  }
  hr_color_scale_init(scale,
                      map >= 0 && map < HR_COLORMAP_COUNT ? (HrColormapId)map
                                                          : HR_COLORMAP_INFERNO,
                      top,
                      settings.db_range);
}

/* Pixel column x covers columns [begin, end) of the view: their maximum
   for each row, if any is of `generation`. */
static bool
pool(HrInlineView* view,
     uint32_t      begin,
     uint32_t      end,
     uint32_t      generation,
     int           rows)
{
  bool any = false;
  for (uint32_t c = begin; c < end; ++c) {
    const HrThumbColumn* column = &view->columns[c];
    if (column->number < 0 || column->generation != generation) {
      continue;
    }
    for (int r = 0; r < rows; ++r) {
      const float v   = column->value[r];
      view->pooled[r] = !any || v > view->pooled[r] ? v : view->pooled[r];
    }
    any = true;
  }
  return any;
}

/* Columns shown and the number one past the newest: `per_pixel` whole
   columns a pixel, counted from a multiple of it, so that a column stays
   in the same pixel while it scrolls (no flicker). */
static uint32_t
choose_span(const HrThumbnail* thumb, int width, int64_t* end)
{
  const int64_t published = hr_thumb_published(thumb);
  const int     per_pixel =
    width < HR_INLINE_SPAN ? (HR_INLINE_SPAN + width / 2) / width : 1;
  if (per_pixel * width <= HR_INLINE_MAX_COLUMNS) {
    *end = published / per_pixel * per_pixel;
    return (uint32_t)(per_pixel * width);
  }
  *end = published;
  return HR_INLINE_MAX_COLUMNS; /* fewer columns than pixels: stretched */
}

static void
draw(HrPlugin* self, int width, int height)
{
  HrInlineView*  view  = self->view;
  int64_t        end   = 0;
  const uint32_t count = choose_span(self->thumb, width, &end);
  hr_thumb_snapshot(self->thumb, end - count, count, view->columns);

  uint32_t   generation = 0;
  int        rows       = 0;
  float      peak       = 0.0f;
  const bool any =
    newest_generation(view->columns, count, &generation, &rows, &peak);
  HrColorScale scale;
  color_scale(self, peak, &scale);

  cairo_surface_flush(view->surface);
  uint32_t* pixels = (uint32_t*)view->picture.data;
  const int stride = view->picture.stride / 4;
  for (int x = 0; x < width; ++x) {
    const uint32_t begin = (uint32_t)((uint64_t)x * count / width);
    uint32_t       stop  = (uint32_t)((uint64_t)(x + 1) * count / width);
    stop                 = stop > begin ? stop : begin + 1;
    if (any && pool(view, begin, stop, generation, rows)) {
      hr_render_pixel_column(
        pixels + x, stride, height, view->pooled, 1, rows, &scale);
    } else {
      for (int y = 0; y < height; ++y) {
        pixels[(ptrdiff_t)y * stride + x] = scale.argb[0];
      }
    }
  }
  cairo_surface_mark_dirty(view->surface);
}

static HrInlineSurface*
render(LV2_Handle instance, uint32_t width, uint32_t max_height)
{
  HrPlugin* self = (HrPlugin*)instance;
  if (!self || !self->thumb || width == 0 || max_height == 0) {
    return NULL;
  }
  __atomic_add_fetch(&self->renders, 1, __ATOMIC_RELAXED);
  const int w = width < HR_INLINE_MAX_WIDTH ? (int)width : HR_INLINE_MAX_WIDTH;
  int       h = (int)lround(w * HR_INLINE_ASPECT);
  h           = h < (int)max_height ? h : (int)max_height;
  h           = h < HR_INLINE_MAX_HEIGHT ? h : HR_INLINE_MAX_HEIGHT;
  h           = h > 1 ? h : 1;
  if (!prepare_view(self, w, h)) {
    return NULL;
  }
  draw(self, w, h);
  return &self->view->picture;
}

const HrInlineDisplayInterface hr_inline_display_interface = { render };
