/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "widgets.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Milliseconds between the presses of a double click. */
#define HR_DOUBLE_CLICK_MS 400u

/* Pointer travel (user units) across a value's whole range. */
static const double k_drag_span = 200.0;

/* A quarter turn, in radians. */
static const double k_quarter = 1.57079632679489661923;

/* Colours. */
static const HrRgb k_face       = { 0.135, 0.145, 0.175 };
static const HrRgb k_face_hover = { 0.185, 0.195, 0.235 };
static const HrRgb k_face_on    = { 0.20, 0.42, 0.78 };
static const HrRgb k_edge       = { 0.26, 0.28, 0.33 };
static const HrRgb k_label      = { 0.60, 0.63, 0.70 };
static const HrRgb k_value      = { 0.92, 0.93, 0.95 };

void
hr_widgets_init(HrWidgets* widgets)
{
  memset(widgets, 0, sizeof *widgets);
  widgets->hover      = -1;
  widgets->drag       = -1;
  widgets->last_press = -1;
}

int
hr_widgets_add(HrWidgets* widgets, const HrWidget* widget)
{
  if (widgets->count >= HR_WIDGETS_MAX) {
    return -1;
  }
  widgets->items[widgets->count] = *widget;
  return widgets->count++;
}

void
hr_widget_value_text(const HrWidget* w, char* text, size_t text_size)
{
  text[0] = '\0';
  if (w->kind == HR_WIDGET_CHOICE) {
    const int i = (int)w->value;
    snprintf(
      text, text_size, "%s", i >= 0 && i < w->n_choices ? w->choices[i] : "?");
  } else if (w->kind == HR_WIDGET_VALUE) {
    double value = w->value;
    if (w->unit && !strcmp(w->unit, "Hz") && value >= 1000.0) {
      snprintf(
        text, text_size, "%.*f kHz", value >= 10000.0 ? 1 : 2, value / 1000.0);
      return;
    }
    value = fabs(value) < 0.5 * pow(10.0, -w->decimals) ? 0.0 : value;
    snprintf(text,
             text_size,
             "%.*f%s%s",
             w->decimals,
             value,
             w->unit ? " " : "",
             w->unit ? w->unit : "");
  }
}

static void
set_color(cairo_t* cr, HrRgb c)
{
  cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void
set_font(cairo_t* cr, double font)
{
  cairo_select_font_face(
    cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, font);
}

static double
text_width(cairo_t* cr, const char* text)
{
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text, &extents);
  return extents.x_advance;
}

/* Widest value text a control can show. */
static double
widest_value(cairo_t* cr, HrWidget* w)
{
  char   text[64];
  double widest = 0.0;
  if (w->kind == HR_WIDGET_CHOICE) {
    for (int i = 0; i < w->n_choices; ++i) {
      widest = fmax(widest, text_width(cr, w->choices[i]));
    }
    return widest;
  }
  if (w->kind != HR_WIDGET_VALUE) {
    return 0.0;
  }
  const double saved   = w->value;
  const double tries[] = { w->min, w->max, w->def, -fabs(w->max) };
  for (size_t i = 0; i < sizeof tries / sizeof tries[0]; ++i) {
    w->value = tries[i];
    hr_widget_value_text(w, text, sizeof text);
    widest = fmax(widest, text_width(cr, text));
  }
  w->value = saved;
  return widest;
}

static double
widget_width(cairo_t* cr, HrWidget* w, double pad)
{
  const double label = text_width(cr, w->label);
  const double value = widest_value(cr, w);
  return 2.0 * pad + label + (value > 0.0 ? pad + value : 0.0);
}

/* Width of the group that starts at control `first`. */
static double
group_width(const HrWidgets* widgets, int first, double gap)
{
  double width = 0.0;
  for (int i = first; i < widgets->count &&
                      widgets->items[i].group == widgets->items[first].group;
       ++i) {
    width += widgets->items[i].rect.width + (i > first ? gap : 0.0);
  }
  return width;
}

