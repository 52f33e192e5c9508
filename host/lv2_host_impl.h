/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The test host's insides, shared by lv2_host.c (set-up, ports, presets)
   and lv2_host_run.c (running, worker, notify). */

#ifndef HR_LV2_HOST_IMPL_H
#define HR_LV2_HOST_IMPL_H

#include "lv2_host.h"
#include "urid_table.h"

#include <lilv/lilv.h>
#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>

#include <stdbool.h>
#include <stdint.h>

#define MAX_PORTS 32
#define GUARD_BYTES 256
#define GUARD_VALUE 0xA5
#define CONTROL_CAPACITY 8192
#define WORK_SLOTS 16
#define WORK_SLOT_BYTES 512

/* A fixed ring of work requests or responses: no allocation on the
   audio thread. */
typedef struct {
  uint32_t size[WORK_SLOTS];
  uint8_t  data[WORK_SLOTS][WORK_SLOT_BYTES];
  uint32_t head;
  uint32_t count;
} WorkRing;

struct HrHostImpl {
  LilvWorld*                  world;
  const LilvPlugin*           plugin;
  LilvInstance*               instance;
  const LV2_Worker_Interface* worker;
  HrHostOptions               options;
  bool                        active;
  bool                        hold_worker;

  HrUridTable    urids;
  LV2_URID_Map   map;
  LV2_URID_Unmap unmap;

  LV2_Worker_Schedule schedule;
  LV2_Log_Log         log;
  LV2_Options_Option  opts[5];
  int32_t             min_block;
  int32_t             max_block;
  int32_t             seq_size;
  float               rate;
  LV2_Feature         f_map, f_unmap, f_schedule, f_log, f_options, f_bounded;
  const LV2_Feature*  features[8];

  uint32_t           n_ports;
  float              controls[MAX_PORTS];
  float*             audio[MAX_PORTS];
  LV2_Atom_Sequence* control;
  uint8_t*           notify;       /* notify_bytes + GUARD_BYTES */
  uint32_t           notify_bytes; /* max(capacity, header) */

  void (*before)(void* data);
  void (*after)(void* data);
  void* hook_data;

  WorkRing requests;
  WorkRing responses;
  uint32_t n_requests;
  uint32_t n_logs;
};

/** work:schedule's function: queue a request (no allocation). */
LV2_Worker_Status
hr_host_schedule_work(LV2_Worker_Schedule_Handle handle,
                      uint32_t                   size,
                      const void*                data);

#endif /* HR_LV2_HOST_IMPL_H */
