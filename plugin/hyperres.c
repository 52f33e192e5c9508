/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The LV2 plugins: descriptors and callbacks. Audio passes through
   unchanged (copied bit for bit, in-place buffers fine, no latency);
   the analysis runs beside it and its columns go to a UI as messages
   (protocol.h). Requires urid:map. Analysers are made in activate and,
   when settings change while running, by the worker (worker.c); a host
   without work:schedule gets new settings at the next activate. Ardour
   also shows a thumbnail of the picture (inline_display.c). */

#include "plugin.h"

#include <lv2/core/lv2_util.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void
cleanup(LV2_Handle instance)
{
  HrPlugin* self = (HrPlugin*)instance;
  if (!self) {
    return;
  }
  HrUILink* const link = &self->audio.link;
  hr_inline_free(self);
  hr_thumb_free(self->shared.thumb);
  hr_engine_free(self->audio.engine);
  hr_engine_free(self->audio.rebuild.retired);
  for (uint32_t i = 0; i < HR_MAX_STREAMS; ++i) {
    hr_column_queue_free(link->queues[i]);
  }
  free(link->msg_counts);
  free(link->msg_rows);
  free(link->msg_energies);
  free(link->msg_hits);
  free(self);
}

static bool
allocate_buffers(HrPlugin* self)
{
  HrUILink* const link     = &self->audio.link;
  const uint32_t  n_queues = self->stereo ? 2 : 1;
  for (uint32_t i = 0; i < n_queues; ++i) {
    link->queues[i] = hr_column_queue_new(HR_QUEUE_COLUMNS, HR_QUEUE_CELLS);
    if (!link->queues[i]) {
      return false;
    }
  }
  self->shared.thumb = hr_thumb_new();
  link->msg_counts   = (int32_t*)calloc(HR_QUEUE_COLUMNS, sizeof(int32_t));
  link->msg_rows     = (int32_t*)calloc(HR_QUEUE_CELLS, sizeof(int32_t));
  link->msg_energies = (float*)calloc(HR_QUEUE_CELLS, sizeof(float));
  link->msg_hits     = (float*)calloc(HR_QUEUE_CELLS, sizeof(float));
  return self->shared.thumb && link->msg_counts && link->msg_rows &&
         link->msg_energies && link->msg_hits;
}

static LV2_Handle
instantiate(const LV2_Descriptor*     descriptor,
            double                    rate,
            const char*               bundle_path,
            const LV2_Feature* const* features)
{
  (void)bundle_path;
  HrPlugin* self = (HrPlugin*)calloc(1, sizeof(HrPlugin));
  if (!self) {
    return NULL;
  }
  HrUILink* const link = &self->audio.link;
  /* Some hosts (lv2file 0.95) pass a feature whose URI is NULL. */
  const LV2_Feature* usable[32];
  size_t             n_usable = 0;
  for (size_t i = 0; features && features[i] && n_usable < 31; ++i) {
    if (features[i]->URI) {
      usable[n_usable++] = features[i];
    }
  }
  usable[n_usable]    = NULL;
  const char* missing = lv2_features_query(usable,
                                           LV2_LOG__log,
                                           &self->logger.log,
                                           false,
                                           LV2_URID__map,
                                           &self->map,
                                           true,
                                           LV2_WORKER__schedule,
                                           &self->schedule,
                                           false,
                                           HR_INLINEDISPLAY__queue_draw,
                                           &self->queue_draw,
                                           false,
                                           NULL);
  lv2_log_logger_set_map(&self->logger, self->map);
  if (missing) {
    lv2_log_error(&self->logger, "hyperres: missing feature <%s>\n", missing);
    free(self);
    return NULL;
  }
  if (!(rate >= HR_MIN_RATE && rate <= HR_MAX_RATE)) {
    lv2_log_error(&self->logger,
                  "hyperres: sample rate %g Hz is outside %g .. %g Hz\n",
                  rate,
                  HR_MIN_RATE,
                  HR_MAX_RATE);
    free(self);
    return NULL;
  }
  if (self->queue_draw && !self->queue_draw->queue_draw) {
    self->queue_draw = NULL;
  }
  self->rate               = rate;
  self->stereo             = !strcmp(descriptor->URI, HR__stereo);
  self->n_channels         = self->stereo ? 2 : 1;
  link->send_interval      = (uint32_t)(rate / HR_MESSAGE_RATE);
  link->queue_limit        = HR_QUEUE_COLUMNS;
  self->shared.ui_settings = hr_ui_settings_default();
  if (!allocate_buffers(self)) {
    lv2_log_error(&self->logger, "hyperres: out of memory\n");
    cleanup(self);
    return NULL;
  }
  hr_uris_map(&self->uris, self->map);
  hr_transport_init(&self->audio.transport, self->map, rate);
  lv2_atom_forge_init(&link->forge, self->map);
  return (LV2_Handle)self;
}

