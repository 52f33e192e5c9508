/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Exact mode's per-point work runs on each vector path this processor
   has (HR_SIMD forces one, as a user would), and every path gives the
   portable path's histograms byte for byte: energy, count and the
   complex histogram, log and linear scales, one transform and segments.
   The signal holds noise (every kind of point), a tone, and clicks on
   column edges (reassigned times that land exactly on an edge, which
   the kernels leave to the scalar rule). */

#undef NDEBUG

#include "core/hr_exact.h"
#include "core/hr_simd.h"
#include "tests/kit/check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_SAMPLES 12000

/* One exact computation's results. */
typedef struct {
  HrHist        hist;
  HrComplexHist complex_hist;
  int           with_complex;
} Result;

static double*
make_signal(size_t n, int tdeci)
{
  double*      x     = malloc(n * sizeof(double));
  unsigned int state = 12345u;
  for (size_t i = 0; i < n; ++i) {
    state              = state * 1103515245u + 12345u;
    const double noise = ((double)(state >> 8) / 16777216.0 - 0.5) * 0.2;
    x[i]               = noise + 0.3 * sin(2 * 3.141592653589793 * 0.03 * i);
  }
  /* Sample k * tdeci - 1 is reassigned to time k * tdeci: a column edge. */
  for (size_t k = 1; k * (size_t)tdeci < n; k += 7) {
    x[k * (size_t)tdeci - 1] += 2.0;
  }
  return x;
}

static void
compute(const HrParams* params,
        const double*   x,
        size_t          n,
        int             segmented,
        Result*         result)
{
  HrExactOptions options = hr_exact_options_default();
  options.n_threads      = 1;
  options.whole_signal   = !segmented;
  options.segment_length = segmented ? 4096 : 0;
  result->with_complex   = !segmented;
  options.complex_hist   = result->with_complex ? &result->complex_hist : NULL;
  const HrStatus status =
    hr_exact_compute(params, x, n, &options, &result->hist);
  if (!hr_check(status == HR_SUCCESS, "exact computation runs")) {
    exit(1);
  }
}

static void
result_free(Result* result)
{
  hr_hist_free(&result->hist);
  if (result->with_complex) {
    hr_complex_free(&result->complex_hist);
  }
}

static int
same_bytes(const Result* a, const Result* b)
{
  const size_t cells = (size_t)a->hist.rows * a->hist.cols;
  if (a->hist.rows != b->hist.rows || a->hist.cols != b->hist.cols) {
    return 0;
  }
  if (memcmp(a->hist.energy, b->hist.energy, cells * sizeof(double)) ||
      memcmp(a->hist.count, b->hist.count, cells * sizeof(double))) {
    return 0;
  }
  return !a->with_complex || !memcmp(a->complex_hist.values,
                                     b->complex_hist.values,
                                     2 * cells * sizeof(double));
}

static double
sum_counts(const Result* result)
{
  double       sum   = 0;
  const size_t cells = (size_t)result->hist.rows * result->hist.cols;
  for (size_t c = 0; c < cells; ++c) {
    sum += result->hist.count[c];
  }
  return sum;
}

static void
test_paths(const char* name, const HrParams* params, int segmented)
{
  double* x = make_signal(N_SAMPLES, params->tdeci);
  Result  base;
  setenv("HR_SIMD", "portable", 1);
  compute(params, x, N_SAMPLES, segmented, &base);
  hr_check(sum_counts(&base) > 0.25 * N_SAMPLES,
           "%s: the portable path keeps points (%.0f)",
           name,
           sum_counts(&base));
  for (int path = HR_SIMD_AVX2; path <= HR_SIMD_AVX512; ++path) {
    const char* path_name = hr_simd_name((HrSimd)path);
    if (!hr_simd_available((HrSimd)path)) {
      printf(
        "SKIP %s: the %s path is not on this processor\n", name, path_name);
      continue;
    }
    setenv("HR_SIMD", path_name, 1);
    Result other;
    compute(params, x, N_SAMPLES, segmented, &other);
    hr_check(hr_simd_resolve(HR_SIMD_AUTO) == (HrSimd)path &&
               same_bytes(&base, &other),
             "%s: the %s path gives the portable path's histograms byte for "
             "byte",
             name,
             path_name);
    result_free(&other);
  }
  unsetenv("HR_SIMD");
  result_free(&base);
  free(x);
}

int
main(void)
{
  printf("vector paths: best here %s\n", hr_simd_name(hr_simd_best()));
  HrParams log_params = hr_params_default();
  log_params.noct     = 24;
  log_params.tdeci    = 32;
  log_params.fmin     = 0.005;
  test_paths("log scale, one transform", &log_params, 0);
  test_paths("log scale, segments", &log_params, 1);

  HrParams lin_params = hr_params_default();
  lin_params.scale    = HR_SCALE_LIN;
  lin_params.sigma    = 0.004;
  lin_params.ndiv     = 60;
  lin_params.tdeci    = 40;
  lin_params.fmin     = 0.01;
  lin_params.fmax     = 0.45;
  test_paths("linear scale, one transform", &lin_params, 0);
  return hr_check_summary();
}
