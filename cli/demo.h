/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The built-in demo signal: a tone, a vibrato, a chirp and clicks. */

#ifndef HR_DEMO_H
#define HR_DEMO_H

#include <stddef.h>

/** Sample rate of the demo signal, Hz. */
#define HR_DEMO_SAMPLE_RATE 48000

/** Length of the demo signal, samples (3 s). */
#define HR_DEMO_FRAMES (3 * HR_DEMO_SAMPLE_RATE)

/** Fill `samples` (HR_DEMO_FRAMES values) with the demo signal: a 440 Hz
    tone with its 2nd and 3rd harmonics, a 2 kHz tone with 6 Hz vibrato
    of +-150 Hz, an exponential chirp 200 Hz -> 12 kHz, clicks every
    0.25 s, and faint seeded noise (-80 dB). */
void
hr_demo_signal(double* samples);

#endif /* HR_DEMO_H */
