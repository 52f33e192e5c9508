/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Reading audio files (any format libsndfile reads) into doubles, one
   array per channel. */

#ifndef HR_AUDIO_IN_H
#define HR_AUDIO_IN_H

#include <stddef.h>

/** Decoded audio: `channels` arrays of `frames` samples each. */
typedef struct {
  int      sample_rate;
  int      channels;      /**< channels held in `data` */
  int      file_channels; /**< channels in the file */
  int      first_channel; /**< 1-based file channel of data[0] */
  size_t   frames;        /**< frames read (after start/duration) */
  size_t   start_frame;   /**< first frame read, from the file's start */
  size_t   file_frames;   /**< frames the file holds */
  size_t   nonfinite;     /**< NaN/Inf samples, replaced by 0 */
  int      truncated;     /**< the header claims more data than is there */
  double** data;
} HrAudio;

/** What part of a file to read. */
typedef struct {
  double start_seconds;    /**< 0: from the beginning */
  double duration_seconds; /**< < 0: to the end */
  int    channel;          /**< 0: all channels, else 1-based */
  size_t memory_limit;     /**< bytes the decoded samples may take; 0: any */
} HrAudioRequest;

/** Read `path`. Returns 0, or -1 with a one-line message in `error`
    (unreadable, not audio, empty, channel or range out of bounds). */
int
hr_audio_read(const char*           path,
              const HrAudioRequest* request,
              HrAudio*              audio,
              char*                 error,
              size_t                error_size);

/** Free what hr_audio_read() allocated; safe on a zeroed HrAudio. */
void
hr_audio_free(HrAudio* audio);

#endif /* HR_AUDIO_IN_H */
