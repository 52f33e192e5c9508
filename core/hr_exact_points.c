/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_exact_points.h"

/* One table per path, from hr_exact_points_kernels.c compiled per path. */
extern const HrExactPointsKernels hr_exact_points_kernels_portable;
#if defined(HR_HAVE_AVX2)
extern const HrExactPointsKernels hr_exact_points_kernels_avx2;
#endif
#if defined(HR_HAVE_AVX512)
extern const HrExactPointsKernels hr_exact_points_kernels_avx512;
#endif

const HrExactPointsKernels*
hr_exact_points_kernels(HrSimd path)
{
  switch (hr_simd_resolve(path)) {
#if defined(HR_HAVE_AVX2)
    case HR_SIMD_AVX2:
      return &hr_exact_points_kernels_avx2;
#endif
#if defined(HR_HAVE_AVX512)
    case HR_SIMD_AVX512:
      return &hr_exact_points_kernels_avx512;
#endif
    default:
      return &hr_exact_points_kernels_portable;
  }
}
