/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Keyboard and mouse: the tool bar's share of the events, then keys
   (freeze, captures, compare, colours, zoom, pan) and the mouse on the
   pictures (wheel zoom around the cursor, drag or Shift+wheel to pan,
   right click to unzoom). */

#include "ui_app.h"

#include <X11/keysym.h>

#include <math.h>

/* Wheel steps of a zoom: each multiplies the rows shown by this. */
static const double k_zoom_step = 1.25;

/* The pane under (x, y) device pixels, NULL if none. */
static const HrPane*
pane_at(const HrUI* ui, double x, double y)
{
  for (int i = 0; i < ui->n_panes; ++i) {
    const HrPane* p = &ui->panes[i];
    const double  u = x / ui->scale;
    const double  v = y / ui->scale;
    if (u >= p->plot.x && u < p->plot.x + p->plot.width && v >= p->plot.y &&
        v < p->plot.y + p->plot.height) {
      return p;
    }
  }
  return NULL;
}

/* Frequency under (x, y) in a pane, NaN if none. */
static double
hz_at(const HrUI* ui, double x, double y)
{
  const HrPane* p = pane_at(ui, x, y);
  if (!p) {
    return NAN;
  }
  HrReadout    r;
  const double px = (x / ui->scale - p->plot.x) * p->width / p->plot.width;
  const double py = (y / ui->scale - p->plot.y) * p->height / p->plot.height;
  int          ok = -1;
  if (p->kind == HR_PANE_CAPTURE) {
    ok = hr_capture_readout(
      ui->captures[p->capture], &ui->view, p->width, p->height, px, py, &r);
  } else {
    ok =
      hr_view_readout(&ui->view, p->channel, p->width, p->height, px, py, &r);
  }
  return ok == 0 ? r.hz : NAN;
}

static void
zoom(HrUI* ui, double factor, double x, double y)
{
  double hz = hz_at(ui, x, y);
  if (isnan(hz) && ui->view.have_config) {
    hz = sqrt(ui->view.config.fmin * ui->view.config.fmax);
  }
  hr_view_zoom(&ui->view, factor, hz);
  hr_ui_colors_changed(ui);
}

static void
pan(HrUI* ui, double fraction)
{
  if (!ui->view.frozen) {
    hr_ui_set_frozen(ui, 1);
  }
  hr_view_pan(&ui->view, (int64_t)llround(fraction * ui->view.visible));
  ui->dirty = 1;
}

static void
on_key(HrUI* ui, const HrEvent* e)
{
  const int fine = (e->mods & HR_MOD_SHIFT) != 0;
  switch (e->keysym) {
    case XK_space:
    case XK_f:
      hr_ui_set_frozen(ui, !ui->view.frozen);
      break;
    case XK_Escape: /* clears a measuring box first, then unfreezes */
      if (!hr_ui_box_clear(ui)) {
        hr_ui_set_frozen(ui, 0);
      }
      break;
    case XK_a:
    case XK_b:
      hr_ui_capture(ui, e->keysym == XK_a ? HR_CAPTURE_A : HR_CAPTURE_B);
      break;
    case XK_c:
      hr_ui_nudge(ui, HR_W_COMPARE, 1, 0);
      break;
    case XK_m:
      hr_ui_nudge(ui, HR_W_MAP, 1, 0);
      break;
    case XK_h:
      hr_ui_set_count_mode(ui, !ui->count_mode);
      break;
    case XK_x:
    case XK_Delete:
      hr_ui_clear_captures(ui);
      break;
    case XK_p:
      hr_ui_save_png(ui);
      break;
    case XK_o:
      hr_ui_open_export(ui);
      break;
    case XK_r:
      hr_slice_reset_hold(&ui->slice);
      ui->dirty = 1;
      break;
    case XK_plus:
    case XK_equal:
    case XK_KP_Add:
    case XK_minus:
    case XK_KP_Subtract: {
      const int in = e->keysym != XK_minus && e->keysym != XK_KP_Subtract;
      zoom(ui, in ? 1.5 : 1.0 / 1.5, ui->mouse_x, ui->mouse_y);
      break;
    }
    case XK_0:
    case XK_Home:
      hr_view_zoom_reset(&ui->view);
      hr_ui_colors_changed(ui);
      break;
    case XK_Up:
    case XK_Down:
      hr_ui_nudge(ui, HR_W_FLOOR, e->keysym == XK_Up ? 1 : -1, fine);
      break;
    case XK_Page_Up:
    case XK_Page_Down:
      hr_ui_nudge(ui, HR_W_RANGE, e->keysym == XK_Page_Up ? 1 : -1, fine);
      break;
    case XK_Left:
    case XK_Right:
      pan(ui, (e->keysym == XK_Left ? -1 : 1) * (fine ? 0.02 : 0.1));
      break;
    default:
      break;
  }
}

