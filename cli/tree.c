/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "tree.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PATH_SIZE 4096

/* The folders from the top of the walk down to the current one: a link
   to any of them would walk in circles. */
typedef struct Ancestor {
  dev_t                  device;
  ino_t                  inode;
  const char*            path;
  const struct Ancestor* parent;
} Ancestor;

typedef struct {
  int         recursive;
  HrTreeVisit visit;
  void*       data;
  int*        n_failed;
} Walk;

static int
compare_names(const void* a, const void* b)
{
  return strcmp(*(char* const*)a, *(char* const*)b);
}

static void
free_names(char** names, size_t count)
{
  for (size_t i = 0; i < count; ++i) {
    free(names[i]);
  }
  free(names);
}

/* The visible names in `dir`, sorted; NULL with *count 0 when empty.
   Returns -1 when out of memory. */
static int
read_names(DIR* dir, char*** names, size_t* count)
{
  size_t         capacity = 0;
  struct dirent* entry    = NULL;
  *names                  = NULL;
  *count                  = 0;
  while ((entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] == '.') {
      continue;
    }
    if (*count == capacity) {
      capacity     = capacity ? 2 * capacity : 32;
      char** grown = realloc(*names, capacity * sizeof(char*));
      if (!grown) {
        free_names(*names, *count);
        return -1;
      }
      *names = grown;
    }
    const size_t length = strlen(entry->d_name) + 1;
    char*        copy   = malloc(length);
    if (!copy) {
      free_names(*names, *count);
      return -1;
    }
    memcpy(copy, entry->d_name, length);
    (*names)[(*count)++] = copy;
  }
  if (*count > 1) {
    qsort(*names, *count, sizeof(char*), compare_names);
  }
  return 0;
}

static const Ancestor*
find_ancestor(const Ancestor* chain, const struct stat* info)
{
  for (; chain; chain = chain->parent) {
    if (chain->device == info->st_dev && chain->inode == info->st_ino) {
      return chain;
    }
  }
  return NULL;
}

static int
walk_folder(const Walk*     walk,
            const char*     path,
            const char*     relative,
            const Ancestor* self);

static int
walk_entry(const Walk*     walk,
           const char*     path,
           const char*     relative,
           const Ancestor* parent)
{
  struct stat info;
  if (stat(path, &info) != 0 || !S_ISDIR(info.st_mode)) {
    /* Files, and entries stat() cannot read: their reader says why. */
    return walk->visit(walk->data, path, relative);
  }
  if (!walk->recursive) {
    return 0;
  }
  const Ancestor* loop = find_ancestor(parent, &info);
  if (loop) {
    fprintf(stderr,
            "hyperres: %s: a link back to %s (a loop); not followed\n",
            path,
            loop->path);
    return 0;
  }
  const Ancestor self = { info.st_dev, info.st_ino, path, parent };
  return walk_folder(walk, path, relative, &self);
}

static int
walk_folder(const Walk*     walk,
            const char*     path,
            const char*     relative,
            const Ancestor* self)
{
  DIR* dir = opendir(path);
  if (!dir) {
    fprintf(
      stderr, "hyperres: %s: cannot list folder: %s\n", path, strerror(errno));
    ++*walk->n_failed;
    return 0;
  }
  char** names  = NULL;
  size_t count  = 0;
  int    status = read_names(dir, &names, &count);
  closedir(dir);
  for (size_t i = 0; status == 0 && i < count; ++i) {
    char      child[PATH_SIZE];
    char      child_relative[PATH_SIZE];
    const int length = snprintf(child, sizeof(child), "%s/%s", path, names[i]);
    snprintf(child_relative,
             sizeof(child_relative),
             "%s%s%s",
             relative,
             relative[0] ? "/" : "",
             names[i]);
    if (length < 0 || (size_t)length >= sizeof(child)) {
      fprintf(stderr, "hyperres: %s/%s: path too long\n", path, names[i]);
      ++*walk->n_failed;
      continue;
    }
    status = walk_entry(walk, child, child_relative, self);
  }
  free_names(names, count);
  return status;
}

int
hr_tree_walk(const char* folder,
             int         recursive,
             HrTreeVisit visit,
             void*       data,
             int*        n_failed)
{
  const Walk  walk = { recursive, visit, data, n_failed };
  struct stat info;
  char        top_path[PATH_SIZE];
  snprintf(top_path, sizeof(top_path), "%s", folder);
  size_t length = strlen(top_path);
  while (length > 1 && top_path[length - 1] == '/') {
    top_path[--length] = '\0'; /* "rec/" gives "rec/a.wav", not "rec//" */
  }
  if (stat(top_path, &info) != 0) {
    fprintf(stderr, "hyperres: %s: %s\n", folder, strerror(errno));
    ++*n_failed;
    return 0;
  }
  const Ancestor top = { info.st_dev, info.st_ino, top_path, NULL };
  return walk_folder(&walk, top_path, "", &top);
}
