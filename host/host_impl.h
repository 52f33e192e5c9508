/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The host's insides, shared by its files (host.h lists them). */

#ifndef HR_HOST_IMPL_H
#define HR_HOST_IMPL_H

#include "host/host.h"
#include "host/message_ring.h"
#include "host/urid_table.h"

#include <lilv/lilv.h>
#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Bytes after the notify buffer that the plugin must never touch. */
#define HR_HOST_GUARD_BYTES 256
#define HR_HOST_GUARD_VALUE 0xA5

/** Bytes of the control port's buffer. */
#define HR_HOST_CONTROL_CAPACITY 8192

/** Notify bytes when the options leave it to the plugin, at least. */
#define HR_HOST_NOTIFY_MIN_CAPACITY (4U << 20)

/** Work requests (and responses) waiting at most, and their size. */
#define HR_HOST_WORK_SLOTS 16
#define HR_HOST_WORK_SLOT_BYTES 4096

struct HrHostImpl {
  LilvWorld*                  world;
  const LilvPlugin*           plugin;
  LilvInstance*               instance;
  const LV2_Worker_Interface* worker;
  HrHostOptions               options;
  bool                        active;

  /* Features */
  HrUridTable         urids;
  LV2_URID_Map        map;
  LV2_URID_Unmap      unmap;
  LV2_Worker_Schedule schedule;
  LV2_Log_Log         log;
  LV2_Options_Option  opts[5];
  int32_t             min_block;
  int32_t             max_block;
  int32_t             sequence_size;
  float               rate;
  LV2_Feature         f_map, f_unmap, f_schedule, f_log, f_options, f_bounded;
  const LV2_Feature*  features[8];

  /* Ports (host_ports.c) */
  uint32_t           n_ports;
  float*             controls;  /* by port; used by control ports */
  float**            audio;     /* by port; NULL but for audio ports */
  uint32_t*          audio_in;  /* indices of the audio inputs */
  uint32_t*          audio_out; /* indices of the audio outputs */
  uint32_t           n_audio_in;
  uint32_t           n_audio_out;
  uint32_t           control_port; /* UINT32_MAX: none */
  uint32_t           notify_port;  /* UINT32_MAX: none */
  LV2_Atom_Sequence* control;      /* HR_HOST_CONTROL_CAPACITY bytes */
  uint8_t*           notify;       /* notify_bytes + HR_HOST_GUARD_BYTES */
  uint32_t           notify_bytes; /* max(capacity, header) */

  /* Hooks around the audio-thread calls (host_run.c) */
  void (*before)(void* data);
  void (*after)(void* data);
  void* hook_data;

  /* The worker (host_worker.c) */
  HrMessageRing* requests;  /* audio thread -> worker */
  HrMessageRing* responses; /* worker -> audio thread */
  bool           hold_worker;
  uint32_t       n_requests; /* audio thread */
  uint32_t       n_logs;
};

/** Mapped `uri` (host.c). */
LV2_URID
hr_host_urid(HrHost* host, const char* uri);

/** Say why something failed: into `error` (`error_size` bytes), or on
    stderr without one (host.c). */
void
hr_host_fail(char* error, size_t error_size, const char* format, ...)
  __attribute__((format(printf, 3, 4)));

/** Make the port buffers (first time) and connect every port, controls
    at their defaults the first time (`first`), else kept (host_ports.c). */
bool
hr_host_connect_ports(HrHost* host, bool first);

/** Free the port buffers (host_ports.c). */
void
hr_host_free_ports(HrHost* host);

/** work:schedule's function (host_worker.c). */
LV2_Worker_Status
hr_host_schedule_work(LV2_Worker_Schedule_Handle handle,
                      uint32_t                   size,
                      const void*                data);

#endif /* HR_HOST_IMPL_H */
