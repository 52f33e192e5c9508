/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Output files that appear whole or not at all: written under a
   temporary name in the target folder, then renamed into place. */

#ifndef HR_OUTFILE_H
#define HR_OUTFILE_H

#include <stddef.h>

/** Writes a file at `path`; returns 0 on success, else -1 with a message
    in `error`, or with `error` left empty and errno set. */
typedef int (*HrFileWriter)(const char* path,
                            void*       data,
                            char*       error,
                            size_t      error_size);

/** Run `writer` on a temporary path beside `path`, then rename it to
    `path`. On failure nothing is left behind and `error` says why. */
int
hr_outfile_write(const char*  path,
                 HrFileWriter writer,
                 void*        data,
                 char*        error,
                 size_t       error_size);

/** 1 if something exists at `path`. */
int
hr_outfile_exists(const char* path);

#endif /* HR_OUTFILE_H */
