/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A small lilv host for the plugin tests: one plugin instance with its
   own world (only the bundle under test loaded), URID map, options,
   log, a deterministic worker, buffers for every port (the notify
   buffer followed by guard bytes), presets; and PASS/FAIL reporting. */

#ifndef HR_LV2_HOST_H
#define HR_LV2_HOST_H

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** A host running one plugin instance (opaque). */
typedef struct HrHostImpl HrHost;

/** What the host offers. */
typedef struct {
  const char* plugin_uri;      /**< HR__mono or HR__stereo */
  double      rate;            /**< sample rate, Hz */
  uint32_t    max_block;       /**< audio buffer length, samples */
  uint32_t    notify_capacity; /**< bytes given to the notify port (>= 8) */
  bool        with_worker;     /**< offer work:schedule */
  const LV2_Feature* extra_feature; /**< one more feature; NULL: none */
} HrHostOptions;

/** Defaults: mono, 48 kHz, 8192 samples, 64 KiB notify, worker, no
    extra feature. */
HrHostOptions
hr_host_options_default(void);

/** The bundle under test: argv[1], else $HR_LV2_BUNDLE, else the build's
    (HR_TEST_BUNDLE). */
const char*
hr_host_bundle_path(int argc, char** argv);

/** Load the bundle and instantiate (not activate). NULL (and a message
    on stderr) if that fails. */
HrHost*
hr_host_new(const char* bundle_path, const HrHostOptions* options);

/** Deactivate if needed, free everything; NULL is fine. */
void
hr_host_free(HrHost* host);

/** The host's URID map. */
LV2_URID_Map*
hr_host_map(HrHost* host);

/** The sample rate the instance runs at. */
double
hr_host_rate(const HrHost* host);

/** Number of the plugin's ports. */
uint32_t
hr_host_n_ports(const HrHost* host);

/** Activate the instance. */
void
hr_host_activate(HrHost* host);

/** Deactivate the instance (if active). */
void
hr_host_deactivate(HrHost* host);

/** Free the instance (deactivating it, letting pending work finish) and
    instantiate the plugin again with the same features, its ports
    connected to the host's buffers and controls (their values kept).
    False (and no instance) if instantiation fails. */
bool
hr_host_reinstantiate(HrHost* host);

/** Connect port `index` to `data` as it is (NULL too: lilv does after
    instantiate); hr_host_reconnect() restores the host's buffers. */
void
hr_host_connect_raw(HrHost* host, uint32_t index, void* data);

/** Connect every port to the host's own buffers again. */
void
hr_host_reconnect(HrHost* host);

/** Set / get the value of control port `index` (input or output). */
void
hr_host_set_control(HrHost* host, uint32_t index, float value);
float
hr_host_get_control(const HrHost* host, uint32_t index);

/** The buffer of audio port `index` (max_block samples). */
float*
hr_host_audio(HrHost* host, uint32_t index);

/** Connect audio port `index` to `buffer` (NULL: the host's own). */
void
hr_host_connect_audio(HrHost* host, uint32_t index, float* buffer);

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

/** Do every scheduled work item (the worker thread's part). */
void
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

/** Log messages the plugin printed so far. */
uint32_t
hr_host_log_count(const HrHost* host);

/** True if nothing was written past the notify capacity so far. */
bool
hr_host_guard_intact(const HrHost* host);

/** Call `fn` for each event the last run wrote to notify (its atom);
    returns the number of events, or -1 if the sequence is malformed. */
int
hr_host_each_message(HrHost* host,
                     void (*fn)(void* data, const LV2_Atom* atom),
                     void* data);

/** Apply a preset the way hosts do (lilv_state_new_from_world +
    lilv_state_restore). False if it cannot be loaded. */
bool
hr_host_apply_preset(HrHost* host, const char* preset_uri);

/** The lilv world, plugin and instance. */
LilvWorld*
hr_host_world(HrHost* host);
const LilvPlugin*
hr_host_plugin(HrHost* host);
LilvInstance*
hr_host_instance(HrHost* host);

#endif /* HR_LV2_HOST_H */
