/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The UI's tool bar: UI settings (kept in the plugin's state through
   UIState) and the plugin's parameters mirrored from its control ports.
   Values from the host are shown but never written back: no echo loops. */

#include "ui_app.h"

#include "protocol/controls.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char* const k_maps[]    = { "inferno",
                                         "magma",
                                         "viridis",
                                         "grayscale" };
static const char* const k_compare[] = { "off", "side", "overlay", "diff" };
/* By HrChannelMode value (Side came last: values are stored). */
static const char* const k_channels[] = { "left",
                                          "right",
                                          "mid",
                                          "both",
                                          "side" };
static const char* const k_bands[]    = { "q", "q,2q", "q..4q", "q..8q" };
static const char* const k_pictures[] = { "energy", "count" };

static void
add(HrUI* ui, HrWidgetId id, const HrWidget* widget)
{
  ui->widget_ids[id] = hr_widgets_add(&ui->widgets, widget);
}

static void
add_button(HrUI*        ui,
           HrWidgetId   id,
           HrWidgetKind kind,
           const char*  label,
           int          group,
           const char*  help)
{
  HrWidget w;
  memset(&w, 0, sizeof w);
  w.kind  = kind;
  w.label = label;
  w.group = group;
  w.help  = help;
  add(ui, id, &w);
}

static void
add_choice(HrUI*              ui,
           HrWidgetId         id,
           const char*        label,
           const char* const* choices,
           int                n,
           int                group,
           const char*        help)
{
  HrWidget w;
  memset(&w, 0, sizeof w);
  w.kind      = HR_WIDGET_CHOICE;
  w.label     = label;
  w.choices   = choices;
  w.n_choices = n;
  w.group     = group;
  w.help      = help;
  add(ui, id, &w);
}

/* A value box from {min, max, default, wheel step, decimals, log}. */
static void
add_value(HrUI*        ui,
          HrWidgetId   id,
          const char*  label,
          const char*  unit,
          const double spec[6],
          int          group,
          const char*  help)
{
  HrWidget w;
  memset(&w, 0, sizeof w);
  w.kind     = HR_WIDGET_VALUE;
  w.label    = label;
  w.unit     = unit;
  w.min      = spec[0];
  w.max      = spec[1];
  w.def      = spec[2];
  w.step     = spec[3];
  w.log      = spec[5] != 0.0;
  w.decimals = (int)spec[4];
  w.integer  = w.decimals == 0 && !w.log;
  w.group    = group;
  w.help     = help;
  w.value    = w.def;
  add(ui, id, &w);
}

/* A value box for the plugin's input control port `port`: range and
   default from protocol/controls.c, the wheel step, decimals and log
   scale as given. */
static void
add_port_value(HrUI*        ui,
               HrWidgetId   id,
               const char*  label,
               const char*  unit,
               HrPortIndex  port,
               const double wheel[3],
               const char*  help)
{
  const HrControlSpec* c       = hr_control_spec(port);
  const double         spec[6] = {
            c->min, c->max, c->def, wheel[0], wheel[1], wheel[2]
  };
  add_value(ui, id, label, unit, spec, 2, help);
}

