/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The window's picture: tool bar, the pictures (live channels, captures,
   overlay or difference) drawn with render/render's layout, axes and colour
   bar, the cursor cross and the status bar (read-out, warnings, load). */

#include "ui_app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Text size of the tool and status bars, logical pixels. */
static const double k_font = 11.0;

static const HrRgb k_background = { 0.067, 0.071, 0.086 };

static void
set_color(cairo_t* cr, HrRgb c)
{
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void
fill_rect(cairo_t* cr, HrRgb c, double x, double y, double w, double h)
{
  set_color(cr, c);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

static void
add_pane(HrUI* ui, HrPaneKind kind, int which, const HrLayout* layout)
{
  if (ui->n_panes >= (int)(sizeof ui->panes / sizeof ui->panes[0])) {
    return;
  }
  HrPane* p  = &ui->panes[ui->n_panes++];
  p->kind    = kind;
  p->channel = which;
  p->capture = which;
  p->counts  = ui->count_mode;
  p->plot    = layout->plot;
  p->width   = layout->plot_pixels_x;
  p->height  = layout->plot_pixels_y;
}

/* The picture (axes, colours) of `channel` live, `width` pixels wide. */
static void
live_picture(const HrUI* ui, int channel, int width, HrPicture* picture)
{
  const HrView* view  = &ui->view;
  int           begin = 0;
  int           end   = view->config.rows;
  double        left  = 0.0;
  double        right = 0.0;
  hr_view_zoom_rows(view, &view->axis, view->config.rows, &begin, &end);
  hr_view_time_span(view, width > 0 ? width : view->visible, &left, &right);
  memset(picture, 0, sizeof *picture);
  picture->data        = hr_view_ring(view, channel)->cells;
  picture->rows        = end - begin;
  picture->cols        = view->visible;
  picture->freq        = hr_axis_from_row(&view->axis, begin);
  picture->t_start_s   = left;
  picture->col_seconds = hr_view_slot_seconds(view);
}

static void
finish_picture(const HrUI* ui, HrPicture* picture, const char* title)
{
  picture->colormap = ui->colors.id;
  picture->db_top   = ui->colors.top_db;
  picture->db_range = ui->colors.range_db;
  picture->title    = title;
}

/* The colour scale of the pictures shown: energies or point counts. */
static const HrColorScale*
shown_colors(const HrUI* ui)
{
  return ui->count_mode ? &ui->count_colors : &ui->colors;
}

/* Axes, colour bar (of point counts in count mode) and titles over a
   painted plot. */
static void
decorate(const HrUI*      ui,
         cairo_t*         cr,
         const HrPicture* picture,
         const HrLayout*  layout)
{
  hr_render_axes(cr, picture, layout);
  if (ui->count_mode) {
    hr_render_colorbar_points(cr, &ui->count_colors, layout);
  } else {
    hr_render_colorbar(cr, &ui->colors, layout);
  }
  hr_render_titles(cr, picture, layout);
}

/* Most points of a cell of `capture` in the rows the zoom shows. */
static float
capture_most_points(const HrUI* ui, const HrCapture* capture)
{
  HrPicture picture;
  float     most = 0.0f;
  hr_capture_picture(capture, &ui->view, 1, &picture);
  for (size_t i = 0; i < (size_t)picture.rows * (size_t)picture.cols; ++i) {
    most = picture.data[i] > most ? picture.data[i] : most;
  }
  return most;
}

/* Most points of a cell the live pictures show (channels, slots, zoomed
   rows). */
static float
live_most_points(const HrUI* ui)
{
  const HrView* view = &ui->view;
  int           channels[HR_N_CHANNELS];
  const int     n     = hr_view_channels(view, channels);
  const int64_t right = hr_view_right(view);
  int           begin = 0;
  int           end   = view->config.rows;
  float         most  = 0.0f;
  hr_view_zoom_rows(view, &view->axis, view->config.rows, &begin, &end);
  for (int i = 0; i < n; ++i) {
    const HrRing* ring = hr_view_ring(view, channels[i]);
    for (int64_t s = right - view->visible; ring && s < right; ++s) {
      const float* hits = hr_ring_hits(ring, s);
      for (int r = begin; hits && r < end && r < ring->rows; ++r) {
        most = hits[r] > most ? hits[r] : most;
      }
    }
  }
  return most;
}

/* The count pictures' colour scale: 1 point at the bottom, the most
   points of a cell shown (live and captures) at the top; pictures drawn
   with another scale are redrawn. */
static void
update_count_scale(HrUI* ui)
{
  float most = live_most_points(ui);
  for (int slot = 0; ui->compare != HR_COMPARE_OFF && slot < HR_N_CAPTURES;
       ++slot) {
    if (ui->captures[slot]) {
      const float points = capture_most_points(ui, ui->captures[slot]);
      most               = points > most ? points : most;
    }
  }
  HrColorScale scale;
  hr_render_count_scale(&scale, ui->colors.id, most);
  if (scale.top_db != ui->count_colors.top_db ||
      scale.id != ui->count_colors.id) {
    ui->count_colors = scale;
    for (int c = 0; c < HR_N_CHANNELS; ++c) {
      hr_live_image_invalidate(&ui->live[c]);
    }
    hr_live_image_invalidate(&ui->live_index);
    if (ui->captures[HR_CAPTURE_A] || ui->captures[HR_CAPTURE_B]) {
      ++ui->generation; /* capture images too */
    }
  }
}

static void
draw_live(HrUI*         ui,
          cairo_t*      cr,
          int           channel,
          const HrRect* area,
          const char*   title)
{
  HrPicture picture;
  live_picture(ui, channel, 0, &picture);
  finish_picture(ui, &picture, title);
  const HrLayout layout =
    hr_render_layout(cr, &picture, area->x, area->y, area->width, area->height);
  live_picture(ui, channel, layout.plot_pixels_x, &picture);
  finish_picture(ui, &picture, title);
  const HrPixelStyle style = hr_pixel_style_color(ui->scale);
  hr_live_image_set_counts(&ui->live[channel], ui->count_mode);
  hr_live_image_update(&ui->live[channel],
                       &ui->view,
                       channel,
                       layout.plot_pixels_x,
                       layout.plot_pixels_y,
                       shown_colors(ui),
                       &style);
  hr_live_image_paint(cr, &ui->live[channel], &ui->view, &layout.plot);
  decorate(ui, cr, &picture, &layout);
  add_pane(ui, HR_PANE_LIVE, channel, &layout);
}

/* The images of `capture` in `images` at width x height, remade when
   stale. */
static HrCaptureImages*
images_of(HrUI*            ui,
          const HrCapture* capture,
          HrCaptureImages* images,
          int              width,
          int              height)
{
  if (images->width != width || images->height != height ||
      images->generation != ui->generation) {
    if (images->color) {
      cairo_surface_destroy(images->color);
    }
    if (images->index) {
      cairo_surface_destroy(images->index);
    }
    HrColorScale       index;
    const HrPixelStyle color_style = hr_pixel_style_color(ui->scale);
    const HrPixelStyle index_style = hr_pixel_style_index();
    const int          counts      = ui->count_mode;
    hr_index_scale(&index, shown_colors(ui));
    images->color = hr_capture_image_new(capture,
                                         &ui->view,
                                         counts,
                                         width,
                                         height,
                                         shown_colors(ui),
                                         &color_style);
    images->index = hr_capture_image_new(
      capture, &ui->view, counts, width, height, &index, &index_style);
    images->width      = width;
    images->height     = height;
    images->generation = ui->generation;
  }
  return images->color && images->index ? images : NULL;
}

/* The capture's images at width x height, remade when stale. */
static HrCaptureImages*
capture_images(HrUI* ui, HrSlot slot, int width, int height)
{
  return images_of(
    ui, ui->captures[slot], &ui->capture_images[slot], width, height);
}

static void
draw_capture(HrUI* ui, cairo_t* cr, HrSlot slot, const HrRect* area)
{
  const HrCapture* capture = ui->captures[slot];
  char             title[160];
  HrPicture        picture;
  snprintf(title,
           sizeof title,
           "%c   %s",
           slot == HR_CAPTURE_A ? 'A' : 'B',
           capture->info);
  hr_capture_picture(capture, &ui->view, ui->count_mode, &picture);
  finish_picture(ui, &picture, title);
  const HrLayout layout =
    hr_render_layout(cr, &picture, area->x, area->y, area->width, area->height);
  HrCaptureImages* images =
    capture_images(ui, slot, layout.plot_pixels_x, layout.plot_pixels_y);
  if (images) {
    hr_render_paint_image(cr, images->color, &layout.plot);
  }
  decorate(ui, cr, &picture, &layout);
  add_pane(ui, HR_PANE_CAPTURE, slot, &layout);
}

/* B in an overlay or difference: an index image and its first column. */
static cairo_surface_t*
b_index(HrUI* ui, int channel, int width, int height, int* first)
{
  *first = 0;
  if (ui->song_b) { /* at A's transport frames */
    HrCaptureImages* images =
      images_of(ui, ui->song_b, &ui->song_b_images, width, height);
    return images ? images->index : NULL;
  }
  if (ui->captures[HR_CAPTURE_B]) {
    HrCaptureImages* images = capture_images(ui, HR_CAPTURE_B, width, height);
    return images ? images->index : NULL;
  }
  HrColorScale       index;
  const HrPixelStyle style = hr_pixel_style_index();
  hr_index_scale(&index, shown_colors(ui));
  hr_live_image_set_counts(&ui->live_index, ui->count_mode);
  if (hr_live_image_update(
        &ui->live_index, &ui->view, channel, width, height, &index, &style) <
      0) {
    return NULL;
  }
  *first = hr_live_image_column(&ui->live_index, &ui->view, 0);
  return ui->live_index.image;
}

static void
draw_combined(HrUI* ui, cairo_t* cr, int channel, const HrRect* area)
{
  const char* what =
    ui->compare == HR_COMPARE_OVERLAY ? "A blue, B orange, both white"
    : ui->count_mode
      ? "B - A:  orange where B has more points, blue where A has"
      : "B - A:  orange where B is louder, blue where A is";
  char title[160];
  snprintf(title,
           sizeof title,
           "%s%s",
           what,
           ui->song_b ? "  (aligned in song time)" : "");
  HrPicture picture;
  live_picture(ui, channel, 0, &picture);
  finish_picture(ui, &picture, title);
  const HrLayout layout =
    hr_render_layout(cr, &picture, area->x, area->y, area->width, area->height);
  const int width  = layout.plot_pixels_x;
  const int height = layout.plot_pixels_y;
  live_picture(ui, channel, width, &picture);
  finish_picture(ui, &picture, title);
  double           song_start = 0.0;
  const HrCapture* shown      = ui->captures[HR_CAPTURE_A];
  if (ui->song_b && hr_capture_song_start(shown, &song_start) == 0) {
    /* the time axis in song seconds: A's columns are one run of them */
    picture.t_start_s   = song_start;
    picture.col_seconds = shown->col_seconds * shown->cols / picture.cols;
    snprintf(title, sizeof title, "%s  (aligned in song time, s)", what);
  }
  HrCaptureImages* a     = capture_images(ui, HR_CAPTURE_A, width, height);
  int              first = 0;
  cairo_surface_t* b     = b_index(ui, channel, width, height, &first);
  if (!ui->composed || cairo_image_surface_get_width(ui->composed) != width ||
      cairo_image_surface_get_height(ui->composed) != height) {
    if (ui->composed) {
      cairo_surface_destroy(ui->composed);
    }
    ui->composed =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  }
  if (a && b) {
    hr_compare_compose(ui->composed, a->index, 0, b, first, ui->compare);
    hr_render_paint_image(cr, ui->composed, &layout.plot);
  }
  decorate(ui, cr, &picture, &layout);
  add_pane(ui, HR_PANE_COMPARE, channel, &layout);
}

static void
draw_pictures(HrUI* ui, cairo_t* cr, const HrRect* area)
{
  int                      channels[HR_N_CHANNELS];
  const int                n = hr_view_channels(&ui->view, channels);
  static const char* const names[HR_N_CHANNELS] = {
    "Left", "Right", "Mid (L+R)/2", "Side (L-R)/2"
  };
  if (ui->count_mode) {
    update_count_scale(ui);
  }
  if (ui->compare == HR_COMPARE_OFF || !ui->captures[HR_CAPTURE_A]) {
    for (int i = 0; i < n; ++i) {
      const double h = area->height / n;
      HrRect       r = { area->x, area->y + i * h, area->width, h };
      draw_live(ui, cr, channels[i], &r, n > 1 ? names[channels[i]] : NULL);
    }
    return;
  }
  if (ui->compare != HR_COMPARE_SIDE) {
    draw_combined(ui, cr, channels[0], area);
    return;
  }
  const double half  = 0.5 * area->width;
  HrRect       left  = { area->x, area->y, half, area->height };
  HrRect       right = { area->x + half, area->y, half, area->height };
  draw_capture(ui, cr, HR_CAPTURE_A, &left);
  if (ui->captures[HR_CAPTURE_B]) {
    draw_capture(ui, cr, HR_CAPTURE_B, &right);
  } else {
    draw_live(ui,
              cr,
              channels[0],
              &right,
              ui->view.frozen ? "B   live, frozen" : "B   live");
  }
}

void
hr_ui_draw(void* data, cairo_t* cr, int width, int height)
{
  HrUI* ui = (HrUI*)data;
  cairo_save(cr);
  cairo_scale(cr, ui->scale, ui->scale);
  const double w = width / ui->scale;
  const double h = height / ui->scale;
  fill_rect(cr, k_background, 0, 0, w, h);
  const double tools =
    hr_widgets_layout(&ui->widgets, cr, 8.0, 6.0, w - 16.0, k_font);
  const double status = 2.0 * k_font;
  const double top    = 6.0 + tools + 4.0;
  const double slice  = hr_ui_slice_width(ui, w);
  const HrRect area   = { 0.0, top, w - slice, fmax(h - status - top, 1.0) };
  const HrRect bar    = { 0.0, h - status, w, status };
  ui->n_panes         = 0;
  if (ui->view.have_config) {
    draw_pictures(ui, cr, &area);
    const HrRect panel = { w - slice, top, slice - 12.0, area.height };
    hr_ui_draw_slice(ui, cr, &panel);
  } else {
    HrLayout layout;
    memset(&layout, 0, sizeof layout);
    layout.area      = area;
    layout.font_size = 1.2 * k_font;
    hr_render_message(cr, &layout, "Waiting for the plugin's picture...");
  }
  hr_ui_draw_box(ui, cr);
  hr_ui_draw_cursor(ui, cr);
  hr_widgets_draw(&ui->widgets, cr, k_font);
  hr_ui_draw_status(ui, cr, &bar, k_font);
  cairo_restore(cr);
  ++ui->frames;
}

void
hr_ui_draw_free(HrUI* ui)
{
  for (int c = 0; c < HR_N_CHANNELS; ++c) {
    hr_live_image_free(&ui->live[c]);
  }
  hr_live_image_free(&ui->live_index);
  hr_slice_free(&ui->slice);
  if (ui->composed) {
    cairo_surface_destroy(ui->composed);
    ui->composed = NULL;
  }
}
