/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* HR_REALTIME marks a function that is safe to call from a real-time
   audio thread: it never allocates, locks, prints, does I/O or plans an
   FFT. It expands to nothing; it is there for the reader (and for
   .clang-format, whose AttributeMacros lists it). Defined here once, for
   the core and for every folder above it. */

#ifndef HR_REALTIME_H
#define HR_REALTIME_H

#define HR_REALTIME

#endif /* HR_REALTIME_H */
