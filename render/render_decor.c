/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Everything drawn around the image: layout, frame, Hz/note/time axes,
   colour bar and titles (declared in render.h). */

#include "render.h"

#include <cairo.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Colours of the dark theme. */
static const HrRgb k_background = { 0.067, 0.071, 0.086 };
static const HrRgb k_text       = { 0.90, 0.91, 0.93 };
static const HrRgb k_text_dim   = { 0.64, 0.66, 0.72 };
static const HrRgb k_frame      = { 0.50, 0.52, 0.58 };
static const HrRgb k_note       = { 0.50, 0.60, 0.74 };

/* Sizes, in units of the layout's font size. */
static const double k_tick_length = 0.45;
static const double k_line_width  = 0.07;
static const double k_label_gap   = 0.35;
static const double k_note_font   = 0.82;
static const double k_title_font  = 1.35;
static const double k_sub_font    = 0.9;
static const double k_bar_width   = 1.1;

/* Pi: a rotation by half a turn, in radians. */
static const double k_half_turn = 3.14159265358979323846;

/* ---- Text ---- */

static void
set_color(cairo_t* cr, HrRgb color)
{
  cairo_set_source_rgb(cr, color.r, color.g, color.b);
}

static void
set_font(cairo_t* cr, double size, int bold)
{
  cairo_select_font_face(cr,
                         "sans-serif",
                         CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD
                              : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  /* Unhinted metrics: text widths, hence the layout, do not depend on
     the device scale (HiDPI). */
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr, options);
  cairo_font_options_destroy(options);
}

/* `text` with a leading '-' as a typographic minus sign. */
static void
typeset_minus(char* out, size_t out_size, const char* text)
{
  if (text[0] == '-') {
    snprintf(out, out_size, "\xe2\x88\x92%s", text + 1);
  } else {
    snprintf(out, out_size, "%s", text);
  }
}

static double
text_width(cairo_t* cr, const char* text)
{
  char                 shown[256];
  cairo_text_extents_t extents;
  typeset_minus(shown, sizeof shown, text);
  cairo_text_extents(cr, shown, &extents);
  return extents.x_advance;
}

/* Show `text` with its baseline at y; align 0 = left, 0.5 = centre at x,
   1 = right. */
static void
show_text(cairo_t* cr, const char* text, double x, double y, double align)
{
  char shown[256];
  typeset_minus(shown, sizeof shown, text);
  cairo_move_to(cr, x - align * text_width(cr, text), y);
  cairo_show_text(cr, shown);
}

static double
widest_label(cairo_t* cr, const HrTicks* ticks)
{
  double widest = 0.0;
  for (int i = 0; i < ticks->count; ++i) {
    widest = fmax(widest, text_width(cr, ticks->ticks[i].label));
  }
  return widest;
}

/* ---- Layout ---- */

static int
has_text(const char* text)
{
  return text && text[0];
}

static void
note_ticks(const HrPicture* picture, const HrLayout* layout, HrTicks* ticks)
{
  hr_ticks_notes(ticks,
                 &picture->freq,
                 picture->rows,
                 layout->plot.height,
                 2.0 * layout->font_size);
}

static void
time_ticks(cairo_t*         cr,
           const HrPicture* picture,
           const HrLayout*  layout,
           HrTicks*         ticks)
{
  const double f     = layout->font_size;
  const double start = picture->t_start_s;
  const double end   = start + picture->cols * picture->col_seconds;
  double       gap   = 4.0 * f;
  for (int attempt = 0; attempt < 3; ++attempt) {
    hr_ticks_linear(
      ticks, start, end, layout->plot.width, gap, HR_TICK_DECIMAL);
    const double needed = widest_label(cr, ticks) + 1.5 * f;
    if (needed <= gap) {
      break;
    }
    gap = needed;
  }
}

