/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_fft.h"

#include <pthread.h>

static pthread_mutex_t planner_mutex = PTHREAD_MUTEX_INITIALIZER;

void
hr_fft_lock(void)
{
  pthread_mutex_lock(&planner_mutex);
}

void
hr_fft_unlock(void)
{
  pthread_mutex_unlock(&planner_mutex);
}
