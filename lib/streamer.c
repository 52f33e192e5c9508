/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* HrStreamer: the streaming core (one q, or the consensus of a ladder)
   behind the public streaming calls. */

#include "lib/analysis_impl.h"

#include "core/hr_consensus_stream.h"
#include "core/hr_stream.h"

#include <stdlib.h>

/* The plugin's noise-floor window. */
#define HR_FLOOR_SECONDS 3.0

struct HrStreamerImpl {
  HrStream*          single;    /**< one q; or NULL */
  HrConsensusStream* consensus; /**< a ladder; or NULL */
};

static HrStreamer*
fail(HrError* error, HrError reason)
{
  if (error) {
    *error = reason;
  }
  return NULL;
}

HR_API HrStreamer*
hr_streamer_new(const HrAnalysis* analysis, uint32_t max_block, HrError* error)
{
  HrResolved resolved;
  HrError    reason = hr_lib_resolve(analysis, 0, &resolved, NULL, 0);
  if (reason != HR_OK) {
    return fail(error, reason);
  }
  HrStreamer* streamer = calloc(1, sizeof(HrStreamer));
  if (!streamer) {
    return fail(error, HR_ERROR_NO_MEMORY);
  }
  HrStreamConfig config = { 0 };
  config.params         = resolved.params;
  config.max_block      = max_block;
  config.floor_window   = HR_FLOOR_SECONDS * resolved.rate;
  HrStatus status       = HR_SUCCESS;
  if (resolved.ladder.n_q) {
    streamer->consensus =
      hr_consensus_stream_new(&config, &resolved.ladder, &status);
  } else {
    streamer->single = hr_stream_new(&config, &status);
  }
  if (status != HR_SUCCESS || (!streamer->single && !streamer->consensus)) {
    hr_streamer_free(streamer);
    return fail(
      error, status != HR_SUCCESS ? hr_lib_error(status) : HR_ERROR_NO_MEMORY);
  }
  if (error) {
    *error = HR_OK;
  }
  return streamer;
}

HR_API void
hr_streamer_free(HrStreamer* streamer)
{
  if (streamer) {
    hr_stream_free(streamer->single);
    hr_consensus_stream_free(streamer->consensus);
    free(streamer);
  }
}

HR_API void
hr_streamer_reset(HrStreamer* streamer)
{
  if (streamer && streamer->single) {
    hr_stream_reset(streamer->single);
  } else if (streamer) {
    hr_consensus_stream_reset(streamer->consensus);
  }
}

HR_API void
hr_streamer_process(HrStreamer*  streamer,
                    const float* samples,
                    uint32_t     n_samples)
{
  if (!streamer || (!samples && n_samples)) {
    return;
  }
  if (streamer->single) {
    hr_stream_process(streamer->single, samples, n_samples);
  } else {
    hr_consensus_stream_process(streamer->consensus, samples, n_samples);
  }
}

HR_API int
hr_streamer_next_column(HrStreamer*   streamer,
                        int64_t*      index,
                        const float** energy,
                        const float** count)
{
  HrColumn column;
  if (!streamer) {
    return 0;
  }
  const int got =
    streamer->single
      ? hr_stream_next_column(streamer->single, &column)
      : hr_consensus_stream_next_column(streamer->consensus, &column);
  if (!got) {
    return 0;
  }
  if (index) {
    *index = column.index;
  }
  if (energy) {
    *energy = column.energy;
  }
  if (count) {
    *count = column.count;
  }
  return 1;
}

HR_API int
hr_streamer_rows(const HrStreamer* streamer)
{
  if (!streamer) {
    return 0;
  }
  return streamer->single ? hr_stream_rows(streamer->single)
                          : hr_consensus_stream_rows(streamer->consensus);
}

HR_API size_t
hr_streamer_latency(const HrStreamer* streamer)
{
  if (!streamer) {
    return 0;
  }
  return streamer->single ? hr_stream_latency(streamer->single)
                          : hr_consensus_stream_latency(streamer->consensus);
}
