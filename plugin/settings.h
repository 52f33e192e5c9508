/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The input control ports' checked values (ranges and defaults from
   protocol/controls.h), and the analyser they ask for at a rate. */

#ifndef HR_SETTINGS_H
#define HR_SETTINGS_H

#include "core/hr_consensus.h"
#include "core/hr_stream.h"
#include "protocol/controls.h"
#include "protocol/ports.h"

#include <stdbool.h>

/** Largest block the analyser gets: run() feeds it in pieces. */
#define HR_CHUNK 512

/** Sample rates the plugin accepts, Hz. */
#define HR_MIN_RATE 8000.0
#define HR_MAX_RATE 384000.0

/** What the input control ports ask for, checked. */
typedef struct {
  double q;               /**< filter quality */
  double time_step_ms;    /**< ms per column */
  int    rows_per_octave; /**< noct */
  int    over;            /**< filters per row */
  double fmin_hz;         /**< lowest frequency */
  double fmax_hz;         /**< highest frequency */
  double lint;            /**< reassignment limit */
  int    bandwidths;      /**< 1: q alone; n: consensus over q .. 2^(n-1) q */
  int    channel_mode;    /**< HrChannelMode; the mono plugin: LEFT */
} HrSettings;

/** The value of control port `index` read from `port`: the default if
    `port` is NULL or not finite, else clamped to the range (and rounded
    for integer ports). */
HR_REALTIME float
hr_control_value(HrPortIndex index, const float* port);

/** Settings from the control ports (`ports[index]`, NULL = default). */
HR_REALTIME HrSettings
hr_settings_read(const float* const* ports, bool stereo);

/** True if both ask for the same analyser. */
HR_REALTIME bool
hr_settings_equal(const HrSettings* a, const HrSettings* b);

/** The analyser `settings` ask for at `rate` Hz: fmax at most rate/2,
    fmin at most fmax/2, tdeci = round(ms * rate / 1000) >= 1. */
HrStreamConfig
hr_settings_stream_config(const HrSettings* settings, double rate);

/** The q ladder `settings` ask for: q, 2q, ... (`bandwidths` values). */
HrLadder
hr_settings_ladder(const HrSettings* settings);

#endif /* HR_SETTINGS_H */
