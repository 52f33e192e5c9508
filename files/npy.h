/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Writer of NumPy .npy files (format version 1.0, C order). */

#ifndef HR_NPY_H
#define HR_NPY_H

#include <stddef.h>

/** Element type of an array written to .npy. */
typedef enum {
  HR_NPY_FLOAT32,    /**< '<f4' */
  HR_NPY_FLOAT64,    /**< '<f8' */
  HR_NPY_COMPLEX64,  /**< '<c8': data holds (re, im) pairs of doubles */
  HR_NPY_COMPLEX128, /**< '<c16': the same, kept in double precision */
} HrNpyType;

/** Write the rows x cols array `data` (doubles, C order; 2 * rows * cols
    of them for a complex type) to `path` as `type`. The file appears whole or
   not at all: it is written under a temporary name in the same folder, then
   renamed. Returns 0, or -1 with a message in `error`. */
int
hr_npy_write(const char*   path,
             const double* data,
             size_t        rows,
             size_t        cols,
             HrNpyType     type,
             char*         error,
             size_t        error_size);

#endif /* HR_NPY_H */
