/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "npz.h"
#include "outfile.h"

#include <zlib.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* ZIP record signatures and fixed values (PKWARE APPNOTE 6.3). */
#define ZIP_LOCAL_SIG 0x04034b50u
#define ZIP_CENTRAL_SIG 0x02014b50u
#define ZIP_END_SIG 0x06054b50u
#define ZIP64_END_SIG 0x06064b50u
#define ZIP64_LOCATOR_SIG 0x07064b50u
#define ZIP_VERSION 45       /* ZIP64 */
#define ZIP_DOS_DATE 0x0021  /* 1980-01-01: outputs do not vary by date */
#define ZIP_LOCAL_SIZE 30    /* local header without name and extra */
#define ZIP64_LOCAL_EXTRA 20 /* id, size, uncompressed and stored size */
#define ZIP_MAX32 0xffffffffu
#define ZIP_MAX16 0xffffu

/* Every member's .npy header takes this many bytes, so that it can be
   rewritten in place once the member's length is known. */
#define NPY_HEADER_SIZE 128
#define NAME_SIZE 256

typedef struct {
  char     name[NAME_SIZE]; /* with ".npy" */
  uint64_t offset;          /* of the local header */
  uint64_t size;            /* .npy header and data */
  uint32_t crc;
} HrNpzEntry;

struct HrNpzWriterImpl {
  FILE*       file;
  char*       path;
  char*       temp_path;
  HrNpzEntry* entries;
  size_t      n_entries;
  size_t      capacity;
  int         failed;
  /* the member being written */
  int       open;
  HrNpzType type;
  char      descr[32]; /* numpy's dtype text */
  size_t    item_size; /* bytes per element */
  size_t    n_dims;
  size_t    shape[HR_NPZ_MAX_DIMS];
  uint64_t  n_values;
  uint32_t  data_crc;
  uint64_t  header_at; /* file offset of its .npy header */
};

static size_t
type_size(HrNpzType type)
{
  return (type == HR_NPZ_FLOAT32 || type == HR_NPZ_INT32) ? 4 : 8;
}

static const char*
type_descr(HrNpzType type)
{
  switch (type) {
    case HR_NPZ_FLOAT32:
      return "<f4";
    case HR_NPZ_FLOAT64:
      return "<f8";
    case HR_NPZ_INT32:
      return "<i4";
    case HR_NPZ_INT64:
      return "<i8";
  }
  return "<f8";
}

static void
put16(unsigned char* at, unsigned value)
{
  at[0] = (unsigned char)(value & 0xff);
  at[1] = (unsigned char)((value >> 8) & 0xff);
}

static void
put32(unsigned char* at, uint32_t value)
{
  put16(at, value & 0xffff);
  put16(at + 2, value >> 16);
}

static void
put64(unsigned char* at, uint64_t value)
{
  put32(at, (uint32_t)(value & ZIP_MAX32));
  put32(at + 4, (uint32_t)(value >> 32));
}

static int
write_bytes(HrNpzWriter* writer, const void* bytes, size_t size)
{
  if (!writer->failed && fwrite(bytes, 1, size, writer->file) != size) {
    writer->failed = errno ? errno : EIO;
  }
  return writer->failed ? -1 : 0;
}

/* The .npy header: magic, version 1.0, length, the dict padded with
   spaces and a newline to NPY_HEADER_SIZE bytes. `descr` and `shape`
   name the array. */
static int
format_npy_header(unsigned char* header, const char* descr, const char* shape)
{
  char      dict[NPY_HEADER_SIZE];
  const int length = snprintf(dict,
                              sizeof(dict),
                              "{'descr': '%s', 'fortran_order': False, "
                              "'shape': %s, }",
                              descr,
                              shape);
  if (length < 0 || length > NPY_HEADER_SIZE - 11) {
    return -1;
  }
  memcpy(header, "\x93NUMPY\x01\x00", 8);
  put16(header + 8, NPY_HEADER_SIZE - 10);
  memset(header + 10, ' ', NPY_HEADER_SIZE - 10);
  memcpy(header + 10, dict, (size_t)length);
  header[NPY_HEADER_SIZE - 1] = '\n';
  return 0;
}