/* Move the edges of `rect` onto device pixels; count those it covers. */
static void
snap_rect(cairo_t* cr, HrRect* rect, int* pixels_x, int* pixels_y)
{
  double x0 = rect->x;
  double y0 = rect->y;
  double x1 = x0 + rect->width;
  double y1 = y0 + rect->height;
  cairo_user_to_device(cr, &x0, &y0);
  cairo_user_to_device(cr, &x1, &y1);
  x0        = round(x0);
  y0        = round(y0);
  x1        = fmax(round(x1), x0 + 1.0);
  y1        = fmax(round(y1), y0 + 1.0);
  *pixels_x = (int)(x1 - x0);
  *pixels_y = (int)(y1 - y0);
  cairo_device_to_user(cr, &x0, &y0);
  cairo_device_to_user(cr, &x1, &y1);
  *rect = (HrRect){ x0, y0, x1 - x0, y1 - y0 };
}

/* Top of the plot after the title lines; sets their baselines. */
static double
layout_titles(const HrPicture* picture, HrLayout* layout)
{
  const double f   = layout->font_size;
  double       top = layout->area.y + 0.4 * f;
  if (picture && has_text(picture->title)) {
    layout->title_y = top + 1.25 * k_title_font * f;
    top             = layout->title_y;
  }
  if (picture && has_text(picture->subtitle)) {
    layout->subtitle_y = top + 1.5 * k_sub_font * f;
    top                = layout->subtitle_y;
  }
  return top + 1.6 * f;
}

/* Left edge of the plot: room for the axis title, Hz labels and ticks. */
static double
plot_left(cairo_t* cr, const HrPicture* picture, const HrLayout* layout)
{
  const double f = layout->font_size;
  HrTicks      ticks;
  ticks.count = 0;
  if (hr_picture_check(picture, NULL, 0) == 0) {
    hr_render_freq_ticks(picture, layout, &ticks);
  }
  set_font(cr, f, 0);
  return layout->area.x + 2.6 * f + fmax(widest_label(cr, &ticks), 1.5 * f) +
         (k_label_gap + k_tick_length) * f;
}

/* Put the colour bar at the right; returns the right edge of the plot,
   left of the bar and of the note labels. */
static double
place_colorbar(cairo_t* cr, const HrPicture* picture, HrLayout* layout)
{
  const double f = layout->font_size;
  set_font(cr, f, 0);
  const double bar_right =
    layout->area.x + layout->area.width - 2.0 * f - text_width(cr, "-100");
  layout->colorbar = (HrRect){ bar_right - k_bar_width * f,
                               layout->plot.y,
                               k_bar_width * f,
                               layout->plot.height };
  HrTicks ticks;
  ticks.count = 0;
  if (hr_picture_check(picture, NULL, 0) == 0) {
    note_ticks(picture, layout, &ticks);
  }
  double right = layout->colorbar.x - 1.2 * f;
  if (ticks.count > 0) {
    set_font(cr, k_note_font * f, 0);
    right -= (0.3 + k_label_gap) * f + widest_label(cr, &ticks);
  }
  return right;
}

HrLayout
hr_render_layout(cairo_t*         cr,
                 const HrPicture* picture,
                 double           x,
                 double           y,
                 double           width,
                 double           height)
{
  HrLayout layout;
  memset(&layout, 0, sizeof layout);
  layout.area = (HrRect){ x, y, width, height };
  layout.font_size =
    fmax(fmin(height / 50.0, width / 64.0), fmin(9.0, height / 25.0));
  const double top    = layout_titles(picture, &layout);
  const double bottom = y + height - 4.3 * layout.font_size;
  layout.plot         = (HrRect){ x, top, width, fmax(bottom - top, 1.0) };
  cairo_save(cr);
  const double left  = plot_left(cr, picture, &layout);
  const double right = place_colorbar(cr, picture, &layout);
  cairo_restore(cr);
  layout.plot.x     = left;
  layout.plot.width = fmax(right - left, 1.0);
  snap_rect(cr, &layout.plot, &layout.plot_pixels_x, &layout.plot_pixels_y);
  layout.colorbar.y      = layout.plot.y;
  layout.colorbar.height = layout.plot.height;
  int bar_pixels_x       = 0;
  int bar_pixels_y       = 0;
  snap_rect(cr, &layout.colorbar, &bar_pixels_x, &bar_pixels_y);
  return layout;
}

