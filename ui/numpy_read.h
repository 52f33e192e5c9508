/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Checked readers of the NumPy files hyperres writes (files/npy.c,
   files/npz.c): a .npy array in memory, and a member of a .npz archive
   whose members are stored (not compressed), as numpy.savez and our
   writer make them. Everything is checked against the buffer's size:
   a damaged or hostile file gives an error, never a read outside it. */

#ifndef HR_NUMPY_READ_H
#define HR_NUMPY_READ_H

#include <stddef.h>
#include <stdint.h>

/** Element types read. */
typedef enum {
  HR_NP_FLOAT32, /**< '<f4' */
  HR_NP_FLOAT64, /**< '<f8' */
  HR_NP_INT32,   /**< '<i4' */
  HR_NP_UNICODE, /**< '<U<n>': UTF-32LE, `item_size` bytes a value */
} HrNpType;

/** An array found in a buffer (points into it). */
typedef struct {
  HrNpType    type;
  size_t      item_size; /**< bytes per value */
  int         n_dims;    /**< 0, 1 or 2 */
  size_t      shape[2];  /**< unused dimensions are 1 */
  size_t      count;     /**< values: the product of the shape */
  const void* data;      /**< count * item_size bytes, little-endian */
} HrNpArray;

/** Read a whole file into memory (at most `most` bytes); NULL with a
    message in `error`. Free with free(). */
uint8_t*
hr_np_read_file(const char* path,
                size_t      most,
                size_t*     size,
                char*       error,
                size_t      error_size);

/** Parse a .npy image of `size` bytes (format 1.0 to 3.0, C order).
    0, or -1 if it is not one this reader takes. */
int
hr_np_parse(const uint8_t* data, size_t size, HrNpArray* array);

/** Find member `name` (without ".npy") of a .npz image and parse it; its
    CRC is checked. 0, or -1 if missing, compressed or damaged. */
int
hr_np_member(const uint8_t* zip,
             size_t         size,
             const char*    name,
             HrNpArray*     array);

/** Value `i` of a float array (f4 or f8) as double. */
double
hr_np_get(const HrNpArray* array, size_t i);

/** A 0-d unicode array as ASCII text in `text` (non-ASCII characters as
    '?'); 0, or -1 if it is not one or does not fit. */
int
hr_np_text(const HrNpArray* array, char* text, size_t text_size);

#endif /* HR_NUMPY_READ_H */