static void
format_shape(char* text, size_t size, size_t n_dims, const size_t* shape)
{
  if (n_dims == 0) {
    snprintf(text, size, "()");
  } else if (n_dims == 1) {
    snprintf(text, size, "(%zu,)", shape[0]);
  } else {
    snprintf(text, size, "(%zu, %zu)", shape[0], shape[1]);
  }
}

static char*
copy_text(const char* text)
{
  char* copy = malloc(strlen(text) + 1);
  if (copy) {
    strcpy(copy, text);
  }
  return copy;
}

static void
free_writer(HrNpzWriter* writer)
{
  if (writer->file) {
    fclose(writer->file);
  }
  free(writer->entries);
  free(writer->temp_path);
  free(writer->path);
  free(writer);
}

HrNpzWriter*
hr_npz_open(const char* path, int overwrite, char* error, size_t error_size)
{
  if (!overwrite && hr_outfile_exists(path)) {
    snprintf(error, error_size, "%s exists (--force overwrites)", path);
    return NULL;
  }
  HrNpzWriter* writer    = calloc(1, sizeof(HrNpzWriter));
  const size_t temp_size = strlen(path) + 32;
  if (writer) {
    writer->path      = copy_text(path);
    writer->temp_path = malloc(temp_size);
  }
  if (!writer || !writer->path || !writer->temp_path) {
    snprintf(error, error_size, "%s: out of memory", path);
    hr_npz_abort(writer);
    return NULL;
  }
  snprintf(writer->temp_path, temp_size, "%s.tmp-%ld", path, (long)getpid());
  writer->file = fopen(writer->temp_path, "w+b");
  if (!writer->file) {
    snprintf(error, error_size, "cannot write %s: %s", path, strerror(errno));
    free_writer(writer);
    return NULL;
  }
  return writer;
}

static int
add_entry(HrNpzWriter* writer, const char* name)
{
  if (writer->n_entries == writer->capacity) {
    const size_t capacity = writer->capacity ? 2 * writer->capacity : 8;
    HrNpzEntry*  entries =
      realloc(writer->entries, capacity * sizeof(HrNpzEntry));
    if (!entries) {
      writer->failed = ENOMEM;
      return -1;
    }
    writer->entries  = entries;
    writer->capacity = capacity;
  }
  HrNpzEntry* entry = &writer->entries[writer->n_entries++];
  memset(entry, 0, sizeof(*entry));
  snprintf(entry->name, NAME_SIZE, "%s.npy", name);
  const off_t at = ftello(writer->file);
  if (at < 0) {
    writer->failed = errno;
    return -1;
  }
  entry->offset = (uint64_t)at;
  return 0;
}

/* A local header whose sizes live in its ZIP64 extra field, patched in
   when the member ends. */
static int
write_local_header(HrNpzWriter* writer, const HrNpzEntry* entry)
{
  const size_t  name_length = strlen(entry->name);
  unsigned char header[ZIP_LOCAL_SIZE + ZIP64_LOCAL_EXTRA];
  memset(header, 0, sizeof(header));
  put32(header, ZIP_LOCAL_SIG);
  put16(header + 4, ZIP_VERSION);
  put16(header + 12, ZIP_DOS_DATE);
  put32(header + 14, entry->crc);
  put32(header + 18, ZIP_MAX32);
  put32(header + 22, ZIP_MAX32);
  put16(header + 26, (unsigned)name_length);
  put16(header + 28, ZIP64_LOCAL_EXTRA);
  unsigned char* extra = header + ZIP_LOCAL_SIZE;
  put16(extra, 0x0001);
  put16(extra + 2, 16);
  put64(extra + 4, entry->size);
  put64(extra + 12, entry->size);
  if (write_bytes(writer, header, ZIP_LOCAL_SIZE) != 0 ||
      write_bytes(writer, entry->name, name_length) != 0) {
    return -1;
  }
  return write_bytes(writer, extra, ZIP64_LOCAL_EXTRA);
}