void
hr_ui_controls_init(HrUI* ui)
{
  /* {min, max, default, wheel step, decimals, log} */
  static const double floor_db[6] = { -200, 200, -90, 3, 0, 0 };
  static const double range_db[6] = { 1, 200, 90, 6, 0, 0 };
  static const double span[6]     = { 0.1, 3600, 10, 1.5, 1, 1 };
  /* The plugin's: {wheel step, decimals, log} (ranges: protocol/) */
  static const double q[3]    = { 1.1, 2, 1 };
  static const double step[3] = { 1.25, 1, 1 };
  static const double res[3]  = { 12, 0, 0 };
  static const double freq[3] = { 1.1225, 0, 1 };
  HrWidgets*          w       = &ui->widgets;
  hr_widgets_init(w);
  add_button(ui,
             HR_W_FREEZE,
             HR_WIDGET_TOGGLE,
             "Freeze",
             0,
             "Freeze: stop scrolling to inspect; drag or Left/Right to pan "
             "(Space)");
  add_button(ui,
             HR_W_CAPTURE_A,
             HR_WIDGET_BUTTON,
             "Capture A",
             0,
             "Keep the picture shown as take A (key a)");
  add_button(ui,
             HR_W_CAPTURE_B,
             HR_WIDGET_BUTTON,
             "Capture B",
             0,
             "Keep the picture shown as take B; without B, B is live (key b)");
  add_choice(ui,
             HR_W_COMPARE,
             "Compare",
             k_compare,
             4,
             0,
             "Compare A with B: side by side, overlaid (A blue, B orange) "
             "or their difference (key c)");
  add_button(ui,
             HR_W_CLEAR,
             HR_WIDGET_BUTTON,
             "Clear",
             0,
             "Forget captures A and B (key x)");
  add_button(ui,
             HR_W_PNG,
             HR_WIDGET_BUTTON,
             "PNG",
             0,
             "Save the captures (or the live picture) as PNG files (key p)");
  add_value(ui,
            HR_W_FLOOR,
            "Floor",
            "dB",
            floor_db,
            1,
            "Level at the bottom colour (Up/Down)");
  add_value(ui,
            HR_W_RANGE,
            "Range",
            "dB",
            range_db,
            1,
            "Levels shown from the floor up (Page Up/Down)");
  add_choice(ui, HR_W_MAP, "Map", k_maps, 4, 1, "Colour map (key m)");
  add_value(ui, HR_W_SPAN, "Span", "s", span, 1, "Seconds of history shown");
  add_button(ui,
             HR_W_AUTO,
             HR_WIDGET_BUTTON,
             "Auto",
             1,
             "Put the loudest cell shown at the top colour");
  add_choice(ui,
             HR_W_PICTURE,
             "Picture",
             k_pictures,
             2,
             1,
             "Energy, or the reassigned count: points per cell, log colours "
             "from 1 point to the most shown; Floor and Range are for "
             "energy (key h)");
  add_port_value(ui,
                 HR_W_Q,
                 "Q",
                 NULL,
                 HR_PORT_Q,
                 q,
                 "Filter quality: > 1 follows tones, < 1 clicks (plugin)");
  add_port_value(ui,
                 HR_W_STEP,
                 "Step",
                 "ms",
                 HR_PORT_TIME_STEP,
                 step,
                 "Time per column (plugin)");
  add_port_value(ui,
                 HR_W_RES,
                 "Res",
                 "/oct",
                 HR_PORT_ROWS_PER_OCTAVE,
                 res,
                 "Rows per octave (plugin)");
  add_port_value(ui,
                 HR_W_FMIN,
                 "Low",
                 "Hz",
                 HR_PORT_FMIN,
                 freq,
                 "Lowest frequency (plugin)");
  add_port_value(ui,
                 HR_W_FMAX,
                 "High",
                 "Hz",
                 HR_PORT_FMAX,
                 freq,
                 "Highest frequency (plugin)");
  add_choice(ui,
             HR_W_BANDS,
             "Bands",
             k_bands,
             4,
             2,
             "Consensus over q, 2q, 4q, 8q: each region drawn by the two "
             "bandwidths that agree best there, tones as sharp as large q, "
             "clicks as small q; one analysis per bandwidth (plugin)");
  ui->widget_ids[HR_W_CHANNEL] = -1;
  if (ui->stereo) {
    add_choice(ui,
               HR_W_CHANNEL,
               "Input",
               k_channels,
               5,
               2,
               "What the stereo plugin analyses (plugin)");
    w->items[ui->widget_ids[HR_W_CHANNEL]].value =
      hr_control_spec(HR_PORT_CHANNEL)->def;
  }
  static const HrWidgetId port_widgets[] = {
    HR_W_Q, HR_W_STEP, HR_W_RES, HR_W_FMIN, HR_W_FMAX
  };
  static const HrPortIndex ports[] = { HR_PORT_Q,
                                       HR_PORT_TIME_STEP,
                                       HR_PORT_ROWS_PER_OCTAVE,
                                       HR_PORT_FMIN,
                                       HR_PORT_FMAX };
  for (size_t i = 0; i < sizeof ports / sizeof ports[0]; ++i) {
    ui->ports[ports[i]] = (float)w->items[ui->widget_ids[port_widgets[i]]].def;
  }
  ui->ports[HR_PORT_CHANNEL]    = hr_control_spec(HR_PORT_CHANNEL)->def;
  ui->ports[HR_PORT_BANDWIDTHS] = hr_control_spec(HR_PORT_BANDWIDTHS)->def;
  hr_ui_colors_changed(ui);
}