static void
on_press(HrUI* ui, const HrEvent* e)
{
  const double u  = e->x / ui->scale;
  const double v  = e->y / ui->scale;
  const int    id = hr_widgets_press(&ui->widgets, u, v, e->button, e->time);
  if (id >= 0) {
    hr_ui_widget_changed(ui, id);
    return;
  }
  if (hr_widgets_at(&ui->widgets, u, v) >= 0 || !pane_at(ui, e->x, e->y)) {
    return;
  }
  if (e->button == 1 && (e->mods & HR_MOD_CTRL) &&
      hr_ui_box_press(ui, pane_at(ui, e->x, e->y), e->x, e->y)) {
    return; /* Ctrl + drag: measure */
  }
  if (e->button == 1) {
    ui->pan_drag = 1;
    ui->pan_x    = e->x;
  } else if (e->button == 3) {
    hr_view_zoom_reset(&ui->view);
    hr_ui_colors_changed(ui);
  }
}

static void
on_motion(HrUI* ui, const HrEvent* e)
{
  const int fine = (e->mods & HR_MOD_SHIFT) != 0;
  ui->mouse_x    = e->x;
  ui->mouse_y    = e->y;
  ui->dirty      = 1;
  const int id =
    hr_widgets_motion(&ui->widgets, e->x / ui->scale, e->y / ui->scale, fine);
  if (id >= 0) {
    hr_ui_widget_changed(ui, id);
  }
  hr_ui_box_motion(ui, e->x, e->y);
  const HrPane* p = pane_at(ui, e->x, e->y);
  if (ui->pan_drag && p && p->kind == HR_PANE_LIVE && p->width > 0) {
    const double moved = (ui->pan_x - e->x) / (p->plot.width * ui->scale);
    if (fabs(moved * ui->view.visible) >= 1.0) {
      pan(ui, moved);
      ui->pan_x = e->x;
    }
  }
}

void
hr_ui_on_event(void* data, const HrEvent* e)
{
  HrUI* ui = (HrUI*)data;
  switch (e->type) {
    case HR_EVENT_PRESS:
      on_press(ui, e);
      break;
    case HR_EVENT_RELEASE:
      hr_widgets_release(&ui->widgets);
      hr_ui_box_release(ui);
      ui->pan_drag = 0;
      break;
    case HR_EVENT_MOTION:
      on_motion(ui, e);
      break;
    case HR_EVENT_SCROLL: {
      const int id = hr_widgets_scroll(&ui->widgets,
                                       e->x / ui->scale,
                                       e->y / ui->scale,
                                       e->dy,
                                       (e->mods & HR_MOD_SHIFT) != 0);
      if (id >= 0) {
        hr_ui_widget_changed(ui, id);
      } else if (pane_at(ui, e->x, e->y) &&
                 (e->dx != 0.0 || (e->mods & HR_MOD_SHIFT))) {
        pan(ui, -0.05 * (e->dx != 0.0 ? -e->dx : e->dy));
      } else if (pane_at(ui, e->x, e->y)) {
        zoom(ui, pow(k_zoom_step, e->dy), e->x, e->y);
      }
      break;
    }
    case HR_EVENT_KEY:
      on_key(ui, e);
      break;
    case HR_EVENT_LEAVE:
      ui->mouse_x       = -1.0;
      ui->widgets.hover = -1;
      ui->dirty         = 1;
      break;
    case HR_EVENT_RESIZE:
      ui->dirty = 1;
      break;
    case HR_EVENT_CLOSE:
      ui->closed = 1;
      break;
  }
}
