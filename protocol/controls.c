/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "controls.h"

#include <stddef.h>

/* Indexed by HrPortIndex - HR_FIRST_CONTROL; the defaults are the "Seed
   reference" preset. ttl/control_ports.ttl.in says the same, which
   tests/test_plugin_host.c checks against the bundle lilv loads. */
static const HrControlSpec controls[] = {
  { 0.25f, 2.0f, 8.0f, false },           /* q */
  { 0.5f, 2.0f, 50.0f, false },           /* time_step, ms */
  { 12.0f, 108.0f, 216.0f, true },        /* rows_per_octave */
  { 1.0f, 2.0f, 4.0f, true },             /* filters_per_row */
  { 10.0f, 50.0f, 10000.0f, false },      /* fmin, Hz */
  { 200.0f, 20000.0f, 192000.0f, false }, /* fmax, Hz */
  { 0.05f, 0.5f, 2.0f, false },           /* lint */
  { 0.0f, 0.0f, 1.0f, true },             /* analyse: HrAnalyse */
  { 1.0f, 1.0f, 4.0f, true },             /* bandwidths (consensus) */
};

static const HrControlSpec channel_control = { 0.0f, 2.0f, 3.0f, true };

static const char* const symbols[] = {
  "control",
  "notify",
  "q",
  "time_step",
  "rows_per_octave",
  "filters_per_row",
  "fmin",
  "fmax",
  "lint",
  "analyse",
  "bandwidths",
  "latency",
  "load",
  "drops",
  "in",
  "out",
};

static const char* const stereo_audio[] = { "in_l", "out_l", "in_r", "out_r" };

const HrControlSpec*
hr_control_spec(HrPortIndex index)
{
  if (index >= HR_FIRST_CONTROL && index <= HR_LAST_CONTROL) {
    return &controls[index - HR_FIRST_CONTROL];
  }
  return index == HR_PORT_CHANNEL ? &channel_control : NULL;
}

const char*
hr_port_symbol(HrPortIndex index, bool stereo)
{
  if (!stereo) {
    return (unsigned)index < HR_N_PORTS_MONO ? symbols[index] : NULL;
  }
  if (index >= HR_PORT_IN_1 && index <= HR_PORT_OUT_2) {
    return stereo_audio[index - HR_PORT_IN_1];
  }
  if (index == HR_PORT_CHANNEL) {
    return "channel";
  }
  return (unsigned)index < HR_PORT_IN_1 ? symbols[index] : NULL;
}
