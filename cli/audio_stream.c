/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "audio_stream.h"

#include <sndfile.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STREAM_CHUNK_FRAMES 8192

int
hr_audio_stream_open(HrAudioStream* stream,
                     const char*    path,
                     double         start_s,
                     double         duration_s,
                     char*          error,
                     size_t         error_size)
{
  SF_INFO info;
  memset(stream, 0, sizeof(*stream));
  memset(&info, 0, sizeof(info));
  SNDFILE* file = sf_open(path, SFM_READ, &info);
  if (!file) {
    snprintf(error,
             error_size,
             "%s: cannot read as audio: %s",
             path,
             sf_strerror(NULL));
    return -1;
  }
  stream->file = file;
  if (info.samplerate <= 0 || info.channels <= 0 || info.frames <= 0) {
    snprintf(error, error_size, "%s: no audio or no valid sample rate", path);
    hr_audio_stream_close(stream);
    return -1;
  }
  const double rate  = (double)info.samplerate;
  const double first = floor(start_s * rate + 0.5);
  double       count = (double)info.frames - first;
  if (duration_s >= 0.0) {
    count = fmin(count, floor(duration_s * rate + 0.5));
  }
  stream->sample_rate   = info.samplerate;
  stream->file_channels = info.channels;
  stream->start_frame   = first > 0.0 ? (size_t)first : 0;
  stream->frames        = count > 0.0 ? (size_t)count : 0;
  stream->chunk = malloc((size_t)STREAM_CHUNK_FRAMES * (size_t)info.channels *
                         sizeof(double));
  if (!stream->chunk) {
    snprintf(error, error_size, "%s: out of memory", path);
    hr_audio_stream_close(stream);
    return -1;
  }
  return 0;
}

int
hr_audio_stream_read(HrAudioStream* stream,
                     size_t         first,
                     size_t         count,
                     double*        samples)
{
  SNDFILE* file = (SNDFILE*)stream->file;
  if (sf_seek(file, (sf_count_t)(stream->start_frame + first), SEEK_SET) < 0) {
    return -1;
  }
  const size_t channels = (size_t)stream->file_channels;
  size_t       done     = 0;
  while (done < count) {
    const size_t want =
      count - done < STREAM_CHUNK_FRAMES ? count - done : STREAM_CHUNK_FRAMES;
    const sf_count_t got =
      sf_readf_double(file, stream->chunk, (sf_count_t)want);
    if (got <= 0) {
      return -1;
    }
    for (size_t i = 0; i < (size_t)got; ++i) {
      const double value =
        stream->chunk[i * channels + (size_t)stream->channel];
      if (isfinite(value)) {
        samples[done + i] = value;
      } else {
        samples[done + i] = 0.0;
        ++stream->nonfinite;
      }
    }
    done += (size_t)got;
  }
  return 0;
}

void
hr_audio_stream_close(HrAudioStream* stream)
{
  if (stream->file) {
    sf_close((SNDFILE*)stream->file);
  }
  free(stream->chunk);
  memset(stream, 0, sizeof(*stream));
}
