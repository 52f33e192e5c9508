/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A walk over a folder (and, if asked, its sub-folders) in a fixed
   order: entries sorted by name, byte by byte, sub-folders visited where
   they sort. Symbolic links are followed; a link back to a folder above
   it (a loop) is reported and not followed. Unreadable folders are
   reported and counted; the walk goes on. Hidden entries (".name") are
   left out. */

#ifndef HR_TREE_H
#define HR_TREE_H

/** Called for every entry that is not a folder, with its path (folder
    argument + "/" + relative) and its path relative to the folder given.
    Returns 0, or -1 to stop the walk (out of memory). */
typedef int (*HrTreeVisit)(void* data, const char* path, const char* relative);

/** Walk `folder`; `recursive`: also its sub-folders. Unreadable folders
    are reported on stderr and added to `n_failed`. Returns 0, or -1 when
    out of memory or a visit stopped it. */
int
hr_tree_walk(const char* folder,
             int         recursive,
             HrTreeVisit visit,
             void*       data,
             int*        n_failed);

#endif /* HR_TREE_H */
