/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "batch.h"
#include "axes.h"
#include "channel_clash.h"
#include "index.h"
#include "inputs.h"
#include "json.h"
#include "pool.h"
#include "record.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATH_SIZE 4096

/* What becomes of one input of this process's share. */
typedef enum {
  TASK_RENDER,  /* analyse it */
  TASK_REPLACE, /* analyse it; what an unfinished run left may go */
  TASK_SKIP,    /* --resume: done with these options already */
  TASK_CLASH,   /* its outputs would be another input's */
} TaskKind;

typedef struct {
  int         file; /* in the input list */
  TaskKind    kind;
  const char* clash; /* TASK_CLASH: the earlier input */
} Task;

typedef struct {
  const HrCliOptions* options;
  const HrInputList*  list;
  Task*               tasks;
  int                 n_tasks;
  int                 n_skipped;
  HrRecord            record;
} Batch;

/* ----- --resume: is an input done with these options? ----- */

static int
same_member(const char* row, const char* key, const char* text)
{
  size_t      length = 0;
  const char* value  = hr_json_member(row, key, &length);
  return value && length == strlen(text) && !memcmp(value, text, length);
}

static int
has_status(const char* row, const char* status)
{
  char value[16];
  return !hr_json_member_string(row, "status", value, sizeof(value)) &&
         !strcmp(value, status);
}

/* Every output the row lists is there. */
static int
outputs_exist(const char* row, const char* out_dir)
{
  size_t      length = 0;
  const char* list   = hr_json_member(row, "outputs", &length);
  char        name[PATH_SIZE];
  char        path[2 * PATH_SIZE];
  size_t      i = 0;
  for (; list && !hr_json_array_string(list, length, i, name, sizeof(name));
       ++i) {
    struct stat info;
    snprintf(path, sizeof(path), "%s/%s", out_dir ? out_dir : ".", name);
    if (stat(path, &info) != 0) {
      return 0;
    }
  }
  return list && i > 0;
}

/* Done with these options, from this very input, outputs all there. */
static int
row_up_to_date(const char* row, const HrRecord* record, const char* out_dir)
{
  long long size     = -2;
  long long mtime_ns = -2;
  hr_json_member_long(row, "size", &size);
  hr_json_member_long(row, "mtime_ns", &mtime_ns);
  return has_status(row, "done") &&
         same_member(row, "request", record->request) && size == record->size &&
         mtime_ns == record->mtime_ns && record->size >= 0 &&
         outputs_exist(row, out_dir);
}

static TaskKind
resume_kind(const HrIndex* index, const HrRecord* record, const char* out_dir)
{
  size_t       count = 0;
  const size_t first = hr_index_find(index, record->input, &count);
  if (count == 0) {
    return TASK_REPLACE;
  }
  char attempt[sizeof(record->attempt)] = "";
  hr_json_member_string(
    index->rows[first + count - 1].row, "attempt", attempt, sizeof(attempt));
  size_t    n_latest = 0, n_current = 0, last_same = 0, last_other = 0;
  long long channels = -1;
  for (size_t i = first; i < first + count; ++i) {
    const char* row = index->rows[i].row;
    if (has_status(row, "done")) {
      if (same_member(row, "request", record->request)) {
        last_same = i + 1;
      } else {
        last_other = i + 1;
      }
    }
    char its_attempt[sizeof(attempt)] = "";
    hr_json_member_string(row, "attempt", its_attempt, sizeof(its_attempt));
    if (strcmp(its_attempt, attempt)) {
      continue;
    }
    ++n_latest;
    if (row_up_to_date(row, record, out_dir)) {
      ++n_current;
      hr_json_member_long(row, "channels", &channels);
    }
  }
  if (n_current == n_latest && channels == (long long)n_latest) {
    return TASK_SKIP;
  }
  /* Outputs recorded as done with other options are kept (--force). */
  return last_other > last_same ? TASK_RENDER : TASK_REPLACE;
}

