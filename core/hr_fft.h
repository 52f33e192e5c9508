/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* FFTW's planner is not thread-safe, and in a DAW it is shared: every
   plugin in the process that uses FFTW (x42, LSP, ...) plans with the
   same libfftw3f from its own threads. A lock of our own cannot
   serialise their planner calls with ours; FFTW's process-wide planner
   lock (fftw_make_planner_thread_safe, FFTW >= 3.3.5) can, for every
   caller. hr_fft_lock() turns it on for both precisions before the
   first plan (and the library's constructor turns it on when hyperres
   is loaded, before anything of ours can plan), then takes our own
   lock as well, which keeps hyperres' plans in one order. */

#ifndef HR_FFT_H
#define HR_FFT_H

#include <stddef.h>

/** Make FFTW's planner thread-safe, once per process (idempotent,
    thread-safe; hr_fft_lock() calls it). */
void
hr_fft_make_thread_safe(void);

/** Take the planner lock (blocks; never call from a real-time thread).
    Every plan made or destroyed anywhere in hyperres goes through it. */
void
hr_fft_lock(void);

/** Release the planner lock. */
void
hr_fft_unlock(void);

/** Smallest n >= minimum whose only prime factors are 2, 3 and 5: a
    length FFTW transforms fast. */
size_t
hr_fft_smooth_length(size_t minimum);

#endif /* HR_FFT_H */
