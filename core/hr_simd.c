/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_simd.h"

#include <stdlib.h>
#include <string.h>

static const char* const names[] = { "auto", "portable", "avx2", "avx512" };

int
hr_simd_available(HrSimd path)
{
  switch (path) {
    case HR_SIMD_PORTABLE:
      return 1;
#if defined(HR_HAVE_AVX2)
    case HR_SIMD_AVX2:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx2");
#endif
#if defined(HR_HAVE_AVX512)
    case HR_SIMD_AVX512:
      __builtin_cpu_init();
      return __builtin_cpu_supports("avx512f") &&
             __builtin_cpu_supports("avx512vl") &&
             __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512bw");
#endif
    default:
      return 0;
  }
}

HrSimd
hr_simd_best(void)
{
  for (int path = HR_SIMD_AVX512; path > HR_SIMD_PORTABLE; --path) {
    if (hr_simd_available((HrSimd)path)) {
      return (HrSimd)path;
    }
  }
  return HR_SIMD_PORTABLE;
}

HrSimd
hr_simd_resolve(HrSimd request)
{
  if (request == HR_SIMD_AUTO) {
    const char* wanted = getenv("HR_SIMD");
    for (int path = HR_SIMD_PORTABLE; wanted && path <= HR_SIMD_AVX512;
         ++path) {
      if (!strcmp(wanted, names[path])) {
        request = (HrSimd)path;
      }
    }
  }
  return request != HR_SIMD_AUTO && hr_simd_available(request) ? request
                                                               : hr_simd_best();
}

const char*
hr_simd_name(HrSimd path)
{
  return path >= HR_SIMD_AUTO && path <= HR_SIMD_AVX512 ? names[path] : "?";
}
