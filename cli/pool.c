/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "pool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Finished tasks wait for the ones before them to be reported; this many
   at most are held (two open files each). */
#define MAX_AHEAD 128

typedef struct {
  pid_t pid;
  FILE* out; /* what the task printed, until it is passed on */
  FILE* err;
  int   done;
  int   failed;
} Slot;

typedef struct {
  int        n_tasks;
  int        n_jobs;
  HrPoolTask task;
  HrPoolDied died;
  void*      data;
  Slot*      slots;
  int        started;
  int        reported;
  int        running;
  int        failed;
} Pool;

static void
copy_out(FILE* from, FILE* to)
{
  char   buffer[8192];
  size_t count = 0;
  rewind(from);
  while ((count = fread(buffer, 1, sizeof(buffer), from)) > 0) {
    fwrite(buffer, 1, count, to);
  }
  fflush(to);
  fclose(from);
}

/* Run the task in a child whose stdout and stderr go to files. */
static void
start(Pool* pool)
{
  const int index = pool->started++;
  Slot*     slot  = &pool->slots[index];
  slot->out       = tmpfile();
  slot->err       = tmpfile();
  fflush(NULL); /* or the child would print what we have buffered */
  slot->pid = slot->out && slot->err ? fork() : -1;
  if (slot->pid == 0) {
    dup2(fileno(slot->out), STDOUT_FILENO);
    dup2(fileno(slot->err), STDERR_FILENO);
    const int status = pool->task(pool->data, index);
    fflush(NULL);
    _exit(status == 0 ? 0 : 1);
  }
  if (slot->pid < 0) {
    if (slot->err) {
      fprintf(
        slot->err, "hyperres: cannot start a process: %s\n", strerror(errno));
    }
    slot->done   = 1;
    slot->failed = 1;
    return;
  }
  ++pool->running;
}

static void
report_ready(Pool* pool)
{
  while (pool->reported < pool->started && pool->slots[pool->reported].done) {
    Slot* slot = &pool->slots[pool->reported++];
    if (slot->err) {
      copy_out(slot->err, stderr);
    }
    if (slot->out) {
      copy_out(slot->out, stdout);
    }
    pool->failed += slot->failed;
  }
}

static void
finish(Pool* pool, pid_t pid, int status)
{
  for (int i = pool->reported; i < pool->started; ++i) {
    Slot* slot = &pool->slots[i];
    if (slot->pid != pid || slot->done) {
      continue;
    }
    slot->done   = 1;
    slot->failed = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    if (WIFSIGNALED(status) && pool->died) {
      pool->died(pool->data, i, WTERMSIG(status), slot->err);
    }
    --pool->running;
    return;
  }
}

static int
run_in_processes(Pool* pool)
{
  while (pool->reported < pool->n_tasks) {
    while (pool->running < pool->n_jobs && pool->started < pool->n_tasks &&
           pool->started - pool->reported < MAX_AHEAD) {
      start(pool);
    }
    report_ready(pool);
    if (pool->running == 0) {
      continue;
    }
    int         status = 0;
    const pid_t pid    = waitpid(-1, &status, 0);
    if (pid > 0) {
      finish(pool, pid, status);
    } else if (errno != EINTR) {
      return -1;
    }
  }
  return 0;
}

int
hr_pool_run(int        n_tasks,
            int        n_jobs,
            HrPoolTask task,
            HrPoolDied died,
            void*      data)
{
  int failed = 0;
  if (n_jobs <= 1 || n_tasks <= 1) {
    for (int i = 0; i < n_tasks; ++i) {
      failed += task(data, i) != 0;
    }
    return failed;
  }
  Pool pool;
  memset(&pool, 0, sizeof(pool));
  pool.n_tasks = n_tasks;
  pool.n_jobs  = n_jobs;
  pool.task    = task;
  pool.died    = died;
  pool.data    = data;
  pool.slots   = calloc((size_t)n_tasks, sizeof(Slot));
  if (!pool.slots) {
    return hr_pool_run(n_tasks, 1, task, died, data);
  }
  if (run_in_processes(&pool)) {
    /* waitpid failed: no child left to wait for; count the rest failed */
    pool.failed += pool.n_tasks - pool.reported;
  }
  free(pool.slots);
  return pool.failed;
}
