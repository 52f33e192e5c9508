/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Rebuilding the analysers without stopping the audio.

   run() reads the control ports; if they ask for other settings than
   the engine's, and no rebuild is with the worker, and they are not the
   settings that failed last time, it schedules a Build request and marks
   one pending. work() makes the engine (allocates, plans FFTs under the
   core's planner lock) and responds with its pointer. work_response()
   (audio thread) swaps it in, starts its column numbering, asks for a
   Config, and sends the old engine back to the worker to be freed (if
   the worker has no room, the old one waits in `retired`, and no new
   rebuild starts until it is sent).
   While a rebuild is pending, changes wait: once it lands, the next
   run() compares again and asks for the latest values, so an automation
   storm makes at most one rebuild at a time. */

#include "plugin.h"

#include <stdlib.h>
#include <string.h>

typedef enum {
  HR_WORK_BUILD = 1, /* HrBuildRequest: make an engine */
  HR_WORK_FREE  = 2, /* HrFreeRequest: free an engine */
} HrWorkType;

typedef struct {
  uint32_t   type; /* HR_WORK_BUILD */
  HrSettings settings;
} HrBuildRequest;

typedef struct {
  uint32_t  type; /* HR_WORK_FREE */
  HrEngine* engine;
} HrFreeRequest;

typedef struct {
  HrEngine*  engine; /* NULL: failed */
  HrSettings settings;
} HrBuildResponse;

void
hr_plugin_engine_changed(HrPlugin* self)
{
  HrUILink* const link    = &self->audio.link;
  self->audio.column_base = self->audio.next_column;
  hr_transport_restart(&self->audio.transport, 0); /* the engine's sample 0 */
  for (uint32_t i = 0; i < HR_MAX_STREAMS; ++i) {
    if (link->queues[i]) {
      /* columns of the old geometry: lost, and said so */
      const uint32_t lost = hr_column_queue_clear(link->queues[i]);
      link->drops_pending[i] += lost;
      link->drops_total += lost;
    }
  }
  link->config_pending = true;
  link->config_sent    = false;
  hr_inline_restart(self);
  if (self->audio.engine) {
    const double columns =
      HR_QUEUE_SECONDS * self->rate / self->audio.engine->config.params.tdeci;
    link->queue_limit = columns < 16.0               ? 16
                        : columns > HR_QUEUE_COLUMNS ? HR_QUEUE_COLUMNS
                                                     : (uint32_t)columns;
  }
}

void
hr_plugin_build_now(HrPlugin* self)
{
  HrRebuild* const rebuild  = &self->audio.rebuild;
  const HrSettings settings = hr_settings_read(
    (const float* const*)self->audio.ports.controls, self->stereo);
  if (self->audio.engine &&
      hr_settings_equal(&settings, &self->audio.engine->settings)) {
    return;
  }
  HrStatus  status = HR_SUCCESS;
  HrEngine* engine = hr_engine_new(&settings, self->rate, &status);
  if (!engine) {
    lv2_log_error(&self->logger,
                  "hyperres: cannot make the analyser: %s\n",
                  hr_strerror(status));
    rebuild->have_failed = true;
    rebuild->failed      = settings;
    return;
  }
  hr_engine_free(self->audio.engine);
  self->audio.engine   = engine;
  rebuild->have_failed = false;
  hr_plugin_engine_changed(self);
}

/* Send the retired engine to the worker to be freed; it stays retired
   (freed later, or in cleanup) if the worker has no room now. */
static void
retire(HrPlugin* self)
{
  HrRebuild* const rebuild = &self->audio.rebuild;
  if (!rebuild->retired || !self->schedule) {
    return;
  }
  HrFreeRequest request;
  memset(&request, 0, sizeof(request));
  request.type   = HR_WORK_FREE;
  request.engine = rebuild->retired;
  if (self->schedule->schedule_work(self->schedule->handle,
                                    sizeof(request),
                                    &request) == LV2_WORKER_SUCCESS) {
    rebuild->retired = NULL;
  }
}

void
hr_plugin_check_settings(HrPlugin* self)
{
  HrRebuild* const rebuild = &self->audio.rebuild;
  retire(self);
  if (rebuild->pending || rebuild->retired || !self->schedule) {
    return;
  }
  const HrSettings settings = hr_settings_read(
    (const float* const*)self->audio.ports.controls, self->stereo);
  if ((self->audio.engine &&
       hr_settings_equal(&settings, &self->audio.engine->settings)) ||
      (rebuild->have_failed &&
       hr_settings_equal(&settings, &rebuild->failed))) {
    return;
  }
  HrBuildRequest request;
  memset(&request, 0, sizeof(request));
  request.type     = HR_WORK_BUILD;
  request.settings = settings;
  if (self->schedule->schedule_work(self->schedule->handle,
                                    sizeof(request),
                                    &request) == LV2_WORKER_SUCCESS) {
    rebuild->pending = true;
  }
}

static LV2_Worker_Status
work(LV2_Handle                  instance,
     LV2_Worker_Respond_Function respond,
     LV2_Worker_Respond_Handle   handle,
     uint32_t                    size,
     const void*                 data)
{
  HrPlugin* self = (HrPlugin*)instance;
  uint32_t  type = 0;
  if (size < sizeof(type) || !data) {
    return LV2_WORKER_ERR_UNKNOWN;
  }
  memcpy(&type, data, sizeof(type));
  if (type == HR_WORK_FREE && size == sizeof(HrFreeRequest)) {
    HrFreeRequest request;
    memcpy(&request, data, sizeof(request));
    hr_engine_free(request.engine);
    return LV2_WORKER_SUCCESS;
  }
  if (type != HR_WORK_BUILD || size != sizeof(HrBuildRequest)) {
    return LV2_WORKER_ERR_UNKNOWN;
  }
  HrBuildRequest request;
  memcpy(&request, data, sizeof(request));
  HrStatus        status = HR_SUCCESS;
  HrBuildResponse response;
  memset(&response, 0, sizeof(response));
  response.settings = request.settings;
  response.engine   = hr_engine_new(&request.settings, self->rate, &status);
  if (!response.engine) {
    lv2_log_error(&self->logger,
                  "hyperres: cannot make the analyser: %s\n",
                  hr_strerror(status));
  }
  if (respond(handle, sizeof(response), &response) != LV2_WORKER_SUCCESS) {
    hr_engine_free(response.engine);
    return LV2_WORKER_ERR_NO_SPACE;
  }
  return LV2_WORKER_SUCCESS;
}

static LV2_Worker_Status
work_response(LV2_Handle instance, uint32_t size, const void* data)
{
  HrPlugin*        self    = (HrPlugin*)instance;
  HrRebuild* const rebuild = &self->audio.rebuild;
  if (size != sizeof(HrBuildResponse) || !data) {
    return LV2_WORKER_ERR_UNKNOWN;
  }
  HrBuildResponse response;
  memcpy(&response, data, sizeof(response));
  rebuild->pending = false;
  if (!response.engine) {
    rebuild->have_failed = true;
    rebuild->failed      = response.settings;
    return LV2_WORKER_SUCCESS;
  }
  rebuild->retired   = self->audio.engine;
  self->audio.engine = response.engine;
  hr_plugin_engine_changed(self);
  rebuild->have_failed = false;
  retire(self);
  return LV2_WORKER_SUCCESS;
}

const LV2_Worker_Interface hr_worker_interface = { work, work_response, NULL };
