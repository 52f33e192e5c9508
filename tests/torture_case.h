/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* One case of the torture test: a plugin instance in the host, run
   with one choice along every dimension (plugin and channel mode, preset,
   block size, sample rate, notify capacity, control-port garbage, input
   signal, parameter mode), then, with 64 KiB of notify, a clean tone
   whose row must come out right. Every run is checked: audio passed bit
   for bit, notify never overrun and well formed (the protocol's checking
   readers: no NaN/Inf in any frame), outputs finite, nothing logged, and
   no allocation, lock, sleep or I/O inside the plugin's audio-thread
   calls (rt_interpose.h). */

#ifndef HR_TORTURE_CASE_H
#define HR_TORTURE_CASE_H

#include "host/host.h"
#include "tests/kit/rt_interpose.h"
#include "torture_input.h"

#include <stdbool.h>
#include <stdint.h>

/** The plugin and, for stereo, its channel mode. */
typedef enum {
  HR_PLUG_MONO,
  HR_PLUG_LEFT,  /**< stereo, analysing the left input */
  HR_PLUG_RIGHT, /**< stereo, the right input */
  HR_PLUG_SUM,   /**< stereo, (left + right) / 2 */
  HR_PLUG_BOTH,  /**< stereo, both inputs */
  HR_PLUG_COUNT,
} HrPlug;

/** What the input control ports get. */
typedef enum {
  HR_PARAMS_PRESET, /**< the preset's values */
  HR_PARAMS_MIN,    /**< every port at its minimum */
  HR_PARAMS_MAX,    /**< every port at its maximum */
  HR_PARAMS_BEYOND, /**< beyond the range: far out, +-Inf */
  HR_PARAMS_NAN,    /**< NaN everywhere */
  HR_PARAMS_STORM,  /**< all of those and more, changed every block */
  HR_PARAMS_COUNT,
} HrParamMode;

/** Number of presets. */
#define HR_N_PRESETS 5

/** One case. */
typedef struct {
  HrPlug      plug;
  int         preset;   /**< index, hr_preset_name() */
  uint32_t    block;    /**< samples per run; 0: random 1 .. 8192 */
  double      rate;     /**< Hz */
  uint32_t    capacity; /**< notify bytes */
  HrGarbage   garbage;
  HrSignal    signal;
  HrParamMode params;
  double      seconds;    /**< of the signal (at least three blocks) */
  uint32_t    seed;       /**< of everything random in the case */
  int         sweep_port; /**< -1, or a control port taken through its
                               extremes, a new value every 0.1 s */
  int n_set;              /**< controls set after the preset: */
  struct {
    int   port;
    float value;
  } set[4];
  const char* label; /**< what a regression case is about, or NULL */
} HrTortureCase;

/** What a case found. */
typedef struct {
  bool       ok;
  char       why[192]; /**< the first problem */
  double     wall;     /**< seconds it took */
  long       columns;  /**< columns received */
  int        configs;
  int        peak; /**< tone row found (-1: none), or -2: not checked */
  int        want; /**< tone row expected */
  float      drops;
  HrRtCounts rt; /**< inside the audio-thread calls */
} HrTortureResult;

/** Names for the table. */
const char*
hr_plug_name(HrPlug plug);
const char*
hr_params_name(HrParamMode mode);
const char*
hr_preset_name(int preset);

/** Set the input controls for `mode` (for HR_PARAMS_PRESET: nothing);
    `rng` picks storm values. The channel port is set only by storms. */
void
hr_torture_set_params(HrHost* host, HrParamMode mode, uint32_t* rng);

/** Run one case against the bundle. Thread-safe (hr_rt_* windows are per
    thread); reports nothing itself. */
void
hr_torture_run(const char*          bundle,
               const HrTortureCase* k,
               HrTortureResult*     result);

#endif /* HR_TORTURE_CASE_H */