static void
set_widget(HrUI* ui, HrWidgetId id, double value)
{
  if (ui->widget_ids[id] >= 0) {
    hr_widgets_set(&ui->widgets, ui->widget_ids[id], value);
  }
}

static double
widget_value(const HrUI* ui, HrWidgetId id)
{
  return ui->widgets.items[ui->widget_ids[id]].value;
}

void
hr_ui_colors_changed(HrUI* ui)
{
  const int map = ui->settings.colormap;
  hr_color_scale_init(&ui->colors,
                      map >= 0 && map < HR_COLORMAP_COUNT ? (HrColormapId)map
                                                          : HR_COLORMAP_INFERNO,
                      ui->settings.db_top,
                      ui->settings.db_range);
  ++ui->generation;
  for (int c = 0; c < HR_N_CHANNELS; ++c) {
    hr_live_image_invalidate(&ui->live[c]);
  }
  hr_live_image_invalidate(&ui->live_index);
  ui->dirty = 1;
}

void
hr_ui_controls_sync(HrUI* ui)
{
  const HrUISettings* s = &ui->settings;
  set_widget(ui, HR_W_FLOOR, s->db_top - s->db_range);
  set_widget(ui, HR_W_RANGE, s->db_range);
  set_widget(ui, HR_W_MAP, s->colormap);
  set_widget(ui, HR_W_SPAN, s->history);
  set_widget(ui, HR_W_Q, ui->ports[HR_PORT_Q]);
  set_widget(ui, HR_W_STEP, ui->ports[HR_PORT_TIME_STEP]);
  set_widget(ui, HR_W_RES, ui->ports[HR_PORT_ROWS_PER_OCTAVE]);
  set_widget(ui, HR_W_FMIN, ui->ports[HR_PORT_FMIN]);
  set_widget(ui, HR_W_FMAX, ui->ports[HR_PORT_FMAX]);
  set_widget(ui, HR_W_CHANNEL, ui->ports[HR_PORT_CHANNEL]);
  set_widget(ui, HR_W_BANDS, ui->ports[HR_PORT_BANDWIDTHS] - 1.0f);
  if (fabs(ui->view.history_s - s->history) > 1e-6) {
    hr_view_set_history(&ui->view, s->history);
  }
  hr_ui_colors_changed(ui);
}

/* The loudest level the first channel shows, dB; NaN if none. */
static double
shown_max_db(const HrUI* ui)
{
  int channels[HR_N_CHANNELS];
  if (hr_view_channels(&ui->view, channels) == 0) {
    return NAN;
  }
  const HrRing* ring  = hr_view_ring(&ui->view, channels[0]);
  const int64_t right = hr_view_right(&ui->view);
  float         max   = 0.0f;
  for (int64_t s = right - ui->view.visible; s < right; ++s) {
    const float* column = hr_ring_column(ring, s);
    for (int r = 0; column && r < ring->rows; ++r) {
      max = column[r] > max ? column[r] : max;
    }
  }
  return max > 0.0f ? 10.0 * log10(max) : NAN;
}

/* A change of a UI setting from the tool bar: apply, send. */
static void
settings_changed(HrUI* ui, HrWidgetId id)
{
  HrUISettings* s     = &ui->settings;
  const double  floor = s->db_top - s->db_range;
  if (id == HR_W_FLOOR) {
    s->db_top = (float)fmin(widget_value(ui, HR_W_FLOOR) + s->db_range, 200);
  } else if (id == HR_W_RANGE) {
    s->db_range = (float)widget_value(ui, HR_W_RANGE);
    s->db_top   = (float)fmin(fmax(floor + s->db_range, -200.0), 200.0);
  } else if (id == HR_W_MAP) {
    s->colormap = (int32_t)widget_value(ui, HR_W_MAP);
  } else if (id == HR_W_SPAN) {
    s->history = (float)widget_value(ui, HR_W_SPAN);
  } else if (id == HR_W_AUTO) {
    const double top = shown_max_db(ui);
    if (isnan(top)) {
      hr_ui_note(ui, 3.0, "Nothing shown to take the level from.");
      return;
    }
    s->db_top = (float)fmin(fmax(5.0 * ceil(top / 5.0), -200.0), 200.0);
  }
  if (hr_ui_settings_check(s) != HR_MSG_OK) {
    *s = hr_ui_settings_default();
  }
  hr_ui_send_settings(ui);
  hr_ui_controls_sync(ui);
}

