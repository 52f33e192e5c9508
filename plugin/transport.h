/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The host's transport as the plugin follows it: time:Position objects on
   the control port (frame, speed, and bar, beat and tempo where given)
   and, between them, the frame advancing by the samples run times the
   speed. A short history of where the transport jumped lets a column,
   finished `latency` samples after the audio it describes, learn the
   transport frame of that audio whatever the block sizes were. All of it
   real-time safe: fixed arrays, no allocation. */

#ifndef HR_TRANSPORT_H
#define HR_TRANSPORT_H

#include "core/hr_realtime.h"

#include <lv2/atom/atom.h>
#include <lv2/urid/urid.h>

#include <stdbool.h>
#include <stdint.h>

/** Changes of the transport remembered: positions that only confirm
    the running transport are not changes, so this covers far more than
    any latency. */
#define HR_TRANSPORT_SEGMENTS 256

/** Event times from this many samples on are taken as 0 (no block is
    that long). */
#define HR_TRANSPORT_MAX_OFFSET (1u << 20)

/** Most columns of one Columns message whose frames `message` holds. */
#define HR_TRANSPORT_MESSAGE_COLUMNS 4096

/** From plugin sample `clock` on, the transport is at `frame` and moves
    by `speed` frames per sample (0: stopped). */
typedef struct {
  int64_t clock;
  double  frame;
  double  speed;
} HrTransportSegment;

/** The host's tempo grid: bars and beats at any transport frame. */
typedef struct {
  double bpm;           /**< beats per minute; 0: no tempo given */
  double beats_per_bar; /**< beats per bar */
  double origin;        /**< transport frame of bar 0, beat 0 (LV2 counts
                             bars and beats from 0) */
} HrTempo;

/** URIDs of the time: vocabulary and the atom types its values take. */
typedef struct {
  LV2_URID atom_Object;
  LV2_URID atom_Blank;
  LV2_URID atom_Int;
  LV2_URID atom_Long;
  LV2_URID atom_Float;
  LV2_URID atom_Double;
  LV2_URID time_Position;
  LV2_URID time_frame;
  LV2_URID time_speed;
  LV2_URID time_bar;
  LV2_URID time_barBeat;
  LV2_URID time_beatsPerBar;
  LV2_URID time_beatsPerMinute;
} HrTransportURIs;

/** The transport state of one plugin instance. */
typedef struct {
  HrTransportURIs    uris;
  double             rate;   /**< samples per second */
  int64_t            clock;  /**< samples run so far */
  int64_t            origin; /**< clock of the analysis' sample 0 */
  uint32_t           head;   /**< oldest segment */
  uint32_t           count;  /**< segments kept; 0: no position yet */
  HrTransportSegment segments[HR_TRANSPORT_SEGMENTS];
  HrTempo            tempo;
  double             message[HR_TRANSPORT_MESSAGE_COLUMNS]; /**< one
                       message's frames, laid out for the writer */
} HrTransport;

/** Start with no position known (instantiate). */
void
hr_transport_init(HrTransport* transport, LV2_URID_Map* map, double rate);

/** If `atom` is a time:Position, take it as the transport from sample
    `offset` of the current run on and return true; else false. The
    atom's `size` bytes of body must be readable (its properties are
    checked). */
HR_REALTIME bool
hr_transport_read(HrTransport*    transport,
                  const LV2_Atom* atom,
                  uint32_t        offset);

/** The analysis starts again with the next sample of this run (the
    stream's sample 0 is at `offset` in it). */
HR_REALTIME void
hr_transport_restart(HrTransport* transport, uint32_t offset);

/** `n_samples` were run (call at the end of each run). */
HR_REALTIME void
hr_transport_end_run(HrTransport* transport, uint32_t n_samples);

/** The transport frame at the start of analysis column `index` (its span:
    `column_samples` samples from stream sample index * column_samples,
    read at its centre), or NAN when no position was known then or the
    transport was stopped. */
HR_REALTIME double
hr_transport_column_frame(const HrTransport* transport,
                          int64_t            index,
                          int                column_samples);

#endif /* HR_TRANSPORT_H */
