/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The plugin instance, shared by the files of the plugin: hyperres.c
   (descriptor, run), worker.c (rebuilds), messages.c (control and
   notify ports), state.c (UI settings). */

#ifndef HR_PLUGIN_H
#define HR_PLUGIN_H

#include "column_queue.h"
#include "engine.h"
#include "protocol/inline_display_lv2.h"
#include "inline_picture.h"
#include "protocol/ports.h"
#include "protocol/protocol.h"
#include "settings.h"
#include "thumbnail.h"
#include "transport.h"
#include "protocol/uris.h"

#include <lv2/atom/atom.h>
#include <lv2/atom/forge.h>
#include <lv2/core/lv2.h>
#include <lv2/log/logger.h>
#include <lv2/state/state.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>

#include <stdbool.h>
#include <stdint.h>

/** Columns and cells each channel's queue holds. */
#define HR_QUEUE_COLUMNS 4096
#define HR_QUEUE_CELLS 65536

/** Seconds of columns a queue keeps at most: older ones are stale for a
    live picture and are dropped (counted). */
#define HR_QUEUE_SECONDS 1.0

/** Messages per second, at most, per channel. */
#define HR_MESSAGE_RATE 30

/* The instance is split by the thread that owns each part, so that a
   reference to another thread's state stands out (as jalv's JalvProcess
   does):

   - HrAudio: the audio thread's. run() and the callbacks LV2 puts in its
     threading class (connect_port, work_response) use it freely;
     instantiate, activate, restore and cleanup (the instantiation class,
     never concurrent with run) may set it up.
   - HrGui: the GUI thread's, the one that calls the inline display's
     render() (and cleanup, which frees it).
   - HrShared: read or written by more than one thread; how, is said once
     at each field.
   - The worker thread owns no field: it reads only what is fixed at
     instantiate (rate, logger), and an engine it builds or frees is its
     own while it travels in a worker message (worker.c). The audio
     thread's side of that exchange is HrAudio's `rebuild`.

   What is fixed at instantiate (host features, URIDs, rate) stays in
   HrPlugin itself: any thread reads it. */

/** Ports, by HrPortIndex (connect_port, run); lilv may connect any to
    NULL. */
typedef struct {
  const float*             controls[HR_N_PORTS_STEREO];
  float*                   outputs[HR_N_PORTS_STEREO];
  const float*             in[2];
  float*                   out[2];
  const LV2_Atom_Sequence* control;
  LV2_Atom_Sequence*       notify;
} HrPorts;

/** The audio thread's side of the rebuilds (worker.c). */
typedef struct {
  HrEngine*  retired;     /* replaced, not yet sent to be freed */
  bool       pending;     /* a rebuild is with the worker */
  bool       have_failed; /* `failed` holds settings that did not build */
  HrSettings failed;
} HrRebuild;

/** The link to a UI (messages.c): what is due, the columns waiting, the
    notify sequence being written. */
typedef struct {
  bool           ui_active;
  bool           config_pending;   /* send Config when there is room */
  bool           ui_state_pending; /* send UIState when there is room */
  bool           config_sent;      /* the UI has the current Config */
  uint32_t       send_interval;    /* samples between Columns */
  uint32_t       since_send;
  HrColumnQueue* queues[HR_MAX_STREAMS]; /* by the engine's stream */
  uint32_t       queue_limit; /* columns a queue keeps: HR_QUEUE_SECONDS */
  uint32_t       drops_pending[HR_MAX_STREAMS];
  double         drops_total;
  int32_t*       msg_counts; /* one message, laid out for the writer */
  int32_t*       msg_rows;
  float*         msg_energies;
  float*         msg_hits;
  LV2_Atom_Forge forge;
  LV2_Atom_Forge_Frame notify_frame;
  bool                 notify_open; /* a sequence is being written */
} HrUILink;

/** CPU load, averaged over a send interval. */
typedef struct {
  double   busy_seconds;
  uint32_t busy_samples;
  float    percent;
} HrLoad;

/** The inline display's audio side (inline_display.c): when to ask for
    a render, and whether the host draws it. */
typedef struct {
  uint32_t since_draw;    /* samples since queue_draw */
  int64_t  drawn;         /* columns published at queue_draw */
  uint32_t renders_seen;  /* HrShared's `renders` at the last look */
  uint32_t since_render;  /* samples since one */
  bool     display_shown; /* render() was called */
} HrInlineClock;

