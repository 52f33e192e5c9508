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

/* One task's child process, and what it printed. */
typedef struct {
  pid_t pid;
  FILE* out; /* what the task printed, until it is passed on */
  FILE* err;
  int   done;
  int   failed;
} Child;

typedef struct {
  int        n_tasks;
  int        n_jobs;
  HrPoolTask task;
  HrPoolDied died;
  void*      data;
  Child*     children;
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
  Child*    child = &pool->children[index];
  child->out      = tmpfile();
  child->err      = tmpfile();
  fflush(NULL); /* or the child would print what we have buffered */
  child->pid = child->out && child->err ? fork() : -1;
  if (child->pid == 0) {
    dup2(fileno(child->out), STDOUT_FILENO);
    dup2(fileno(child->err), STDERR_FILENO);
    const int status = pool->task(pool->data, index);
    fflush(NULL);
    _exit(status == 0 ? 0 : 1);
  }
  if (child->pid < 0) {
    if (child->err) {
      fprintf(
        child->err, "hyperres: cannot start a process: %s\n", strerror(errno));
    }
    child->done   = 1;
    child->failed = 1;
    return;
  }
  ++pool->running;
}

static void
report_ready(Pool* pool)
{
  while (pool->reported < pool->started &&
         pool->children[pool->reported].done) {
    Child* child = &pool->children[pool->reported++];
    if (child->err) {
      copy_out(child->err, stderr);
    }
    if (child->out) {
      copy_out(child->out, stdout);
    }
    pool->failed += child->failed;
  }
}

static void
finish(Pool* pool, pid_t pid, int status)
{
  for (int i = pool->reported; i < pool->started; ++i) {
    Child* child = &pool->children[i];
    if (child->pid != pid || child->done) {
      continue;
    }
    child->done   = 1;
    child->failed = !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    if (WIFSIGNALED(status) && pool->died) {
      pool->died(pool->data, i, WTERMSIG(status), child->err);
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
  pool.n_tasks  = n_tasks;
  pool.n_jobs   = n_jobs;
  pool.task     = task;
  pool.died     = died;
  pool.data     = data;
  pool.children = calloc((size_t)n_tasks, sizeof(Child));
  if (!pool.children) {
    return hr_pool_run(n_tasks, 1, task, died, data);
  }
  if (run_in_processes(&pool)) {
    /* waitpid failed: no child left to wait for; count the rest failed */
    pool.failed += pool.n_tasks - pool.reported;
  }
  free(pool.children);
  return pool.failed;
}
