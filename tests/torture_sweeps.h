/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The torture test's cases that are not one run of a signal: refused
   sample rates, lifecycles (instantiate, activate, deactivate, cleanup,
   ports connected to NULL, late worker replies, UI toggling) and several
   instances in threads at once. Each prints PASS/FAIL lines (hr_check). */

#ifndef HR_TORTURE_SWEEPS_H
#define HR_TORTURE_SWEEPS_H

/** Sample rates the plugins cannot serve are refused, not crashed on. */
void
hr_torture_refusals(const char* bundle);

/** Lifecycle cycles, each checked like a case. */
void
hr_torture_lifecycles(const char* bundle);

/** Instances in threads at once: each gives what it gives alone. */
void
hr_torture_threads(const char* bundle);

#endif /* HR_TORTURE_SWEEPS_H */
