/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Benchmark helper: times FFTW alone doing what exact mode asks of it
   for a signal of N samples with F filters (one real forward transform,
   2F complex inverse ones, the same plans), so that the benchmark can
   state the share of exact mode's time spent inside FFTW.
   Usage: bench_fft N F. Prints the seconds. */

#include <fftw3.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double
now_seconds(void)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

int
main(int argc, char** argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: bench_fft N FILTERS\n");
    return 2;
  }
  const int n         = atoi(argv[1]);
  const int n_filters = atoi(argv[2]);
  if (n < 2 || n_filters < 1) {
    fprintf(stderr, "bench_fft: N >= 2 and FILTERS >= 1\n");
    return 2;
  }
  double*       real_in  = fftw_alloc_real((size_t)n);
  fftw_complex* spectrum = fftw_alloc_complex((size_t)n);
  fftw_complex* in       = fftw_alloc_complex((size_t)n);
  fftw_complex* out      = fftw_alloc_complex((size_t)n);
  fftw_plan     forward  = fftw_plan_dft_r2c_1d(
    n, real_in, spectrum, FFTW_ESTIMATE | FFTW_DESTROY_INPUT);
  fftw_plan inverse =
    fftw_plan_dft_1d(n, in, out, FFTW_BACKWARD, FFTW_ESTIMATE);
  for (int i = 0; i < n; ++i) {
    real_in[i] = (double)rand() / RAND_MAX - 0.5;
    in[i][0]   = (double)rand() / RAND_MAX - 0.5;
    in[i][1]   = 0.0;
  }
  const double start = now_seconds();
  fftw_execute(forward);
  for (int f = 0; f < 2 * n_filters; ++f) {
    fftw_execute_dft(inverse, in, out);
  }
  printf("%.6f\n", now_seconds() - start);
  fftw_destroy_plan(forward);
  fftw_destroy_plan(inverse);
  fftw_free(real_in);
  fftw_free(spectrum);
  fftw_free(in);
  fftw_free(out);
  return 0;
}
