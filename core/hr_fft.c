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
