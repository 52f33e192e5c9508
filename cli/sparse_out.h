/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The outputs of a long signal, from its spill file: the histograms as
   scipy.sparse CSC .npz files and the pictures as pages plus an overview
   (doc/SEGMENTS.md). */

#ifndef HR_SPARSE_OUT_H
#define HR_SPARSE_OUT_H

#include "args.h"
#include "render_job.h"
#include "spill.h"

#include <signal.h>
#include <stddef.h>

/** What the outputs are made from. */
typedef struct {
  const HrCliOptions*          options;
  const HrSignal*              signal; /**< name, title, rate, start */
  const HrParams*              params;
  HrSpill*                     spill;
  size_t                       cols;
  double                       threshold; /**< noise floor: sqrt(max count) */
  const char*                  stem;      /**< OUT_DIR/NAME[_chK] */
  const volatile sig_atomic_t* stop;      /**< nonzero: give up */
  size_t                       stored;    /**< set: cells in the spectrum */
} HrSparseOut;

/** Write NAME_spec.npz (energy, floor applied) and, with --count,
    NAME_count.npz. Returns 0, or -1 with a message. */
int
hr_sparse_out_npz(HrSparseOut* out, char* error, size_t error_size);

/** Write the pictures: NAME_spec.png (the overview when there are pages)
    and NAME_spec_pNNNN.png pages of --page-seconds; the same for count
    with --count. Returns 0, or -1 with a message. */
int
hr_sparse_out_pictures(HrSparseOut* out, char* error, size_t error_size);

/** Remove every output of `out` (after a failure or an interruption
    part way through writing them, so that none is left). */
void
hr_sparse_out_remove(const HrSparseOut* out);

/** Names of the files hr_sparse_out_npz() and _pictures() write first
    (for the check that nothing is overwritten unasked): index 0..3 ->
    spec.npz, count.npz, spec.png, count.png. */
void
hr_sparse_out_path(const char* stem, int index, char* path, size_t size);

#endif /* HR_SPARSE_OUT_H */
