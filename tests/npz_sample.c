/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Writes OUT.npz with one member of every kind the CLI's npz writer
   makes, for tests/test_npz.py to read back with numpy:
   npz_sample OUT.npz [LENGTH]  (LENGTH values in the streamed member). */

#include "files/npz.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int
write_sample(HrNpzWriter* npz, size_t length)
{
  const double  matrix[6]       = { 1.5, -2.0, 3.25, 0.0, 1e-30, 7.0 };
  const int32_t indices[4]      = { 0, 7, -3, 2147483647 };
  const size_t  matrix_shape[2] = { 2, 3 };
  const size_t  index_shape[1]  = { 4 };
  const size_t  unknown[1]      = { 0 };
  if (hr_npz_member(npz, "matrix", HR_NPZ_FLOAT64, 2, matrix_shape, matrix) ||
      hr_npz_member(npz, "indices", HR_NPZ_INT32, 1, index_shape, indices) ||
      hr_npz_text(
        npz, "params", "{\"q\": 2, \"name\": \"d\u00e9j\u00e0 \u266a\"}") ||
      hr_npz_text(npz, "empty", "") ||
      hr_npz_begin(npz, "streamed", HR_NPZ_FLOAT32, 1, unknown)) {
    return -1;
  }
  for (size_t i = 0; i < length; ++i) {
    const double value = (double)i * 0.5;
    if (hr_npz_append_doubles(npz, &value, 1) != 0) {
      return -1;
    }
  }
  const int64_t scalar = -5;
  return hr_npz_end(npz) ||
         hr_npz_member(npz, "scalar", HR_NPZ_INT64, 0, NULL, &scalar);
}

int
main(int argc, char** argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: npz_sample OUT.npz [LENGTH]\n");
    return 2;
  }
  const size_t length = argc > 2 ? (size_t)strtoull(argv[2], NULL, 10) : 1000;
  char         error[512];
  HrNpzWriter* npz = hr_npz_open(argv[1], 0, error, sizeof(error));
  if (!npz) {
    fprintf(stderr, "%s\n", error);
    return 1;
  }
  if (write_sample(npz, length) != 0) {
    hr_npz_abort(npz);
    fprintf(stderr, "npz_sample: writing failed\n");
    return 1;
  }
  if (hr_npz_close(npz, error, sizeof(error)) != 0) {
    fprintf(stderr, "%s\n", error);
    return 1;
  }
  return 0;
}
