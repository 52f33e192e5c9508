/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Tasks run a few at a time, each in a process of its own, with what
   each prints (stdout and stderr) held back and passed on in task order:
   the report reads as if the tasks had run one after another. One job:
   the tasks run in this process, one after another. */

#ifndef HR_POOL_H
#define HR_POOL_H

#include <stdio.h>

/** Run task `index`; returns 0, or -1 if it failed (and said why). */
typedef int (*HrPoolTask)(void* data, int index);

/** Task `index` ended without a word (a crash: `signal_number`); say so
    on `report`. */
typedef void (*HrPoolDied)(void* data,
                           int   index,
                           int   signal_number,
                           FILE* report);

/** Run tasks 0 .. n_tasks-1, `n_jobs` at a time. Returns how many
    failed. */
int
hr_pool_run(int        n_tasks,
            int        n_jobs,
            HrPoolTask task,
            HrPoolDied died,
            void*      data);

#endif /* HR_POOL_H */
