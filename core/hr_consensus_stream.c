/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_consensus_stream.h"

#include "hr_consensus_window.h"
#include "hr_stream_cols.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The parts' columns wait in `delay` until the windows hold the columns
   half_cols after them: then the best pair of each cell is known. */
struct HrConsensusStreamImpl {
  HrLadder          ladder;
  HrStream*         parts[HR_LADDER_MAX];       /* part k analyses q[k] */
  HrConsensusWindow windows[HR_LADDER_MAX - 1]; /* pair k: q[k], q[k+1] */
  float*            delay; /* (half_cols + 1) slots x n_q x 2 rows: E, C */
  int64_t*          delay_index; /* the column number of each slot */
  double*           scaled;      /* n_q x rows: the last column on one scale */
  int               half_cols;
  int64_t           pushed; /* columns pushed into the windows */
  HrStreamCols      cols;   /* combined columns, floored */
  int               rows;
  size_t            latency; /* the last part's and the windows' half width */
  size_t            memory;
};

static HrStatus
make_parts(HrConsensusStream* stream, const HrStreamConfig* config)
{
  const int      last   = stream->ladder.n_q - 1;
  HrStreamConfig single = *config;
  HrStatus       status = HR_SUCCESS;
  single.skip_floor     = last > 0;
  /* The largest q first: its latency tells how long the others must keep
     their columns before the last part's column k arrives. */
  for (int k = last; k >= 0 && status == HR_SUCCESS; --k) {
    single.params.q = stream->ladder.q[k];
    if (k < last) {
      const size_t extra =
        stream->latency + (config->max_block ? config->max_block : 8192);
      single.max_block = (uint32_t)extra;
    }
    stream->parts[k] = hr_stream_new(&single, &status);
    if (k == last && stream->parts[k]) {
      stream->latency = hr_stream_latency(stream->parts[k]);
      stream->rows    = hr_stream_rows(stream->parts[k]);
    }
  }
  return status;
}

static HrStatus
make_windows(HrConsensusStream* stream, const HrStreamConfig* config)
{
  const int    n_q    = stream->ladder.n_q;
  const int    slots  = stream->half_cols + 1;
  const size_t rows   = (size_t)stream->rows;
  HrStatus     status = HR_SUCCESS;
  for (int k = 0; k + 1 < n_q && status == HR_SUCCESS; ++k) {
    status = hr_consensus_window_init(&stream->windows[k],
                                      stream->rows,
                                      hr_consensus_half_rows(&config->params),
                                      stream->half_cols);
  }
  stream->delay =
    malloc((size_t)slots * (size_t)n_q * 2 * rows * sizeof(float));
  stream->delay_index = malloc((size_t)slots * sizeof(int64_t));
  stream->scaled      = malloc((size_t)n_q * rows * sizeof(double));
  if (status == HR_SUCCESS &&
      (!stream->delay || !stream->delay_index || !stream->scaled)) {
    status = HR_ERR_NO_MEMORY;
  }
  return status;
}

static HrStatus
make_ring(HrConsensusStream* stream, const HrStreamConfig* config)
{
  const HrParams* params    = &config->params;
  const int       max_block = config->max_block ? (int)config->max_block : 8192;
  /* The largest q's lowest filter: time std q / (2 pi sigma) = q / fmin. */
  const double longest_std =
    stream->ladder.q[stream->ladder.n_q - 1] / params->fmin;
  return hr_stream_cols_init(&stream->cols,
                             stream->rows,
                             max_block / params->tdeci + 8,
                             params->tdeci,
                             config->floor_window,
                             longest_std);
}