void
hr_render_freq_ticks(const HrPicture* picture,
                     const HrLayout*  layout,
                     HrTicks*         ticks)
{
  hr_ticks_freq(ticks,
                &picture->freq,
                picture->rows,
                layout->plot.height,
                2.4 * layout->font_size);
}

/* ---- Drawing ---- */

void
hr_render_background(cairo_t* cr, const HrLayout* layout)
{
  set_color(cr, k_background);
  cairo_rectangle(cr,
                  layout->area.x,
                  layout->area.y,
                  layout->area.width,
                  layout->area.height);
  cairo_fill(cr);
}

/* Set the line width to k_line_width font sizes rounded to whole device
   pixels (at least one), so that lines on pixel edges stay sharp. */
static void
set_line_width(cairo_t* cr, double font_size)
{
  double width = k_line_width * font_size;
  double zero  = 0.0;
  cairo_user_to_device_distance(cr, &width, &zero);
  width = fmax(round(fabs(width)), 1.0);
  zero  = 0.0;
  cairo_device_to_user_distance(cr, &width, &zero);
  cairo_set_line_width(cr, fabs(width));
}

/* `position` (x if `vertical`, else y) moved to where a line of the
   current width covers whole device pixels. */
static double
snap_line(cairo_t* cr, double position, int vertical)
{
  double width = cairo_get_line_width(cr);
  double zero  = 0.0;
  double x     = vertical ? position : 0.0;
  double y     = vertical ? 0.0 : position;
  cairo_user_to_device_distance(cr, &width, &zero);
  const double offset = ((int)round(fabs(width)) % 2) * 0.5;
  cairo_user_to_device(cr, &x, &y);
  x = round(x - offset) + offset;
  y = round(y - offset) + offset;
  cairo_device_to_user(cr, &x, &y);
  return vertical ? x : y;
}

/* A frame of the current line width just outside `rect`. */
static void
stroke_frame(cairo_t* cr, const HrRect* rect)
{
  const double line_width = cairo_get_line_width(cr);
  set_color(cr, k_frame);
  cairo_rectangle(cr,
                  rect->x - 0.5 * line_width,
                  rect->y - 0.5 * line_width,
                  rect->width + line_width,
                  rect->height + line_width);
  cairo_stroke(cr);
}

/* A horizontal tick at y from x, `length` long (negative: to the left). */
static void
tick_line(cairo_t* cr, double x, double y, double length)
{
  y = snap_line(cr, y, 0);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x + length, y);
  cairo_stroke(cr);
}

static void
draw_minor_freq_ticks(cairo_t*         cr,
                      const HrPicture* picture,
                      const HrLayout*  layout)
{
  const double f = layout->font_size;
  HrTicks      ticks;
  hr_ticks_freq(
    &ticks, &picture->freq, picture->rows, layout->plot.height, 0.6 * f);
  set_color(cr, k_frame);
  for (int i = 0; i < ticks.count; ++i) {
    const double y = hr_render_y_of_hz(picture, layout, ticks.ticks[i].value);
    tick_line(cr, layout->plot.x - cairo_get_line_width(cr), y, -0.25 * f);
  }
}

