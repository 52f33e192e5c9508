/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_points.h"

/* One table per path, from hr_points_kernels.c compiled per path. */
extern const HrPointsKernels hr_points_kernels_portable;
#if defined(HR_HAVE_AVX2)
extern const HrPointsKernels hr_points_kernels_avx2;
#endif
#if defined(HR_HAVE_AVX512)
extern const HrPointsKernels hr_points_kernels_avx512;
#endif

const HrPointsKernels*
hr_points_kernels(HrSimd path)
{
  switch (hr_simd_resolve(path)) {
#if defined(HR_HAVE_AVX2)
    case HR_SIMD_AVX2:
      return &hr_points_kernels_avx2;
#endif
#if defined(HR_HAVE_AVX512)
    case HR_SIMD_AVX512:
      return &hr_points_kernels_avx512;
#endif
    default:
      return &hr_points_kernels_portable;
  }
}

HrSegmentsOut
hr_points_segments_view(const HrPointsOut* out, int n_segments)
{
  const HrSegmentsOut view = { out->f,     out->f + n_segments,
                               out->u,     out->u + n_segments,
                               out->e,     out->e + n_segments,
                               out->first, out->last };
  return view;
}
