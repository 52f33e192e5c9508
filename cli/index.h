/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The batch index, hyperres_index.jsonl in the output folder: one JSON
   object per line, one line per input and channel each time one is
   analysed (or fails). Many writers may share it (job arrays on a
   cluster, on NFS): each appends its lines with one write() to a file
   opened O_APPEND, holding a POSIX (fcntl) lock over the file, which NFS
   passes to the server. Lines are never rewritten; a reader takes, for
   each input, the rows of its latest attempt (the "attempt" of its last
   line); within an attempt there is one row per channel. */

#ifndef HR_INDEX_H
#define HR_INDEX_H

#include <stddef.h>

/** The index's file name, in the output folder. */
#define HR_INDEX_NAME "hyperres_index.jsonl"

/** One row of an index and the input it is about. */
typedef struct {
  char* input; /**< absolute path */
  char* row;   /**< the JSON object (a line of HrIndex.text) */
} HrIndexRow;

/** The rows of an index, read at the start of a run. */
typedef struct {
  char*       text; /**< the whole file, lines NUL-terminated in place */
  HrIndexRow* rows; /**< well-formed rows, by input, then file order */
  size_t      n_rows;
} HrIndex;

/** Append `lines` (whole lines, each ending in '\n') to the index in
    `out_dir` (NULL: the current folder). Returns 0, or -1 with a message
    in `error`. */
int
hr_index_append(const char* out_dir,
                const char* lines,
                char*       error,
                size_t      error_size);

/** Read the index in `out_dir`; a missing index reads as empty. Lines
    that are not whole rows (a writer killed mid-line) are left out.
    Returns 0, or -1 with a message in `error`. */
int
hr_index_load(const char* out_dir,
              HrIndex*    index,
              char*       error,
              size_t      error_size);

/** The rows about `input` (an absolute path), oldest first: their first
    index in index->rows, and their count in `count` (0: none). Of them,
    those whose "attempt" equals the last one's describe the input. */
size_t
hr_index_find(const HrIndex* index, const char* input, size_t* count);

/** Free what hr_index_load() allocated. */
void
hr_index_free(HrIndex* index);

#endif /* HR_INDEX_H */
