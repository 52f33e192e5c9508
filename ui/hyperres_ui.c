/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The LV2 UI of hyperres: an X11UI drawn with Cairo. This file is the
   LV2 glue: instantiate (features, options, window), port events (checked
   messages, control ports), messages to the plugin, idle, show/hide and
   resize interfaces, and the descriptor. */

#include "ui_app.h"

#include <lv2/atom/atom.h>
#include <lv2/core/lv2.h>
#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/ui/ui.h>
#include <lv2/urid/urid.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HR_UI_URI HR_URI "#ui"

/* Largest message the UI writes (UIState), with room to spare. */
#define HR_UI_MESSAGE_SIZE 256

double
hr_ui_now(void)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

void
hr_ui_note(HrUI* ui, double seconds, const char* text)
{
  snprintf(ui->message, sizeof ui->message, "%s", text);
  ui->message_until = hr_ui_now() + seconds;
  ui->dirty         = 1;
}

/* Forge a message with `write` into a buffer and send it. */
static void
send_atom(HrUI* ui, const uint8_t* buffer, LV2_Atom_Forge_Ref ref)
{
  const LV2_Atom* atom = (const LV2_Atom*)buffer;
  if (ref && ui->write) {
    ui->write(ui->controller,
              HR_PORT_CONTROL,
              (uint32_t)(sizeof(LV2_Atom) + atom->size),
              ui->uris.atom_eventTransfer,
              atom);
  }
}

void
hr_ui_send_command(HrUI* ui, LV2_URID otype)
{
  uint64_t buffer[HR_UI_MESSAGE_SIZE / 8];
  lv2_atom_forge_set_buffer(&ui->forge, (uint8_t*)buffer, sizeof buffer);
  send_atom(
    ui, (const uint8_t*)buffer, hr_write_command(&ui->forge, &ui->uris, otype));
  if (otype == ui->uris.hr_UIOn) {
    ui->ui_on = 1;
  } else if (otype == ui->uris.hr_UIOff) {
    ui->ui_on = 0;
  }
}

void
hr_ui_send_settings(HrUI* ui)
{
  uint64_t buffer[HR_UI_MESSAGE_SIZE / 8];
  lv2_atom_forge_set_buffer(&ui->forge, (uint8_t*)buffer, sizeof buffer);
  send_atom(ui,
            (const uint8_t*)buffer,
            hr_write_ui_settings(&ui->forge, &ui->uris, &ui->settings));
}

void
hr_ui_write_port(HrUI* ui, HrPortIndex port, float value)
{
  if ((int)port < HR_N_PORTS_STEREO) {
    ui->ports[port] = value;
  }
  if (ui->write) {
    ui->write(ui->controller, port, sizeof value, 0, &value);
  }
}

/* ---- Messages from the plugin ---- */

static void
take_config(HrUI* ui, const LV2_Atom* atom)
{
  HrConfigMsg config;
  if (hr_read_config(&ui->uris, atom, &config) != HR_MSG_OK) {
    ++ui->bad_messages;
    return;
  }
  if (hr_view_set_config(&ui->view, &config) != 0) {
    hr_ui_note(ui, 10.0, "The picture asked for is too large to show.");
  }
  hr_ui_colors_changed(ui);
}

static void
take_columns(HrUI* ui, const LV2_Atom* atom)
{
  HrColumnsMsg columns;
  if (hr_read_columns(&ui->uris, atom, &columns) != HR_MSG_OK ||
      hr_view_add(&ui->view, &columns) != 0) {
    ++ui->bad_messages;
    return;
  }
  ui->dirty = 1;
}

/* UIState: the settings and the capture key. A key other than the one
   the captures shown belong to (another session restored) drops them;
   then the key's files, if any, are read. */
static void
take_settings(HrUI* ui, const LV2_Atom* atom)
{
  const int64_t old_key = ui->capture_key;
  if (hr_read_ui_settings(&ui->uris, atom, &ui->settings) != HR_MSG_OK) {
    ++ui->bad_messages;
    return;
  }
  ui->capture_key = ui->settings.capture_key;
  ui->keys_kept   = 1;
  if (ui->settings.picture != ui->count_mode) {
    hr_ui_set_count_mode(ui, ui->settings.picture);
  }
  if (old_key != 0 && ui->capture_key != old_key) {
    hr_ui_captures_free(ui);
    ui->dirty = 1;
  }
  hr_ui_load_captures(ui);
  hr_ui_controls_sync(ui);
}

