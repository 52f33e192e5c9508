/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "outfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
hr_outfile_exists(const char* path)
{
  struct stat info;
  return lstat(path, &info) == 0;
}

int
hr_outfile_write(const char*  path,
                 HrFileWriter writer,
                 void*        data,
                 char*        error,
                 size_t       error_size)
{
  static unsigned serial = 0;
  char            temp_path[4096];
  const int       length = snprintf(temp_path,
                              sizeof(temp_path),
                              "%s.tmp-%ld-%u",
                              path,
                              (long)getpid(),
                              serial++);
  if (length < 0 || (size_t)length >= sizeof(temp_path)) {
    snprintf(error, error_size, "%s: path too long", path);
    return -1;
  }
  errno    = 0;
  error[0] = '\0';
  if (writer(temp_path, data, error, error_size) != 0) {
    const int saved = errno;
    unlink(temp_path);
    if (!error[0]) {
      snprintf(error,
               error_size,
               "cannot write %s: %s",
               path,
               saved ? strerror(saved) : "write failed");
    }
    return -1;
  }
  if (rename(temp_path, path) != 0) {
    const int saved = errno;
    unlink(temp_path);
    snprintf(error, error_size, "cannot write %s: %s", path, strerror(saved));
    return -1;
  }
  return 0;
}