/* ----- the plan: this process's share of the list ----- */

static int
in_share(const HrCliOptions* options, int file)
{
  return options->shard_count == 0 ||
         file % options->shard_count == options->shard_index;
}

static void
plan_task(Batch* batch, const HrIndex* index, int file)
{
  Task* task  = &batch->tasks[batch->n_tasks++];
  task->file  = file;
  task->clash = hr_inputs_name_clash(batch->list, file);
  if (!task->clash) {
    task->clash =
      hr_channel_name_clash(batch->list, file, batch->options->channel);
  }
  task->kind = task->clash ? TASK_CLASH : TASK_RENDER;
  if (!task->clash && batch->options->resume) {
    hr_record_start(
      &batch->record, batch->list->files[file], batch->list->names[file]);
    task->kind = resume_kind(index, &batch->record, batch->options->out_dir);
  }
  if (task->kind == TASK_SKIP) {
    ++batch->n_skipped;
    --batch->n_tasks; /* nothing to run, nothing to say */
  }
}

static int
plan(Batch* batch)
{
  HrIndex index;
  char    error[PATH_SIZE + 128];
  memset(&index, 0, sizeof(index));
  if (batch->options->resume &&
      hr_index_load(batch->options->out_dir, &index, error, sizeof(error))) {
    fprintf(stderr, "hyperres: %s\n", error);
    return -1;
  }
  batch->tasks = calloc((size_t)batch->list->n_files + 1, sizeof(Task));
  if (!batch->tasks) {
    hr_index_free(&index);
    fprintf(stderr, "hyperres: out of memory\n");
    return -1;
  }
  for (int i = 0; i < batch->list->n_files; ++i) {
    if (in_share(batch->options, i)) {
      plan_task(batch, &index, i);
    }
  }
  hr_index_free(&index);
  return 0;
}

/* ----- running a task ----- */

/* The folders of output name `name` under the output folder. */
static int
make_folders(const char* out_dir, const char* name)
{
  char path[PATH_SIZE];
  snprintf(path, sizeof(path), "%s/%s", out_dir ? out_dir : ".", name);
  for (char* slash = strchr(path + 1, '/'); slash;
       slash       = strchr(slash + 1, '/')) {
    *slash = '\0';
    if (mkdir(path, 0777) != 0 && errno != EEXIST) {
      fprintf(
        stderr, "hyperres: cannot make folder %s: %s\n", path, strerror(errno));
      return -1;
    }
    *slash = '/';
  }
  return 0;
}

/* Is `entry` a temporary file of an output of `base` (as outfile.c and
   npz.c name them: the output's name, ".tmp-", the writer's pid)? */
static int
is_leftover(const char* entry, const char* base)
{
  static const char* const kinds[] = {
    "spec.", "count.", "complex.", "recon.", "axes."
  };
  const size_t length = strlen(base);
  if (strncmp(entry, base, length) || entry[length] != '_') {
    return 0;
  }
  const char* rest = entry + length + 1;
  if (rest[0] == 'c' && rest[1] == 'h' && isdigit((unsigned char)rest[2])) {
    rest += 2;
    while (isdigit((unsigned char)*rest)) {
      ++rest;
    }
    if (*rest++ != '_') {
      return 0;
    }
  }
  for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); ++k) {
    const size_t kind = strlen(kinds[k]);
    if (!strncmp(rest, kinds[k], kind)) {
      const char* tmp = strstr(rest + kind, ".tmp-");
      return tmp && tmp == rest + kind + 3;
    }
  }
  return 0;
}

/* Remove what a killed run left while writing the outputs of `name`. No
   one else writes them: the input is this process's, in this share. */