/** What the audio thread owns. */
typedef struct {
  HrPorts       ports;
  HrEngine*     engine;      /* NULL until one could be made */
  HrRebuild     rebuild;     /* the worker's exchange */
  bool          analysing;   /* the streams were fed in the last run */
  int64_t       column_base; /* column number of the engine's column 0 */
  int64_t       next_column; /* one past the highest column number made */
  float         scratch[HR_N_CHANNELS][HR_CHUNK]; /* by HrChannel */
  HrUILink      link;
  HrLoad        load;
  HrInlineClock display;
  HrTransport   transport; /* the host's (transport.c) */
} HrAudio;

/** What the GUI thread owns (the inline display's render()). */
typedef struct {
  HrInlinePicture* picture; /* made at the first render() */
} HrGui;

/** What more than one thread touches, each with how. */
typedef struct {
  /* Lock-free ring, one producer and one consumer (thumbnail.h): run(),
     work_response() and activate() add columns, render() copies them.
     The pointer is fixed at instantiate. */
  HrThumbnail* thumb;

  /* Atomic counter (relaxed): render() adds one per call, run() reads it
     to know the display is shown. */
  uint32_t renders;

  /* Seqlock (state.c): run() and restore() write under the sequence
     count (odd while writing), save(), render() and run() copy until
     they read the same even count before and after. */
  HrUISettings ui_settings;
  uint32_t     ui_settings_seq;
} HrShared;

/** One instance of the mono or the stereo plugin. */
typedef struct {
  /* Fixed at instantiate: host features, URIDs, rate (any thread) */
  LV2_URID_Map*                 map;
  LV2_Log_Logger                logger;
  LV2_Worker_Schedule*          schedule;
  const HrInlineDisplayFeature* queue_draw; /* NULL: not offered */
  HrURIs                        uris;
  double                        rate;
  bool                          stereo;
  uint32_t                      n_channels; /* audio channels: 1 or 2 */

  HrAudio  audio;
  HrGui    gui;
  HrShared shared;
} HrPlugin;

/* worker.c */

/** The worker interface (extension_data). */
extern const LV2_Worker_Interface hr_worker_interface;

/** Ask the worker for an engine matching the control ports, unless one
    is on its way or these settings failed before. */
HR_REALTIME void
hr_plugin_check_settings(HrPlugin* self);

/** Make an engine now (instantiate, activate): frees the old one. */
void
hr_plugin_build_now(HrPlugin* self);

/** Start a new engine's column numbering and clear what the old one
    left in the queues. */
HR_REALTIME void
hr_plugin_engine_changed(HrPlugin* self);

/* messages.c */

/** Open the notify sequence, sized by the capacity the host gave. */
HR_REALTIME void
hr_messages_begin(HrPlugin* self);

/** Act on the events of the control port. */
HR_REALTIME void
hr_messages_read(HrPlugin* self);

/** Queue column `number` of the engine's stream `stream` for a UI, if one
 * listens. */
HR_REALTIME void
hr_messages_queue_column(HrPlugin*       self,
                         uint32_t        stream,
                         int64_t         number,
                         const HrColumn* column);

/** Write what is due (Config, UIState, Columns) and close the sequence;
    `n_samples` have passed. */
HR_REALTIME void
hr_messages_end(HrPlugin* self, uint32_t n_samples);

/* inline_display.c */

/** The inline-display interface (extension_data). */
extern const HrInlineDisplayInterface hr_inline_display_interface;

/** Columns from the current engine (NULL too) start at column_base. */
HR_REALTIME void
hr_inline_restart(HrPlugin* self);

/** True while the host draws the inline display (render() called in the
    last seconds); call once per run with its length. */
HR_REALTIME bool
hr_inline_shown(HrPlugin* self, uint32_t n_samples);

/** Publish the columns this run finished; ask for a render when new
    columns came and the last ask is long enough ago. */
HR_REALTIME void
hr_inline_end_run(HrPlugin* self, uint32_t n_samples);

/** Free what render() made (cleanup). */
void
hr_inline_free(HrPlugin* self);

/* state.c */

/** The state interface (extension_data). */
extern const LV2_State_Interface hr_state_interface;

/** Store new UI settings (run). */
HR_REALTIME void
hr_plugin_set_ui_settings(HrPlugin* self, const HrUISettings* settings);

/** A consistent copy of the UI settings (any thread). */
HrUISettings
hr_plugin_get_ui_settings(HrPlugin* self);

#endif /* HR_PLUGIN_H */