HrConsensusStream*
hr_consensus_stream_new(const HrStreamConfig* config,
                        const HrLadder*       ladder,
                        HrStatus*             status)
{
  HrStatus           result = hr_ladder_check(ladder);
  HrConsensusStream* stream = NULL;
  if (result == HR_SUCCESS && config->params.scale != HR_SCALE_LOG) {
    result = HR_ERR_BAD_LADDER;
  }
  if (result == HR_SUCCESS) {
    stream = calloc(1, sizeof(HrConsensusStream));
    result = stream ? HR_SUCCESS : HR_ERR_NO_MEMORY;
  }
  if (result == HR_SUCCESS) {
    stream->ladder = *ladder;
    result         = make_parts(stream, config);
  }
  if (result == HR_SUCCESS && ladder->n_q > 1) {
    stream->half_cols = hr_consensus_half_cols(&config->params, ladder);
    stream->latency += (size_t)stream->half_cols * config->params.tdeci;
    result = make_windows(stream, config);
  }
  if (result == HR_SUCCESS && ladder->n_q > 1) {
    result = make_ring(stream, config);
  }
  if (result != HR_SUCCESS) {
    hr_consensus_stream_free(stream);
    stream = NULL;
  } else {
    const size_t rows = (size_t)stream->rows;
    stream->memory =
      sizeof(HrConsensusStream) + hr_stream_cols_memory(&stream->cols);
    for (int k = 0; k < ladder->n_q; ++k) {
      stream->memory += hr_stream_memory(stream->parts[k]);
    }
    for (int k = 0; k + 1 < ladder->n_q; ++k) {
      stream->memory += hr_consensus_window_memory(&stream->windows[k]);
    }
    if (ladder->n_q > 1) {
      const size_t slots = (size_t)stream->half_cols + 1;
      stream->memory += slots * (size_t)ladder->n_q * 2 * rows * sizeof(float) +
                        slots * sizeof(int64_t) +
                        (size_t)ladder->n_q * rows * sizeof(double);
    }
  }
  if (status) {
    *status = result;
  }
  return stream;
}

void
hr_consensus_stream_free(HrConsensusStream* stream)
{
  if (!stream) {
    return;
  }
  for (int k = 0; k < HR_LADDER_MAX; ++k) {
    hr_stream_free(stream->parts[k]);
  }
  for (int k = 0; k + 1 < HR_LADDER_MAX; ++k) {
    hr_consensus_window_free(&stream->windows[k]);
  }
  free(stream->delay);
  free(stream->delay_index);
  free(stream->scaled);
  hr_stream_cols_free(&stream->cols);
  free(stream);
}

HR_REALTIME void
hr_consensus_stream_reset(HrConsensusStream* stream)
{
  for (int k = 0; k < stream->ladder.n_q; ++k) {
    hr_stream_reset(stream->parts[k]);
  }
  if (stream->ladder.n_q > 1) {
    hr_stream_cols_reset(&stream->cols);
    for (int k = 0; k + 1 < stream->ladder.n_q; ++k) {
      hr_consensus_window_reset(&stream->windows[k]);
    }
    stream->pushed = 0;
  }
}

/* Part k's energies and counts in delay slot `slot`. */
static float*
delay_slot(HrConsensusStream* stream, int64_t slot, int k)
{
  const size_t rows = (size_t)stream->rows;
  return stream->delay +
         ((size_t)slot * (size_t)stream->ladder.n_q + (size_t)k) * 2 * rows;
}

/* Column `index`, which every part holds as its next column, into the
   delay line and the windows. */
static void
push_column(HrConsensusStream* stream, int64_t index)
{
  const int     rows = stream->rows;
  const int64_t slot = stream->pushed % (stream->half_cols + 1);
  for (int k = 0; k < stream->ladder.n_q; ++k) {
    HrColumn     part;
    float*       kept   = delay_slot(stream, slot, k);
    double*      scaled = stream->scaled + (size_t)k * (size_t)rows;
    const double scale  = hr_ladder_scale(&stream->ladder, k);
    hr_stream_next_column(stream->parts[k], &part);
    memcpy(kept, part.energy, (size_t)rows * sizeof(float));
    memcpy(kept + rows, part.count, (size_t)rows * sizeof(float));
    for (int r = 0; r < rows; ++r) {
      scaled[r] = scale * part.energy[r];
    }
  }
  for (int k = 0; k + 1 < stream->ladder.n_q; ++k) {
    hr_consensus_window_push(&stream->windows[k],
                             stream->scaled + (size_t)k * (size_t)rows,
                             stream->scaled + (size_t)(k + 1) * (size_t)rows);
  }
  stream->delay_index[slot] = index;
  ++stream->pushed;
}

