/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "demo.h"
#include "core/hr_params.h"

#include <math.h>
#include <stdint.h>

/* Uniform in [0, 1) from a 64-bit LCG (Knuth's MMIX constants). */
static double
next_uniform(uint64_t* state)
{
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double)(*state >> 11) / 9007199254740992.0;
}

static double
gaussian(uint64_t* state)
{
  const double u1 = next_uniform(state) + 1e-300;
  const double u2 = next_uniform(state);
  return sqrt(-2.0 * log(u1)) * cos(2.0 * HR_PI * u2);
}

void
hr_demo_signal(double* samples)
{
  const double rate       = HR_DEMO_SAMPLE_RATE;
  const double seconds    = (double)HR_DEMO_FRAMES / rate;
  const double chirp_low  = 200.0;
  const double chirp_high = 12000.0;
  const double growth     = log(chirp_high / chirp_low) / seconds;
  uint64_t     noise      = 12345;
  for (size_t n = 0; n < HR_DEMO_FRAMES; ++n) {
    const double t    = (double)n / rate;
    const double tone = 0.2 * sin(2 * HR_PI * 440.0 * t) +
                        0.08 * sin(2 * HR_PI * 880.0 * t) +
                        0.05 * sin(2 * HR_PI * 1320.0 * t);
    /* Phase of 2000 + 150 sin(2 pi 6 t) Hz. */
    const double vibrato_phase =
      2 * HR_PI * 2000.0 * t - 150.0 / 6.0 * cos(2 * HR_PI * 6.0 * t);
    const double chirp_phase =
      2 * HR_PI * chirp_low * (exp(growth * t) - 1.0) / growth;
    samples[n] = tone + 0.15 * sin(vibrato_phase) + 0.12 * sin(chirp_phase) +
                 1e-5 * gaussian(&noise);
    if (n % (HR_DEMO_SAMPLE_RATE / 4) == HR_DEMO_SAMPLE_RATE / 8) {
      samples[n] += 0.8;
    }
  }
}
