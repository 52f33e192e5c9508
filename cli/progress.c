/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Seconds between progress lines when stderr is not a terminal. */
#define LOG_INTERVAL 30.0

void
hr_progress_start(HrProgress* progress, const char* label, int quiet)
{
  memset(progress, 0, sizeof(*progress));
  progress->label    = label;
  progress->enabled  = !quiet;
  progress->terminal = isatty(STDERR_FILENO);
  clock_gettime(CLOCK_MONOTONIC, &progress->started);
}

double
hr_progress_elapsed(const HrProgress* progress)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - progress->started.tv_sec) +
         1e-9 * (double)(now.tv_nsec - progress->started.tv_nsec);
}

/* "1:02:03" or "2:03". */
static void
format_duration(double seconds, char* text, size_t size)
{
  const long whole = seconds > 0.0 ? (long)(seconds + 0.5) : 0;
  if (whole >= 3600) {
    snprintf(
      text, size, "%ld:%02ld:%02ld", whole / 3600, whole / 60 % 60, whole % 60);
  } else {
    snprintf(text, size, "%ld:%02ld", whole / 60, whole % 60);
  }
}

void
hr_progress_show(void* data, double fraction)
{
  HrProgress*  progress = (HrProgress*)data;
  const double elapsed  = hr_progress_elapsed(progress);
  if (!progress->enabled || elapsed < 1.0 ||
      (!progress->terminal && elapsed - progress->last_line < LOG_INTERVAL)) {
    return;
  }
  char spent[32];
  char left[32] = "?";
  format_duration(elapsed, spent, sizeof(spent));
  if (fraction > 0.001) {
    format_duration(elapsed * (1.0 - fraction) / fraction, left, sizeof(left));
  }
  fprintf(stderr,
          progress->terminal ? "\r%s: %3.0f %%, %s elapsed, ETA %s   "
                             : "%s: %3.0f %%, %s elapsed, ETA %s\n",
          progress->label,
          100.0 * fraction,
          spent,
          left);
  progress->last_line = elapsed;
  progress->shown     = 1;
}

void
hr_progress_end(const HrProgress* progress)
{
  if (progress->shown && progress->terminal) {
    fprintf(stderr, "\r%*s\r", (int)strlen(progress->label) + 48, "");
  }
}
