/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "numpy_read.h"

#include <zlib.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZIP_LOCAL_SIG 0x04034b50u
#define ZIP_LOCAL_SIZE 30
#define ZIP_MAX32 0xffffffffu
#define NPY_MAGIC_SIZE 6

static uint32_t
get16(const uint8_t* p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
get32(const uint8_t* p)
{
  return get16(p) | get16(p + 2) << 16;
}

static uint64_t
get64(const uint8_t* p)
{
  return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

uint8_t*
hr_np_read_file(const char* path,
                size_t      most,
                size_t*     size,
                char*       error,
                size_t      error_size)
{
  FILE* file = fopen(path, "rb");
  if (!file) {
    snprintf(error, error_size, "cannot open %s: %s", path, strerror(errno));
    return NULL;
  }
  uint8_t* data = NULL;
  long     end  = -1;
  if (fseek(file, 0, SEEK_END) == 0 && (end = ftell(file)) >= 0 &&
      (size_t)end <= most && fseek(file, 0, SEEK_SET) == 0) {
    data = (uint8_t*)malloc(end > 0 ? (size_t)end : 1);
  }
  if (data && fread(data, 1, (size_t)end, file) != (size_t)end) {
    free(data);
    data = NULL;
  }
  fclose(file);
  if (!data) {
    snprintf(error, error_size, "cannot read %s (too big or unreadable)", path);
    return NULL;
  }
  *size = (size_t)end;
  return data;
}

/* The value of `key` in the header dict: a pointer just past "'key':"
   and its blanks, or NULL. */
static const char*
dict_value(const char* dict, const char* key)
{
  char quoted[32];
  snprintf(quoted, sizeof quoted, "'%s':", key);
  const char* at = strstr(dict, quoted);
  if (!at) {
    return NULL;
  }
  at += strlen(quoted);
  while (*at == ' ') {
    ++at;
  }
  return at;
}

static int
parse_descr(const char* value, HrNpArray* array)
{
  static const struct {
    const char* descr;
    HrNpType    type;
    size_t      size;
  } known[] = { { "'<f4'", HR_NP_FLOAT32, 4 },
                { "'<f8'", HR_NP_FLOAT64, 8 },
                { "'<i4'", HR_NP_INT32, 4 } };
  for (size_t i = 0; i < sizeof known / sizeof known[0]; ++i) {
    if (!strncmp(value, known[i].descr, strlen(known[i].descr))) {
      array->type      = known[i].type;
      array->item_size = known[i].size;
      return 0;
    }
  }
  unsigned long chars = 0;
  int           used  = 0;
  if (sscanf(value, "'<U%lu'%n", &chars, &used) == 1 && used > 0 &&
      chars >= 1 && chars <= 65536) {
    array->type      = HR_NP_UNICODE;
    array->item_size = 4 * chars;
    return 0;
  }
  return -1;
}

/* "(a, b)", "(a,)" or "()"; the product must fit the data. */
static int
parse_shape(const char* value, HrNpArray* array)
{
  unsigned long a = 1, b = 1;
  int           used = 0;
  if (!strncmp(value, "()", 2)) {
    array->n_dims = 0;
  } else if (sscanf(value, "(%lu, %lu)%n", &a, &b, &used) == 2 && used > 0) {
    array->n_dims = 2;
  } else if (sscanf(value, "(%lu,)%n", &a, &used) == 1 && used > 0) {
    array->n_dims = 1;
  } else {
    return -1;
  }
  if (a > ((size_t)1 << 31) || b > ((size_t)1 << 31)) {
    return -1;
  }
  array->shape[0] = (size_t)a;
  array->shape[1] = (size_t)b;
  array->count    = (size_t)a * (size_t)b;
  return 0;
}

int
hr_np_parse(const uint8_t* data, size_t size, HrNpArray* array)
{
  memset(array, 0, sizeof *array);
  if (size < NPY_MAGIC_SIZE + 4 || memcmp(data, "\x93NUMPY", NPY_MAGIC_SIZE) ||
      data[6] < 1 || data[6] > 3) {
    return -1;
  }
  const size_t start  = data[6] == 1 ? 10 : 12;
  const size_t length = data[6] == 1 ? get16(data + 8) : get32(data + 8);
  if (start > size || length > size - start || length > 65536) {
    return -1;
  }
  char dict[65537];
  memcpy(dict, data + start, length);
  dict[length]        = '\0';
  const char* descr   = dict_value(dict, "descr");
  const char* fortran = dict_value(dict, "fortran_order");
  const char* shape   = dict_value(dict, "shape");
  if (!descr || !fortran || !shape || strncmp(fortran, "False", 5) ||
      parse_descr(descr, array) != 0 || parse_shape(shape, array) != 0) {
    return -1;
  }
  const size_t body = size - start - length;
  if (array->count > body / array->item_size ||
      array->count * array->item_size != body) {
    return -1;
  }
  array->data = data + start + length;
  return 0;
}

/* The sizes of a local header, from its ZIP64 extra field where the
   header says 0xffffffff. 0, or -1 if the extra field lacks them. */
static int
member_sizes(const uint8_t* header,
             const uint8_t* extra,
             size_t         extra_size,
             uint64_t*      stored)
{
  *stored = get32(header + 18);
  if (*stored != ZIP_MAX32) {
    return 0;
  }
  for (size_t at = 0; at + 4 <= extra_size;) {
    const uint32_t id   = get16(extra + at);
    const uint32_t size = get16(extra + at + 2);
    if (at + 4 + size > extra_size) {
      return -1;
    }
    if (id == 0x0001 && size >= 16) {
      *stored = get64(extra + at + 12);
      return 0;
    }
    at += 4 + size;
  }
  return -1;
}

int
hr_np_member(const uint8_t* zip,
             size_t         size,
             const char*    name,
             HrNpArray*     array)
{
  char wanted[256];
  if (snprintf(wanted, sizeof wanted, "%s.npy", name) >= (int)sizeof wanted) {
    return -1;
  }
  size_t at = 0;
  while (at + ZIP_LOCAL_SIZE <= size && get32(zip + at) == ZIP_LOCAL_SIG) {
    const uint8_t* header     = zip + at;
    const size_t   name_size  = get16(header + 26);
    const size_t   extra_size = get16(header + 28);
    const size_t   data_at    = at + ZIP_LOCAL_SIZE + name_size + extra_size;
    uint64_t       stored     = 0;
    if (data_at > size || (get16(header + 6) & 0x08) ||
        member_sizes(
          header, header + ZIP_LOCAL_SIZE + name_size, extra_size, &stored) !=
          0 ||
        stored > size - data_at) {
      return -1;
    }
    if (name_size == strlen(wanted) &&
        !memcmp(header + ZIP_LOCAL_SIZE, wanted, name_size)) {
      const uint8_t* data = zip + data_at;
      if (get16(header + 8) != 0 ||
          (uint32_t)crc32(crc32(0L, Z_NULL, 0), data, (uInt)stored) !=
            get32(header + 14)) {
        return -1; /* compressed, or damaged */
      }
      return hr_np_parse(data, (size_t)stored, array);
    }
    at = data_at + (size_t)stored;
  }
  return -1;
}

double
hr_np_get(const HrNpArray* array, size_t i)
{
  const uint8_t* p = (const uint8_t*)array->data + i * array->item_size;
  if (array->type == HR_NP_FLOAT64) {
    const uint64_t bits = get64(p);
    double         value;
    memcpy(&value, &bits, sizeof value);
    return value;
  }
  if (array->type == HR_NP_FLOAT32) {
    const uint32_t bits = get32(p);
    float          value;
    memcpy(&value, &bits, sizeof value);
    return value;
  }
  if (array->type == HR_NP_INT32) {
    return (double)(int32_t)get32(p);
  }
  return 0.0;
}

int
hr_np_text(const HrNpArray* array, char* text, size_t text_size)
{
  if (array->type != HR_NP_UNICODE || array->n_dims != 0 || text_size == 0) {
    return -1;
  }
  const size_t   chars = array->item_size / 4;
  const uint8_t* p     = (const uint8_t*)array->data;
  size_t         n     = 0;
  for (size_t i = 0; i < chars; ++i) {
    const uint32_t code = get32(p + 4 * i);
    if (code == 0) {
      break;
    }
    if (n + 1 >= text_size) {
      return -1;
    }
    text[n++] = code < 128 ? (char)code : '?';
  }
  text[n] = '\0';
  return 0;
}
