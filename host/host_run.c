/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Running the host's instance: the control and notify buffers around
   run(), the hooks, what notify carried. */

#include "host/host_impl.h"

#include <lv2/atom/util.h>

#include <string.h>

bool
hr_host_send(HrHost* host, const LV2_Atom* atom)
{
  LV2_Atom_Sequence* seq  = host->control;
  const uint32_t     size = (uint32_t)sizeof(LV2_Atom_Event) + atom->size;
  const uint32_t     used = seq->atom.size;
  if (sizeof(LV2_Atom) + used + lv2_atom_pad_size(size) >
      HR_HOST_CONTROL_CAPACITY) {
    return false;
  }
  if (used == 0) {
    seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
  }
  LV2_Atom_Event* ev = (LV2_Atom_Event*)((uint8_t*)&seq->body + seq->atom.size);
  ev->time.frames    = 0;
  memcpy(&ev->body, atom, sizeof(LV2_Atom) + atom->size);
  seq->atom.size += lv2_atom_pad_size(size);
  return true;
}

LV2_Atom_Sequence*
hr_host_control_buffer(HrHost* host, uint32_t* capacity)
{
  *capacity = HR_HOST_CONTROL_CAPACITY;
  return host->control;
}

void
hr_host_set_hooks(HrHost* host,
                  void (*before)(void* data),
                  void (*after)(void* data),
                  void* data)
{
  host->before    = before;
  host->after     = after;
  host->hook_data = data;
}

void
hr_host_run_plugin(HrHost* host, uint32_t n_samples)
{
  /* An output sequence starts as a Chunk holding the capacity. */
  LV2_Atom* notify = (LV2_Atom*)host->notify;
  notify->size     = host->options.notify_capacity;
  notify->type     = hr_host_urid(host, LV2_ATOM__Chunk);
  if (host->control->atom.size == 0) {
    host->control->atom.size = sizeof(LV2_Atom_Sequence_Body);
  }
  if (host->before) {
    host->before(host->hook_data);
  }
  lilv_instance_run(host->instance, n_samples);
  if (host->after) {
    host->after(host->hook_data);
  }
  host->control->atom.size = 0;
  host->control->atom.type = hr_host_urid(host, LV2_ATOM__Sequence);
}

void
hr_host_run(HrHost* host, uint32_t n_samples)
{
  hr_host_run_plugin(host, n_samples);
  if (!host->hold_worker) {
    hr_host_do_work(host);
    hr_host_deliver_responses(host);
  }
}

void
hr_host_run_buffers(HrHost*             host,
                    const float* const* in,
                    float* const*       out,
                    uint32_t            n_samples)
{
  for (uint32_t i = 0; i < host->n_audio_in; ++i) {
    lilv_instance_connect_port(host->instance, host->audio_in[i], (void*)in[i]);
  }
  for (uint32_t i = 0; i < host->n_audio_out; ++i) {
    lilv_instance_connect_port(host->instance, host->audio_out[i], out[i]);
  }
  hr_host_run(host, n_samples);
  for (uint32_t i = 0; i < host->n_audio_in; ++i) {
    hr_host_connect_audio(host, host->audio_in[i], NULL);
  }
  for (uint32_t i = 0; i < host->n_audio_out; ++i) {
    hr_host_connect_audio(host, host->audio_out[i], NULL);
  }
}

const LV2_Atom_Sequence*
hr_host_notify(const HrHost* host)
{
  return (const LV2_Atom_Sequence*)host->notify;
}

uint32_t
hr_host_log_count(const HrHost* host)
{
  return host->n_logs;
}

/* The notify header as the host left it (capacity, Chunk). */
static bool
header_untouched(const HrHost* host)
{
  const LV2_Atom* atom = (const LV2_Atom*)host->notify;
  return atom->size == host->options.notify_capacity &&
         atom->type == host->map.map(host->map.handle, LV2_ATOM__Chunk);
}

bool
hr_host_guard_intact(const HrHost* host)
{
  for (uint32_t i = 0; i < HR_HOST_GUARD_BYTES; ++i) {
    if (host->notify[host->notify_bytes + i] != HR_HOST_GUARD_VALUE) {
      return false;
    }
  }
  return host->options.notify_capacity >= sizeof(LV2_Atom) ||
         header_untouched(host);
}

int
hr_host_each_message(HrHost* host,
                     void (*fn)(void* data, const LV2_Atom* atom),
                     void* data)
{
  const LV2_Atom_Sequence* seq      = (const LV2_Atom_Sequence*)host->notify;
  const uint32_t           capacity = host->options.notify_capacity;
  if (capacity < sizeof(LV2_Atom)) {
    return header_untouched(host) ? 0 : -1; /* no room for anything */
  }
  if (seq->atom.type != hr_host_urid(host, LV2_ATOM__Sequence) ||
      sizeof(LV2_Atom) + seq->atom.size > capacity) {
    return -1;
  }
  if (seq->atom.size < sizeof(LV2_Atom_Sequence_Body)) {
    return seq->atom.size == 0 ? 0 : -1;
  }
  int n = 0;
  LV2_ATOM_SEQUENCE_FOREACH (seq, ev) {
    const uint8_t* end = (const uint8_t*)&seq->body + seq->atom.size;
    if ((const uint8_t*)(ev + 1) + ev->body.size > end) {
      return -1;
    }
    if (fn) {
      fn(data, &ev->body);
    }
    ++n;
  }
  return n;
}
