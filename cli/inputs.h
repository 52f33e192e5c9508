/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The input list of `hyperres render`: files as given, folders expanded
   to the audio files in them (with --recursive, in their sub-folders
   too), each with the name its outputs get under the output folder: its
   path below the deepest folder that holds every input, without the
   extension. */

#ifndef HR_INPUTS_H
#define HR_INPUTS_H

/** Input files to render, in a fixed order: the arguments in the order
    given, a folder's files sorted by their path inside it. */
typedef struct {
  char** files; /**< paths to read */
  char** names; /**< output names: "day1/take" for day1/take.wav in the
                     folder given, "take" for take.wav given alone */
  int n_files;
  int n_failed; /**< arguments or folders that could not be listed */
} HrInputList;

/** Expand `args` into `list`; `recursive`: walk sub-folders. What cannot
    be listed is reported on stderr and counted in n_failed. Returns -1
    only when out of memory. */
int
hr_inputs_collect(const char* const* args,
                  int                n_args,
                  int                recursive,
                  HrInputList*       list);

/** If file `index` would write outputs with the same names as an earlier
    file of the list, that file's path, else NULL. */
const char*
hr_inputs_name_clash(const HrInputList* list, int index);

/** Free the list. */
void
hr_inputs_free(HrInputList* list);

#endif /* HR_INPUTS_H */
