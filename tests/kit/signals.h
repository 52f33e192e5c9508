/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Seeded test signals for the streaming tests (tones, close tones,
   vibrato, chirp, clicks, tone + clicks, speech-like, faded noise), each
   with white noise at -80 dBFS added: on digitally perfect signals the
   exact core's count histogram is dominated, far from the signal, by its
   own double-precision round-off, which no other implementation
   reproduces. */

#ifndef HR_TEST_SIGNALS_H
#define HR_TEST_SIGNALS_H

#include <stddef.h>
#include <stdint.h>

/** The signals. */
typedef enum {
  HR_TEST_TONES = 0,   /**< 440, 1250, 5000 Hz, slow 20 % AM */
  HR_TEST_TWO_TONES,   /**< 1000 and 1200 Hz: beat inside filters */
  HR_TEST_VIBRATO,     /**< 880 Hz +- 30 Hz at 5.5 Hz */
  HR_TEST_CHIRP,       /**< exponential, 100 Hz up 120 times */
  HR_TEST_CLICKS,      /**< unit impulses every 12.5 ms */
  HR_TEST_TONE_CLICKS, /**< 660 Hz and impulses every 50 ms */
  HR_TEST_SPEECH,      /**< pulses through gliding formants, hiss */
  HR_TEST_NOISE,       /**< white, faded in and out over 0.5 s */
  HR_TEST_N_SIGNALS
} HrTestSignal;

/** A small xorshift generator. */
typedef struct {
  uint64_t state; /**< any value but 0 */
} HrTestRng;

/** Next 64 random bits. */
uint64_t
hr_test_rng_next(HrTestRng* rng);

/** A standard normal value. */
double
hr_test_rng_gauss(HrTestRng* rng);

/** Short name of `signal`. */
const char*
hr_test_signal_name(HrTestSignal signal);

/** Nonzero if `signal` is one tonal ridge (its ridge error is checked). */
int
hr_test_signal_single_ridge(HrTestSignal signal);

/** `n` samples of `signal` at `rate` Hz from `seed` (malloc'd; NULL if
    out of memory). */
double*
hr_test_signal_make(HrTestSignal signal, size_t n, double rate, uint64_t seed);

#endif /* HR_TEST_SIGNALS_H */