static int
begin_member(HrNpzWriter*  writer,
             const char*   name,
             HrNpzType     type,
             size_t        n_dims,
             const size_t* shape)
{
  if (writer->failed || writer->open || n_dims > HR_NPZ_MAX_DIMS ||
      strlen(name) + 5 > NAME_SIZE) {
    writer->failed = writer->failed ? writer->failed : EINVAL;
    return -1;
  }
  if (add_entry(writer, name) != 0 ||
      write_local_header(writer, &writer->entries[writer->n_entries - 1]) !=
        0) {
    return -1;
  }
  writer->open      = 1;
  writer->type      = type;
  writer->item_size = type_size(type);
  snprintf(writer->descr, sizeof(writer->descr), "%s", type_descr(type));
  writer->n_dims   = n_dims;
  writer->n_values = 0;
  writer->data_crc = (uint32_t)crc32(0L, Z_NULL, 0);
  for (size_t d = 0; d < n_dims; ++d) {
    writer->shape[d] = shape[d];
  }
  writer->header_at = writer->entries[writer->n_entries - 1].offset +
                      ZIP_LOCAL_SIZE + strlen(name) + 4 + ZIP64_LOCAL_EXTRA;
  unsigned char placeholder[NPY_HEADER_SIZE];
  memset(placeholder, ' ', sizeof(placeholder));
  return write_bytes(writer, placeholder, sizeof(placeholder));
}

int
hr_npz_begin(HrNpzWriter*  writer,
             const char*   name,
             HrNpzType     type,
             size_t        n_dims,
             const size_t* shape)
{
  return writer ? begin_member(writer, name, type, n_dims, shape) : -1;
}

int
hr_npz_append(HrNpzWriter* writer, const void* values, size_t count)
{
  if (!writer || !writer->open) {
    return -1;
  }
  const size_t size = count * writer->item_size;
  writer->data_crc =
    (uint32_t)crc32_z(writer->data_crc, (const Bytef*)values, size);
  writer->n_values += count;
  return write_bytes(writer, values, size);
}

int
hr_npz_append_doubles(HrNpzWriter* writer, const double* values, size_t count)
{
  if (!writer || !writer->open) {
    return -1;
  }
  if (writer->type == HR_NPZ_FLOAT64) {
    return hr_npz_append(writer, values, count);
  }
  union {
    float   f32[512];
    int32_t i32[512];
    int64_t i64[512];
  } chunk;
  for (size_t done = 0; done < count;) {
    const size_t n = count - done < 512 ? count - done : 512;
    for (size_t i = 0; i < n; ++i) {
      const double value = values[done + i];
      if (writer->type == HR_NPZ_FLOAT32) {
        chunk.f32[i] = (float)value;
      } else if (writer->type == HR_NPZ_INT32) {
        chunk.i32[i] = (int32_t)value;
      } else {
        chunk.i64[i] = (int64_t)value;
      }
    }
    if (hr_npz_append(writer, &chunk, n) != 0) {
      return -1;
    }
    done += n;
  }
  return 0;
}

/* A 1-D member begun with length 0 takes the number of values written;
   otherwise the values must fill the shape. */
static int
settle_shape(HrNpzWriter* writer)
{
  if (writer->n_dims == 1 && writer->shape[0] == 0) {
    writer->shape[0] = (size_t)writer->n_values;
  }
  uint64_t expected = 1;
  for (size_t d = 0; d < writer->n_dims; ++d) {
    expected *= writer->shape[d];
  }
  return expected == writer->n_values ? 0 : -1;
}

static int
seek_to(HrNpzWriter* writer, uint64_t offset)
{
  if (fseeko(writer->file, (off_t)offset, SEEK_SET) != 0) {
    writer->failed = errno;
    return -1;
  }
  return 0;
}

/* Rewrite the member's .npy header and its local header's CRC and sizes,
   then return to the end of the file. */
static int
patch_member(HrNpzWriter* writer, HrNpzEntry* entry, const unsigned char* npy)
{
  unsigned char crc[4];
  unsigned char sizes[16];
  put32(crc, entry->crc);
  put64(sizes, entry->size);
  put64(sizes + 8, entry->size);
  const uint64_t extra_at =
    entry->offset + ZIP_LOCAL_SIZE + strlen(entry->name) + 4;
  if (seek_to(writer, writer->header_at) != 0 ||
      write_bytes(writer, npy, NPY_HEADER_SIZE) != 0 ||
      seek_to(writer, entry->offset + 14) != 0 ||
      write_bytes(writer, crc, 4) != 0 || seek_to(writer, extra_at) != 0 ||
      write_bytes(writer, sizes, 16) != 0) {
    return -1;
  }
  if (fseeko(writer->file, 0, SEEK_END) != 0) {
    writer->failed = errno;
    return -1;
  }
  return 0;
}

