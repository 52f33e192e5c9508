/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The input list of `hyperres render`: files as given, folders expanded
   to the audio files in them (sorted, not recursive). */

#ifndef HR_INPUTS_H
#define HR_INPUTS_H

/** Input files to render. */
typedef struct {
  char** files;
  int    n_files;
  int    n_failed; /**< arguments that could not be listed (reported) */
} HrInputList;

/** Expand `args` into `list`. Unlistable folders and missing paths are
    reported on stderr and counted in n_failed. Returns -1 only when out
    of memory. */
int
hr_inputs_collect(const char* const* args, int n_args, HrInputList* list);

/** If file `index` would write outputs with the same names as an earlier
    file of the list, that file's path, else NULL. */
const char*
hr_inputs_name_clash(const HrInputList* list, int index);

/** Free the list. */
void
hr_inputs_free(HrInputList* list);

#endif /* HR_INPUTS_H */
