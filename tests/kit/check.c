/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "check.h"

#include <stdarg.h>
#include <stdio.h>

static int g_passed = 0;
static int g_failed = 0;

bool
hr_check(bool ok, const char* format, ...)
{
  va_list args;
  va_start(args, format);
  fputs(ok ? "PASS " : "FAIL ", stdout);
  vfprintf(stdout, format, args);
  fputc('\n', stdout);
  fflush(stdout);
  va_end(args);
  ok ? ++g_passed : ++g_failed;
  return ok;
}

int
hr_check_summary(void)
{
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed ? 1 : 0;
}
