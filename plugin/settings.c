/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "settings.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/* Seconds of audio the noise floor's running maximum looks back over. */
#define HR_FLOOR_SECONDS 3.0

/* Indexed by HrPortIndex - HR_FIRST_CONTROL; the defaults are the "Seed
   reference" preset. Keep in step with ttl/control_ports.ttl. */
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

static const HrControlSpec channel_control = { 0.0f, 2.0f, 4.0f, true };

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

float
hr_control_value(HrPortIndex index, const float* port)
{
  const HrControlSpec* spec = hr_control_spec(index);
  if (!spec) {
    return 0.0f;
  }
  if (!port || !isfinite(*port)) {
    return spec->def;
  }
  float value = *port;
  if (spec->integer) {
    value = floorf(value + 0.5f);
  }
  return value < spec->min ? spec->min : value > spec->max ? spec->max : value;
}

HrSettings
hr_settings_read(const float* const* ports, bool stereo)
{
  HrSettings s;
  s.q = hr_control_value(HR_PORT_Q, ports[HR_PORT_Q]);
  s.time_step_ms =
    hr_control_value(HR_PORT_TIME_STEP, ports[HR_PORT_TIME_STEP]);
  s.rows_per_octave = (int)hr_control_value(HR_PORT_ROWS_PER_OCTAVE,
                                            ports[HR_PORT_ROWS_PER_OCTAVE]);
  s.over            = (int)hr_control_value(HR_PORT_FILTERS_PER_ROW,
                                 ports[HR_PORT_FILTERS_PER_ROW]);
  s.fmin_hz         = hr_control_value(HR_PORT_FMIN, ports[HR_PORT_FMIN]);
  s.fmax_hz         = hr_control_value(HR_PORT_FMAX, ports[HR_PORT_FMAX]);
  s.lint            = hr_control_value(HR_PORT_LINT, ports[HR_PORT_LINT]);
  s.bandwidths =
    (int)hr_control_value(HR_PORT_BANDWIDTHS, ports[HR_PORT_BANDWIDTHS]);
  s.channel_mode =
    stereo ? (int)hr_control_value(HR_PORT_CHANNEL, ports[HR_PORT_CHANNEL])
           : HR_CHANNEL_MODE_LEFT;
  return s;
}

bool
hr_settings_equal(const HrSettings* a, const HrSettings* b)
{
  return a->q == b->q && a->time_step_ms == b->time_step_ms &&
         a->rows_per_octave == b->rows_per_octave && a->over == b->over &&
         a->fmin_hz == b->fmin_hz && a->fmax_hz == b->fmax_hz &&
         a->lint == b->lint && a->bandwidths == b->bandwidths &&
         a->channel_mode == b->channel_mode;
}

HrStreamConfig
hr_settings_stream_config(const HrSettings* settings, double rate)
{
  const double nyquist = 0.5 * rate;
  const double top     = fmin(settings->fmax_hz, nyquist);
  const double bottom  = fmin(settings->fmin_hz, 0.5 * top);
  const long   tdeci   = lround(settings->time_step_ms * rate / 1000.0);

  HrStreamConfig config;
  memset(&config, 0, sizeof(config)); /* fields not set here: defaults */
  config.params       = hr_params_default();
  config.params.scale = HR_SCALE_LOG;
  config.params.q     = settings->q;
  config.params.noct  = settings->rows_per_octave;
  config.params.over  = settings->over;
  config.params.tdeci = tdeci < 1 ? 1 : (int)tdeci;
  config.params.fmin  = bottom / rate;
  config.params.fmax  = top >= nyquist ? 0.5 : top / rate;
  config.params.lint  = settings->lint;
  config.max_block    = HR_CHUNK;
  config.floor_window = HR_FLOOR_SECONDS * rate;
  return config;
}

HrLadder
hr_settings_ladder(const HrSettings* settings)
{
  return hr_ladder_doubling(settings->q, settings->bandwidths);
}
