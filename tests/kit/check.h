/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* How every C test reports: one line "PASS what" or "FAIL what" per
   check, and at the end "N passed, N failed", which tests/run_tests.py
   adds up (a test whose last line is missing, or that exits non-zero,
   counts as failed). */

#ifndef HR_TEST_CHECK_H
#define HR_TEST_CHECK_H

#include <stdbool.h>

/** Report one check (printf-style description). Returns `ok`. */
bool
hr_check(bool ok, const char* format, ...)
  __attribute__((format(printf, 2, 3)));

/** Print "N passed, N failed"; the exit status for main (0: all passed). */
int
hr_check_summary(void);

#endif /* HR_TEST_CHECK_H */
