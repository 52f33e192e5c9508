/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Measuring a sound in the window (measure.h): Ctrl + drag on a live
   picture draws a box, kept in slots and rows so that it moves with the
   picture; its read-out is drawn beside it; Esc clears it. */

#include "ui_app.h"

#include <math.h>
#include <stdio.h>

/* Slot and row under (x, y) device pixels of live pane `p`. */
static void
cell_at(const HrUI*   ui,
        const HrPane* p,
        double        x,
        double        y,
        int64_t*      slot,
        int*          row)
{
  int begin = 0;
  int end   = ui->view.config.rows;
  hr_view_zoom_rows(&ui->view, &ui->view.axis, end, &begin, &end);
  const double u  = (x / ui->scale - p->plot.x) / p->plot.width;
  const double v  = (y / ui->scale - p->plot.y) / p->plot.height;
  const double uc = u < 0.0 ? 0.0 : u > 0.999999 ? 0.999999 : u;
  const double vc = v < 0.0 ? 0.0 : v > 0.999999 ? 0.999999 : v;
  *slot           = hr_view_slot_at(&ui->view, p->width, uc * p->width);
  *row            = begin + (int)floor(vc * (end - begin));
}

/* The live pane showing the box's channel, NULL if none. */
static const HrPane*
box_pane(const HrUI* ui)
{
  for (int i = 0; i < ui->n_panes; ++i) {
    if (ui->panes[i].kind == HR_PANE_LIVE &&
        ui->panes[i].channel == ui->box_channel) {
      return &ui->panes[i];
    }
  }
  return NULL;
}

int
hr_ui_box_press(HrUI* ui, const HrPane* p, double x, double y)
{
  if (!p || p->kind != HR_PANE_LIVE || p->width < 1) {
    return 0;
  }
  ui->box_state   = 1;
  ui->box_channel = p->channel;
  cell_at(ui, p, x, y, &ui->box_slot[0], &ui->box_row[0]);
  ui->box_slot[1] = ui->box_slot[0];
  ui->box_row[1]  = ui->box_row[0];
  ui->dirty       = 1;
  return 1;
}

void
hr_ui_box_motion(HrUI* ui, double x, double y)
{
  const HrPane* p = box_pane(ui);
  if (ui->box_state == 1 && p) {
    cell_at(ui, p, x, y, &ui->box_slot[1], &ui->box_row[1]);
    ui->dirty = 1;
  }
}

void
hr_ui_box_release(HrUI* ui)
{
  if (ui->box_state == 1) {
    ui->box_state = 2;
  }
}

int
hr_ui_box_clear(HrUI* ui)
{
  const int had = ui->box_state != 0;
  ui->box_state = 0;
  ui->dirty     = 1;
  return had;
}

void
hr_ui_draw_box(HrUI* ui, cairo_t* cr)
{
  const HrPane* p = box_pane(ui);
  if (!ui->box_state || !p) {
    return;
  }
  const HrView* view = &ui->view;
  const HrBox   box  = hr_box_make(
    ui->box_slot[0], ui->box_slot[1], ui->box_row[0], ui->box_row[1]);
  int begin = 0;
  int end   = view->config.rows;
  hr_view_zoom_rows(view, &view->axis, end, &begin, &end);
  const double left_px = (double)(hr_view_pixel_end(view, p->width) - p->width);
  const double per_slot = (double)p->width / view->visible;
  const double sx       = p->plot.width / p->width;
  const double x0 = p->plot.x + (box.slot_begin * per_slot - left_px) * sx;
  const double x1 = p->plot.x + (box.slot_end * per_slot - left_px) * sx;
  const double y0 = p->plot.y + (double)(box.row_begin - begin) /
                                  (end - begin) * p->plot.height;
  const double y1 =
    p->plot.y + (double)(box.row_end - begin) / (end - begin) * p->plot.height;
  HrMeasure m;
  char      text[256];
  hr_measure(hr_view_ring(view, ui->box_channel),
             &view->axis,
             hr_view_slot_seconds(view),
             hr_view_time_origin(view),
             &box,
             &m);
  hr_measure_text(&m, text, sizeof text);
  cairo_save(cr);
  cairo_rectangle(cr, p->plot.x, p->plot.y, p->plot.width, p->plot.height);
  cairo_clip(cr);
  cairo_set_line_width(cr, 1.5);
  cairo_set_source_rgb(cr, 0.3, 1.0, 0.5);
  cairo_rectangle(cr, x0, y0, x1 - x0, y1 - y0);
  cairo_stroke(cr);
  cairo_set_font_size(cr, 11.0);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, text, &ext);
  double tx = fmin(x0, p->plot.x + p->plot.width - ext.x_advance - 6.0);
  tx        = fmax(tx, p->plot.x + 2.0);
  double ty = y0 > p->plot.y + 18.0 ? y0 - 5.0 : y1 + 15.0;
  cairo_set_source_rgba(cr, 0.0, 0.0, 0.0, 0.75);
  cairo_rectangle(cr, tx - 3.0, ty - 12.0, ext.x_advance + 6.0, 16.0);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.3, 1.0, 0.5);
  cairo_move_to(cr, tx, ty);
  cairo_show_text(cr, text);
  cairo_restore(cr);
}
