/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_fft.h"

#include <fftw3.h>

#include <pthread.h>

static pthread_mutex_t planner_mutex    = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t  thread_safe_once = PTHREAD_ONCE_INIT;

/* Installs FFTW's planner hooks (a lock around every plan and destroy,
   whoever calls). Both precisions: exact mode plans doubles, the
   streaming core floats. */
static void
install_planner_lock(void)
{
  fftw_make_planner_thread_safe();
  fftwf_make_planner_thread_safe();
}

void
hr_fft_make_thread_safe(void)
{
  pthread_once(&thread_safe_once, install_planner_lock);
}

#if defined(__GNUC__)
/* When the plugin (or any program) is loaded: the hooks are then in
   place before another plugin's thread could be inside the planner
   while they are installed (a lock released that was never taken). */
__attribute__((constructor)) static void
make_thread_safe_on_load(void)
{
  hr_fft_make_thread_safe();
}
#endif

void
hr_fft_lock(void)
{
  hr_fft_make_thread_safe();
  pthread_mutex_lock(&planner_mutex);
}

void
hr_fft_unlock(void)
{
  pthread_mutex_unlock(&planner_mutex);
}

/* Smallest n >= minimum whose only prime factors are 2, 3 and 5. */
size_t
hr_fft_smooth_length(size_t minimum)
{
  for (size_t n = minimum > 1 ? minimum : 1;; ++n) {
    size_t rest = n;
    while (rest % 2 == 0) {
      rest /= 2;
    }
    while (rest % 3 == 0) {
      rest /= 3;
    }
    while (rest % 5 == 0) {
      rest /= 5;
    }
    if (rest == 1) {
      return n;
    }
  }
}
