/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "audio_in.h"

#include <sndfile.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READ_CHUNK_FRAMES 8192

void
hr_audio_free(HrAudio* audio)
{
  if (audio->data) {
    for (int c = 0; c < audio->channels; ++c) {
      free(audio->data[c]);
    }
    free(audio->data);
  }
  memset(audio, 0, sizeof(*audio));
}

static int
fail(char*       error,
     size_t      error_size,
     const char* format,
     const char* path,
     const char* detail)
{
  snprintf(error, error_size, format, path, detail);
  return -1;
}

/* Frame range [start, start + count) that the request selects. */
static int
select_range(const HrAudioRequest* request,
             const SF_INFO*        info,
             size_t*               start,
             size_t*               count,
             char*                 reason,
             size_t                reason_size)
{
  const double rate  = (double)info->samplerate;
  const double total = (double)info->frames;
  if (!(request->start_seconds >= 0.0) || !isfinite(request->start_seconds)) {
    snprintf(reason, reason_size, "start must be a time of 0 s or later");
    return -1;
  }
  const double first = floor(request->start_seconds * rate + 0.5);
  if (first >= total) {
    snprintf(reason,
             reason_size,
             "start %.3f s lies beyond the end (%.3f s)",
             request->start_seconds,
             total / rate);
    return -1;
  }
  double length = total - first;
  if (request->duration_seconds >= 0.0) {
    length = fmin(length, floor(request->duration_seconds * rate + 0.5));
  }
  *start = (size_t)first;
  *count = (size_t)length;
  return 0;
}

static int
allocate_channels(HrAudio* audio, size_t frames)
{
  audio->data = calloc((size_t)audio->channels, sizeof(double*));
  if (!audio->data) {
    return -1;
  }
  for (int c = 0; c < audio->channels; ++c) {
    audio->data[c] = malloc((frames ? frames : 1) * sizeof(double));
    if (!audio->data[c]) {
      return -1;
    }
  }
  return 0;
}

/* Copy the wanted channels of an interleaved chunk, replacing NaN/Inf. */
static void
deinterleave(HrAudio* audio, const double* chunk, size_t frames, size_t offset)
{
  const int file_channels = audio->file_channels;
  for (int c = 0; c < audio->channels; ++c) {
    const int source = audio->first_channel - 1 + c;
    double*   target = audio->data[c] + offset;
    for (size_t i = 0; i < frames; ++i) {
      const double value = chunk[i * (size_t)file_channels + (size_t)source];
      if (isfinite(value)) {
        target[i] = value;
      } else {
        target[i] = 0.0;
        ++audio->nonfinite;
      }
    }
  }
}

static int
read_frames(SNDFILE* file, HrAudio* audio, size_t count)
{
  double* chunk = malloc((size_t)READ_CHUNK_FRAMES *
                         (size_t)audio->file_channels * sizeof(double));
  if (!chunk) {
    return -1;
  }
  size_t done = 0;
  while (done < count) {
    const size_t want =
      count - done < READ_CHUNK_FRAMES ? count - done : READ_CHUNK_FRAMES;
    const sf_count_t got = sf_readf_double(file, chunk, (sf_count_t)want);
    if (got <= 0) {
      break; /* the header claimed more than the file holds */
    }
    deinterleave(audio, chunk, (size_t)got, done);
    done += (size_t)got;
  }
  free(chunk);
  audio->frames = done;
  return 0;
}

static int
check_request(const HrAudioRequest* request,
              const SF_INFO*        info,
              const char*           path,
              HrAudio*              audio,
              char*                 error,
              size_t                error_size)
{
  char reason[160];
  if (info->samplerate <= 0 || info->channels <= 0) {
    return fail(error,
                error_size,
                "%s: %s",
                path,
                "the file states no valid sample rate or channel count");
  }
  if (info->frames <= 0) {
    return fail(error, error_size, "%s: %s", path, "the file holds no audio");
  }
  if (request->channel < 0 || request->channel > info->channels) {
    snprintf(reason,
             sizeof(reason),
             "has %d channel(s), no channel %d",
             info->channels,
             request->channel);
    return fail(error, error_size, "%s: %s", path, reason);
  }
  if (select_range(request,
                   info,
                   &audio->start_frame,
                   &audio->frames,
                   reason,
                   sizeof(reason))) {
    return fail(error, error_size, "%s: %s", path, reason);
  }
  const size_t channels = request->channel ? 1 : (size_t)info->channels;
  if (request->memory_limit &&
      audio->frames > request->memory_limit / sizeof(double) / channels) {
    return fail(error,
                error_size,
                "%s: %s",
                path,
                "the audio is too long to hold in memory (use --start and "
                "--duration to analyse a part)");
  }
  return 0;
}

/* libsndfile trims a data chunk that claims more than the file holds and
   notes it in its log as "data : CLAIMED (should be ACTUAL)". */
static int
header_overstates_data(SNDFILE* file)
{
  char log[8192];
  sf_command(file, SFC_GET_LOG_INFO, log, sizeof(log));
  for (const char* line = log; line && *line;) {
    if (!strncmp(line, "data", 4) && strstr(line, "should be") &&
        (!strchr(line, '\n') ||
         strstr(line, "should be") < strchr(line, '\n'))) {
      return 1;
    }
    line = strchr(line, '\n');
    line = line ? line + 1 : NULL;
  }
  return 0;
}

int
hr_audio_read(const char*           path,
              const HrAudioRequest* request,
              HrAudio*              audio,
              char*                 error,
              size_t                error_size)
{
  SF_INFO info;
  memset(audio, 0, sizeof(*audio));
  memset(&info, 0, sizeof(info));
  SNDFILE* file = sf_open(path, SFM_READ, &info);
  if (!file) {
    return fail(error,
                error_size,
                "%s: cannot read as audio: %s",
                path,
                sf_strerror(NULL));
  }
  int status = check_request(request, &info, path, audio, error, error_size);
  if (status == 0) {
    audio->truncated     = header_overstates_data(file);
    audio->sample_rate   = info.samplerate;
    audio->file_channels = info.channels;
    audio->file_frames   = (size_t)info.frames;
    audio->channels      = request->channel ? 1 : info.channels;
    audio->first_channel = request->channel ? request->channel : 1;
    if (allocate_channels(audio, audio->frames) ||
        (audio->start_frame &&
         sf_seek(file, (sf_count_t)audio->start_frame, SEEK_SET) < 0) ||
        read_frames(file, audio, audio->frames)) {
      status = fail(error,
                    error_size,
                    "%s: %s",
                    path,
                    "out of memory or seek failed while reading");
    } else if (audio->frames == 0) {
      status =
        fail(error, error_size, "%s: %s", path, "no samples could be read");
    }
  }
  sf_close(file);
  if (status != 0) {
    hr_audio_free(audio);
  }
  return status;
}
