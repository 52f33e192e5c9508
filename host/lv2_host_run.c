/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Running the test host's instance: control and notify buffers, the
   worker (fixed rings, no allocation on the audio thread), hooks. */

#include "lv2_host_impl.h"

#include <lv2/atom/util.h>

#include <string.h>

static bool
ring_push(WorkRing* ring, uint32_t size, const void* data)
{
  if (ring->count == WORK_SLOTS || size > WORK_SLOT_BYTES) {
    return false;
  }
  const uint32_t slot = (ring->head + ring->count) % WORK_SLOTS;
  ring->size[slot]    = size;
  memcpy(ring->data[slot], data, size);
  ++ring->count;
  return true;
}

LV2_Worker_Status
hr_host_schedule_work(LV2_Worker_Schedule_Handle handle,
                      uint32_t                   size,
                      const void*                data)
{
  HrHost* host = (HrHost*)handle;
  ++host->n_requests;
  return ring_push(&host->requests, size, data) ? LV2_WORKER_SUCCESS
                                                : LV2_WORKER_ERR_NO_SPACE;
}

static LV2_Worker_Status
respond(LV2_Worker_Respond_Handle handle, uint32_t size, const void* data)
{
  HrHost* host = (HrHost*)handle;
  return ring_push(&host->responses, size, data) ? LV2_WORKER_SUCCESS
                                                 : LV2_WORKER_ERR_NO_SPACE;
}

bool
hr_host_send(HrHost* host, const LV2_Atom* atom)
{
  LV2_Atom_Sequence* seq  = host->control;
  const uint32_t     size = (uint32_t)sizeof(LV2_Atom_Event) + atom->size;
  const uint32_t     used = seq->atom.size;
  if (sizeof(LV2_Atom) + used + lv2_atom_pad_size(size) > CONTROL_CAPACITY) {
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

void
hr_host_run_plugin(HrHost* host, uint32_t n_samples)
{
  LV2_Atom* notify = (LV2_Atom*)host->notify;
  notify->size     = host->options.notify_capacity;
  notify->type     = host->map.map(host->map.handle, LV2_ATOM__Chunk);
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
  host->control->atom.type =
    host->map.map(host->map.handle, LV2_ATOM__Sequence);
}

LV2_Atom_Sequence*
hr_host_control_buffer(HrHost* host, uint32_t* capacity)
{
  *capacity = CONTROL_CAPACITY;
  return host->control;
}

void
hr_host_do_work(HrHost* host)
{
  while (host->worker && host->requests.count) {
    WorkRing*      ring = &host->requests;
    const uint32_t slot = ring->head;
    ring->head          = (ring->head + 1) % WORK_SLOTS;
    --ring->count;
    host->worker->work(lilv_instance_get_handle(host->instance),
                       respond,
                       host,
                       ring->size[slot],
                       ring->data[slot]);
  }
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
hr_host_deliver_responses(HrHost* host)
{
  if (host->before) {
    host->before(host->hook_data);
  }
  while (host->worker && host->responses.count) {
    WorkRing*      ring = &host->responses;
    const uint32_t slot = ring->head;
    ring->head          = (ring->head + 1) % WORK_SLOTS;
    --ring->count;
    host->worker->work_response(lilv_instance_get_handle(host->instance),
                                ring->size[slot],
                                ring->data[slot]);
  }
  if (host->worker && host->worker->end_run) {
    host->worker->end_run(lilv_instance_get_handle(host->instance));
  }
  if (host->after) {
    host->after(host->hook_data);
  }
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
hr_host_hold_worker(HrHost* host, bool hold)
{
  host->hold_worker = hold;
}

uint32_t
hr_host_work_requests(const HrHost* host)
{
  return host->n_requests;
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
  for (uint32_t i = 0; i < GUARD_BYTES; ++i) {
    if (host->notify[host->notify_bytes + i] != GUARD_VALUE) {
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
  if (seq->atom.type != host->map.map(host->map.handle, LV2_ATOM__Sequence) ||
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