static void
connect_port(LV2_Handle instance, uint32_t port, void* data)
{
  HrPlugin* self = (HrPlugin*)instance;
  if (port >= (self->stereo ? HR_N_PORTS_STEREO : HR_N_PORTS_MONO)) {
    return;
  }
  switch ((HrPortIndex)port) {
    case HR_PORT_CONTROL:
      self->audio.ports.control = (const LV2_Atom_Sequence*)data;
      break;
    case HR_PORT_NOTIFY:
      self->audio.ports.notify = (LV2_Atom_Sequence*)data;
      break;
    case HR_PORT_Q:
    case HR_PORT_TIME_STEP:
    case HR_PORT_ROWS_PER_OCTAVE:
    case HR_PORT_FILTERS_PER_ROW:
    case HR_PORT_FMIN:
    case HR_PORT_FMAX:
    case HR_PORT_LINT:
    case HR_PORT_ANALYSE:
    case HR_PORT_BANDWIDTHS:
    case HR_PORT_CHANNEL:
      self->audio.ports.controls[port] = (const float*)data;
      break;
    case HR_PORT_LATENCY:
    case HR_PORT_LOAD:
    case HR_PORT_DROPS:
      self->audio.ports.outputs[port] = (float*)data;
      break;
    case HR_PORT_IN_1:
      self->audio.ports.in[0] = (const float*)data;
      break;
    case HR_PORT_OUT_1:
      self->audio.ports.out[0] = (float*)data;
      break;
    case HR_PORT_IN_2:
      self->audio.ports.in[1] = (const float*)data;
      break;
    case HR_PORT_OUT_2:
      self->audio.ports.out[1] = (float*)data;
      break;
  }
}

static void
activate(LV2_Handle instance)
{
  HrPlugin*       self = (HrPlugin*)instance;
  HrUILink* const link = &self->audio.link;
  HrLoad* const   load = &self->audio.load;
  hr_plugin_build_now(self);
  if (self->audio.engine) {
    hr_engine_reset(self->audio.engine);
  }
  hr_plugin_engine_changed(self);
  for (uint32_t i = 0; i < HR_MAX_STREAMS; ++i) {
    link->drops_pending[i] = 0;
  }
  link->drops_total     = 0.0;
  link->since_send      = 0;
  load->busy_seconds    = 0.0;
  load->busy_samples    = 0;
  load->percent         = 0.0f;
  self->audio.analysing = false;
}

static double
now_seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Hand the columns stream `slot` finished to a UI and the thumbnail. */
static void
take_columns(HrPlugin* self, uint32_t slot)
{
  HrAudio* const audio = &self->audio;
  HrColumn       column;
  while (
    hr_consensus_stream_next_column(audio->engine->streams[slot], &column)) {
    const int64_t number = audio->column_base + column.index;
    if (number + 1 > audio->next_column) {
      audio->next_column = number + 1;
    }
    hr_messages_queue_column(self, slot, number, &column);
    hr_thumb_add(self->shared.thumb, slot, number, column.energy, column.rows);
  }
}

/* Analyse samples [offset, offset + n) of the inputs, copied into
   scratch by the caller. */
static void
analyse_chunk(HrPlugin* self, uint32_t n)
{
  HrAudio* const audio  = &self->audio;
  HrEngine*      engine = audio->engine;
  for (uint32_t slot = 0; slot < engine->n_streams; ++slot) {
    const float* samples = audio->scratch[engine->channels[slot]];
    if (engine->channels[slot] == HR_CHANNEL_SUM) {
      for (uint32_t i = 0; i < n; ++i) {
        audio->scratch[HR_CHANNEL_SUM][i] =
          0.5f * (audio->scratch[0][i] + audio->scratch[1][i]);
      }
    } else if (engine->channels[slot] == HR_CHANNEL_SIDE) {
      for (uint32_t i = 0; i < n; ++i) {
        audio->scratch[HR_CHANNEL_SIDE][i] =
          0.5f * (audio->scratch[0][i] - audio->scratch[1][i]);
      }
    }
    hr_consensus_stream_process(engine->streams[slot], samples, n);
    take_columns(self, slot);
  }
}

