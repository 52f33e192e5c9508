/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Counting what real-time code must not do: allocate, lock, sleep, print
   or do I/O. Linking rt_interpose.c into a test program defines those
   libc functions in the program, so every call from the plugin (loaded
   by lilv into the process) comes there first, counts while the calling
   thread's window is open, and passes on to the real one (RTLD_NEXT).
   Memory under AddressSanitizer (which owns malloc) is counted with its
   allocator hooks, otherwise by malloc and friends defined on glibc's
   __libc_* entry points. Windows and counts are per thread, so instances
   may run in several threads at once. The approach of test_plugin_rt.c. */

#ifndef HR_RT_INTERPOSE_H
#define HR_RT_INTERPOSE_H

#include <stdbool.h>

/** What is counted, by kind. */
typedef enum {
  HR_RT_ALLOC, /**< malloc, calloc, realloc, free, aligned allocations */
  HR_RT_LOCK,  /**< mutex, rwlock, spinlock, condition, semaphore waits */
  HR_RT_SLEEP, /**< nanosleep, usleep, sched_yield, poll */
  HR_RT_IO,    /**< read, write, open, close, mmap, stdio output */
  HR_RT_KINDS,
} HrRtKind;

/** Counts of one window, by HrRtKind. */
typedef struct {
  long n[HR_RT_KINDS];
} HrRtCounts;

/** Install the allocator hooks and look up the real functions; call once
    from main before any other thread starts. */
void
hr_rt_init(void);

/** Open the calling thread's counting window (an hr_host_set_hooks hook). */
void
hr_rt_begin(void* unused);

/** Close the calling thread's counting window (an hr_host_set_hooks hook). */
void
hr_rt_end(void* unused);

/** The calling thread's counts since the last take; resets them. */
HrRtCounts
hr_rt_take(void);

/** Sum of all kinds. */
long
hr_rt_total(const HrRtCounts* counts);

/** Name of a kind ("allocations", "locks", "sleeps", "I/O"). */
const char*
hr_rt_kind_name(HrRtKind kind);

/** Prove the counting works: a malloc, a lock and a print inside the
    window, and an allocation by a shared library (lilv), are caught.
    False (with a message on stdout) if not. */
bool
hr_rt_self_check(void);

#endif /* HR_RT_INTERPOSE_H */
