/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Progress of a long computation on stderr: percent, elapsed time and
   the time left. On a terminal one line is redrawn; otherwise a line is
   printed now and then (for logs of long runs). */

#ifndef HR_PROGRESS_H
#define HR_PROGRESS_H

#include <time.h>

/** One computation's progress display. */
typedef struct {
  const char*     label;
  struct timespec started;
  double          last_line; /**< seconds since start of the last line */
  int             shown;
  int             enabled;
  int             terminal;
} HrProgress;

/** Start timing; nothing is shown if `quiet`. */
void
hr_progress_start(HrProgress* progress, const char* label, int quiet);

/** Seconds since hr_progress_start(). */
double
hr_progress_elapsed(const HrProgress* progress);

/** Show `fraction` (0..1) done; an HrProgressFunc. */
void
hr_progress_show(void* data, double fraction);

/** Clear the terminal line, if one was drawn. */
void
hr_progress_end(const HrProgress* progress);

#endif /* HR_PROGRESS_H */