/* Copy inputs to outputs bit for bit, analysing on the way. Every piece
   is read into scratch first, so any aliasing of the buffers is fine. */
static void
process_audio(HrPlugin* self, uint32_t n_samples, bool analyse)
{
  HrAudio* const audio = &self->audio;
  for (uint32_t offset = 0; offset < n_samples; offset += HR_CHUNK) {
    const uint32_t n =
      n_samples - offset < HR_CHUNK ? n_samples - offset : HR_CHUNK;
    for (uint32_t c = 0; c < self->n_channels; ++c) {
      if (audio->ports.in[c]) {
        memcpy(
          audio->scratch[c], audio->ports.in[c] + offset, n * sizeof(float));
      } else {
        memset(audio->scratch[c], 0, n * sizeof(float));
      }
    }
    for (uint32_t c = 0; c < self->n_channels; ++c) {
      if (audio->ports.out[c]) {
        memcpy(
          audio->ports.out[c] + offset, audio->scratch[c], n * sizeof(float));
      }
    }
    if (analyse) {
      analyse_chunk(self, n);
    }
  }
}

static void
write_output(HrPlugin* self, HrPortIndex port, float value)
{
  if (self->audio.ports.outputs[port]) {
    *self->audio.ports.outputs[port] = value;
  }
}

static void
update_load(HrPlugin* self, double busy, uint32_t n_samples)
{
  HrLoad* const load = &self->audio.load;
  load->busy_seconds += busy;
  load->busy_samples += n_samples;
  if (load->busy_samples >= self->audio.link.send_interval) {
    load->percent      = (float)(100.0 * load->busy_seconds * self->rate /
                            (double)load->busy_samples);
    load->busy_seconds = 0.0;
    load->busy_samples = 0;
  }
}

static void
run(LV2_Handle instance, uint32_t n_samples)
{
  HrPlugin*       self = (HrPlugin*)instance;
  HrUILink* const link = &self->audio.link;

  hr_messages_begin(self);
  hr_messages_read(self);
  hr_plugin_check_settings(self);

  const float analyse_port = hr_control_value(
    HR_PORT_ANALYSE, self->audio.ports.controls[HR_PORT_ANALYSE]);
  const bool shown = hr_inline_shown(self, n_samples);
  const bool analyse =
    self->audio.engine &&
    (link->ui_active || shown || analyse_port != (float)HR_ANALYSE_WITH_UI);
  if (analyse && !self->audio.analysing) {
    /* (re)starting after a pause: a fresh picture */
    hr_engine_reset(self->audio.engine);
    self->audio.column_base = self->audio.next_column;
    hr_transport_restart(&self->audio.transport, 0);
    hr_inline_restart(self);
  }
  self->audio.analysing = analyse;

  const double start = analyse ? now_seconds() : 0.0;
  process_audio(self, n_samples, analyse);
  update_load(self, analyse ? now_seconds() - start : 0.0, n_samples);

  hr_messages_end(self, n_samples);
  hr_inline_end_run(self, n_samples);
  hr_transport_end_run(&self->audio.transport, n_samples);

  write_output(
    self,
    HR_PORT_LATENCY,
    self->audio.engine
      ? (float)(1000.0 * (double)self->audio.engine->latency / self->rate)
      : 0.0f);
  write_output(self, HR_PORT_LOAD, self->audio.load.percent);
  write_output(self, HR_PORT_DROPS, (float)link->drops_total);
}

static const void*
extension_data(const char* uri)
{
  if (!strcmp(uri, LV2_WORKER__interface)) {
    return &hr_worker_interface;
  }
  if (!strcmp(uri, LV2_STATE__interface)) {
    return &hr_state_interface;
  }
  if (!strcmp(uri, HR_INLINEDISPLAY__interface)) {
    return &hr_inline_display_interface;
  }
  return NULL;
}

static const LV2_Descriptor descriptors[] = {
  { HR__mono,
    instantiate,
    connect_port,
    activate,
    run,
    NULL,
    cleanup,
    extension_data },
  { HR__stereo,
    instantiate,
    connect_port,
    activate,
    run,
    NULL,
    cleanup,
    extension_data },
};

LV2_SYMBOL_EXPORT const LV2_Descriptor*
lv2_descriptor(uint32_t index)
{
  return index < sizeof(descriptors) / sizeof(descriptors[0])
           ? &descriptors[index]
           : NULL;
}
