/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Consensus over bandwidths (doc/CONSENSUS.md): the same histogram grid
   analysed with a ladder of filter qualities q_1 < ... < q_K; around each
   cell, the adjacent pair of bandwidths whose pictures agree best there
   gives the cell: what both put there, scaled by their agreement. */

#ifndef HR_CONSENSUS_H
#define HR_CONSENSUS_H

#include "hr_exact.h"
#include "hr_hist.h"
#include "hr_params.h"
#include "hr_status.h"

#include <stddef.h>

/** Most bandwidths in a ladder. */
#define HR_LADDER_MAX 8

/** Largest q a ladder may hold (filters of q/fmin samples). */
#define HR_LADDER_MAX_Q 100.0

/** Time span of the agreement window, seconds (doc/CONSENSUS.md). */
#define HR_CONSENSUS_WINDOW_SECONDS 0.032

/** The same in samples when a ladder gives none: 32 ms at 48 kHz. */
#define HR_CONSENSUS_WINDOW_DEFAULT 1536.0

/** Filter qualities, increasing, and the agreement window's time span. */
typedef struct {
  int    n_q;
  double q[HR_LADDER_MAX];
  double window; /**< samples (32 ms is right); 0: the default */
} HrLadder;

/** q, 2q, 4q, ... (n_q values). */
HrLadder
hr_ladder_doubling(double q, int n_q);

/** HR_SUCCESS if `ladder` holds 1..HR_LADDER_MAX finite q in
    (0, HR_LADDER_MAX_Q], strictly increasing; else HR_ERR_BAD_LADDER. */
HrStatus
hr_ladder_check(const HrLadder* ladder);

/** Factor that brings the picture of q[k] to the energy scale of q[0]'s
    (the bank's gain is proportional to 1/q). */
double
hr_ladder_scale(const HrLadder* ladder, int k);

/** Rows either side of a cell in its agreement window: 1/6 octave. */
int
hr_consensus_half_rows(const HrParams* params);

/** Columns either side of a cell in its agreement window: half the
    ladder's window. */
int
hr_consensus_half_cols(const HrParams* params, const HrLadder* ladder);

/** Bytes hr_consensus_exact() allocates (close upper bound). */
size_t
hr_consensus_exact_memory(const HrParams* params,
                          const HrLadder* ladder,
                          size_t          n_samples,
                          int             n_threads);

/** The consensus picture of `x` in exact mode: each q of `ladder` (params->q
    is not used; log scale only) computed as hr_exact_compute() does,
    without its floor; combined cell by cell from the adjacent pair that
    agrees best around the cell; then (unless options->skip_floor) the
    noise floor of doc/ALGORITHM.md step 4 on the combined count. `hist`
    as for hr_exact_compute(). */
HrStatus
hr_consensus_exact(const HrParams*       params,
                   const HrLadder*       ladder,
                   const double*         x,
                   size_t                n_samples,
                   const HrExactOptions* options,
                   HrHist*               hist);

#endif /* HR_CONSENSUS_H */
