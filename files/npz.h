/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Writer of NumPy .npz files: a ZIP archive (stored, not compressed) of
   .npy members, as numpy.savez writes it, so that numpy.load(path)["name"]
   and scipy.sparse.load_npz read it. Members are streamed: their data may
   be far larger than memory, their size (and, for the first axis, their
   shape) may be known only at the end. ZIP64 records are written where a
   member or the archive passes 4 GiB. The archive appears whole or not at
   all: it is written under a temporary name, then renamed. */

#ifndef HR_NPZ_H
#define HR_NPZ_H

#include <stddef.h>
#include <stdint.h>

/** An .npz file being written. */
typedef struct HrNpzWriterImpl HrNpzWriter;

/** Element type of a member (little-endian, as numpy names it). */
typedef enum {
  HR_NPZ_FLOAT32, /**< '<f4' */
  HR_NPZ_FLOAT64, /**< '<f8' */
  HR_NPZ_INT32,   /**< '<i4' */
  HR_NPZ_INT64,   /**< '<i8' */
} HrNpzType;

/** Most dimensions a member may have. */
#define HR_NPZ_MAX_DIMS 2

/** Start writing the archive that will appear at `path` (which must not
    exist unless `overwrite`). Returns NULL with a message in `error`. */
HrNpzWriter*
hr_npz_open(const char* path, int overwrite, char* error, size_t error_size);

/** Begin member `name` (without ".npy") of `n_dims` (0 to 2) dimensions
    `shape`; its values follow through hr_npz_append(). */
int
hr_npz_begin(HrNpzWriter*  writer,
             const char*   name,
             HrNpzType     type,
             size_t        n_dims,
             const size_t* shape);

/** Append `count` values of the member's type, native byte order (this
    writer runs on little-endian machines only, as numpy's '<' says). */
int
hr_npz_append(HrNpzWriter* writer, const void* values, size_t count);

/** Append `count` doubles converted to the member's type. */
int
hr_npz_append_doubles(HrNpzWriter* writer, const double* values, size_t count);

/** End the current member. The values written must fill its shape; a
    1-D member begun with shape {0} takes the number of values written. */
int
hr_npz_end(HrNpzWriter* writer);

/** Write a whole member in one call: begin, append, end. */
int
hr_npz_member(HrNpzWriter*  writer,
              const char*   name,
              HrNpzType     type,
              size_t        n_dims,
              const size_t* shape,
              const void*   values);

/** Write `text` (UTF-8) as a 0-d unicode member, numpy dtype '<U…'. */
int
hr_npz_text(HrNpzWriter* writer, const char* name, const char* text);

/** Finish the archive and rename it into place. Returns 0, or -1 with a
    message in `error` (nothing is left at `path` then). Frees `writer`. */
int
hr_npz_close(HrNpzWriter* writer, char* error, size_t error_size);

/** Give up: remove the temporary file and free `writer`. NULL is fine. */
void
hr_npz_abort(HrNpzWriter* writer);

#endif /* HR_NPZ_H */