double
hr_widgets_layout(HrWidgets* widgets,
                  cairo_t*   cr,
                  double     x,
                  double     y,
                  double     width,
                  double     font)
{
  const double pad    = 0.7 * font;
  const double height = 2.0 * font;
  const double gap    = 0.4 * font;
  double       cx     = x;
  double       cy     = y;
  cairo_save(cr);
  set_font(cr, font);
  for (int i = 0; i < widgets->count; ++i) {
    HrWidget* w = &widgets->items[i];
    w->rect     = (HrRect){ 0.0, 0.0, widget_width(cr, w, pad), height };
  }
  for (int i = 0; i < widgets->count; ++i) {
    HrWidget*    w    = &widgets->items[i];
    const double wide = w->rect.width;
    if (i > 0 && w->group != widgets->items[i - 1].group) {
      cx += 3.0 * gap; /* a new group: on a new row unless it all fits */
      if (cx > x && cx + group_width(widgets, i, gap) > x + width) {
        cx = x;
        cy += height + gap;
      }
    }
    if (cx > x && cx + wide > x + width) {
      cx = x;
      cy += height + gap;
    }
    w->rect = (HrRect){ cx, cy, wide, height };
    cx += wide + gap;
  }
  cairo_restore(cr);
  return widgets->count ? cy + height - y : 0.0;
}

static void
rounded(cairo_t* cr, const HrRect* r, double radius)
{
  const double x = r->x + 0.5;
  const double y = r->y + 0.5;
  const double w = r->width - 1.0;
  const double h = r->height - 1.0;
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - radius, y + radius, radius, -k_quarter, 0);
  cairo_arc(cr, x + w - radius, y + h - radius, radius, 0, k_quarter);
  cairo_arc(cr, x + radius, y + h - radius, radius, k_quarter, 2 * k_quarter);
  cairo_arc(cr, x + radius, y + radius, radius, 2 * k_quarter, 3 * k_quarter);
  cairo_close_path(cr);
}

static void
draw_one(const HrWidgets* widgets, int i, cairo_t* cr, double font)
{
  const HrWidget* w   = &widgets->items[i];
  const int       on  = w->kind == HR_WIDGET_TOGGLE && w->value != 0.0;
  const double    pad = 0.7 * font;
  char            text[64];
  rounded(cr, &w->rect, 0.3 * font);
  set_color(cr, on ? k_face_on : widgets->hover == i ? k_face_hover : k_face);
  cairo_fill_preserve(cr);
  set_color(cr, k_edge);
  cairo_set_line_width(cr, 1.0);
  cairo_stroke(cr);
  const double base = w->rect.y + 0.5 * w->rect.height + 0.36 * font;
  const int    has_value =
    w->kind == HR_WIDGET_VALUE || w->kind == HR_WIDGET_CHOICE;
  set_color(cr, has_value ? k_label : k_value);
  cairo_move_to(cr, w->rect.x + pad, base);
  cairo_show_text(cr, w->label);
  if (has_value) {
    hr_widget_value_text(w, text, sizeof text);
    set_color(cr, k_value);
    cairo_move_to(
      cr, w->rect.x + w->rect.width - pad - text_width(cr, text), base);
    cairo_show_text(cr, text);
  }
}

void
hr_widgets_draw(const HrWidgets* widgets, cairo_t* cr, double font)
{
  cairo_save(cr);
  set_font(cr, font);
  for (int i = 0; i < widgets->count; ++i) {
    draw_one(widgets, i, cr, font);
  }
  cairo_restore(cr);
}

int
hr_widgets_at(const HrWidgets* widgets, double x, double y)
{
  for (int i = 0; i < widgets->count; ++i) {
    const HrRect* r = &widgets->items[i].rect;
    if (x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height) {
      return i;
    }
  }
  return -1;
}