/* One atom from the notify port, `size` bytes given by the host. */
static void
take_message(HrUI* ui, const LV2_Atom* atom, uint32_t size)
{
  if (size < sizeof(LV2_Atom) || atom->size > size - sizeof(LV2_Atom)) {
    ++ui->bad_messages;
    return;
  }
  const HrURIs*  uris  = &ui->uris;
  const LV2_URID otype = hr_message_type(uris, atom);
  if (otype == uris->hr_Config) {
    take_config(ui, atom);
  } else if (otype == uris->hr_Columns) {
    take_columns(ui, atom);
  } else if (otype == uris->hr_UIState) {
    take_settings(ui, atom);
  } else if (otype) {
    ++ui->ignored_messages; /* a message of a newer protocol */
  } else {
    ++ui->bad_messages;
  }
}

static void
port_event(LV2UI_Handle handle,
           uint32_t     port,
           uint32_t     size,
           uint32_t     format,
           const void*  buffer)
{
  HrUI* ui = (HrUI*)handle;
  if (!buffer) {
    ++ui->bad_messages;
  } else if (format == 0 && port < HR_N_PORTS_STEREO && size == sizeof(float)) {
    float value = 0.0f;
    memcpy(&value, buffer, sizeof value);
    if (isfinite(value) && value != ui->ports[port]) {
      ui->ports[port] = value; /* from the host: never written back */
      hr_ui_controls_sync(ui);
    }
  } else if (format == ui->uris.atom_eventTransfer && port == HR_PORT_NOTIFY) {
    take_message(ui, (const LV2_Atom*)buffer, size);
  } else {
    ++ui->bad_messages;
  }
}

/* ---- Instantiate and clean up ---- */

static void
read_options(HrUI* ui, const LV2_Options_Option* options)
{
  const LV2_URID scale_key = ui->map->map(ui->map->handle, LV2_UI__scaleFactor);
  for (const LV2_Options_Option* o = options; o && o->key; ++o) {
    if (o->context == LV2_OPTIONS_INSTANCE && o->key == scale_key &&
        o->type == ui->uris.atom_Float && o->size == sizeof(float) &&
        o->value) {
      float scale = 1.0f;
      memcpy(&scale, o->value, sizeof scale);
      if (isfinite(scale) && scale >= 0.5f && scale <= 4.0f) {
        ui->scale = scale;
      }
    }
  }
}

/* The host's features; 0, or -1 if one the UI needs is missing. */
static int
read_features(HrUI* ui, const LV2_Feature* const* features, void** parent)
{
  const LV2_Options_Option* options = NULL;
  LV2_Log_Log*              log     = NULL;
  for (int i = 0; features && features[i]; ++i) {
    const LV2_Feature* f = features[i];
    if (!strcmp(f->URI, LV2_URID__map)) {
      ui->map = (LV2_URID_Map*)f->data;
    } else if (!strcmp(f->URI, LV2_UI__parent)) {
      *parent = f->data;
    } else if (!strcmp(f->URI, LV2_UI__resize)) {
      ui->host_resize = (LV2UI_Resize*)f->data;
    } else if (!strcmp(f->URI, LV2_LOG__log)) {
      log = (LV2_Log_Log*)f->data;
    } else if (!strcmp(f->URI, LV2_OPTIONS__options)) {
      options = (const LV2_Options_Option*)f->data;
    }
  }
  lv2_log_logger_init(&ui->logger, ui->map, log);
  if (!ui->map) {
    lv2_log_error(&ui->logger, "hyperres UI: the host has no urid:map\n");
    return -1;
  }
  hr_uris_map(&ui->uris, ui->map);
  lv2_atom_forge_init(&ui->forge, ui->map);
  read_options(ui, options);
  return 0;
}

static void
cleanup(LV2UI_Handle handle)
{
  HrUI* ui = (HrUI*)handle;
  if (ui->ui_on) {
    hr_ui_send_settings(ui);
    hr_ui_send_command(ui, ui->uris.hr_UIOff);
  }
  /* Images painted onto the window hold copies on its display: free them
     before the display closes. */
  hr_ui_draw_free(ui);
  hr_ui_captures_free(ui);
  hr_window_free(ui->window);
  hr_view_clear(&ui->view);
  free(ui);
}

