/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "npy.h"
#include "outfile.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* What write_npy_file() writes. */
typedef struct {
  const double* data;
  size_t        rows;
  size_t        cols;
  HrNpyType     type;
} HrNpyArray;

static const char*
type_descr(HrNpyType type)
{
  switch (type) {
    case HR_NPY_FLOAT32:
      return "<f4";
    case HR_NPY_FLOAT64:
      return "<f8";
    case HR_NPY_COMPLEX64:
      return "<c8";
    case HR_NPY_COMPLEX128:
      return "<c16";
  }
  return "<f8";
}

/* The header (magic, version, length, dict, padding, newline) is padded
   to a multiple of 64 bytes, as numpy writes it. */
static size_t
format_header(char*     header,
              size_t    header_size,
              size_t    rows,
              size_t    cols,
              HrNpyType type)
{
  char   dict[128];
  int    dict_length = snprintf(dict,
                             sizeof(dict),
                             "{'descr': '%s', 'fortran_order': False, "
                                "'shape': (%zu, %zu), }",
                             type_descr(type),
                             rows,
                             cols);
  size_t total       = 10 + (size_t)dict_length + 1;
  total              = (total + 63) / 64 * 64;
  if (total > header_size) {
    return 0;
  }
  const size_t text_length = total - 10;
  memcpy(header, "\x93NUMPY\x01\x00", 8);
  header[8] = (char)(text_length & 0xff);
  header[9] = (char)(text_length >> 8);
  memset(header + 10, ' ', text_length);
  memcpy(header + 10, dict, (size_t)dict_length);
  header[total - 1] = '\n';
  return total;
}

static int
write_values(FILE* file, const double* data, size_t count, HrNpyType type)
{
  if (type == HR_NPY_FLOAT64 || type == HR_NPY_COMPLEX128) {
    return fwrite(data, sizeof(double), count, file) == count ? 0 : -1;
  }
  float  buffer[4096];
  size_t done = 0;
  while (done < count) {
    const size_t chunk = count - done < 4096 ? count - done : 4096;
    for (size_t i = 0; i < chunk; ++i) {
      buffer[i] = (float)data[done + i];
    }
    if (fwrite(buffer, sizeof(float), chunk, file) != chunk) {
      return -1;
    }
    done += chunk;
  }
  return 0;
}

static int
write_npy_file(const char* path, void* data, char* error, size_t error_size)
{
  (void)error;
  (void)error_size;
  const HrNpyArray* array = (const HrNpyArray*)data;
  char              header[256];
  const size_t      header_length = format_header(
    header, sizeof(header), array->rows, array->cols, array->type);
  FILE* file = fopen(path, "wb");
  if (!file || header_length == 0) {
    if (file) {
      fclose(file);
    }
    return -1;
  }
  int status = fwrite(header, 1, header_length, file) == header_length ? 0 : -1;
  if (status == 0) {
    const int is_complex =
      array->type == HR_NPY_COMPLEX64 || array->type == HR_NPY_COMPLEX128;
    const size_t count = array->rows * array->cols * (is_complex ? 2 : 1);
    status             = write_values(file, array->data, count, array->type);
  }
  if (fclose(file) != 0) {
    status = -1;
  }
  return status;
}

int
hr_npy_write(const char*   path,
             const double* data,
             size_t        rows,
             size_t        cols,
             HrNpyType     type,
             char*         error,
             size_t        error_size)
{
  HrNpyArray array = { data, rows, cols, type };
  return hr_outfile_write(path, write_npy_file, &array, error, error_size);
}
