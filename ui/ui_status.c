/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The cursor cross and the status bar: what lies under the cursor (time,
   Hz, note and cents, dB; A and B when comparing), notes, warnings (no
   picture, lost columns, bad messages), freeze, load and latency. */

#include "ui_app.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const HrRgb k_bar    = { 0.095, 0.100, 0.120 };
static const HrRgb k_edge   = { 0.20, 0.21, 0.25 };
static const HrRgb k_text   = { 0.90, 0.91, 0.93 };
static const HrRgb k_dim    = { 0.60, 0.63, 0.70 };
static const HrRgb k_warn   = { 1.00, 0.62, 0.25 };
static const HrRgb k_frozen = { 0.40, 0.65, 1.00 };

/* Seconds a warning of lost columns stays after the last loss. */
static const double k_drop_warning_s = 5.0;

/* Seconds without a Config before the UI says so. */
static const double k_no_config_s = 2.0;

static void
set_color(cairo_t* cr, HrRgb c)
{
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* The pane under the mouse and the mouse's pixel in its plot. */
static const HrPane*
mouse_pane(const HrUI* ui, double* px, double* py)
{
  for (int i = 0; ui->mouse_x >= 0.0 && i < ui->n_panes; ++i) {
    const HrPane* p = &ui->panes[i];
    const double  u = ui->mouse_x / ui->scale - p->plot.x;
    const double  v = ui->mouse_y / ui->scale - p->plot.y;
    if (u >= 0.0 && u < p->plot.width && v >= 0.0 && v < p->plot.height) {
      *px = u * p->width / p->plot.width;
      *py = v * p->height / p->plot.height;
      return p;
    }
  }
  return NULL;
}

void
hr_ui_draw_cursor(HrUI* ui, cairo_t* cr)
{
  double        px = 0.0;
  double        py = 0.0;
  const HrPane* p  = mouse_pane(ui, &px, &py);
  if (!p) {
    return;
  }
  const double x = ui->mouse_x / ui->scale;
  const double y = ui->mouse_y / ui->scale;
  cairo_save(cr);
  cairo_rectangle(cr, p->plot.x, p->plot.y, p->plot.width, p->plot.height);
  cairo_clip(cr);
  cairo_set_source_rgba(cr, 1.0, 1.0, 1.0, 0.55);
  cairo_set_line_width(cr, 1.0 / ui->scale);
  cairo_move_to(cr, p->plot.x, y);
  cairo_line_to(cr, p->plot.x + p->plot.width, y);
  cairo_move_to(cr, x, p->plot.y);
  cairo_line_to(cr, x, p->plot.y + p->plot.height);
  cairo_stroke(cr);
  cairo_restore(cr);
}

/* The level of `r` after `name`: dB, or points if `counts`. */
static void
format_level(char*            text,
             size_t           size,
             const char*      name,
             const HrReadout* r,
             int              counts)
{
  if (counts && r->hits > 0.0) {
    snprintf(text, size, "%s%g points", name, r->hits);
  } else if ((r->flags & HR_SLOT_GAP) && !(r->flags & HR_SLOT_DATA)) {
    snprintf(text, size, "%slost", name);
  } else if (counts) {
    snprintf(text, size, "%s0 points", name);
  } else if (r->db > -INFINITY) {
    snprintf(text, size, "%s%.1f dB", name, r->db);
  } else {
    snprintf(text, size, "%s-inf dB", name);
  }
}

/* Read-out of the pixel (px, py) of pane `p` from capture or live B. */
static int
read_pane(const HrUI*   ui,
          const HrPane* p,
          int           capture,
          double        px,
          double        py,
          HrReadout*    r)
{
  if (capture == HR_CAPTURE_B && p->kind == HR_PANE_COMPARE && ui->song_b) {
    return hr_capture_readout(
      ui->song_b, &ui->view, p->width, p->height, px, py, r);
  }
  if (capture >= 0 && ui->captures[capture]) {
    return hr_capture_readout(
      ui->captures[capture], &ui->view, p->width, p->height, px, py, r);
  }
  return hr_view_readout(&ui->view, p->channel, p->width, p->height, px, py, r);
}

/* What is under the cursor, "" if nothing. */
static void
readout_text(const HrUI* ui, char* text, size_t size)
{
  double        px = 0.0;
  double        py = 0.0;
  const HrPane* p  = mouse_pane(ui, &px, &py);
  HrReadout     r;
  text[0] = '\0';
  if (!p) {
    return;
  }
  const int capture = p->kind == HR_PANE_CAPTURE   ? p->capture
                      : p->kind == HR_PANE_COMPARE ? HR_CAPTURE_B
                                                   : -1;
  if (read_pane(ui, p, capture, px, py, &r) != 0) {
    return;
  }
  char level[64];
  char other[64] = "";
  format_level(
    level, sizeof level, p->kind == HR_PANE_COMPARE ? "B " : "", &r, p->counts);
  if (p->kind == HR_PANE_COMPARE) {
    HrReadout a;
    if (read_pane(ui, p, HR_CAPTURE_A, px, py, &a) == 0) {
      format_level(other, sizeof other, "A ", &a, p->counts);
    }
  }
  char song[48] = "";
  if (r.song[0]) {
    snprintf(song, sizeof song, " (%s)", r.song);
  }
  snprintf(text,
           size,
           "%.3f s%s    %.*f Hz    %s %+.0f ct    %s%s%s",
           r.time_s,
           song,
           r.hz < 1000.0 ? 1 : 0,
           r.hz,
           r.note[0] ? r.note : "-",
           r.cents,
           other,
           other[0] ? "    " : "",
           level);
}

/* A warning for the status bar, NULL if all is well. */
static const char*
warning(HrUI* ui, char* text, size_t size)
{
  const double   now  = hr_ui_now();
  const uint64_t port = (uint64_t)fmax(ui->ports[HR_PORT_DROPS], 0.0f);
  const uint64_t drops =
    port > ui->view.stats.drops ? port : ui->view.stats.drops;
  if (drops > ui->last_drops) {
    ui->last_drops     = drops;
    ui->last_drop_time = now;
  }
  if (!ui->view.have_config && now - ui->opened_at > k_no_config_s) {
    snprintf(text,
             size,
             "No picture from the plugin: is it running, and is "
             "its notify port connected?");
    return text;
  }
  if (ui->last_drops && now - ui->last_drop_time < k_drop_warning_s) {
    snprintf(text,
             size,
             "%llu columns lost: the host's notify buffer is too "
             "small for the picture (or the UI too slow)",
             (unsigned long long)ui->last_drops);
    return text;
  }
  return NULL;
}

static double
show(cairo_t*    cr,
     HrRgb       color,
     const char* text,
     double      x,
     double      y,
     double      align)
{
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text, &extents);
  set_color(cr, color);
  cairo_move_to(cr, x - align * extents.x_advance, y);
  cairo_show_text(cr, text);
  return extents.x_advance;
}

