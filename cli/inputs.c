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
#include <unistd.h>

/* Extensions of the formats libsndfile reads. */
static const char* const audio_extensions[] = {
  "wav", "wave", "flac", "ogg", "oga",  "opus", "aif", "aiff", "aifc",
  "au",  "snd",  "caf",  "w64", "rf64", "mp3",  "voc", "sf",   "paf",
};

#define PATH_SIZE 4096

typedef struct {
  HrInputList* list;
  int          capacity;
  const char*  prefix; /* the folder input's place under the common one */
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
  const Collector* collector = (const Collector*)data;
  char             name[2 * PATH_SIZE];
  if (!has_audio_extension(relative)) {
    return 0;
  }
  snprintf(name,
           sizeof(name),
           "%s%s%s",
           collector->prefix,
           collector->prefix[0] ? "/" : "",
           relative);
  return append((Collector*)data, path, name);
}

/* `path` from the root, lexically ("/a/b"; "" for the root): the working
   folder put before a relative path, "." and ".." resolved by name. */
static void
lexical_path(const char* path, char* out, size_t size)
{
  char joined[2 * PATH_SIZE];
  char folder[PATH_SIZE] = "";
  if (path[0] != '/' && !getcwd(folder, sizeof(folder))) {
    folder[0] = '\0';
  }
  snprintf(joined, sizeof(joined), "%s/%s", folder, path);
  size_t length = 0;
  out[0]        = '\0';
  for (char* part = strtok(joined, "/"); part; part = strtok(NULL, "/")) {
    if (!strcmp(part, "..")) {
      char* slash = strrchr(out, '/');
      length      = slash ? (size_t)(slash - out) : 0;
      out[length] = '\0';
    } else if (strcmp(part, ".") && length + strlen(part) + 2 < size) {
      length += (size_t)snprintf(out + length, size - length, "/%s", part);
    }
  }
}

/* Cut `common` to the folder it shares with `path` (both lexical). */
static void
share_folder(char* common, const char* path)
{
  size_t same = 0;
  while (common[same] && common[same] == path[same]) {
    ++same;
  }
  if ((common[same] == '\0' || common[same] == '/') &&
      (path[same] == '\0' || path[same] == '/')) {
    common[same] = '\0';
    return;
  }
  while (same > 0 && common[same] != '/') {
    --same;
  }
  common[same] = '\0';
}

/* The deepest folder holding every input (a folder input itself, a file
   input's folder): outputs are named by their path below it. */
static void
common_folder(const char* const* args, int n_args, char* common, size_t size)
{
  int first = 1;
  common[0] = '\0';
  for (int i = 0; i < n_args; ++i) {
    struct stat info;
    char        path[PATH_SIZE];
    if (stat(args[i], &info) != 0) {
      continue;
    }
    lexical_path(args[i], path, sizeof(path));
    if (!S_ISDIR(info.st_mode)) {
      char* slash = strrchr(path, '/');
      if (slash) {
        *slash = '\0';
      }
    }
    if (first) {
      snprintf(common, size, "%s", path);
      first = 0;
    } else {
      share_folder(common, path);
    }
  }
}

/* `path` (an input) below `common`, without the leading "/". */
static void
below(const char* path, const char* common, char* out, size_t size)
{
  char lexical[PATH_SIZE];
  lexical_path(path, lexical, sizeof(lexical));
  const size_t length = strlen(common);
  const char*  rest   = lexical + length;
  snprintf(out, size, "%s", rest[0] == '/' ? rest + 1 : rest);
}

int
hr_inputs_collect(const char* const* args,
                  int                n_args,
                  int                recursive,
                  HrInputList*       list)
{
  Collector collector = { list, 0, "" };
  char      common[PATH_SIZE];
  char      place[PATH_SIZE];
  memset(list, 0, sizeof(*list));
  common_folder(args, n_args, common, sizeof(common));
  for (int i = 0; i < n_args; ++i) {
    struct stat info;
    int         status = 0;
    if (stat(args[i], &info) != 0) {
      fprintf(stderr, "hyperres: %s: %s\n", args[i], strerror(errno));
      ++list->n_failed;
      continue;
    }
    below(args[i], common, place, sizeof(place));
    if (S_ISDIR(info.st_mode)) {
      collector.prefix = place;
      status           = hr_tree_walk(
        args[i], recursive, visit_file, &collector, &list->n_failed);
    } else {
      status = append(&collector, args[i], place);
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
