/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_consensus.h"

#include "hr_consensus_window.h"

#include <math.h>
#include <stdlib.h>
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

int
hr_consensus_half_rows(const HrParams* params)
{
  return (int)floor(params->noct / 6.0 + 0.5);
}

int
hr_consensus_half_cols(const HrParams* params, const HrLadder* ladder)
{
  const double window = ladder->window > 0.0 && isfinite(ladder->window)
                          ? ladder->window
                          : HR_CONSENSUS_WINDOW_DEFAULT;
  const double half   = floor(window / (2.0 * params->tdeci) + 0.5);
  return half > 1e5 ? 100000 : (int)half;
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
  /* Two single-q pictures kept (the pair), the result and the best
     agreement so far of each cell. */
  const size_t pictures = (ladder->n_q > 1 ? 7 : 0) * cells * sizeof(double);
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

/* Column `col` of `picture` (rows x cols, row-major) times `scale`. */
static void
gather_column(const double* picture,
              int           rows,
              size_t        cols,
              size_t        col,
              double        scale,
              double*       out)
{
  for (int r = 0; r < rows; ++r) {
    out[r] = scale * picture[(size_t)r * cols + col];
  }
}

/* Pair (k, k+1), pictures `low` and `high`, takes the cells of `out` where
   it agrees better than every pair before (`best`). The window runs over
   the columns in order, as in the streaming consensus; past the last
   column it sees zeros. */
static HrStatus
take_pair(const HrParams* params,
          const HrLadder* ladder,
          int             k,
          const HrHist*   low,
          const HrHist*   high,
          double*         best,
          HrHist*         out)
{
  const int         rows      = out->rows;
  const size_t      cols      = out->cols;
  const int         half_cols = hr_consensus_half_cols(params, ladder);
  const double      scale_low = hr_ladder_scale(ladder, k);
  const double      scale_hi  = hr_ladder_scale(ladder, k + 1);
  HrConsensusWindow window;
  double*           a = malloc(2 * (size_t)rows * sizeof(double));
  if (!a || hr_consensus_window_init(
              &window, rows, hr_consensus_half_rows(params), half_cols) !=
              HR_SUCCESS) {
    free(a);
    return HR_ERR_NO_MEMORY;
  }
  double* b = a + rows;
  for (size_t j = 0; j < cols + (size_t)half_cols; ++j) {
    if (j < cols) {
      gather_column(low->energy, rows, cols, j, scale_low, a);
      gather_column(high->energy, rows, cols, j, scale_hi, b);
      hr_consensus_window_push(&window, a, b);
    } else {
      hr_consensus_window_push(&window, NULL, NULL);
    }
    if (j < (size_t)half_cols) {
      continue;
    }
    const size_t col = j - (size_t)half_cols;
    for (int r = 0; r < rows; ++r) {
      const double score = hr_consensus_window_score(&window, r);
      const size_t cell  = (size_t)r * cols + col;
      if (score > best[cell] && score > 0.0) {
        best[cell] = score;
        out->energy[cell] =
          fmin(scale_low * low->energy[cell], scale_hi * high->energy[cell]) /
          score;
        out->count[cell] = 0.5 * (low->count[cell] + high->count[cell]);
      }
    }
  }
  hr_consensus_window_free(&window);
  free(a);
  return HR_SUCCESS;
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
  double*  best = NULL;
  HrStatus status =
    compute_one(params, ladder, 0, x, n_samples, options, &previous);
  if (status == HR_SUCCESS) {
    status = hr_hist_init(hist, previous.rows, previous.cols);
  }
  if (status == HR_SUCCESS) {
    const size_t cells = (size_t)hist->rows * hist->cols;
    best               = malloc(cells * sizeof(double));
    status             = best ? HR_SUCCESS : HR_ERR_NO_MEMORY;
    for (size_t i = 0; best && i < cells; ++i) {
      best[i] = -1.0;
    }
  }
  for (int k = 1; status == HR_SUCCESS && k < ladder->n_q; ++k) {
    HrHist current;
    status = compute_one(params, ladder, k, x, n_samples, options, &current);
    if (status == HR_SUCCESS) {
      status =
        take_pair(params, ladder, k - 1, &previous, &current, best, hist);
      hr_hist_free(&previous);
      previous = current;
    }
  }
  hr_hist_free(&previous);
  free(best);
  if (status != HR_SUCCESS) {
    hr_hist_free(hist);
    return status;
  }
  if (!options || !options->skip_floor) {
    hr_hist_apply_floor(hist);
  }
  return HR_SUCCESS;
}
