/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* One lock around FFTW's planner, which is not thread-safe: every plan
   made or destroyed anywhere in hyperres (exact mode threads, plugin
   instances, workers) goes through it. */

#ifndef HR_FFT_H
#define HR_FFT_H

/** Take the planner lock (blocks; never call from a real-time thread). */
void
hr_fft_lock(void);

/** Release the planner lock. */
void
hr_fft_unlock(void);

#endif /* HR_FFT_H */