static void
port_changed(HrUI* ui, HrWidgetId id)
{
  static const struct {
    HrWidgetId  widget;
    HrPortIndex port;
  } k_ports[] = { { HR_W_Q, HR_PORT_Q },
                  { HR_W_STEP, HR_PORT_TIME_STEP },
                  { HR_W_RES, HR_PORT_ROWS_PER_OCTAVE },
                  { HR_W_FMIN, HR_PORT_FMIN },
                  { HR_W_FMAX, HR_PORT_FMAX },
                  { HR_W_CHANNEL, HR_PORT_CHANNEL } };
  if (id == HR_W_BANDS) { /* choice 0 .. 3 is 1 .. 4 bandwidths */
    hr_ui_write_port(
      ui, HR_PORT_BANDWIDTHS, (float)widget_value(ui, id) + 1.0f);
    return;
  }
  for (size_t i = 0; i < sizeof k_ports / sizeof k_ports[0]; ++i) {
    if (k_ports[i].widget == id) {
      hr_ui_write_port(ui, k_ports[i].port, (float)widget_value(ui, id));
    }
  }
}

void
hr_ui_set_count_mode(HrUI* ui, int counts)
{
  ui->count_mode = counts != 0;
  set_widget(ui, HR_W_PICTURE, ui->count_mode);
  if (ui->settings.picture != ui->count_mode) { /* the user's choice: keep */
    ui->settings.picture = ui->count_mode;
    hr_ui_send_settings(ui);
  }
  for (int c = 0; c < HR_N_CHANNELS; ++c) {
    hr_live_image_set_counts(&ui->live[c], ui->count_mode);
  }
  hr_live_image_set_counts(&ui->live_index, ui->count_mode);
  ++ui->generation; /* capture images */
  hr_ui_note(ui,
             2.0,
             ui->count_mode ? "Picture: reassigned points per cell (count)"
                            : "Picture: energy");
  ui->dirty = 1;
}

void
hr_ui_set_frozen(HrUI* ui, int frozen)
{
  hr_view_set_frozen(&ui->view, frozen);
  set_widget(ui, HR_W_FREEZE, frozen);
  ui->dirty = 1;
}

void
hr_ui_widget_changed(HrUI* ui, int index)
{
  HrWidgetId id = HR_W_COUNT;
  for (int i = 0; i < HR_W_COUNT; ++i) {
    id = ui->widget_ids[i] == index ? (HrWidgetId)i : id;
  }
  switch (id) {
    case HR_W_FREEZE:
      hr_ui_set_frozen(ui, widget_value(ui, HR_W_FREEZE) != 0.0);
      break;
    case HR_W_CAPTURE_A:
    case HR_W_CAPTURE_B:
      hr_ui_capture(ui, id == HR_W_CAPTURE_A ? HR_CAPTURE_A : HR_CAPTURE_B);
      break;
    case HR_W_COMPARE:
      ui->compare = (HrCompareMode)widget_value(ui, HR_W_COMPARE);
      break;
    case HR_W_CLEAR:
      hr_ui_clear_captures(ui);
      break;
    case HR_W_PICTURE:
      hr_ui_set_count_mode(ui, widget_value(ui, HR_W_PICTURE) != 0.0);
      break;
    case HR_W_PNG:
      hr_ui_save_png(ui);
      break;
    case HR_W_FLOOR:
    case HR_W_RANGE:
    case HR_W_MAP:
    case HR_W_SPAN:
    case HR_W_AUTO:
      settings_changed(ui, id);
      break;
    default:
      port_changed(ui, id);
      break;
  }
  ui->dirty = 1;
}

/* Step widget `id` as a wheel turn would. */
void
hr_ui_nudge(HrUI* ui, HrWidgetId id, double steps, int fine)
{
  const HrRect* r = &ui->widgets.items[ui->widget_ids[id]].rect;
  const int     changed =
    hr_widgets_scroll(&ui->widgets, r->x + 1, r->y + 1, steps, fine);
  if (changed >= 0) {
    hr_ui_widget_changed(ui, changed);
  }
}
