/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "tests/kit/bundle.h"

#include <stdlib.h>

const char*
hr_test_bundle_path(int argc, char** argv)
{
  if (argc > 1) {
    return argv[1];
  }
  const char* env = getenv("HR_LV2_BUNDLE");
  return env && env[0] ? env : HR_TEST_BUNDLE;
}
