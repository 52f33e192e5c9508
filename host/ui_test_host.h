/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A tiny LV2 UI host for the UI tests: loads hyperres_ui.so with dlopen,
   gives it urid:map, ui:parent, ui:resize and a scale factor, records
   what it writes, and feeds it messages made with the protocol writers:
   a Config and columns of a synthetic picture (tones, harmonics, a
   vibrato, a chirp, clicks, noise). Also starts Xvfb if DISPLAY is unset. */

#ifndef HR_UI_TEST_HOST_H
#define HR_UI_TEST_HOST_H

#include "protocol/protocol.h"
#include "protocol/uris.h"
#include "urid_table.h"

#include <lv2/ui/ui.h>
#include <lv2/urid/urid.h>

#include <stdint.h>

/** A test host (fields read by the tests). */
typedef struct {
  void*                   library;
  const LV2UI_Descriptor* descriptor;
  LV2_URID_Map            map;
  HrUridTable             urids;
  HrURIs                  uris;
  int                     xvfb_pid; /**< Xvfb started by the host, or 0 */
  float                   scale;    /**< the scale-factor option's value */
  double                  detune;   /**< cents the synthetic tones are off */

  /* What the UI wrote */
  uint32_t     ui_on;
  uint32_t     ui_off;
  uint32_t     ui_state;
  uint32_t     bad_writes;
  uint32_t     port_writes[32];
  float        port_values[32];
  HrUISettings last_settings;
  LV2_URID     last_type;
  int          resize_width; /**< from the UI's ui:resize request */
  int          resize_height;
} HrTestHost;

/** Make sure an X display is there: start Xvfb on a free display if
    DISPLAY is unset. 0, or -1 if none could be had. */
int
hr_test_display(HrTestHost* host);

/** Load the UI library at `path`; 0, or -1 with a message printed. */
int
hr_test_host_load(HrTestHost* host, const char* path);

/** Unload, stop an Xvfb this host started, free the URIs. */
void
hr_test_host_unload(HrTestHost* host);

/** Instantiate the UI for `plugin_uri` in `parent` (0: none) at `scale`
    (0: no option); the widget goes to `widget`. */
LV2UI_Handle
hr_test_host_open(HrTestHost*   host,
                  const char*   plugin_uri,
                  uintptr_t     parent,
                  float         scale,
                  LV2UI_Widget* widget);

/** The UI's extension `uri`, NULL if it has none. */
const void*
hr_test_host_extension(HrTestHost* host, const char* uri);

/** Send an atom made by a protocol writer (with `write`) to the notify
    port; returns the bytes sent. */
uint32_t
hr_test_send_config(HrTestHost* host, LV2UI_Handle ui, const HrConfigMsg* c);

/** Send columns [first, first + n) of the synthetic picture. */
uint32_t
hr_test_send_columns(HrTestHost*        host,
                     LV2UI_Handle       ui,
                     const HrConfigMsg* config,
                     int                channel,
                     int64_t            first,
                     uint32_t           n,
                     int32_t            drops);

/** Send UI settings as the plugin does. */
void
hr_test_send_settings(HrTestHost*         host,
                      LV2UI_Handle        ui,
                      const HrUISettings* settings);

/** Send a control port value. */
void
hr_test_send_control(HrTestHost*  host,
                     LV2UI_Handle ui,
                     uint32_t     port,
                     float        value);

/** The Config of a typical plugin: log, 50 Hz - 20 kHz at 48 kHz,
    `rows_per_octave`, 2 ms columns, the channels in `mask`. */
HrConfigMsg
hr_test_config(double rows_per_octave, int mask);

/** Energies of column `number` of the synthetic picture, dense (rows),
    its tones `detune` cents off. */
void
hr_test_picture_column(const HrConfigMsg* config,
                       double             detune,
                       int                channel,
                       int64_t            number,
                       float*             column);

#endif /* HR_UI_TEST_HOST_H */
