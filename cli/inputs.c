/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "inputs.h"
#include "tree.h"

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

typedef struct {
  HrInputList* list;
  int          capacity;
} Collector;

static int
has_audio_extension(const char* name)
{
  const char* slash = strrchr(name, '/');
  const char* base  = slash ? slash + 1 : name;
  const char* dot   = strrchr(base, '.');
  if (!dot || dot == base) {
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

static char*
copy_text(const char* text)
{
  const size_t length = strlen(text) + 1;
  char*        copy   = malloc(length);
  if (copy) {
    memcpy(copy, text, length);
  }
  return copy;
}

/* `relative` without its extension: the output name. */
static char*
output_name(const char* relative)
{
  char*       name  = copy_text(relative);
  const char* slash = name ? strrchr(name, '/') : NULL;
  char*       dot   = name ? strrchr(name, '.') : NULL;
  const char* base  = slash ? slash + 1 : name;
  if (dot && dot > base) {
    *dot = '\0';
  }
  return name;
}

static int
grow(Collector* collector)
{
  HrInputList* list = collector->list;
  if (list->n_files < collector->capacity) {
    return 0;
  }
  const int grown = collector->capacity ? 2 * collector->capacity : 16;
  char**    files = realloc(list->files, (size_t)grown * sizeof(char*));
  if (files) {
    list->files = files;
  }
  char** names = realloc(list->names, (size_t)grown * sizeof(char*));
  if (names) {
    list->names = names;
  }
  if (!files || !names) {
    return -1;
  }
  collector->capacity = grown;
  return 0;
}

static int
append(Collector* collector, const char* path, const char* relative)
{
  if (grow(collector)) {
    return -1;
  }
  HrInputList* list = collector->list;
  char*        file = copy_text(path);
  char*        name = output_name(relative);
  if (!file || !name) {
    free(file);
    free(name);
    return -1;
  }
  list->files[list->n_files] = file;
  list->names[list->n_files] = name;
  ++list->n_files;
  return 0;
}

static int
visit_file(void* data, const char* path, const char* relative)
{
  if (!has_audio_extension(relative)) {
    return 0;
  }
  return append((Collector*)data, path, relative);
}

int
hr_inputs_collect(const char* const* args,
                  int                n_args,
                  int                recursive,
                  HrInputList*       list)
{
  Collector collector = { list, 0 };
  memset(list, 0, sizeof(*list));
  for (int i = 0; i < n_args; ++i) {
    struct stat info;
    int         status = 0;
    if (stat(args[i], &info) != 0) {
      fprintf(stderr, "hyperres: %s: %s\n", args[i], strerror(errno));
      ++list->n_failed;
    } else if (S_ISDIR(info.st_mode)) {
      status = hr_tree_walk(
        args[i], recursive, visit_file, &collector, &list->n_failed);
    } else {
      const char* slash = strrchr(args[i], '/');
      status = append(&collector, args[i], slash ? slash + 1 : args[i]);
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
  for (int i = 0; i < index; ++i) {
    if (!strcmp(list->names[index], list->names[i])) {
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
    free(list->names[i]);
  }
  free(list->files);
  free(list->names);
  memset(list, 0, sizeof(*list));
}
