/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "index.h"
#include "json.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_SIZE 4096

static int
index_path(const char* out_dir, char* path, size_t path_size)
{
  const int length =
    snprintf(path, path_size, "%s/%s", out_dir ? out_dir : ".", HR_INDEX_NAME);
  return length < 0 || (size_t)length >= path_size ? -1 : 0;
}

static int
lock_file(int fd, short type)
{
  struct flock lock;
  memset(&lock, 0, sizeof(lock));
  lock.l_type   = type;
  lock.l_whence = SEEK_SET;
  int status    = 0;
  do {
    status = fcntl(fd, F_SETLKW, &lock);
  } while (status != 0 && errno == EINTR);
  return status;
}

/* Write all of `bytes` (one write() unless the kernel takes less). */
static int
write_all(int fd, const char* bytes, size_t count)
{
  while (count > 0) {
    const ssize_t done = write(fd, bytes, count);
    if (done < 0 && errno == EINTR) {
      continue;
    }
    if (done <= 0) {
      return -1;
    }
    bytes += done;
    count -= (size_t)done;
  }
  return 0;
}

/* A writer killed mid-line leaves a line without its end: start ours on
   a line of its own. */
static int
ends_in_newline(int fd)
{
  struct stat info;
  char        last = '\n';
  if (fstat(fd, &info) == 0 && info.st_size > 0 &&
      pread(fd, &last, 1, info.st_size - 1) != 1) {
    last = '\n';
  }
  return last == '\n';
}

int
hr_index_append(const char* out_dir,
                const char* lines,
                char*       error,
                size_t      error_size)
{
  char path[PATH_SIZE];
  if (index_path(out_dir, path, sizeof(path))) {
    snprintf(error, error_size, "index path too long");
    return -1;
  }
  const int fd = open(path, O_RDWR | O_APPEND | O_CREAT, 0666);
  if (fd < 0) {
    snprintf(error, error_size, "cannot open %s: %s", path, strerror(errno));
    return -1;
  }
  int status = lock_file(fd, F_WRLCK);
  if (status == 0 && !ends_in_newline(fd)) {
    status = write_all(fd, "\n", 1);
  }
  if (status == 0) {
    status = write_all(fd, lines, strlen(lines));
  }
  const int saved = errno;
  lock_file(fd, F_UNLCK);
  if (close(fd) != 0 && status == 0) {
    status = -1;
  }
  if (status != 0) {
    snprintf(error, error_size, "cannot add to %s: %s", path, strerror(saved));
  }
  return status;
}

static char*
read_whole(const char* path, int* missing)
{
  FILE* file = fopen(path, "rb");
  *missing   = !file && errno == ENOENT;
  if (!file) {
    return NULL;
  }
  size_t capacity = 1 << 16;
  size_t length   = 0;
  char*  text     = malloc(capacity);
  while (text) {
    length += fread(text + length, 1, capacity - 1 - length, file);
    if (length < capacity - 1) {
      break;
    }
    capacity *= 2;
    char* grown = realloc(text, capacity);
    if (!grown) {
      free(text);
    }
    text = grown;
  }
  const int failed = ferror(file);
  fclose(file);
  if (text && failed) {
    free(text);
    return NULL;
  }
  if (text) {
    text[length] = '\0';
  }
  return text;
}

/* By input, then by place in the file (the rows' addresses). */
static int
compare_rows(const void* a, const void* b)
{
  const HrIndexRow* first  = (const HrIndexRow*)a;
  const HrIndexRow* second = (const HrIndexRow*)b;
  const int         order  = strcmp(first->input, second->input);
  if (order) {
    return order;
  }
  return first->row < second->row ? -1 : first->row > second->row ? 1 : 0;
}

/* A copy of the input of `line`, or NULL if it is not a whole row. */
static char*
row_input(const char* line)
{
  char   input[PATH_SIZE];
  size_t length = 0;
  if (hr_json_member_string(line, "input", input, sizeof(input)) ||
      !hr_json_member(line, "status", &length)) {
    return NULL;
  }
  char* copy = malloc(strlen(input) + 1);
  if (copy) {
    strcpy(copy, input);
  }
  return copy;
}

/* Split into lines, keep the whole rows, sort them. */
static int
parse_rows(HrIndex* index)
{
  size_t n_lines = 0;
  for (const char* c = index->text; *c; ++c) {
    n_lines += *c == '\n';
  }
  index->rows = calloc(n_lines + 1, sizeof(HrIndexRow));
  if (!index->rows) {
    return -1;
  }
  for (char* line = index->text; *line;) {
    char* end = strchr(line, '\n');
    if (!end) {
      break; /* no end: a line still being written, or a torn one */
    }
    *end        = '\0';
    char* input = row_input(line);
    if (input) {
      index->rows[index->n_rows].input = input;
      index->rows[index->n_rows].row   = line;
      ++index->n_rows;
    }
    line = end + 1;
  }
  qsort(index->rows, index->n_rows, sizeof(HrIndexRow), compare_rows);
  return 0;
}

int
hr_index_load(const char* out_dir,
              HrIndex*    index,
              char*       error,
              size_t      error_size)
{
  char path[PATH_SIZE];
  int  missing = 0;
  memset(index, 0, sizeof(*index));
  if (index_path(out_dir, path, sizeof(path))) {
    snprintf(error, error_size, "index path too long");
    return -1;
  }
  index->text = read_whole(path, &missing);
  if (!index->text) {
    if (missing) {
      return 0;
    }
    snprintf(error, error_size, "cannot read %s: %s", path, strerror(errno));
    return -1;
  }
  if (parse_rows(index)) {
    hr_index_free(index);
    snprintf(error, error_size, "out of memory reading %s", path);
    return -1;
  }
  return 0;
}

size_t
hr_index_find(const HrIndex* index, const char* input, size_t* count)
{
  size_t low  = 0;
  size_t high = index->n_rows;
  while (low < high) {
    const size_t middle = low + (high - low) / 2;
    if (strcmp(index->rows[middle].input, input) < 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  size_t end = low;
  while (end < index->n_rows && !strcmp(index->rows[end].input, input)) {
    ++end;
  }
  *count = end - low;
  return low;
}

void
hr_index_free(HrIndex* index)
{
  for (size_t i = 0; i < index->n_rows; ++i) {
    free(index->rows[i].input);
  }
  free(index->rows);
  free(index->text);
  memset(index, 0, sizeof(*index));
}
