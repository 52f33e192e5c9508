/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Consensus over bandwidths in streaming mode: one HrStream per q of a
   ladder; their unfloored columns wait in a delay line until the
   agreement windows (hr_consensus_window.h) hold the columns half a window
   after them, then each cell is taken from its best pair as
   hr_consensus_exact() takes it, and the running-max noise floor is
   applied to the combined count. With one q it is that q's HrStream and
   nothing more. Same life cycle and real-time rules as HrStream; the
   latency grows by half a window. */

#ifndef HR_CONSENSUS_STREAM_H
#define HR_CONSENSUS_STREAM_H

#include "hr_consensus.h"
#include "hr_stream.h"

/** A consensus analyser (opaque). */
typedef struct HrConsensusStreamImpl HrConsensusStream;

/** Make the streams of `ladder` (config->params.q is not used) and the
    combined column ring. NULL on failure with the reason in `status`. */
HrConsensusStream*
hr_consensus_stream_new(const HrStreamConfig* config,
                        const HrLadder*       ladder,
                        HrStatus*             status);

/** Free; NULL is fine. */
void
hr_consensus_stream_free(HrConsensusStream* stream);

/** Forget all input. */
HR_REALTIME void
hr_consensus_stream_reset(HrConsensusStream* stream);

/** Analyse `n_samples` more samples with every q. */
HR_REALTIME void
hr_consensus_stream_process(HrConsensusStream* stream,
                            const float*       samples,
                            uint32_t           n_samples);

/** Take the oldest finished consensus column: 1 and `column`, or 0. The
    rules of hr_stream_next_column(), with the latency below. */
HR_REALTIME int
hr_consensus_stream_next_column(HrConsensusStream* stream, HrColumn* column);

/** Latency in samples: that of the largest q (the longest filters) plus
    half the agreement window (none with one q). */
size_t
hr_consensus_stream_latency(const HrConsensusStream* stream);

/** Bytes allocated, every stream included. */
size_t
hr_consensus_stream_memory(const HrConsensusStream* stream);

/** Rows per column. */
int
hr_consensus_stream_rows(const HrConsensusStream* stream);

/** The ladder it analyses with. */
const HrLadder*
hr_consensus_stream_ladder(const HrConsensusStream* stream);

#endif /* HR_CONSENSUS_STREAM_H */
