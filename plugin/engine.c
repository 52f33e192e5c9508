/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "engine.h"

#include "protocol/protocol.h"

#include <stdlib.h>

HrEngine*
hr_engine_new(const HrSettings* settings, double rate, HrStatus* status)
{
  HrEngine* engine = (HrEngine*)calloc(1, sizeof(HrEngine));
  if (!engine) {
    *status = HR_ERR_NO_MEMORY;
    return NULL;
  }
  engine->settings = *settings;
  engine->config   = hr_settings_stream_config(settings, rate);
  engine->rate     = rate;
  switch (settings->channel_mode) {
    case HR_CHANNEL_MODE_RIGHT:
      engine->channels[0] = HR_CHANNEL_RIGHT;
      engine->n_streams   = 1;
      break;
    case HR_CHANNEL_MODE_SUM:
      engine->channels[0] = HR_CHANNEL_SUM;
      engine->n_streams   = 1;
      break;
    case HR_CHANNEL_MODE_SIDE:
      engine->channels[0] = HR_CHANNEL_SIDE;
      engine->n_streams   = 1;
      break;
    case HR_CHANNEL_MODE_BOTH:
      engine->channels[0] = HR_CHANNEL_LEFT;
      engine->channels[1] = HR_CHANNEL_RIGHT;
      engine->n_streams   = 2;
      break;
    default:
      engine->channels[0] = HR_CHANNEL_LEFT;
      engine->n_streams   = 1;
      break;
  }
  *status = hr_params_check(&engine->config.params);
  for (uint32_t i = 0; i < engine->n_streams && *status == HR_SUCCESS; ++i) {
    HrLadder ladder = hr_settings_ladder(&engine->settings);
    ladder.window   = HR_CONSENSUS_WINDOW_SECONDS * rate;
    engine->streams[i] =
      hr_consensus_stream_new(&engine->config, &ladder, status);
  }
  if (*status != HR_SUCCESS) {
    hr_engine_free(engine);
    return NULL;
  }
  engine->rows    = hr_consensus_stream_rows(engine->streams[0]);
  engine->latency = hr_consensus_stream_latency(engine->streams[0]);
  return engine;
}

void
hr_engine_free(HrEngine* engine)
{
  if (engine) {
    for (uint32_t i = 0; i < HR_MAX_STREAMS; ++i) {
      hr_consensus_stream_free(engine->streams[i]);
    }
    free(engine);
  }
}

void
hr_engine_reset(HrEngine* engine)
{
  for (uint32_t i = 0; i < engine->n_streams; ++i) {
    hr_consensus_stream_reset(engine->streams[i]);
  }
}
