/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The plugin's side of the protocol (protocol.h): control events in,
   Config, UIState and Columns out. The notify capacity is read on every
   run; a message is written only whole; columns that do not fit wait in
   their queue, which drops its oldest (counted) when full. */

#include "plugin.h"

#include <lv2/atom/util.h>

#include <stdint.h>

void
hr_messages_begin(HrPlugin* self)
{
  HrUILink* const link = &self->audio.link;
  link->notify_open    = false;
  if (!self->audio.ports.notify) {
    return;
  }
  const uint32_t capacity = self->audio.ports.notify->atom.size;
  if (capacity >= sizeof(LV2_Atom_Sequence)) {
    lv2_atom_forge_set_buffer(
      &link->forge, (uint8_t*)self->audio.ports.notify, capacity);
    link->notify_open =
      lv2_atom_forge_sequence_head(&link->forge, &link->notify_frame, 0) != 0;
  } else if (capacity >= sizeof(LV2_Atom)) {
    /* No room for a sequence body: an empty sequence, header only. */
    self->audio.ports.notify->atom.size = 0;
    self->audio.ports.notify->atom.type = self->uris.atom_Sequence;
  }
}

/* The UI is back, or asks again: everything it needs comes next. */
static void
ui_wants_all(HrPlugin* self)
{
  HrUILink* const link   = &self->audio.link;
  link->config_pending   = true;
  link->config_sent      = false;
  link->ui_state_pending = true;
}

static void
clear_queues(HrPlugin* self)
{
  HrUILink* const link = &self->audio.link;
  for (uint32_t i = 0; i < HR_MAX_STREAMS; ++i) {
    if (link->queues[i]) {
      hr_column_queue_clear(link->queues[i]);
    }
    link->drops_pending[i] = 0;
  }
}

static void
read_event(HrPlugin* self, const LV2_Atom* body)
{
  HrUILink* const link  = &self->audio.link;
  const HrURIs*   uris  = &self->uris;
  const LV2_URID  otype = hr_message_type(uris, body);
  if (otype == uris->hr_UIOn) {
    if (!link->ui_active) {
      clear_queues(self);
    }
    link->ui_active = true;
    ui_wants_all(self);
  } else if (otype == uris->hr_UIOff) {
    link->ui_active = false;
    clear_queues(self);
  } else if (otype == uris->hr_Refresh) {
    ui_wants_all(self);
  } else if (otype == uris->hr_UIState) {
    HrUISettings settings = hr_plugin_get_ui_settings(self);
    if (hr_read_ui_settings(uris, body, &settings) == HR_MSG_OK) {
      hr_plugin_set_ui_settings(self, &settings);
    }
  }
  /* anything else: not ours, ignored */
}

void
hr_messages_read(HrPlugin* self)
{
  const LV2_Atom_Sequence* seq = self->audio.ports.control;
  if (!seq || seq->atom.type != self->uris.atom_Sequence ||
      seq->atom.size < sizeof(LV2_Atom_Sequence_Body)) {
    return;
  }
  /* LV2_ATOM_SEQUENCE_FOREACH, with each event checked to lie inside. */
  const uint8_t* const body   = (const uint8_t*)&seq->body;
  const size_t         size   = seq->atom.size;
  size_t               offset = sizeof(LV2_Atom_Sequence_Body);
  while (size - offset >= sizeof(LV2_Atom_Event)) {
    const LV2_Atom_Event* ev    = (const LV2_Atom_Event*)(body + offset);
    const size_t          bytes = sizeof(LV2_Atom_Event) + ev->body.size;
    if (bytes > size - offset) {
      return;
    }
    const int64_t at = ev->time.frames;
    if (!hr_transport_read(&self->audio.transport,
                           &ev->body,
                           at >= 0 && at < INT32_MAX ? (uint32_t)at : 0)) {
      read_event(self, &ev->body);
    }
    offset += (bytes + 7U) & ~(size_t)7U;
    if (offset > size) {
      return;
    }
  }
}

void
hr_messages_queue_column(HrPlugin*       self,
                         uint32_t        slot,
                         int64_t         number,
                         const HrColumn* column)
{
  HrUILink* const link  = &self->audio.link;
  HrColumnQueue*  queue = link->queues[slot];
  if (link->ui_active && queue && column->rows == self->audio.engine->rows) {
    uint32_t dropped = 0;
    if (hr_column_queue_length(queue) >= link->queue_limit) {
      hr_column_queue_pop(queue, 1); /* stale */
      dropped = 1;
    }
    const double transport =
      hr_transport_column_frame(&self->audio.transport,
                                column->index,
                                self->audio.engine->config.params.tdeci);
    dropped += hr_column_queue_push_at(
      queue, number, transport, column->energy, column->count, column->rows);
    link->drops_pending[slot] += dropped;
    link->drops_total += dropped;
  }
}

/* Bytes left in the notify buffer. */
static size_t
space_left(const HrPlugin* self)
{
  const HrUILink* const link = &self->audio.link;
  return link->forge.size - link->forge.offset;
}

/* Room for an event of an atom of `size` bytes. */
static bool
event_fits(const HrPlugin* self, size_t size)
{
  return self->audio.link.notify_open &&
         sizeof(LV2_Atom_Event) - sizeof(LV2_Atom) + size <= space_left(self);
}