static int
end_member(HrNpzWriter* writer)
{
  if (!writer || !writer->open || writer->failed) {
    return -1;
  }
  writer->open = 0;
  if (settle_shape(writer) != 0) {
    writer->failed = EINVAL;
    return -1;
  }
  char          shape[64];
  unsigned char npy[NPY_HEADER_SIZE];
  format_shape(shape, sizeof(shape), writer->n_dims, writer->shape);
  if (format_npy_header(npy, writer->descr, shape) != 0) {
    writer->failed = EINVAL;
    return -1;
  }
  HrNpzEntry*    entry      = &writer->entries[writer->n_entries - 1];
  const uint64_t data_size  = writer->n_values * writer->item_size;
  const uint32_t header_crc = (uint32_t)crc32(0L, npy, NPY_HEADER_SIZE);
  entry->size               = NPY_HEADER_SIZE + data_size;
  entry->crc =
    (uint32_t)crc32_combine(header_crc, writer->data_crc, (z_off_t)data_size);
  return patch_member(writer, entry, npy);
}

int
hr_npz_end(HrNpzWriter* writer)
{
  return end_member(writer);
}

int
hr_npz_member(HrNpzWriter*  writer,
              const char*   name,
              HrNpzType     type,
              size_t        n_dims,
              const size_t* shape,
              const void*   values)
{
  size_t count = 1;
  for (size_t d = 0; d < n_dims; ++d) {
    count *= shape[d];
  }
  if (hr_npz_begin(writer, name, type, n_dims, shape) != 0 ||
      hr_npz_append(writer, values, count) != 0) {
    return -1;
  }
  return hr_npz_end(writer);
}

/* Decode UTF-8 into code points (UTF-32, as numpy stores '<U'); bytes
   that are not valid UTF-8 become U+FFFD. Returns the count. */
static size_t
utf8_to_utf32(const char* text, uint32_t* out)
{
  const unsigned char* in    = (const unsigned char*)text;
  size_t               count = 0;
  while (*in) {
    uint32_t point  = *in++;
    int      follow = point >= 0xf0 ? 3 : point >= 0xe0 ? 2 : point >= 0xc0;
    if (point >= 0x80 && point < 0xc0) {
      point = 0xfffd;
    } else if (follow) {
      point &= 0x3fu >> follow;
      for (; follow > 0; --follow) {
        if ((*in & 0xc0) != 0x80) {
          point = 0xfffd;
          break;
        }
        point = (point << 6) | (*in++ & 0x3fu);
      }
    }
    out[count++] = point;
  }
  return count;
}

int
hr_npz_text(HrNpzWriter* writer, const char* name, const char* text)
{
  /* One element of dtype '<UN': N code points, UTF-32. numpy cannot read
     '<U0', so an empty text is one U+0000, which numpy reads as "". */
  uint32_t* points = calloc(strlen(text) + 1, sizeof(uint32_t));
  if (!writer || !points) {
    free(points);
    return -1;
  }
  size_t count = utf8_to_utf32(text, points);
  count        = count ? count : 1;
  int status   = begin_member(writer, name, HR_NPZ_INT32, 0, NULL);
  if (status == 0) {
    writer->item_size = 4 * count;
    snprintf(writer->descr, sizeof(writer->descr), "<U%zu", count);
    status = hr_npz_append(writer, points, 1);
  }
  free(points);
  return status == 0 ? end_member(writer) : -1;
}

/* The central directory entry of one member; ZIP64 fields where a size
   or offset does not fit 32 bits. */
