/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "signals.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SIGNAL_PI 3.14159265358979323846
#define DITHER 1e-4

/* What a generator works with. */
typedef struct {
  double    rate;
  HrTestRng rng;
} Gen;

typedef void (*MakeFunc)(double* x, size_t n, Gen* gen);

uint64_t
hr_test_rng_next(HrTestRng* rng)
{
  rng->state ^= rng->state >> 12;
  rng->state ^= rng->state << 25;
  rng->state ^= rng->state >> 27;
  return rng->state * 2685821657736338717ULL;
}

static double
rng_uniform(HrTestRng* rng)
{
  return (double)(hr_test_rng_next(rng) >> 11) * (1.0 / 9007199254740992.0);
}

double
hr_test_rng_gauss(HrTestRng* rng)
{
  const double u = rng_uniform(rng);
  const double v = rng_uniform(rng);
  return sqrt(-2.0 * log(u > 1e-300 ? u : 1e-300)) * cos(2.0 * SIGNAL_PI * v);
}

/* Raised-cosine fade over `ramp` seconds at both ends. */
static double
fade(double t, double duration, double ramp)
{
  if (t < ramp) {
    return 0.5 - 0.5 * cos(SIGNAL_PI * t / ramp);
  }
  if (duration - t < ramp) {
    return 0.5 - 0.5 * cos(SIGNAL_PI * (duration - t) / ramp);
  }
  return 1.0;
}

static double
am_tone(double t, double amp, double hz, double am_hz, double phase)
{
  return amp * (1.0 + 0.2 * sin(2.0 * SIGNAL_PI * am_hz * t + phase)) *
         sin(2.0 * SIGNAL_PI * hz * t + phase);
}

/* A constant tone has Im(mu) = 0, so its points land on whole samples
   and round-off alone would decide on which side of a column edge: the
   tones are slowly amplitude-modulated. */
static void
make_tones(double* x, size_t n, Gen* gen)
{
  for (size_t i = 0; i < n; ++i) {
    const double t = (double)i / gen->rate;
    x[i]           = am_tone(t, 0.5, 440.0, 0.9, 0.0) +
           am_tone(t, 0.25, 1250.0, 1.3, 1.0) +
           am_tone(t, 0.12, 5000.0, 0.7, 2.0);
  }
}

static void
make_two_tones(double* x, size_t n, Gen* gen)
{
  for (size_t i = 0; i < n; ++i) {
    const double t = (double)i / gen->rate;
    x[i]           = 0.3 * sin(2.0 * SIGNAL_PI * 1000.0 * t) +
           0.3 * sin(2.0 * SIGNAL_PI * 1200.0 * t + 0.5);
  }
}

static void
make_vibrato(double* x, size_t n, Gen* gen)
{
  double phase = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double t  = (double)i / gen->rate;
    const double hz = 880.0 + 30.0 * sin(2.0 * SIGNAL_PI * 5.5 * t);
    phase += 2.0 * SIGNAL_PI * hz / gen->rate;
    x[i] = 0.5 * sin(phase);
  }
}

static void
make_chirp(double* x, size_t n, Gen* gen)
{
  const double duration = (double)n / gen->rate;
  double       phase    = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double t = (double)i / gen->rate;
    phase += 2.0 * SIGNAL_PI * 100.0 * pow(120.0, t / duration) / gen->rate;
    x[i] = 0.5 * sin(phase);
  }
}

static void
make_clicks(double* x, size_t n, Gen* gen)
{
  const size_t period = (size_t)(0.0125 * gen->rate);
  memset(x, 0, n * sizeof(double));
  for (size_t i = period / 2; i < n; i += period) {
    x[i] = 1.0;
  }
}

static void
make_tone_clicks(double* x, size_t n, Gen* gen)
{
  const size_t period = (size_t)(0.05 * gen->rate);
  for (size_t i = 0; i < n; ++i) {
    x[i] = 0.3 * sin(2.0 * SIGNAL_PI * 660.0 * (double)i / gen->rate) +
           (i % period == period / 2 ? 1.0 : 0.0);
  }
}

/* Two-pole resonator state. */
typedef struct {
  double y1;
  double y2;
} Resonator;

