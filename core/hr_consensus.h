/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Consensus over bandwidths (doc/CONSENSUS.md): the same histogram grid
   analysed with a ladder of filter qualities q_1 < ... < q_K, kept per
   cell where adjacent bandwidths agree. */

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

/** Filter qualities, increasing. */
typedef struct {
  int    n_q;
  double q[HR_LADDER_MAX];
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

/** Add adjacent pair (k, k+1)'s share to a consensus picture (zeroed
    before the first pair) of `n_cells` cells: out_energy +=
    sqrt(E_k s_k * E_k+1 s_k+1) / (K-1) with s the ladder's scales,
    out_count += sqrt(C_k * C_k+1) / (K-1). Unfloored inputs. */
void
hr_consensus_add_pair(const HrLadder* ladder,
                      int             k,
                      const double*   energy_k,
                      const double*   count_k,
                      const double*   energy_next,
                      const double*   count_next,
                      size_t          n_cells,
                      double*         out_energy,
                      double*         out_count);

/** The same in single precision (streaming). */
void
hr_consensus_add_pair_float(const HrLadder* ladder,
                            int             k,
                            const float*    energy_k,
                            const float*    count_k,
                            const float*    energy_next,
                            const float*    count_next,
                            size_t          n_cells,
                            float*          out_energy,
                            float*          out_count);

/** Bytes hr_consensus_exact() allocates (close upper bound). */
size_t
hr_consensus_exact_memory(const HrParams* params,
                          const HrLadder* ladder,
                          size_t          n_samples,
                          int             n_threads);

/** The consensus picture of `x` in exact mode: each q of `ladder` (params->q
    is not used; log scale only) computed as hr_exact_compute() does,
    without its floor; combined; then the noise floor of doc/ALGORITHM.md step 4
    on the combined count. `hist` as for hr_exact_compute(). */
HrStatus
hr_consensus_exact(const HrParams*       params,
                   const HrLadder*       ladder,
                   const double*         x,
                   size_t                n_samples,
                   const HrExactOptions* options,
                   HrHist*               hist);

#endif /* HR_CONSENSUS_H */
