/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "render/scroll_image.h"

#include <stddef.h>
#include <string.h>

void
hr_scroll_image_init(HrScrollImage* scroll, HrScrollLayout layout)
{
  memset(scroll, 0, sizeof *scroll);
  scroll->layout = layout;
}

void
hr_scroll_image_free(HrScrollImage* scroll)
{
  if (scroll->image) {
    cairo_surface_destroy(scroll->image);
  }
  hr_scroll_image_init(scroll, scroll->layout);
}

void
hr_scroll_image_invalidate(HrScrollImage* scroll)
{
  scroll->valid_lo = scroll->valid_hi = 0;
}

bool
hr_scroll_image_prepare(HrScrollImage* scroll, int width, int height)
{
  if (scroll->image && cairo_image_surface_get_width(scroll->image) == width &&
      cairo_image_surface_get_height(scroll->image) == height) {
    return true;
  }
  if (scroll->image) {
    cairo_surface_destroy(scroll->image);
  }
  scroll->image =
    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  hr_scroll_image_invalidate(scroll);
  if (cairo_surface_status(scroll->image) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(scroll->image);
    scroll->image = NULL;
    return false;
  }
  return true;
}

static int64_t
mod64(int64_t a, int64_t m)
{
  const int64_t r = a % m;
  return r < 0 ? r + m : r;
}

static int
width_of(const HrScrollImage* scroll)
{
  return scroll->image ? cairo_image_surface_get_width(scroll->image) : 0;
}

/* True if what was drawn overlaps [end - width, end). */
static bool
overlaps(const HrScrollImage* scroll, int64_t end)
{
  return scroll->valid_lo != scroll->valid_hi &&
         scroll->valid_hi > end - width_of(scroll) && scroll->valid_lo < end;
}

int64_t
hr_scroll_image_first_missing(const HrScrollImage* scroll, int64_t end)
{
  const int64_t lo = end - width_of(scroll);
  if (!overlaps(scroll, end) || lo < scroll->valid_lo) {
    return lo;
  }
  return scroll->valid_hi < end ? scroll->valid_hi : end;
}

int
hr_scroll_image_column(const HrScrollImage* scroll, int64_t end, int x)
{
  const int width = width_of(scroll);
  return scroll->layout == HR_SCROLL_RING ? (int)mod64(end - width + x, width)
                                          : x;
}

/* HR_SCROLL_SHIFT: move every row `n` pixels left (right if n < 0),
   0 < |n| < width. */
static void
shift(HrScrollImage* scroll, int64_t n)
{
  uint8_t*     data   = cairo_image_surface_get_data(scroll->image);
  const int    stride = cairo_image_surface_get_stride(scroll->image);
  const int    width  = width_of(scroll);
  const int    height = cairo_image_surface_get_height(scroll->image);
  const size_t kept   = (size_t)(width - (n < 0 ? -n : n)) * sizeof(uint32_t);
  for (int y = 0; y < height; ++y) {
    uint32_t* row = (uint32_t*)(data + (size_t)y * (size_t)stride);
    if (n > 0) {
      memmove(row, row + n, kept);
    } else {
      memmove(row - n, row, kept);
    }
  }
}

/* Draw pixels [from, to) of the picture ending at `end`. */
static void
draw_range(HrScrollImage* scroll,
           int64_t        end,
           int64_t        from,
           int64_t        to,
           HrScrollDraw   draw,
           void*          data)
{
  uint32_t* pixels = (uint32_t*)cairo_image_surface_get_data(scroll->image);
  const int stride = cairo_image_surface_get_stride(scroll->image) / 4;
  const int height = cairo_image_surface_get_height(scroll->image);
  const int width  = width_of(scroll);
  for (int64_t p = from; p < to; ++p) {
    const int x = hr_scroll_image_column(scroll, end, (int)(p - (end - width)));
    draw(data, p, pixels + x, stride, height);
  }
}

int
hr_scroll_image_update(HrScrollImage* scroll,
                       int64_t        end,
                       HrScrollDraw   draw,
                       void*          data)
{
  if (!scroll->image) {
    return -1;
  }
  const int64_t lo    = end - width_of(scroll);
  int64_t       drawn = 0;
  cairo_surface_flush(scroll->image);
  if (!overlaps(scroll, end)) {
    draw_range(scroll, end, lo, end, draw, data);
    drawn = end - lo;
  } else {
    if (scroll->layout == HR_SCROLL_SHIFT && end != scroll->valid_hi) {
      shift(scroll, end - scroll->valid_hi);
    }
    if (lo < scroll->valid_lo) {
      draw_range(scroll, end, lo, scroll->valid_lo, draw, data);
      drawn += scroll->valid_lo - lo;
    }
    if (end > scroll->valid_hi) {
      draw_range(scroll, end, scroll->valid_hi, end, draw, data);
      drawn += end - scroll->valid_hi;
    }
  }
  scroll->valid_lo = lo;
  scroll->valid_hi = end;
  if (drawn) {
    cairo_surface_mark_dirty(scroll->image);
  }
  return (int)drawn;
}

void
hr_scroll_image_paint(cairo_t*             cr,
                      const HrScrollImage* scroll,
                      int64_t              end,
                      const HrRect*        rect)
{
  if (!scroll->image) {
    return;
  }
  if (scroll->layout == HR_SCROLL_SHIFT) {
    hr_render_paint_image(cr, scroll->image, rect);
    return;
  }
  const int    width = width_of(scroll);
  const double unit  = rect->width / width;
  const int    first = hr_scroll_image_column(scroll, end, 0);
  HrRect       part  = *rect;
  part.x             = rect->x - first * unit;
  cairo_save(cr);
  cairo_rectangle(cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip(cr);
  hr_render_paint_image(cr, scroll->image, &part);
  part.x += rect->width;
  hr_render_paint_image(cr, scroll->image, &part);
  cairo_restore(cr);
}
