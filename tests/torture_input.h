/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Hostile input for the torture test: audio signals (silence to NaN
   bursts) and control-port sequences full of garbage (unknown types,
   truncated objects, wrong sizes, huge sizes claimed, random bytes).
   Everything is deterministic from a seed. */

#ifndef HR_TORTURE_INPUT_H
#define HR_TORTURE_INPUT_H

#include "protocol/uris.h"

#include <lv2/atom/atom.h>

#include <stdbool.h>
#include <stdint.h>

/** A small deterministic random generator (xorshift32; never seed 0). */
uint32_t
hr_rand(uint32_t* state);

/** A uniform value in [0, n) (n > 0). */
uint32_t
hr_rand_below(uint32_t* state, uint32_t n);

/** The input signals. */
typedef enum {
  HR_SIG_SILENCE,  /**< zeros */
  HR_SIG_DC,       /**< 1.0 */
  HR_SIG_SQUARE,   /**< full scale, 1 kHz */
  HR_SIG_NOISE,    /**< white, uniform in [-1, 1) */
  HR_SIG_NAN,      /**< NaNs of several payloads and signs */
  HR_SIG_INF,      /**< +Inf, -Inf and FLT_MAX mixed */
  HR_SIG_DENORMAL, /**< a tone scaled into the denormals, and zeros */
  HR_SIG_ALT_NAN,  /**< blocks of NaN and blocks of a 1 kHz tone in turn */
  HR_SIG_COUNT,
} HrSignal;

/** Short name of a signal. */
const char*
hr_signal_name(HrSignal signal);

/** True for the signals after which the analysis must recover. */
bool
hr_signal_is_bad(HrSignal signal);

/** Fill `n` samples of `signal` starting at sample `t0` of the run, the
    `block`-th block, at `rate` Hz. */
void
hr_signal_fill(HrSignal  signal,
               float*    buf,
               uint32_t  n,
               uint64_t  t0,
               uint64_t  block,
               double    rate,
               uint32_t* rng);

/** Kinds of garbage on the control port. */
typedef enum {
  HR_GARBAGE_NONE,      /**< only valid messages */
  HR_GARBAGE_UNKNOWN,   /**< atoms and objects of unknown types */
  HR_GARBAGE_TRUNCATED, /**< objects and events cut short */
  HR_GARBAGE_SIZES,     /**< our messages with wrong types and sizes */
  HR_GARBAGE_HUGE,      /**< huge sizes claimed */
  HR_GARBAGE_RANDOM,    /**< random bytes as the sequence's events */
  HR_GARBAGE_COUNT,
} HrGarbage;

/** Short name of a kind of garbage. */
const char*
hr_garbage_name(HrGarbage garbage);

/** Write a sequence of `kind` garbage (for HR_GARBAGE_NONE: nothing) into
    `seq`, `capacity` bytes in all; the sequence never claims more than
    the buffer holds (a host's promise), its events may claim anything. */
void
hr_garbage_write(HrGarbage          kind,
                 LV2_Atom_Sequence* seq,
                 uint32_t           capacity,
                 const HrURIs*      uris,
                 uint32_t*          rng);

#endif /* HR_TORTURE_INPUT_H */
