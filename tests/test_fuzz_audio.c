/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Fuzzing the batch tool's audio reading (cli/audio_in.c hr_audio_read)
   with mutated audio files. Seeds: small WAV, WAVEX, AIFF, FLAC, AU, W64,
   CAF, RF64 and Ogg files of several sample formats and channel counts,
   written by libsndfile. Each input is written to a scratch file and read
   with one of several requests (whole file, one channel, a time range, a
   small memory limit), picked by the input's hash so a saved input
   replays the same. Invariants: no crash or bad access (AddressSanitizer);
   on success the counts agree with the request and the file, every sample
   is finite and every one is there; on failure a message and nothing
   allocated. */

#include "tests/kit/fuzz.h"

#include "cli/audio_in.h"

#include <sndfile.h>

#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char g_dir[256];
static char g_path[300];

static void
remove_scratch(void)
{
  unlink(g_path);
  rmdir(g_dir);
}

static bool
setup(void)
{
  if (g_path[0]) {
    return true;
  }
  const char* base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  snprintf(g_dir, sizeof(g_dir), "%s/hyperres-fuzz-XXXXXX", base);
  if (!mkdtemp(g_dir)) {
    return false;
  }
  snprintf(g_path, sizeof(g_path), "%s/input", g_dir);
  atexit(remove_scratch);
  return true;
}

static bool
write_file(const uint8_t* data, size_t size)
{
  const int fd = open(g_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    return false;
  }
  const bool ok = write(fd, data, size) == (ssize_t)size;
  close(fd);
  return ok;
}

static HrAudioRequest
request_for(const uint8_t* data, size_t size)
{
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; ++i) {
    h = (h ^ data[i]) * 16777619u;
  }
  HrAudioRequest r = { 0.0, -1.0, 0, (size_t)64 << 20 };
  switch (h % 5) {
    case 1:
      r.channel = 1;
      break;
    case 2:
      r.channel = 2;
      break;
    case 3:
      r.start_seconds    = 0.0005;
      r.duration_seconds = 0.001;
      break;
    case 4:
      r.memory_limit = 4096;
      break;
    default:
      break;
  }
  return r;
}

static int
check_success(const HrAudio* a, const HrAudioRequest* r)
{
  const int want_channels = r->channel ? 1 : a->file_channels;
  if (a->sample_rate <= 0 || a->file_channels < 1 ||
      a->channels != want_channels || a->first_channel < 1 ||
      a->first_channel + a->channels - 1 > a->file_channels || a->frames < 1 ||
      a->start_frame >= a->file_frames ||
      a->frames > a->file_frames - a->start_frame || !a->data ||
      a->nonfinite > a->frames * (size_t)a->channels ||
      (r->memory_limit &&
       a->frames > r->memory_limit / sizeof(double) / (size_t)a->channels)) {
    return -1;
  }
  if (r->duration_seconds >= 0.0 &&
      (double)a->frames > floor(r->duration_seconds * a->sample_rate + 0.5)) {
    return -1;
  }
  for (int c = 0; c < a->channels; ++c) {
    for (size_t i = 0; i < a->frames; ++i) {
      if (!isfinite(a->data[c][i])) { /* and every sample is there */
        return -1;
      }
    }
  }
  return 0;
}

static int
target(const uint8_t* data, size_t size)
{
  if (!setup() || !write_file(data, size)) {
    return 0; /* the machine, not the input */
  }
  const HrAudioRequest request = request_for(data, size);
  HrAudio              audio;
  char                 error[512];
  error[0]     = '\0';
  const int rc = hr_audio_read(g_path, &request, &audio, error, sizeof(error));
  int       result    = 0;
  const int truncated = rc == 0 && audio.truncated;
  if (rc == 0) {
    result = check_success(&audio, &request);
    hr_audio_free(&audio);
  } else if (rc != -1 || !error[0] || audio.data || audio.frames) {
    result = -1;
  }
  if (result < 0) {
    return -1;
  }
  int kind = 0; /* container, from the magic */
  if (size >= 4) {
    kind = !memcmp(data, "RIFF", 4)   ? 1
           : !memcmp(data, "FORM", 4) ? 2
           : !memcmp(data, "fLaC", 4) ? 3
           : !memcmp(data, "OggS", 4) ? 4
           : !memcmp(data, "caff", 4) ? 5
           : !memcmp(data, ".snd", 4) ? 6
           : !memcmp(data, "riff", 4) ? 7
           : !memcmp(data, "RF64", 4) ? 8
                                      : 0;
  }
  return kind * 4 + (rc == 0 ? 2 : 0) + truncated;
}