/* Freeze, load, latency, losses, bad messages; returns its width. */
static double
show_state(HrUI* ui, cairo_t* cr, double right, double y)
{
  char text[160];
  int  n = snprintf(text,
                   sizeof text,
                   "load %.0f%%   latency %.0f ms",
                   ui->ports[HR_PORT_LOAD],
                   ui->ports[HR_PORT_LATENCY]);
  if (ui->last_drops && n > 0 && (size_t)n < sizeof text) {
    n += snprintf(text + n,
                  sizeof text - (size_t)n,
                  "   lost %llu",
                  (unsigned long long)ui->last_drops);
  }
  const HrViewStats* st  = &ui->view.stats;
  const uint64_t     bad = ui->bad_messages + st->old + st->restarts;
  if (bad && n > 0 && (size_t)n < sizeof text) {
    snprintf(text + n,
             sizeof text - (size_t)n,
             "   bad %llu",
             (unsigned long long)bad);
  }
  double width = show(cr, k_dim, text, right, y, 1.0);
  if (ui->view.frozen) {
    width += show(cr, k_frozen, "FROZEN   ", right - width, y, 1.0);
  }
  return width;
}

void
hr_ui_draw_status(HrUI* ui, cairo_t* cr, const HrRect* bar, double font)
{
  char         text[512];
  char         warn[256];
  const double y = bar->y + 0.5 * bar->height + 0.36 * font;
  cairo_save(cr);
  set_color(cr, k_bar);
  cairo_rectangle(cr, bar->x, bar->y, bar->width, bar->height);
  cairo_fill(cr);
  set_color(cr, k_edge);
  cairo_rectangle(cr, bar->x, bar->y, bar->width, 1.0 / ui->scale);
  cairo_fill(cr);
  cairo_select_font_face(
    cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, font);
  const double right = bar->x + bar->width - 0.8 * font;
  const double state = show_state(ui, cr, right, y);
  double       x     = bar->x + 0.8 * font;
  readout_text(ui, text, sizeof text);
  x += show(cr, k_text, text, x, y, 0.0) + (text[0] ? 2.0 * font : 0.0);
  const char* w = warning(ui, warn, sizeof warn);
  cairo_rectangle(
    cr, x, bar->y, fmax(right - state - font - x, 0.0), bar->height);
  cairo_clip(cr);
  if (w) {
    show(cr, k_warn, w, x, y, 0.0);
  } else if (ui->message[0] && hr_ui_now() < ui->message_until) {
    show(cr, k_text, ui->message, x, y, 0.0);
  } else if (ui->widgets.hover >= 0 && !text[0] &&
             ui->widgets.items[ui->widgets.hover].help) {
    show(cr, k_dim, ui->widgets.items[ui->widgets.hover].help, x, y, 0.0);
  }
  cairo_restore(cr);
}
