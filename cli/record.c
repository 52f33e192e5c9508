/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "record.h"
#include "axes.h"
#include "index.h"
#include "json.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static double
unix_seconds(void)
{
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

/* `path` from the root: the working folder, then the path as given (not
   resolved: the same arguments give the same name in every run). */
static void
absolute_path(const char* path, char* absolute, size_t size)
{
  char folder[HR_RECORD_PATH_SIZE];
  while (path[0] == '.' && path[1] == '/') {
    path += 2;
  }
  const int length = path[0] == '/' || !getcwd(folder, sizeof(folder))
                       ? -1
                       : snprintf(absolute, size, "%s/%s", folder, path);
  if (length < 0 || (size_t)length >= size) {
    snprintf(absolute, size, "%s", path);
  }
}

void
hr_record_start(HrRecord* record, const char* path, const char* name)
{
  static unsigned serial = 0;
  struct stat     info;
  struct utsname  host;
  record->name     = name;
  record->size     = -1;
  record->mtime_ns = -1;
  if (stat(path, &info) == 0) {
    record->size     = (long long)info.st_size;
    record->mtime_ns = (long long)info.st_mtim.tv_sec * 1000000000LL +
                       (long long)info.st_mtim.tv_nsec;
  }
  absolute_path(path, record->input, sizeof(record->input));
  if (uname(&host) != 0) {
    strcpy(host.nodename, "?");
  }
  snprintf(record->attempt,
           sizeof(record->attempt),
           "%.64s:%ld:%.6f:%u",
           host.nodename,
           (long)getpid(),
           unix_seconds(),
           serial++);
}

/* `path` relative to the output folder (outputs are written there). */
static const char*
relative_output(const HrRecord* record, const char* path)
{
  const char*  dir = record->options->out_dir ? record->options->out_dir : ".";
  const size_t length = strlen(dir);
  if (!strncmp(path, dir, length) && path[length] == '/') {
    return path + length + 1;
  }
  return path;
}

static void
outputs_json(HrJson* json, const HrRecord* record, const HrJobResult* result)
{
  hr_json_key(json, "outputs");
  hr_json_open(json, '[');
  for (int i = 0; i < result->n_outputs; ++i) {
    hr_json_string(json, NULL, relative_output(record, result->outputs[i]));
  }
  hr_json_close(json, ']');
}

static void
input_json(HrJson* json, const HrRecord* record, const HrJobResult* result)
{
  hr_json_string(json, "input", record->input);
  hr_json_string(json, "path", result->input);
  hr_json_string(json, "name", record->name);
  hr_json_long(json, "size", record->size);
  hr_json_long(json, "mtime_ns", record->mtime_ns);
  hr_json_long(json, "channel", result->channel);
  hr_json_long(json, "channels", result->n_channels);
  hr_json_long(json, "samples", (long long)result->frames);
  if (result->sample_rate > 0.0) {
    hr_json_double(json, "sample_rate", result->sample_rate);
  } else {
    hr_json_null(json, "sample_rate");
  }
  hr_json_double(json, "start_s", result->start_s);
}

static void
row_json(HrJson* json, const HrRecord* record, const HrJobResult* result)
{
  hr_json_open(json, '{');
  input_json(json, record, result);
  hr_json_key(json, "params");
  if (result->params) {
    hr_axes_params_json(json, record->options, result);
  } else {
    hr_json_raw(json, "null");
  }
  hr_json_key(json, "request");
  hr_json_raw(json, record->request);
  outputs_json(json, record, result);
  hr_json_long(json, "rows", result->rows);
  hr_json_long(json, "cols", (long long)result->cols);
  hr_json_string(json, "status", result->error ? "failed" : "done");
  if (result->error) {
    hr_json_string(json, "error", result->error);
  } else {
    hr_json_null(json, "error");
  }
  hr_json_double(json, "seconds", result->seconds);
  hr_json_string(json, "attempt", record->attempt);
  hr_json_string(json, "shard", record->shard);
  hr_json_double(json, "finished", unix_seconds());
  hr_json_string(json, "version", HR_VERSION);
  hr_json_close(json, '}');
  hr_json_raw(json, "\n");
}

static int
append_row(const HrRecord*    record,
           const HrJobResult* result,
           char*              error,
           size_t             error_size)
{
  HrJson json;
  hr_json_init(&json);
  row_json(&json, record, result);
  int status = -1;
  if (json.failed) {
    snprintf(error, error_size, "out of memory");
  } else {
    status =
      hr_index_append(record->options->out_dir, json.text, error, error_size);
  }
  hr_json_free(&json);
  return status;
}

static int
report(void* data, const HrJobResult* result, char* error, size_t error_size)
{
  HrRecord*   record    = (HrRecord*)data;
  HrJobResult described = *result;
  char        axes[HR_RECORD_PATH_SIZE];
  const int   room =
    (int)(sizeof(described.outputs) / sizeof(described.outputs[0])) -
    result->n_outputs;
  if (!result->error && result->params && result->n_outputs > 0 && room > 0 &&
      !hr_axes_path(result->outputs[0], axes, sizeof(axes))) {
    if (hr_axes_write(axes, record->options, result, error, error_size)) {
      return -1;
    }
    described.outputs[described.n_outputs++] = axes;
  }
  if (result->refused || !record->write_index) {
    return 0; /* the outputs there, and their rows, still stand */
  }
  if (!result->error) {
    return append_row(record, &described, error, error_size);
  }
  char ignored[512];
  if (append_row(record, &described, ignored, sizeof(ignored))) {
    fprintf(stderr, "hyperres: %s\n", ignored);
  }
  return 0;
}

HrJobListener
hr_record_listener(HrRecord* record)
{
  HrJobListener listener = { report, record };
  return listener;
}

void
hr_record_failure(HrRecord* record, const char* path, const char* message)
{
  HrJobResult result;
  memset(&result, 0, sizeof(result));
  result.input = path;
  result.error = message;
  char ignored[8];
  report(record, &result, ignored, sizeof(ignored));
}