/* ---- seeds, written by libsndfile ---- */

static void
seed_one(void (*add)(const uint8_t*, size_t),
         int format,
         int channels,
         int frames)
{
  SF_INFO info;
  memset(&info, 0, sizeof(info));
  info.samplerate = 8000;
  info.channels   = channels;
  info.format     = format;
  if (!setup() || !sf_format_check(&info)) {
    return;
  }
  SNDFILE* file = sf_open(g_path, SFM_WRITE, &info);
  if (!file) {
    return;
  }
  float* buf = (float*)calloc((size_t)frames * (size_t)channels, sizeof(float));
  for (int i = 0; buf && i < frames * channels; ++i) {
    buf[i] = (float)(0.5 * sin(0.3 * i) * (i % 7 == 3 ? -1.0 : 1.0));
  }
  if (buf && (format & SF_FORMAT_SUBMASK) == SF_FORMAT_FLOAT && frames > 4) {
    buf[1] = NAN; /* float files may hold NaN and Inf */
    buf[2] = INFINITY;
  }
  if (buf) {
    sf_writef_float(file, buf, frames);
  }
  sf_close(file);
  free(buf);
  FILE*    f    = fopen(g_path, "rb");
  uint8_t* data = (uint8_t*)malloc(16384);
  if (f && data) {
    const size_t size = fread(data, 1, 16384, f);
    if (size < 16384) {
      add(data, size);
    }
  }
  if (f) {
    fclose(f);
  }
  free(data);
}

static void
seed(void (*add)(const uint8_t* data, size_t size))
{
  static const struct {
    int format, channels, frames;
  } seeds[] = {
    { SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1, 64 },
    { SF_FORMAT_WAV | SF_FORMAT_PCM_24, 2, 32 },
    { SF_FORMAT_WAV | SF_FORMAT_FLOAT, 3, 16 },
    { SF_FORMAT_WAV | SF_FORMAT_DOUBLE, 1, 8 },
    { SF_FORMAT_WAV | SF_FORMAT_ULAW, 1, 32 },
    { SF_FORMAT_WAV | SF_FORMAT_PCM_U8, 2, 1 },
    { SF_FORMAT_WAVEX | SF_FORMAT_PCM_16, 6, 8 },
    { SF_FORMAT_AIFF | SF_FORMAT_PCM_16, 2, 32 },
    { SF_FORMAT_AIFF | SF_FORMAT_FLOAT, 1, 16 },
    { SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 1, 256 },
    { SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 2, 64 },
    { SF_FORMAT_AU | SF_FORMAT_PCM_16, 1, 32 },
    { SF_FORMAT_W64 | SF_FORMAT_PCM_16, 2, 16 },
    { SF_FORMAT_CAF | SF_FORMAT_PCM_16, 1, 32 },
    { SF_FORMAT_RF64 | SF_FORMAT_PCM_16, 1, 16 },
    { SF_FORMAT_OGG | SF_FORMAT_VORBIS, 1, 400 },
  };
  for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); ++i) {
    seed_one(add, seeds[i].format, seeds[i].channels, seeds[i].frames);
  }
}

/* libsndfile 1.2 leaks libvorbis's codec setup on every Ogg file it
   fails to open (vorbis_info_init without vorbis_info_clear): not ours. */
const char*
__lsan_default_suppressions(void);

const char*
__lsan_default_suppressions(void)
{
  return "leak:vorbis_info_init\n";
}

static const HrFuzzer fuzzer = { "audio", target, seed, 16384, 20.0 };

const HrFuzzer*
hr_fuzzer(void)
{
  return &fuzzer;
}