int
hr_widgets_set(HrWidgets* widgets, int id, double value)
{
  if (id < 0 || id >= widgets->count || !isfinite(value)) {
    return 0;
  }
  HrWidget* w = &widgets->items[id];
  if (w->kind == HR_WIDGET_CHOICE) {
    const int n = w->n_choices > 0 ? w->n_choices : 1;
    value       = (double)(((long)floor(value) % n + n) % n);
  } else if (w->kind == HR_WIDGET_VALUE) {
    value = fmin(fmax(value, w->min), w->max);
    value = w->integer ? round(value) : value;
  } else {
    value = value != 0.0;
  }
  if (value == w->value) {
    return 0;
  }
  w->value = value;
  return 1;
}

/* `w`'s value moved by one wheel step up (steps > 0) or down; fine: a
   tenth of a step. */
static double
stepped(const HrWidget* w, double steps, int fine)
{
  const double dir = steps > 0.0 ? 1.0 : -1.0;
  if (w->kind == HR_WIDGET_CHOICE) {
    return w->value + dir;
  }
  if (w->log) {
    return w->value * pow(w->step, fine ? 0.1 * dir : dir);
  }
  if (w->integer) {
    return w->value + dir * (fine ? 1.0 : w->step);
  }
  return w->value + dir * (fine ? 0.1 : 1.0) * w->step;
}

int
hr_widgets_press(HrWidgets* widgets,
                 double     x,
                 double     y,
                 int        button,
                 uint32_t   time)
{
  const int id = hr_widgets_at(widgets, x, y);
  if (id < 0) {
    return -1;
  }
  HrWidget* w = &widgets->items[id];
  const int twice =
    id == widgets->last_press && time - widgets->last_time < HR_DOUBLE_CLICK_MS;
  widgets->last_press = id;
  widgets->last_time  = time;
  switch (w->kind) {
    case HR_WIDGET_BUTTON:
      return button == 1 ? id : -1;
    case HR_WIDGET_TOGGLE:
      return button == 1 && hr_widgets_set(widgets, id, !w->value) ? id : -1;
    case HR_WIDGET_CHOICE:
      return hr_widgets_set(widgets, id, w->value + (button == 3 ? -1 : 1))
               ? id
               : -1;
    case HR_WIDGET_VALUE:
      if (twice) {
        widgets->drag = -1;
        return hr_widgets_set(widgets, id, w->def) ? id : -1;
      }
      widgets->drag       = id;
      widgets->drag_y     = y;
      widgets->drag_value = w->value;
      return -1;
  }
  return -1;
}

int
hr_widgets_motion(HrWidgets* widgets, double x, double y, int fine)
{
  widgets->hover = hr_widgets_at(widgets, x, y);
  if (widgets->drag < 0) {
    return -1;
  }
  const int       id = widgets->drag;
  const HrWidget* w  = &widgets->items[id];
  const double moved = (widgets->drag_y - y) / k_drag_span * (fine ? 0.1 : 1);
  double       value = 0.0;
  if (w->log) {
    value = widgets->drag_value * pow(w->max / w->min, moved);
  } else {
    value = widgets->drag_value + moved * (w->max - w->min);
  }
  return hr_widgets_set(widgets, id, value) ? id : -1;
}

void
hr_widgets_release(HrWidgets* widgets)
{
  widgets->drag = -1;
}

int
hr_widgets_scroll(HrWidgets* widgets, double x, double y, double dy, int fine)
{
  const int id = hr_widgets_at(widgets, x, y);
  if (id < 0 || dy == 0.0) {
    return -1;
  }
  const HrWidget* w = &widgets->items[id];
  if (w->kind != HR_WIDGET_VALUE && w->kind != HR_WIDGET_CHOICE) {
    return -1;
  }
  return hr_widgets_set(widgets, id, stepped(w, dy, fine)) ? id : -1;
}
