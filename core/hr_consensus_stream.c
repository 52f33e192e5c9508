/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_consensus_stream.h"

#include "hr_stream_cols.h"

#include <stdlib.h>

struct HrConsensusStreamImpl {
  HrLadder     ladder;
  HrStream*    parts[HR_LADDER_MAX]; /* part k analyses q[k] */
  HrStreamCols cols;                 /* combined columns, floored */
  int          rows;
  size_t       latency; /* the last part's: its q is the largest */
  size_t       memory;
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
    result = make_ring(stream, config);
  }
  if (result != HR_SUCCESS) {
    hr_consensus_stream_free(stream);
    stream = NULL;
  } else {
    stream->memory =
      sizeof(HrConsensusStream) + hr_stream_cols_memory(&stream->cols);
    for (int k = 0; k < ladder->n_q; ++k) {
      stream->memory += hr_stream_memory(stream->parts[k]);
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
  }
}

/* Combine column `index`, which every part holds as its next column. */
static void
combine_column(HrConsensusStream* stream, int64_t index)
{
  HrColumn     part[HR_LADDER_MAX];
  const size_t start =
    (size_t)(index & (stream->cols.n_slots - 1)) * (size_t)stream->rows;
  hr_stream_cols_open(&stream->cols, index + 1);
  for (int k = 0; k < stream->ladder.n_q; ++k) {
    hr_stream_next_column(stream->parts[k], &part[k]);
  }
  for (int k = 0; k + 1 < stream->ladder.n_q; ++k) {
    hr_consensus_add_pair_float(&stream->ladder,
                                k,
                                part[k].energy,
                                part[k].count,
                                part[k + 1].energy,
                                part[k + 1].count,
                                (size_t)stream->rows,
                                stream->cols.energy + start,
                                stream->cols.count + start);
  }
  hr_stream_cols_finish(&stream->cols, index + 1);
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
