/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The spectrum slice panel (slice.h) in the window: which column it
   shows (the one under the cursor on a live picture, else the newest of
   the first channel), its hold's clock, and where it goes. */

#include "ui_app.h"

#include <math.h>

/* Narrowest pictures that get a slice beside them, logical pixels. */
static const double k_min_width = 640.0;
static const double k_width     = 150.0;

double
hr_ui_slice_width(const HrUI* ui, double width)
{
  return ui->view.have_config && width >= k_min_width ? k_width : 0.0;
}

/* The live pane under the cursor, or NULL. */
static const HrPane*
live_pane_at_cursor(const HrUI* ui)
{
  const double x = ui->mouse_x / ui->scale;
  const double y = ui->mouse_y / ui->scale;
  for (int i = 0; ui->mouse_x >= 0.0 && i < ui->n_panes; ++i) {
    const HrPane* p = &ui->panes[i];
    if (p->kind == HR_PANE_LIVE && x >= p->plot.x &&
        x < p->plot.x + p->plot.width && y >= p->plot.y &&
        y < p->plot.y + p->plot.height) {
      return p;
    }
  }
  return NULL;
}

/* The column to show: under the cursor, else the newest. */
static const float*
shown_column(const HrUI* ui)
{
  int           channels[HR_N_CHANNELS];
  const HrPane* pane = live_pane_at_cursor(ui);
  const HrView* view = &ui->view;
  if (pane) {
    const double u =
      (ui->mouse_x / ui->scale - pane->plot.x) / pane->plot.width * pane->width;
    const int64_t slot = hr_view_slot_at(view, pane->width, u);
    return hr_ring_column(hr_view_ring(view, pane->channel), slot);
  }
  if (hr_view_channels(view, channels) == 0) {
    return NULL;
  }
  const HrRing* ring = hr_view_ring(view, channels[0]);
  const int64_t end =
    view->frozen ? hr_view_right(view) : hr_view_live_end(view);
  return hr_ring_column(ring, end - 1);
}

void
hr_ui_draw_slice(HrUI* ui, cairo_t* cr, const HrRect* panel)
{
  if (ui->n_panes == 0 || panel->width < 20.0 ||
      hr_slice_resize(&ui->slice, ui->view.config.rows) != 0) {
    return;
  }
  const double now = hr_ui_now();
  hr_slice_set(&ui->slice, shown_column(ui), now - ui->slice_time);
  ui->slice_time = now;
  int begin      = 0;
  int end        = ui->view.config.rows;
  hr_view_zoom_rows(&ui->view, &ui->view.axis, end, &begin, &end);
  const double  floor_db = ui->colors.top_db - ui->colors.range_db;
  HrSlicePeak   peaks[HR_SLICE_MAX_PEAKS];
  const int     n    = hr_slice_peaks(&ui->slice,
                               &ui->view.axis,
                               begin,
                               end,
                               ui->colors.top_db - 40.0,
                               peaks,
                               HR_SLICE_MAX_PEAKS);
  const HrRect* plot = &ui->panes[0].plot;
  hr_slice_draw(cr,
                &ui->slice,
                &ui->view.axis,
                begin,
                end,
                floor_db,
                ui->colors.range_db,
                peaks,
                n,
                panel->x,
                plot->y,
                panel->width,
                plot->height);
}