static void
draw_freq_axis(cairo_t* cr, const HrPicture* picture, const HrLayout* layout)
{
  const double f = layout->font_size;
  HrTicks      ticks;
  hr_render_freq_ticks(picture, layout, &ticks);
  draw_minor_freq_ticks(cr, picture, layout);
  set_font(cr, f, 0);
  for (int i = 0; i < ticks.count; ++i) {
    const double y = hr_render_y_of_hz(picture, layout, ticks.ticks[i].value);
    const double x = layout->plot.x - cairo_get_line_width(cr);
    set_color(cr, k_frame);
    tick_line(cr, x, y, -k_tick_length * f);
    set_color(cr, k_text);
    show_text(cr,
              ticks.ticks[i].label,
              x - (k_tick_length + k_label_gap) * f,
              y + 0.36 * f,
              1.0);
  }
  cairo_save(cr);
  set_color(cr, k_text_dim);
  cairo_translate(
    cr, layout->area.x + 1.5 * f, layout->plot.y + 0.5 * layout->plot.height);
  cairo_rotate(cr, -0.5 * k_half_turn);
  show_text(cr, "Frequency (Hz)", 0.0, 0.0, 0.5);
  cairo_restore(cr);
}

static void
draw_note_axis(cairo_t* cr, const HrPicture* picture, const HrLayout* layout)
{
  const double f = layout->font_size;
  const double x =
    layout->plot.x + layout->plot.width + cairo_get_line_width(cr);
  HrTicks ticks;
  note_ticks(picture, layout, &ticks);
  set_font(cr, k_note_font * f, 0);
  set_color(cr, k_note);
  for (int i = 0; i < ticks.count; ++i) {
    const double y = hr_render_y_of_hz(picture, layout, ticks.ticks[i].value);
    tick_line(cr, x, y, 0.3 * f);
    show_text(cr,
              ticks.ticks[i].label,
              x + (0.3 + k_label_gap) * f,
              y + 0.36 * k_note_font * f,
              0.0);
  }
}

static void
draw_time_axis(cairo_t* cr, const HrPicture* picture, const HrLayout* layout)
{
  const double f = layout->font_size;
  const double y =
    layout->plot.y + layout->plot.height + cairo_get_line_width(cr);
  HrTicks ticks;
  set_font(cr, f, 0);
  time_ticks(cr, picture, layout, &ticks);
  for (int i = 0; i < ticks.count; ++i) {
    const double x = hr_render_x_of_time(picture, layout, ticks.ticks[i].value);
    set_color(cr, k_frame);
    cairo_move_to(cr, snap_line(cr, x, 1), y);
    cairo_line_to(cr, snap_line(cr, x, 1), y + k_tick_length * f);
    cairo_stroke(cr);
    set_color(cr, k_text);
    show_text(cr, ticks.ticks[i].label, x, y + (k_tick_length + 1.2) * f, 0.5);
  }
  set_color(cr, k_text_dim);
  show_text(cr,
            "Time (s)",
            layout->plot.x + 0.5 * layout->plot.width,
            y + (k_tick_length + 2.9) * f,
            0.5);
}

void
hr_render_axes(cairo_t* cr, const HrPicture* picture, const HrLayout* layout)
{
  cairo_save(cr);
  set_line_width(cr, layout->font_size);
  stroke_frame(cr, &layout->plot);
  draw_freq_axis(cr, picture, layout);
  draw_note_axis(cr, picture, layout);
  draw_time_axis(cr, picture, layout);
  cairo_restore(cr);
}

/* The colour bar with `ticks` (values in dB of the scale) and `unit`. */
static void
colorbar(cairo_t*            cr,
         const HrColorScale* scale,
         const HrLayout*     layout,
         const HrTicks*      tick_list,
         const char*         unit)
{
  const HrTicks ticks  = *tick_list;
  const HrRect* bar    = &layout->colorbar;
  const double  f      = layout->font_size;
  double        width  = bar->width;
  double        height = bar->height;
  cairo_user_to_device_distance(cr, &width, &height);
  cairo_surface_t* image =
    hr_render_colorbar_image(scale, (int)fmax(round(height), 1));
  cairo_save(cr);
  hr_render_paint_image(cr, image, bar);
  cairo_surface_destroy(image);
  set_line_width(cr, f);
  stroke_frame(cr, bar);
  set_font(cr, f, 0);
  const double x = bar->x + bar->width + cairo_get_line_width(cr);
  for (int i = 0; i < ticks.count; ++i) {
    const double y = bar->y + (scale->top_db - ticks.ticks[i].value) /
                                scale->range_db * bar->height;
    set_color(cr, k_frame);
    tick_line(cr, x, y, 0.35 * f);
    set_color(cr, k_text);
    show_text(cr, ticks.ticks[i].label, x + 0.65 * f, y + 0.36 * f, 0.0);
  }
  set_color(cr, k_text_dim);
  show_text(cr, unit, bar->x + 0.5 * bar->width, bar->y - 0.6 * f, 0.5);
  cairo_restore(cr);
}

