/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Reading one channel of an audio file piece by piece, where asked
   (seeking), so that a long file is never held in memory. */

#ifndef HR_AUDIO_STREAM_H
#define HR_AUDIO_STREAM_H

#include <stddef.h>

/** An open audio file and the part of it selected. */
typedef struct {
  void*   file; /**< SNDFILE */
  int     sample_rate;
  int     file_channels;
  size_t  start_frame; /**< first selected frame */
  size_t  frames;      /**< selected frames */
  int     channel;     /**< 0-based channel read */
  size_t  nonfinite;   /**< NaN/Inf samples read, replaced by 0 */
  double* chunk;       /**< interleaved read buffer */
} HrAudioStream;

/** Open `path` and select [start_s, start_s + duration_s) (duration < 0:
    to the end), as hr_audio_read() selects it. Returns 0, or -1 with a
    message in `error`. */
int
hr_audio_stream_open(HrAudioStream* stream,
                     const char*    path,
                     double         start_s,
                     double         duration_s,
                     char*          error,
                     size_t         error_size);

/** Read `count` samples of channel stream->channel from selected frame
    `first` into `samples`. Returns 0, or -1 if the file ends early or
    cannot seek. */
int
hr_audio_stream_read(HrAudioStream* stream,
                     size_t         first,
                     size_t         count,
                     double*        samples);

/** Close; safe on a zeroed or closed stream. */
void
hr_audio_stream_close(HrAudioStream* stream);

#endif /* HR_AUDIO_STREAM_H */
