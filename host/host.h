/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The LV2 host over lilv, for `hyperres render --mode plugin`, the
   benchmarks and the plugin tests: one plugin instance with its own lilv
   world, URID map (urid_table.h), options, log, a worker, buffers for
   every port and presets.

   What the tests need is part of it: the notify buffer is followed by
   guard bytes, log messages are counted, the worker can be held, driven
   step by step or from a thread of the caller's (its queues are
   lock-free rings, ring.h), hooks run around the audio-thread calls, and
   ports can be connected to anything.

   One return convention: functions that can fail return true when done
   (false otherwise), or NULL; a message goes to `error` where there is
   one, else to stderr.

   Files: host.c (set-up, instance), host_ports.c (buffers, controls),
   host_run.c (running, messages), host_worker.c (the worker),
   host_preset.c (presets). */

#ifndef HR_HOST_H
#define HR_HOST_H

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/core/lv2.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** notify_capacity: what the plugin asks for. */
#define HR_HOST_NOTIFY_ASKED UINT32_MAX

/** A host running one plugin instance (opaque). */
typedef struct HrHostImpl HrHost;

/** What the host offers. */
typedef struct {
  const char* plugin_uri; /**< the plugin to load */
  double      rate;       /**< sample rate, Hz */
  uint32_t    max_block;  /**< longest run, samples (audio buffer length) */

  /** Bytes the notify port's header offers (the plugin may write this
      many), followed by guard bytes; HR_HOST_NOTIFY_ASKED: what the
      port's rsz:minimumSize asks, at least 4 MiB. */
  uint32_t notify_capacity;

  bool               with_worker;   /**< offer work:schedule */
  const LV2_Feature* extra_feature; /**< one more feature; NULL: none */
} HrHostOptions;

/** Defaults: hyperres mono, 48 kHz, 8192 samples, 64 KiB notify, worker,
    no extra feature. */
HrHostOptions
hr_host_options_default(void);

/** Load `plugin_uri` from `bundle_dir` (NULL: every bundle on LV2_PATH),
    check that the host offers every feature it requires, instantiate it
    (not activate) and connect every port to the host's buffers, controls
    at their defaults. NULL if that fails. */
HrHost*
hr_host_new(const char*          bundle_dir,
            const HrHostOptions* options,
            char*                error,
            size_t               error_size);

/** Deactivate if needed, let pending work finish, free everything; NULL
    is fine. */
void
hr_host_free(HrHost* host);

/** Free the instance (as hr_host_free does) and instantiate the plugin
    again with the same features, its ports connected to the host's
    buffers and controls (their values kept). False (and no instance) if
    instantiation fails. */
bool
hr_host_reinstantiate(HrHost* host);

/** Activate the instance. */
void
hr_host_activate(HrHost* host);

/** Deactivate the instance (if active). */
void
hr_host_deactivate(HrHost* host);

/** The host's URID map. */
LV2_URID_Map*
hr_host_map(HrHost* host);

/** The sample rate the instance runs at. */
double
hr_host_rate(const HrHost* host);

/** The lilv world, plugin and instance. */
LilvWorld*
hr_host_world(HrHost* host);
const LilvPlugin*
hr_host_plugin(HrHost* host);
LilvInstance*
hr_host_instance(HrHost* host);

/* Ports (host_ports.c) */

/** Number of the plugin's ports. */
uint32_t
hr_host_n_ports(const HrHost* host);

/** Set / get the value of control port `index` (input or output; 0 for
    a port that is not a control). */
void
hr_host_set_control(HrHost* host, uint32_t index, float value);
float
hr_host_get_control(const HrHost* host, uint32_t index);

/** Set the input control port `symbol` to `value`. False, with a
    message, when there is no such port or the value is outside the
    port's range (the range is named). */
bool
hr_host_set_control_by_symbol(HrHost*     host,
                              const char* symbol,
                              float       value,
                              char*       error,
                              size_t      error_size);

/** The value of control port `symbol` (input or output); NAN if none. */
float
hr_host_get_control_by_symbol(const HrHost* host, const char* symbol);

/** The buffer of audio port `index` (max_block samples); NULL if it is
    not an audio port. */
float*
hr_host_audio(HrHost* host, uint32_t index);

/** Connect audio port `index` to `buffer` (NULL: the host's own). */
void
hr_host_connect_audio(HrHost* host, uint32_t index, float* buffer);

/** Connect port `index` to `data` as it is (NULL too: lilv does after
    instantiate); hr_host_reconnect() restores the host's buffers. */
void
hr_host_connect_raw(HrHost* host, uint32_t index, void* data);

/** Connect every port to the host's own buffers again. */
void
hr_host_reconnect(HrHost* host);

/* Running (host_run.c) */

/** Queue an atom for the control port's next run. False if full. */
bool
hr_host_send(HrHost* host, const LV2_Atom* atom);

/** The control port's buffer, `*capacity` bytes, to write a raw (even
    malformed) sequence into for the next run; after each run the host
    empties it again (size 0, type atom:Sequence). */
LV2_Atom_Sequence*
hr_host_control_buffer(HrHost* host, uint32_t* capacity);

/** Run `n_samples` (<= max_block): reset notify, run, then (unless the
    worker is held) do the work scheduled and deliver its responses. */
void
hr_host_run(HrHost* host, uint32_t n_samples);

/** hr_host_run() on the caller's audio buffers: the plugin's audio inputs
    read in[0], in[1] … and its outputs write out[0], out[1] …, in port
    order; the host's own buffers are connected again afterwards. */
void
hr_host_run_buffers(HrHost*             host,
                    const float* const* in,
                    float* const*       out,
                    uint32_t            n_samples);

/** Only the plugin's run() (no worker). */
void
hr_host_run_plugin(HrHost* host, uint32_t n_samples);

/** Call `before` and `after` right around the plugin's audio-thread
    calls (run, work_response, end_run); NULL to stop. */
void
hr_host_set_hooks(HrHost* host,
                  void (*before)(void* data),
                  void (*after)(void* data),
                  void* data);

/** The sequence the last run wrote to notify. */
const LV2_Atom_Sequence*
hr_host_notify(const HrHost* host);

/** Call `fn` (if not NULL) for each event the last run wrote to notify
    (its atom); returns the number of events, or -1 if the sequence is
    malformed. */
int
hr_host_each_message(HrHost* host,
                     void (*fn)(void* data, const LV2_Atom* atom),
                     void* data);

/** True if nothing was written past the notify capacity so far. */
bool
hr_host_guard_intact(const HrHost* host);

/** Log messages the plugin printed so far. */
uint32_t
hr_host_log_count(const HrHost* host);

/* The worker (host_worker.c) */

/** Do every scheduled work item (the worker thread's part; any one
    thread may call it while another runs the plugin); returns how many
    were done. */
uint32_t
hr_host_do_work(HrHost* host);

/** Deliver every response and call end_run (the audio thread's part). */
void
hr_host_deliver_responses(HrHost* host);

/** Hold the worker (hr_host_run does no work) or let it go. */
void
hr_host_hold_worker(HrHost* host, bool hold);

/** Requests the plugin scheduled so far. */
uint32_t
hr_host_work_requests(const HrHost* host);

/* Presets (host_preset.c) */

/** Apply the plugin's preset whose URI, or label (case-insensitive), is
    `name`, the way hosts do (lilv_state_new_from_world +
    lilv_state_restore). False, with a message listing the presets, if
    there is none or it cannot be loaded. */
bool
hr_host_apply_preset(HrHost*     host,
                     const char* name,
                     char*       error,
                     size_t      error_size);

#endif /* HR_HOST_H */
