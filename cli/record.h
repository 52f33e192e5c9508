/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The record of a batch's results: a listener of render jobs that writes
   each histogram's axes file and adds a row per input and channel to the
   output folder's index (see index.h for the rules of that file). */

#ifndef HR_RECORD_H
#define HR_RECORD_H

#include "args.h"
#include "render_job.h"

#define HR_RECORD_PATH_SIZE 4096

/** What a batch records, and the input being analysed. */
typedef struct {
  const HrCliOptions* options;
  const char*         request;     /**< JSON of the options (hr_axes) */
  int                 write_index; /**< 0: axes files only (the demo) */
  char                shard[32];   /**< "K/N", or "" */
  /* the input being analysed, set by hr_record_start() */
  char        input[HR_RECORD_PATH_SIZE]; /**< absolute path */
  const char* name;                       /**< output name */
  long long   size;                       /**< bytes; -1 if unknown */
  long long   mtime_ns;                   /**< since 1970; -1 if unknown */
  char        attempt[160];               /**< unique: host, pid, time */
} HrRecord;

/** Note the input at `path`, its output name `name` (kept, not copied),
    its absolute path, size and modification time, and a new attempt id. */
void
hr_record_start(HrRecord* record, const char* path, const char* name);

/** The listener that records into `record`. */
HrJobListener
hr_record_listener(HrRecord* record);

/** Record that the analysis of the current input failed with `message`
    before it could say so itself (its process died). */
void
hr_record_failure(HrRecord* record, const char* path, const char* message);

#endif /* HR_RECORD_H */
