/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Which vector instructions the per-point kernels use, chosen at run
   time: one binary runs on any x86-64 and uses AVX2 or AVX-512 where the
   processor has them. Every path gives bit-identical results (the
   kernels are one C source compiled per path, without contraction into
   FMA or reassociation), so the choice changes speed only. */

#ifndef HR_SIMD_H
#define HR_SIMD_H

/** A kernel path. */
typedef enum {
  HR_SIMD_AUTO     = 0, /**< the environment's HR_SIMD, else the best */
  HR_SIMD_PORTABLE = 1, /**< plain C (SSE2 on x86-64) */
  HR_SIMD_AVX2     = 2,
  HR_SIMD_AVX512   = 3,
} HrSimd;

/** Number of paths (HR_SIMD_PORTABLE .. HR_SIMD_AVX512). */
#define HR_SIMD_N_PATHS 3

/** The best path this build and processor can run. */
HrSimd
hr_simd_best(void);

/** Nonzero if `path` can run here (HR_SIMD_PORTABLE always can). */
int
hr_simd_available(HrSimd path);

/** The path to use for a request: HR_SIMD_AUTO reads the environment
    variable HR_SIMD ("portable", "avx2", "avx512"), else takes the best;
    a path that cannot run here falls back to the best that can. */
HrSimd
hr_simd_resolve(HrSimd request);

/** "portable", "avx2", "avx512" ("auto" for HR_SIMD_AUTO). */
const char*
hr_simd_name(HrSimd path);

#endif /* HR_SIMD_H */