/* The column half_cols before the last pushed, each cell from its best
   pair, into the combined ring. */
static void
emit_centre(HrConsensusStream* stream)
{
  const int     rows  = stream->rows;
  const int64_t slot  = stream->pushed % (stream->half_cols + 1);
  const int64_t index = stream->delay_index[slot];
  const size_t  start =
    (size_t)(index & (stream->cols.n_slots - 1)) * (size_t)rows;
  float* energy = stream->cols.energy + start;
  float* count  = stream->cols.count + start;
  hr_stream_cols_open(&stream->cols, index + 1);
  for (int r = 0; r < rows; ++r) {
    int    pick  = 0;
    double score = hr_consensus_window_score(&stream->windows[0], r);
    for (int k = 1; k + 1 < stream->ladder.n_q; ++k) {
      const double other = hr_consensus_window_score(&stream->windows[k], r);
      pick               = other > score ? k : pick;
      score              = other > score ? other : score;
    }
    const float* low        = delay_slot(stream, slot, pick);
    const float* high       = delay_slot(stream, slot, pick + 1);
    const double scale_low  = hr_ladder_scale(&stream->ladder, pick);
    const double scale_high = hr_ladder_scale(&stream->ladder, pick + 1);
    const double gain       = score > 0.0 ? 1.0 / score : 0.0;
    energy[r] = (float)(gain * fmin(scale_low * low[r], scale_high * high[r]));
    count[r]  = 0.5f * (low[rows + r] + high[rows + r]);
  }
  hr_stream_cols_finish(&stream->cols, index + 1);
}

static void
combine_column(HrConsensusStream* stream, int64_t index)
{
  push_column(stream, index);
  if (stream->pushed > stream->half_cols) {
    emit_centre(stream);
  }
}

/* Columns come out of the parts in the same order; the last part (largest
   latency) gives column k last. A part that dropped k (its index jumped)
   makes the combined column k missing too: the index taken jumps. */
static void
combine_ready(HrConsensusStream* stream)
{
  const int last = stream->ladder.n_q - 1;
  for (;;) {
    int64_t index = hr_stream_next_index(stream->parts[last]);
    if (index < 0) {
      return;
    }
    for (int k = 0; k < last; ++k) {
      HrColumn skipped;
      int64_t  next = hr_stream_next_index(stream->parts[k]);
      while (next >= 0 && next < index) {
        hr_stream_next_column(stream->parts[k], &skipped);
        next = hr_stream_next_index(stream->parts[k]);
      }
      if (next < 0) {
        return; /* not there yet */
      }
      index = next > index ? next : index;
    }
    if (hr_stream_next_index(stream->parts[last]) < index) {
      HrColumn skipped;
      hr_stream_next_column(stream->parts[last], &skipped);
      continue; /* another part lacks it: try the next column */
    }
    combine_column(stream, index);
  }
}

HR_REALTIME void
hr_consensus_stream_process(HrConsensusStream* stream,
                            const float*       samples,
                            uint32_t           n_samples)
{
  for (int k = 0; k < stream->ladder.n_q; ++k) {
    hr_stream_process(stream->parts[k], samples, n_samples);
  }
  if (stream->ladder.n_q > 1) {
    combine_ready(stream);
  }
}

HR_REALTIME int
hr_consensus_stream_next_column(HrConsensusStream* stream, HrColumn* column)
{
  if (stream->ladder.n_q == 1) {
    return hr_stream_next_column(stream->parts[0], column);
  }
  return hr_stream_cols_take(&stream->cols, INT64_MAX, column);
}

size_t
hr_consensus_stream_latency(const HrConsensusStream* stream)
{
  return stream->latency;
}

size_t
hr_consensus_stream_memory(const HrConsensusStream* stream)
{
  return stream->memory;
}

int
hr_consensus_stream_rows(const HrConsensusStream* stream)
{
  return stream->rows;
}

const HrLadder*
hr_consensus_stream_ladder(const HrConsensusStream* stream)
{
  return &stream->ladder;
}
