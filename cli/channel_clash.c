/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "channel_clash.h"

#include <sndfile.h>

#include <stdlib.h>
#include <string.h>

/* The channels in the file at `path`, 0 if it cannot be read. */
static int
file_channels(const char* path)
{
  SF_INFO info;
  memset(&info, 0, sizeof(info));
  SNDFILE* file = sf_open(path, SFM_READ, &info);
  if (!file) {
    return 0;
  }
  sf_close(file);
  return info.channels;
}

/* K if `name` is `stem` followed by "_chK", else 0. */
static int
channel_suffix(const char* name, const char* stem)
{
  const size_t length = strlen(stem);
  if (strncmp(name, stem, length) || strncmp(name + length, "_ch", 3)) {
    return 0;
  }
  const char* digits = name + length + 3;
  if (*digits < '1' || *digits > '9') {
    return 0;
  }
  char*      end = NULL;
  const long k   = strtol(digits, &end, 10);
  return *end == '\0' && k <= 1024 ? (int)k : 0;
}

/* Does the file at `path` write channel `k` under its own name's _chK? */
static int
writes_channel(const char* path, int k, int channel)
{
  if (channel && channel != k) {
    return 0;
  }
  const int n_channels = file_channels(path);
  return n_channels > 1 && k <= n_channels;
}

const char*
hr_channel_name_clash(const HrInputList* list, int index, int channel)
{
  const char* name = list->names[index];
  for (int i = 0; i < index; ++i) {
    const char* other = list->names[i];
    int         k     = channel_suffix(name, other);
    if (k && writes_channel(list->files[i], k, channel)) {
      return list->files[i];
    }
    k = channel_suffix(other, name);
    if (k && writes_channel(list->files[index], k, channel)) {
      return list->files[i];
    }
  }
  return NULL;
}