static double
resonate(Resonator* res, double in, double hz, double bandwidth, double rate)
{
  const double radius = exp(-SIGNAL_PI * bandwidth / rate);
  const double feed   = 2.0 * radius * cos(2.0 * SIGNAL_PI * hz / rate);
  const double out =
    in * (1.0 - radius) + feed * res->y1 - radius * radius * res->y2;
  res->y2 = res->y1;
  res->y1 = out;
  return out;
}

/* Formant k at time t: vowels a, i, u for 0.3 s each, gliding into the
   next over the last 60 ms. */
static double
formant(double t, int k)
{
  static const double vowels[3][3] = { { 700, 1220, 2600 },
                                       { 270, 2290, 3010 },
                                       { 300, 870, 2240 } };
  const double        position     = t / 0.3;
  const int           vowel        = (int)position % 3;
  const double        frac         = position - floor(position);
  const double        glide        = frac < 0.8 ? 0.0 : (frac - 0.8) / 0.2;
  return (1.0 - glide) * vowels[vowel][k] + glide * vowels[(vowel + 1) % 3][k];
}

/* Glottal pulses (100-140 Hz) through three gliding formants, a 4 Hz
   syllable envelope, bursts of fricative hiss. */
static void
make_speech(double* x, size_t n, Gen* gen)
{
  Resonator    res[3]     = { { 0, 0 }, { 0, 0 }, { 0, 0 } };
  const double duration   = (double)n / gen->rate;
  double       phase      = 0.0;
  double       last_noise = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const double t = (double)i / gen->rate;
    phase += (120.0 + 20.0 * sin(2.0 * SIGNAL_PI * 0.7 * t)) / gen->rate;
    const double pulse = phase >= 1.0 ? 8.0 : 0.0;
    phase -= phase >= 1.0 ? 1.0 : 0.0;
    double voice = 0.0;
    for (int k = 0; k < 3; ++k) {
      voice +=
        resonate(&res[k], pulse, formant(t, k), 80.0 + 40.0 * k, gen->rate) /
        (k + 1);
    }
    const double envelope = 0.55 + 0.45 * sin(2.0 * SIGNAL_PI * 4.0 * t);
    const double noise    = hr_test_rng_gauss(&gen->rng);
    const double hiss = fmod(t, 0.9) > 0.75 ? 0.04 * (noise - last_noise) : 0;
    last_noise        = noise;
    x[i] = (0.4 * voice * envelope + hiss) * fade(t, duration, 0.05);
  }
}

static void
make_noise(double* x, size_t n, Gen* gen)
{
  const double duration = (double)n / gen->rate;
  for (size_t i = 0; i < n; ++i) {
    x[i] = 0.3 * hr_test_rng_gauss(&gen->rng) *
           fade((double)i / gen->rate, duration, 0.5);
  }
}

static const struct {
  const char* name;
  MakeFunc    make;
  int         single_ridge;
} table[HR_TEST_N_SIGNALS] = {
  { "tones", make_tones, 1 },     { "two_tones", make_two_tones, 0 },
  { "vibrato", make_vibrato, 1 }, { "chirp", make_chirp, 1 },
  { "clicks", make_clicks, 0 },   { "tone_clicks", make_tone_clicks, 0 },
  { "speech", make_speech, 0 },   { "noise", make_noise, 0 },
};

const char*
hr_test_signal_name(HrTestSignal signal)
{
  return signal < HR_TEST_N_SIGNALS ? table[signal].name : "?";
}

int
hr_test_signal_single_ridge(HrTestSignal signal)
{
  return signal < HR_TEST_N_SIGNALS && table[signal].single_ridge;
}

double*
hr_test_signal_make(HrTestSignal signal, size_t n, double rate, uint64_t seed)
{
  double* x   = malloc((n ? n : 1) * sizeof(double));
  Gen     gen = { rate, { seed ? seed : 1 } };
  if (!x || signal >= HR_TEST_N_SIGNALS) {
    free(x);
    return NULL;
  }
  table[signal].make(x, n, &gen);
  for (size_t i = 0; i < n; ++i) {
    x[i] += DITHER * hr_test_rng_gauss(&gen.rng);
  }
  return x;
}
