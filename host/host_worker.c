/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The host's worker: requests and responses wait in lock-free rings
   (message_ring.h), so the work may be done right after each run (hr_host_run),
   step by step, or by a thread of the caller's while another thread runs
   the plugin. No allocation on the audio thread. */

#include "host/host_impl.h"

LV2_Worker_Status
hr_host_schedule_work(LV2_Worker_Schedule_Handle handle,
                      uint32_t                   size,
                      const void*                data)
{
  HrHost* host = (HrHost*)handle;
  ++host->n_requests;
  return hr_message_ring_push(host->requests, size, data)
           ? LV2_WORKER_SUCCESS
           : LV2_WORKER_ERR_NO_SPACE;
}

static LV2_Worker_Status
respond(LV2_Worker_Respond_Handle handle, uint32_t size, const void* data)
{
  HrHost* host = (HrHost*)handle;
  return hr_message_ring_push(host->responses, size, data)
           ? LV2_WORKER_SUCCESS
           : LV2_WORKER_ERR_NO_SPACE;
}

uint32_t
hr_host_do_work(HrHost* host)
{
  uint32_t    done    = 0;
  uint32_t    size    = 0;
  const void* request = NULL;
  while (host->worker &&
         (request = hr_message_ring_peek(host->requests, &size))) {
    host->worker->work(
      lilv_instance_get_handle(host->instance), respond, host, size, request);
    hr_message_ring_pop(host->requests);
    ++done;
  }
  return done;
}

void
hr_host_deliver_responses(HrHost* host)
{
  if (host->before) {
    host->before(host->hook_data);
  }
  uint32_t    size     = 0;
  const void* response = NULL;
  while (host->worker &&
         (response = hr_message_ring_peek(host->responses, &size))) {
    host->worker->work_response(
      lilv_instance_get_handle(host->instance), size, response);
    hr_message_ring_pop(host->responses);
  }
  if (host->worker && host->worker->end_run) {
    host->worker->end_run(lilv_instance_get_handle(host->instance));
  }
  if (host->after) {
    host->after(host->hook_data);
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