static void
remove_leftovers(const char* out_dir, const char* name)
{
  char        folder[PATH_SIZE];
  const char* slash = strrchr(name, '/');
  const char* base  = slash ? slash + 1 : name;
  snprintf(folder,
           sizeof(folder),
           "%s/%.*s",
           out_dir ? out_dir : ".",
           (int)(slash ? slash - name : 0),
           name);
  DIR* dir = opendir(folder);
  if (!dir) {
    return;
  }
  struct dirent* entry = NULL;
  while ((entry = readdir(dir)) != NULL) {
    char path[2 * PATH_SIZE];
    if (is_leftover(entry->d_name, base)) {
      snprintf(path, sizeof(path), "%s/%s", folder, entry->d_name);
      unlink(path);
    }
  }
  closedir(dir);
}

static int
run_task(void* data, int index)
{
  Batch*      batch = (Batch*)data;
  const Task* task  = &batch->tasks[index];
  const char* path  = batch->list->files[task->file];
  const char* name  = batch->list->names[task->file];
  if (task->kind == TASK_CLASH) {
    fprintf(stderr,
            "hyperres: %s: its outputs would have the same names as those "
            "of %s; skipped (render it on its own or with another -o)\n",
            path,
            task->clash);
    return -1;
  }
  hr_record_start(&batch->record, path, name);
  if (make_folders(batch->options->out_dir, name)) {
    hr_record_failure(&batch->record, path, "cannot make its output folder");
    return -1;
  }
  HrCliOptions options   = *batch->options;
  options.force          = options.force || task->kind == TASK_REPLACE;
  HrJobListener listener = hr_record_listener(&batch->record);
  if (options.resume && task->kind == TASK_REPLACE) {
    remove_leftovers(options.out_dir, name);
  }
  return hr_job_render_file(&options, path, name, &listener);
}

static void
task_died(void* data, int index, int signal_number, FILE* report)
{
  Batch*      batch = (Batch*)data;
  const Task* task  = &batch->tasks[index];
  const char* path  = batch->list->files[task->file];
  char        message[PATH_SIZE + 64];
  snprintf(message,
           sizeof(message),
           "%s: the analysis ended with signal %d",
           path,
           signal_number);
  if (report) {
    fprintf(report, "hyperres: %s\n", message);
  }
  hr_record_start(&batch->record, path, batch->list->names[task->file]);
  hr_record_failure(&batch->record, path, message);
}

int
hr_batch_render(const HrCliOptions* options)
{
  HrInputList list;
  if (hr_inputs_collect(
        options->inputs, options->n_inputs, options->recursive, &list)) {
    return -1;
  }
  HrJson request;
  hr_json_init(&request);
  hr_axes_request_json(&request, options);
  Batch batch;
  memset(&batch, 0, sizeof(batch));
  batch.options            = options;
  batch.list               = &list;
  batch.record.options     = options;
  batch.record.request     = request.text;
  batch.record.write_index = 1;
  if (options->shard_count) {
    snprintf(batch.record.shard,
             sizeof(batch.record.shard),
             "%d/%d",
             options->shard_index,
             options->shard_count);
  }
  int failed = list.n_failed;
  if (request.failed || plan(&batch)) {
    failed = -1;
  } else {
    failed +=
      hr_pool_run(batch.n_tasks, options->n_jobs, run_task, task_died, &batch);
    if (list.n_files == 0 && list.n_failed == 0) {
      fprintf(stderr, "hyperres: no audio files found in the given folders\n");
      failed = 1;
    }
    if (batch.n_skipped && !options->quiet) {
      printf("hyperres: %d input(s) already done with these options "
             "(--resume), skipped\n",
             batch.n_skipped);
    }
  }
  free(batch.tasks);
  hr_json_free(&request);
  hr_inputs_free(&list);
  return failed;
}

int
hr_batch_render_signal(const HrCliOptions* options, const HrSignal* signal)
{
  HrRecord record;
  memset(&record, 0, sizeof(record));
  record.options         = options;
  record.request         = "null";
  HrJobListener listener = hr_record_listener(&record);
  return hr_job_render_signal(options, signal, &listener);
}
