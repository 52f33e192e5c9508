/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Output names that only clash once channels are counted: a file with
   several channels writes NAME_chK for each channel K, so a file named
   "take_ch1" beside a stereo "take" would write the same outputs. The
   input list cannot see this; a file's header can. */

#ifndef HR_CHANNEL_CLASH_H
#define HR_CHANNEL_CLASH_H

#include "inputs.h"

/** If file `index` of `list` would write outputs with the same names as
    a channel of an earlier file, or an earlier file as one of its
    channels, that file's path, else NULL. `channel`: the one channel
    rendered (1-based), 0 for every channel. Reads only the headers of
    the files whose names could clash. */
const char*
hr_channel_name_clash(const HrInputList* list, int index, int channel);

#endif /* HR_CHANNEL_CLASH_H */