static LV2UI_Handle
instantiate(const LV2UI_Descriptor*   descriptor,
            const char*               plugin_uri,
            const char*               bundle_path,
            LV2UI_Write_Function      write_function,
            LV2UI_Controller          controller,
            LV2UI_Widget*             widget,
            const LV2_Feature* const* features)
{
  (void)descriptor;
  (void)bundle_path;
  HrUI* ui = (HrUI*)calloc(1, sizeof(HrUI));
  if (!ui) {
    return NULL;
  }
  void* parent   = NULL;
  ui->write      = write_function;
  ui->controller = controller;
  ui->scale      = 1.0;
  ui->stereo     = plugin_uri && !strcmp(plugin_uri, HR__stereo);
  ui->mouse_x    = -1.0;
  if (read_features(ui, features, &parent) != 0) {
    free(ui);
    return NULL;
  }
  ui->settings = hr_ui_settings_default();
  hr_view_init(&ui->view, ui->settings.history);
  hr_ui_controls_init(ui);
  const int width  = (int)lround(HR_UI_WIDTH * ui->scale);
  const int height = (int)lround(HR_UI_HEIGHT * ui->scale);
  char      error[128];
  ui->window = hr_window_new((uintptr_t)parent,
                             width,
                             height,
                             "hyperres",
                             hr_ui_on_event,
                             hr_ui_draw,
                             ui,
                             error,
                             sizeof error);
  if (!ui->window) {
    lv2_log_error(&ui->logger, "hyperres UI: %s\n", error);
    cleanup(ui);
    return NULL;
  }
  hr_window_set_min_size(ui->window,
                         (int)lround(HR_UI_MIN_WIDTH * ui->scale),
                         (int)lround(HR_UI_MIN_HEIGHT * ui->scale));
  if (parent) {
    hr_window_show(ui->window, 1);
  }
  if (ui->host_resize) {
    ui->host_resize->ui_resize(ui->host_resize->handle, width, height);
  }
  *widget       = (LV2UI_Widget)hr_window_id(ui->window);
  ui->opened_at = hr_ui_now();
  hr_ui_send_command(ui, ui->uris.hr_UIOn);
  return ui;
}

/* ---- Interfaces ---- */

static int
idle(LV2UI_Handle handle)
{
  HrUI* ui = (HrUI*)handle;
  hr_window_process(ui->window);
  if (ui->closed) {
    return 1;
  }
  const double now = hr_ui_now();
  if ((ui->dirty || hr_window_exposed(ui->window)) &&
      now - ui->last_draw >= 0.9 / HR_UI_FPS) {
    ui->dirty     = 0;
    ui->last_draw = now;
    hr_window_draw(ui->window);
  }
  return 0;
}

static int
show(LV2UI_Handle handle)
{
  HrUI* ui   = (HrUI*)handle;
  ui->closed = 0;
  if (!ui->ui_on) {
    hr_ui_send_command(ui, ui->uris.hr_UIOn);
  }
  hr_window_show(ui->window, 1);
  ui->dirty = 1;
  return 0;
}

static int
hide(LV2UI_Handle handle)
{
  HrUI* ui = (HrUI*)handle;
  hr_window_show(ui->window, 0);
  if (ui->ui_on) {
    hr_ui_send_settings(ui);
    hr_ui_send_command(ui, ui->uris.hr_UIOff);
  }
  return 0;
}

/* The host gives the UI a new size (ui:resize, host to UI). */
static int
host_resized(LV2UI_Feature_Handle handle, int width, int height)
{
  HrUI* ui = (HrUI*)handle;
  hr_window_resize(ui->window, width, height);
  return 0;
}

static const void*
extension_data(const char* uri)
{
  static const LV2UI_Idle_Interface idle_interface = { idle };
  static const LV2UI_Show_Interface show_interface = { show, hide };
  static const LV2UI_Resize         resize         = { NULL, host_resized };
  if (!strcmp(uri, LV2_UI__idleInterface)) {
    return &idle_interface;
  }
  if (!strcmp(uri, LV2_UI__showInterface)) {
    return &show_interface;
  }
  if (!strcmp(uri, LV2_UI__resize)) {
    return &resize;
  }
  return NULL;
}

static const LV2UI_Descriptor descriptor = { HR_UI_URI,
                                             instantiate,
                                             cleanup,
                                             port_event,
                                             extension_data };

LV2_SYMBOL_EXPORT const LV2UI_Descriptor*
lv2ui_descriptor(uint32_t index)
{
  return index == 0 ? &descriptor : NULL;
}