static int
write_central_entry(HrNpzWriter* writer, const HrNpzEntry* entry)
{
  const size_t  name_length = strlen(entry->name);
  const int     big_size    = entry->size >= ZIP_MAX32;
  const int     big_offset  = entry->offset >= ZIP_MAX32;
  unsigned char header[46];
  unsigned char extra[28];
  size_t        extra_length = 0;
  if (big_size || big_offset) {
    extra_length = 4;
    if (big_size) {
      put64(extra + extra_length, entry->size);
      put64(extra + extra_length + 8, entry->size);
      extra_length += 16;
    }
    if (big_offset) {
      put64(extra + extra_length, entry->offset);
      extra_length += 8;
    }
    put16(extra, 0x0001);
    put16(extra + 2, (unsigned)(extra_length - 4));
  }
  memset(header, 0, sizeof(header));
  put32(header, ZIP_CENTRAL_SIG);
  put16(header + 4, ZIP_VERSION);
  put16(header + 6, ZIP_VERSION);
  put16(header + 14, ZIP_DOS_DATE);
  put32(header + 16, entry->crc);
  put32(header + 20, big_size ? ZIP_MAX32 : (uint32_t)entry->size);
  put32(header + 24, big_size ? ZIP_MAX32 : (uint32_t)entry->size);
  put16(header + 28, (unsigned)name_length);
  put16(header + 30, (unsigned)extra_length);
  put32(header + 42, big_offset ? ZIP_MAX32 : (uint32_t)entry->offset);
  if (write_bytes(writer, header, sizeof(header)) != 0 ||
      write_bytes(writer, entry->name, name_length) != 0) {
    return -1;
  }
  return write_bytes(writer, extra, extra_length);
}

static int
write_zip64_end(HrNpzWriter* writer,
                uint64_t     directory_at,
                uint64_t     directory_size)
{
  unsigned char  record[56 + 20];
  const uint64_t record_at = directory_at + directory_size;
  memset(record, 0, sizeof(record));
  put32(record, ZIP64_END_SIG);
  put64(record + 4, 44);
  put16(record + 12, ZIP_VERSION);
  put16(record + 14, ZIP_VERSION);
  put64(record + 24, writer->n_entries);
  put64(record + 32, writer->n_entries);
  put64(record + 40, directory_size);
  put64(record + 48, directory_at);
  put32(record + 56, ZIP64_LOCATOR_SIG);
  put64(record + 64, record_at);
  put32(record + 72, 1);
  return write_bytes(writer, record, sizeof(record));
}

static int
write_directory(HrNpzWriter* writer)
{
  const off_t directory_at = ftello(writer->file);
  if (directory_at < 0) {
    writer->failed = errno;
    return -1;
  }
  for (size_t i = 0; i < writer->n_entries; ++i) {
    if (write_central_entry(writer, &writer->entries[i]) != 0) {
      return -1;
    }
  }
  const uint64_t directory_size =
    (uint64_t)(ftello(writer->file) - directory_at);
  const int big = (uint64_t)directory_at >= ZIP_MAX32 ||
                  directory_size >= ZIP_MAX32 || writer->n_entries >= ZIP_MAX16;
  if (big &&
      write_zip64_end(writer, (uint64_t)directory_at, directory_size) != 0) {
    return -1;
  }
  unsigned char end[22];
  memset(end, 0, sizeof(end));
  put32(end, ZIP_END_SIG);
  put16(end + 8, big ? ZIP_MAX16 : (unsigned)writer->n_entries);
  put16(end + 10, big ? ZIP_MAX16 : (unsigned)writer->n_entries);
  put32(end + 12, big ? ZIP_MAX32 : (uint32_t)directory_size);
  put32(end + 16, big ? ZIP_MAX32 : (uint32_t)directory_at);
  return write_bytes(writer, end, sizeof(end));
}

int
hr_npz_close(HrNpzWriter* writer, char* error, size_t error_size)
{
  if (!writer) {
    snprintf(error, error_size, "no archive");
    return -1;
  }
  if (writer->open) {
    writer->failed = writer->failed ? writer->failed : EINVAL;
  }
  int status = writer->failed ? -1 : write_directory(writer);
  if (fclose(writer->file) != 0 && status == 0) {
    writer->failed = errno;
    status         = -1;
  }
  writer->file = NULL;
  if (status == 0 && rename(writer->temp_path, writer->path) != 0) {
    writer->failed = errno;
    status         = -1;
  }
  if (status != 0) {
    snprintf(error,
             error_size,
             "cannot write %s: %s",
             writer->path,
             strerror(writer->failed ? writer->failed : EIO));
    unlink(writer->temp_path);
  }
  free_writer(writer);
  return status;
}

void
hr_npz_abort(HrNpzWriter* writer)
{
  if (!writer) {
    return;
  }
  if (writer->file) {
    fclose(writer->file);
    writer->file = NULL;
    unlink(writer->temp_path);
  }
  free_writer(writer);
}
