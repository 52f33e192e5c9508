/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_consensus.h"

#include <math.h>
#include <string.h>

HrLadder
hr_ladder_doubling(double q, int n_q)
{
  HrLadder ladder;
  memset(&ladder, 0, sizeof(ladder));
  ladder.n_q = n_q;
  for (int k = 0; k < n_q && k < HR_LADDER_MAX; ++k) {
    ladder.q[k] = ldexp(q, k);
  }
  return ladder;
}

HrStatus
hr_ladder_check(const HrLadder* ladder)
{
  if (!ladder || ladder->n_q < 1 || ladder->n_q > HR_LADDER_MAX) {
    return HR_ERR_BAD_LADDER;
  }
  for (int k = 0; k < ladder->n_q; ++k) {
    const double q = ladder->q[k];
    if (!isfinite(q) || !(q > 0.0) || q > HR_LADDER_MAX_Q ||
        (k > 0 && !(q > ladder->q[k - 1]))) {
      return HR_ERR_BAD_LADDER;
    }
  }
  return HR_SUCCESS;
}

double
hr_ladder_scale(const HrLadder* ladder, int k)
{
  return ladder->q[k] / ladder->q[0];
}

/* The weight of pair k's geometric mean: its scales, shared by the pairs. */
static double
pair_scale(const HrLadder* ladder, int k)
{
  return sqrt(hr_ladder_scale(ladder, k) * hr_ladder_scale(ladder, k + 1)) /
         (ladder->n_q - 1);
}

void
hr_consensus_add_pair(const HrLadder* ladder,
                      int             k,
                      const double*   energy_k,
                      const double*   count_k,
                      const double*   energy_next,
                      const double*   count_next,
                      size_t          n_cells,
                      double*         out_energy,
                      double*         out_count)
{
  const double scale     = pair_scale(ladder, k);
  const double inv_pairs = 1.0 / (ladder->n_q - 1);
  for (size_t i = 0; i < n_cells; ++i) {
    out_energy[i] += scale * sqrt(energy_k[i] * energy_next[i]);
    out_count[i] += inv_pairs * sqrt(count_k[i] * count_next[i]);
  }
}

void
hr_consensus_add_pair_float(const HrLadder* ladder,
                            int             k,
                            const float*    energy_k,
                            const float*    count_k,
                            const float*    energy_next,
                            const float*    count_next,
                            size_t          n_cells,
                            float*          out_energy,
                            float*          out_count)
{
  const float scale     = (float)pair_scale(ladder, k);
  const float inv_pairs = 1.0f / (float)(ladder->n_q - 1);
  for (size_t i = 0; i < n_cells; ++i) {
    out_energy[i] += scale * sqrtf(energy_k[i] * energy_next[i]);
    out_count[i] += inv_pairs * sqrtf(count_k[i] * count_next[i]);
  }
}

size_t
hr_consensus_exact_memory(const HrParams* params,
                          const HrLadder* ladder,
                          size_t          n_samples,
                          int             n_threads)
{
  HrParams largest = *params;
  largest.q        = ladder->q[ladder->n_q - 1]; /* the widest filters */
  const size_t cells =
    (size_t)hr_params_rows(params) * hr_params_cols(params, n_samples);
  /* Two single-q pictures kept (the pair), one result. */
  const size_t pictures =
    (ladder->n_q > 1 ? 2 : 0) * 2 * cells * sizeof(double);
  return hr_exact_memory_needed(&largest, n_samples, n_threads) + pictures;
}

/* Progress of the whole ladder from the progress of step `k`. */
typedef struct {
  const HrExactOptions* outer;
  int                   step;
  int                   n_steps;
} LadderProgress;

static void
ladder_progress(void* data, double fraction)
{
  const LadderProgress* progress = (const LadderProgress*)data;
  progress->outer->progress(progress->outer->progress_data,
                            (progress->step + fraction) / progress->n_steps);
}

static HrStatus
compute_one(const HrParams*       params,
            const HrLadder*       ladder,
            int                   k,
            const double*         x,
            size_t                n_samples,
            const HrExactOptions* options,
            HrHist*               hist)
{
  HrParams       single   = *params;
  HrExactOptions one      = options ? *options : hr_exact_options_default();
  LadderProgress progress = { options, k, ladder->n_q };
  single.q                = ladder->q[k];
  one.skip_floor          = 1;
  one.complex_hist        = NULL; /* complex reassignment is of one q */
  if (options && options->progress) {
    one.progress      = ladder_progress;
    one.progress_data = &progress;
  }
  return hr_exact_compute(&single, x, n_samples, &one, hist);
}

HrStatus
hr_consensus_exact(const HrParams*       params,
                   const HrLadder*       ladder,
                   const double*         x,
                   size_t                n_samples,
                   const HrExactOptions* options,
                   HrHist*               hist)
{
  memset(hist, 0, sizeof(*hist));
  if (hr_ladder_check(ladder) != HR_SUCCESS || params->scale != HR_SCALE_LOG) {
    return HR_ERR_BAD_LADDER;
  }
  if (ladder->n_q == 1) {
    HrParams single = *params;
    single.q        = ladder->q[0];
    return hr_exact_compute(&single, x, n_samples, options, hist);
  }
  HrHist   previous;
  HrStatus status =
    compute_one(params, ladder, 0, x, n_samples, options, &previous);
  if (status == HR_SUCCESS) {
    status = hr_hist_init(hist, previous.rows, previous.cols);
  }
  for (int k = 1; status == HR_SUCCESS && k < ladder->n_q; ++k) {
    HrHist current;
    status = compute_one(params, ladder, k, x, n_samples, options, &current);
    if (status == HR_SUCCESS) {
      hr_consensus_add_pair(ladder,
                            k - 1,
                            previous.energy,
                            previous.count,
                            current.energy,
                            current.count,
                            (size_t)hist->rows * hist->cols,
                            hist->energy,
                            hist->count);
      hr_hist_free(&previous);
      previous = current;
    }
  }
  hr_hist_free(&previous);
  if (status != HR_SUCCESS) {
    hr_hist_free(hist);
    return status;
  }
  hr_hist_apply_floor(hist);
  return HR_SUCCESS;
}
