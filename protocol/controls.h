/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The ports' symbols and the input control ports' ranges and defaults:
   the one table the plugin (plugin/settings.c), the UI
   (ui/ui_controls.c) and the tests use. ttl/control_ports.ttl.in states
   the same ranges for hosts; tests/test_plugin_host.c checks the two
   agree. */

#ifndef HR_CONTROLS_H
#define HR_CONTROLS_H

#include "ports.h"

#include <stdbool.h>

/** Range and default of an input control port, as in the ttl. */
typedef struct {
  float min;
  float def;
  float max;
  bool  integer; /**< lv2:integer (enumerations too): values are rounded */
} HrControlSpec;

/** The spec of input control port `index`, NULL if it is none. */
const HrControlSpec*
hr_control_spec(HrPortIndex index);

/** The lv2:symbol of port `index` of the mono or stereo plugin, NULL past
    its last port. */
const char*
hr_port_symbol(HrPortIndex index, bool stereo);

#endif /* HR_CONTROLS_H */
