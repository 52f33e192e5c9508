/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "settings.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

/* Seconds of audio the noise floor's running maximum looks back over. */
#define HR_FLOOR_SECONDS 3.0

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