void
hr_render_colorbar(cairo_t*            cr,
                   const HrColorScale* scale,
                   const HrLayout*     layout)
{
  HrTicks ticks;
  hr_ticks_linear(&ticks,
                  scale->top_db - scale->range_db,
                  scale->top_db,
                  layout->colorbar.height,
                  3.2 * layout->font_size,
                  HR_TICK_DECIMAL);
  colorbar(cr, scale, layout, &ticks, "dB");
}

/* A count as a short label: "5", "20", "1k", "2.5k", "1M". */
static void
format_points(char* text, size_t size, double points)
{
  if (points >= 1e6) {
    snprintf(text, size, "%gM", points / 1e6);
  } else if (points >= 1e3) {
    snprintf(text, size, "%gk", points / 1e3);
  } else {
    snprintf(text, size, "%g", points);
  }
}

void
hr_render_count_ticks(HrTicks*            ticks,
                      const HrColorScale* scale,
                      double              length,
                      double              min_gap)
{
  static const double k_steps[3] = { 1.0, 2.0, 5.0 };
  const double        per_db     = length / scale->range_db;
  const int           n_steps = 10.0 * log10(2.0) * per_db >= min_gap ? 3 : 1;
  const double        bottom  = scale->top_db - scale->range_db;
  ticks->count                = 0;
  for (int decade = 0; decade < 40; ++decade) {
    for (int i = 0; i < n_steps && ticks->count < HR_TICKS_MAX; ++i) {
      const double points = k_steps[i] * pow(10.0, decade);
      const double db     = 10.0 * log10(points);
      if (db > scale->top_db + 1e-9) {
        return;
      }
      if (db >= bottom - 1e-9) {
        HrTick* tick = &ticks->ticks[ticks->count++];
        tick->value  = db;
        format_points(tick->label, sizeof tick->label, points);
      }
    }
  }
}

void
hr_render_colorbar_points(cairo_t*            cr,
                          const HrColorScale* scale,
                          const HrLayout*     layout)
{
  HrTicks ticks;
  hr_render_count_ticks(
    &ticks, scale, layout->colorbar.height, 3.2 * layout->font_size);
  colorbar(cr, scale, layout, &ticks, "points");
}

void
hr_render_titles(cairo_t* cr, const HrPicture* picture, const HrLayout* layout)
{
  const double f      = layout->font_size;
  const double centre = layout->plot.x + 0.5 * layout->plot.width;
  cairo_save(cr);
  if (has_text(picture->title)) {
    set_font(cr, k_title_font * f, 1);
    set_color(cr, k_text);
    show_text(cr, picture->title, centre, layout->title_y, 0.5);
  }
  if (has_text(picture->subtitle)) {
    set_font(cr, k_sub_font * f, 0);
    set_color(cr, k_text_dim);
    show_text(cr, picture->subtitle, centre, layout->subtitle_y, 0.5);
  }
  cairo_restore(cr);
}

void
hr_render_message(cairo_t* cr, const HrLayout* layout, const char* message)
{
  cairo_save(cr);
  set_font(cr, layout->font_size, 0);
  set_color(cr, k_text);
  show_text(cr,
            message,
            layout->area.x + 0.5 * layout->area.width,
            layout->area.y + 0.5 * layout->area.height,
            0.5);
  cairo_restore(cr);
}
