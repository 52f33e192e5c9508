/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "inputs.h"
#include "render_job.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Extensions of the formats libsndfile reads. */
static const char* const audio_extensions[] = {
  "wav", "wave", "flac", "ogg", "oga",  "opus", "aif", "aiff", "aifc",
  "au",  "snd",  "caf",  "w64", "rf64", "mp3",  "voc", "sf",   "paf",
};

static int
has_audio_extension(const char* name)
{
  const char* dot = strrchr(name, '.');
  if (!dot || dot == name) {
    return 0;
  }
  const size_t count = sizeof(audio_extensions) / sizeof(audio_extensions[0]);
  for (size_t i = 0; i < count; ++i) {
    if (!strcasecmp(dot + 1, audio_extensions[i])) {
      return 1;
    }
  }
  return 0;
}

static int
append(HrInputList* list, const char* path, int* capacity)
{
  if (list->n_files == *capacity) {
    const int grown = *capacity ? 2 * *capacity : 16;
    char**    files = realloc(list->files, (size_t)grown * sizeof(char*));
    if (!files) {
      return -1;
    }
    list->files = files;
    *capacity   = grown;
  }
  const size_t length = strlen(path) + 1;
  char*        copy   = malloc(length);
  if (!copy) {
    return -1;
  }
  memcpy(copy, path, length);
  list->files[list->n_files++] = copy;
  return 0;
}

static int
compare_names(const void* a, const void* b)
{
  return strcmp(*(const char* const*)a, *(const char* const*)b);
}

static int
collect_folder(const char* folder, HrInputList* list, int* capacity)
{
  DIR* dir = opendir(folder);
  if (!dir) {
    fprintf(stderr,
            "hyperres: %s: cannot list folder: %s\n",
            folder,
            strerror(errno));
    ++list->n_failed;
    return 0;
  }
  const int      first  = list->n_files;
  struct dirent* entry  = NULL;
  int            status = 0;
  while (status == 0 && (entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] == '.' || !has_audio_extension(entry->d_name)) {
      continue;
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", folder, entry->d_name);
    status = append(list, path, capacity);
  }
  closedir(dir);
  qsort(list->files + first,
        (size_t)(list->n_files - first),
        sizeof(char*),
        compare_names);
  return status;
}

int
hr_inputs_collect(const char* const* args, int n_args, HrInputList* list)
{
  int capacity = 0;
  memset(list, 0, sizeof(*list));
  for (int i = 0; i < n_args; ++i) {
    struct stat info;
    int         status = 0;
    if (stat(args[i], &info) != 0) {
      fprintf(stderr, "hyperres: %s: %s\n", args[i], strerror(errno));
      ++list->n_failed;
    } else if (S_ISDIR(info.st_mode)) {
      status = collect_folder(args[i], list, &capacity);
    } else {
      status = append(list, args[i], &capacity);
    }
    if (status) {
      hr_inputs_free(list);
      return -1;
    }
  }
  return 0;
}

const char*
hr_inputs_name_clash(const HrInputList* list, int index)
{
  char name[4096];
  char other[4096];
  hr_job_output_name(list->files[index], name, sizeof(name));
  for (int i = 0; i < index; ++i) {
    hr_job_output_name(list->files[i], other, sizeof(other));
    if (!strcmp(name, other)) {
      return list->files[i];
    }
  }
  return NULL;
}

void
hr_inputs_free(HrInputList* list)
{
  for (int i = 0; i < list->n_files; ++i) {
    free(list->files[i]);
  }
  free(list->files);
  memset(list, 0, sizeof(*list));
}