static void
send_config(HrPlugin* self)
{
  HrUILink* const link   = &self->audio.link;
  const HrEngine* engine = self->audio.engine;
  if (!engine || !event_fits(self, hr_config_size())) {
    return;
  }
  const HrParams* p = &engine->config.params;
  HrConfigMsg     c;
  c.version         = HR_PROTOCOL_VERSION;
  c.rate            = self->rate;
  c.scale           = (int32_t)p->scale;
  c.fmin            = p->fmin * self->rate;
  c.fmax            = p->fmax * self->rate;
  c.rows            = engine->rows;
  c.rows_per_octave = p->noct;
  c.q               = p->q;
  c.over            = p->over;
  c.lint            = p->lint;
  c.column_samples  = p->tdeci;
  c.column_seconds  = p->tdeci / self->rate;
  c.latency         = (double)engine->latency / self->rate;
  c.channel_mask    = 0;
  for (uint32_t i = 0; i < engine->n_streams; ++i) {
    c.channel_mask |= 1 << engine->channels[i];
  }
  c.first_column = self->audio.column_base;
  lv2_atom_forge_frame_time(&link->forge, 0);
  if (hr_write_config(&link->forge, &self->uris, &c)) {
    link->config_pending = false;
    link->config_sent    = true;
  }
}

static void
send_ui_state(HrPlugin* self)
{
  HrUILink* const link = &self->audio.link;
  if (!event_fits(self, hr_ui_settings_size())) {
    return;
  }
  const HrUISettings settings = hr_plugin_get_ui_settings(self);
  lv2_atom_forge_frame_time(&link->forge, 0);
  if (hr_write_ui_settings(&link->forge, &self->uris, &settings)) {
    link->ui_state_pending = false;
  }
}

/* The song time of a Columns message: the tempo in force. */
static void
song_time(const HrPlugin* self, HrColumnsMsg* m)
{
  const HrTempo* tempo = &self->audio.transport.tempo;
  m->transport         = NULL;
  m->tempo             = tempo->bpm;
  m->beats_per_bar     = tempo->bpm > 0.0 ? tempo->beats_per_bar : 0.0;
  m->beat_origin       = tempo->bpm > 0.0 ? tempo->origin : 0.0;
}

/* One Columns message with as many of the slot's oldest, consecutive
   columns as fit. */
static void
send_columns(HrPlugin* self, uint32_t slot)
{
  HrUILink* const link   = &self->audio.link;
  HrColumnQueue*  queue  = link->queues[slot];
  const uint32_t  length = queue ? hr_column_queue_length(queue) : 0;
  if (!length || !link->notify_open) {
    return;
  }
  double* const frames  = self->audio.transport.message;
  const int64_t first   = hr_column_queue_number(queue, 0);
  uint32_t      n       = 0;
  uint32_t      n_cells = 0;
  HrColumnsMsg  m;
  song_time(self, &m);
  while (n < length && n < HR_TRANSPORT_MESSAGE_COLUMNS &&
         hr_column_queue_number(queue, n) == first + n) {
    const uint32_t cells = hr_column_queue_cells(queue, n);
    m.n_columns          = n + 1;
    m.n_cells            = n_cells + cells;
    m.transport          = frames; /* the bigger size */
    if (!event_fits(self, hr_columns_msg_size(&m))) {
      break;
    }
    n_cells += cells;
    ++n;
  }
  if (n == 0) {
    return; /* waits for a bigger buffer, or is dropped when full */
  }
  hr_column_queue_copy(queue,
                       n,
                       link->msg_counts,
                       link->msg_rows,
                       link->msg_energies,
                       link->msg_hits);
  const bool timed = hr_column_queue_copy_transport(queue, n, frames);
  m.transport      = timed ? frames : NULL;
  m.channel        = self->audio.engine->channels[slot];
  m.first          = first;
  m.rows           = self->audio.engine->rows;
  m.drops          = link->drops_pending[slot] > INT32_MAX
                       ? INT32_MAX
                       : (int32_t)link->drops_pending[slot];
  m.n_columns      = n;
  m.n_cells        = n_cells;
  m.cell_count     = link->msg_counts;
  m.cell_row       = link->msg_rows;
  m.cell_energy    = link->msg_energies;
  m.cell_hits      = link->msg_hits;
  lv2_atom_forge_frame_time(&link->forge, 0);
  if (hr_write_columns(&link->forge, &self->uris, &m)) {
    hr_column_queue_pop(queue, n);
    link->drops_pending[slot] = 0;
  }
}

void
hr_messages_end(HrPlugin* self, uint32_t n_samples)
{
  HrUILink* const link = &self->audio.link;
  const bool      due =
    (uint64_t)link->since_send + n_samples >= link->send_interval;
  link->since_send = due ? 0 : link->since_send + n_samples;
  if (link->ui_active) {
    if (link->config_pending) {
      send_config(self);
    }
    if (link->ui_state_pending) {
      send_ui_state(self);
    }
    if (due && link->config_sent && self->audio.engine) {
      for (uint32_t slot = 0; slot < self->audio.engine->n_streams; ++slot) {
        send_columns(self, slot);
      }
    }
  }
  if (link->notify_open) {
    lv2_atom_forge_pop(&link->forge, &link->notify_frame);
    link->notify_open = false;
  }
}
