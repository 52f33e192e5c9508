/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Benchmark of the plugin through lilv (host/host.h): CPU time per second
   of audio for each preset, sample rate, block size, mono and stereo
   (both channels analysed), with a UI listening (columns encoded) and
   without; picture latency; heap bytes per instance; the worst single
   run() and the 99.9th percentile. On white noise at 48 kHz the same
   figures for x42 spectr30 (a real-time analyser, when x42-plugins is
   installed) side by side. One JSON object a line. Usage: bench_plugin
   BUNDLE_DIR [SECONDS [noise | PRESET BANDWIDTHS CHANNELS BLOCK]]
   ("noise": the white noise rows only; the four: that configuration
   alone, on white noise, for profiling). */

#include "host/host.h"
#include "protocol/uris.h"

#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BLOCK 4096

#define X42_SPECTR30_MONO "http://gareus.org/oss/lv2/meters#spectr30mono"
#define X42_SPECTR30_STEREO "http://gareus.org/oss/lv2/meters#spectr30stereo"

/* Input signals. */
typedef enum { TONE, WHITE_NOISE } Signal;

/* CPU time in run(), the worst single call and the call 99.9 % of
   calls stay within (on a shared or virtual machine the worst call may
   hold time the process did not use: a preemption counted as its own). */
typedef struct {
  double busy;
  double worst;
  double p999;
} RunTimes;

/* One configuration. */
typedef struct {
  const char* preset; /* NULL: x42 spectr30 */
  double      rate;
  uint32_t    block;
  int         stereo;
  int         ui_on;
  int         bandwidths;
  Signal      signal;
} Config;

static const char* const presets[] = { "Seed reference",
                                       "Light",
                                       "Voice",
                                       "Transients",
                                       "Tonal" };
static const double      rates[]   = { 44100.0, 48000.0, 96000.0 };
static const uint32_t    blocks[]  = { 64, 512, 4096 };

static double
thread_seconds(void)
{
  struct timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

static size_t
heap_in_use(void)
{
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

static void
send_ui_on(HrHost* host)
{
  HrURIs uris;
  hr_uris_map(&uris, hr_host_map(host));
  LV2_Atom_Object message;
  message.atom.type  = uris.atom_Object;
  message.atom.size  = sizeof(LV2_Atom_Object_Body);
  message.body.id    = 0;
  message.body.otype = uris.hr_UIOn;
  hr_host_send(host, &message.atom);
}

/* Fill a block of the signal; `noise` is the generator's state. */
static void
make_block(Signal    signal,
           double    rate,
           size_t    done,
           uint32_t  block,
           uint32_t* noise,
           float*    left,
           float*    right)
{
  for (uint32_t i = 0; i < block; ++i) {
    const double t = (double)(done + i) / rate;
    *noise         = *noise * 1664525u + 1013904223u;
    const double u = (double)*noise / 4294967296.0 - 0.5;
    if (signal == WHITE_NOISE) {
      left[i]  = (float)u;
      right[i] = (float)-u;
    } else {
      left[i] = (float)(0.3 * sin(2 * 3.14159265358979 * 440.0 * t) + 1e-3 * u);
      right[i] = (float)(0.3 * sin(2 * 3.14159265358979 * 1000.0 * t));
    }
  }
}

static int
compare_doubles(const void* a, const void* b)
{
  const double x = *(const double*)a;
  const double y = *(const double*)b;
  return x < y ? -1 : x > y;
}

/* Run `seconds` of the signal; CPU seconds spent in run(), the worst
   call and the 99.9th percentile. */
static RunTimes
feed(HrHost* host, const Config* config, double seconds)
{
  static float left[MAX_BLOCK];
  static float right[MAX_BLOCK];
  static float out_left[MAX_BLOCK];
  static float out_right[MAX_BLOCK];
  const float* in[2]      = { left, right };
  float*       out[2]     = { out_left, out_right };
  const size_t total      = (size_t)(seconds * config->rate);
  uint32_t     noise      = 1;
  RunTimes     times      = { 0.0, 0.0, 0.0 };
  const size_t calls      = (total + config->block - 1) / config->block;
  double*      spent_each = calloc(calls ? calls : 1, sizeof(double));
  size_t       n_calls    = 0;
  for (size_t done = 0; done < total; done += config->block) {
    make_block(
      config->signal, config->rate, done, config->block, &noise, left, right);
    const double start = thread_seconds();
    hr_host_run_buffers(host, in, out, config->block);
    const double spent = thread_seconds() - start;
    times.busy += spent;
    times.worst = spent > times.worst ? spent : times.worst;
    if (spent_each) {
      spent_each[n_calls++] = spent;
    }
  }
  if (n_calls > 0) {
    qsort(spent_each, n_calls, sizeof(double), compare_doubles);
    times.p999 = spent_each[(size_t)(0.999 * (double)(n_calls - 1))];
  }
  free(spent_each);
  return times;
}

static HrHost*
open_plugin(const char* bundle, const Config* config, char* error, size_t size)
{
  HrHostOptions options   = hr_host_options_default();
  options.rate            = config->rate;
  options.max_block       = MAX_BLOCK;
  options.notify_capacity = HR_HOST_NOTIFY_ASKED;
  if (!config->preset) {
    options.plugin_uri =
      config->stereo ? X42_SPECTR30_STEREO : X42_SPECTR30_MONO;
    return hr_host_new(NULL, &options, error, size);
  }
  options.plugin_uri = config->stereo ? HR__stereo : HR__mono;
  HrHost* host       = hr_host_new(bundle, &options, error, size);
  if (host && (!hr_host_apply_preset(host, config->preset, error, size) ||
               (config->stereo && !hr_host_set_control_by_symbol(
                                    host, "channel", 3.0f, error, size)) ||
               !hr_host_set_control_by_symbol(
                 host, "bandwidths", (float)config->bandwidths, error, size))) {
    hr_host_free(host);
    host = NULL;
  }
  return host;
}

/* 1: the plugin is not installed (x42), printed as skipped; -1 error. */
static int
bench_one(const char* bundle, const Config* config, double seconds)
{
  char         error[512];
  const size_t heap_before = heap_in_use();
  HrHost*      host        = open_plugin(bundle, config, error, sizeof(error));
  if (!host && !config->preset) {
    printf("{\"skipped\": \"x42 spectr30\", \"why\": \"%s\"}\n", error);
    return 1;
  }
  if (!host) {
    fprintf(stderr, "bench_plugin: %s\n", error);
    return -1;
  }
  hr_host_activate(host);
  const size_t heap = heap_in_use() - heap_before;
  if (config->ui_on && config->preset) {
    send_ui_on(host);
  }
  feed(host, config, 1.0); /* warm up */
  const RunTimes times = feed(host, config, seconds);
  printf("{\"preset\": \"%s\", \"rate\": %.0f, \"channels\": %d, "
         "\"block\": %u, \"ui\": %s, \"cpu_per_second\": %.6f, "
         "\"worst_run_ms\": %.3f, \"p999_run_ms\": %.3f, "
         "\"latency_ms\": %.1f, \"heap_mb\": %.2f, "
         "\"bandwidths\": %d, \"signal\": \"%s\"}\n",
         config->preset ? config->preset : "x42 spectr30",
         config->rate,
         config->stereo ? 2 : 1,
         config->block,
         config->ui_on ? "true" : "false",
         times.busy / seconds,
         1e3 * times.worst,
         1e3 * times.p999,
         config->preset ? hr_host_get_control_by_symbol(host, "latency") : 0.0,
         (double)heap / 1e6,
         config->bandwidths,
         config->signal == WHITE_NOISE ? "white noise" : "tone");
  fflush(stdout);
  hr_host_free(host);
  return 0;
}

/* The configurations of the targets, side by side on white
   noise at 48 kHz: x42 spectr30, the presets, bandwidths, stereo, and
   64-frame blocks for the worst run(). */
static int
bench_white_noise(const char* bundle, double seconds)
{
  static const Config configs[] = {
    { NULL, 48000.0, 512, 0, 1, 1, WHITE_NOISE },
    { "Seed reference", 48000.0, 512, 0, 1, 1, WHITE_NOISE },
    { "Seed reference", 48000.0, 512, 1, 1, 1, WHITE_NOISE },
    { "Light", 48000.0, 512, 0, 1, 1, WHITE_NOISE },
    { "Seed reference", 48000.0, 512, 0, 1, 3, WHITE_NOISE },
    { "Seed reference", 48000.0, 64, 0, 1, 1, WHITE_NOISE },
    { "Light", 48000.0, 64, 0, 1, 1, WHITE_NOISE },
    { "Seed reference", 48000.0, 64, 0, 1, 3, WHITE_NOISE },
    { NULL, 48000.0, 64, 0, 1, 1, WHITE_NOISE },
  };
  int status = 0;
  for (size_t c = 0; c < sizeof(configs) / sizeof(configs[0]); ++c) {
    const int result = bench_one(bundle, &configs[c], seconds);
    status |= result < 0;
  }
  return status;
}

static int
bench_tone(const char* bundle, double seconds)
{
  int status = 0;
  for (size_t p = 0; p < sizeof(presets) / sizeof(presets[0]); ++p) {
    for (size_t r = 0; r < sizeof(rates) / sizeof(rates[0]); ++r) {
      for (size_t b = 0; b < sizeof(blocks) / sizeof(blocks[0]); ++b) {
        for (int stereo = 0; stereo <= 1; ++stereo) {
          const Config config = { presets[p], rates[r], blocks[b], stereo,
                                  1,          1,        TONE };
          status |= bench_one(bundle, &config, seconds) < 0;
        }
      }
    }
  }
  /* What a plugin costs with no UI open (no columns encoded). */
  const Config no_ui = { "Seed reference", 48000.0, 512, 0, 0, 1, TONE };
  status |= bench_one(bundle, &no_ui, seconds) < 0;
  /* Consensus over bandwidths: one analyser per q. */
  for (int bandwidths = 2; bandwidths <= 3; ++bandwidths) {
    const Config seed = {
      "Seed reference", 48000.0, 512, 0, 1, bandwidths, TONE
    };
    const Config light = { "Light", 48000.0, 512, 0, 1, bandwidths, TONE };
    status |= bench_one(bundle, &seed, seconds) < 0;
    status |= bench_one(bundle, &light, seconds) < 0;
  }
  return status;
}

int
main(int argc, char** argv)
{
  if (argc < 2) {
    fprintf(stderr,
            "usage: bench_plugin BUNDLE_DIR [SECONDS [noise | PRESET "
            "BANDWIDTHS CHANNELS BLOCK]]\n");
    return 2;
  }
  const double seconds = argc > 2 ? atof(argv[2]) : 5.0;
  if (argc > 6) {
    const Config one = { strcmp(argv[3], "x42") ? argv[3] : NULL,
                         48000.0,
                         (uint32_t)atoi(argv[6]),
                         atoi(argv[5]) == 2,
                         1,
                         atoi(argv[4]),
                         WHITE_NOISE };
    return bench_one(argv[1], &one, seconds) < 0 ? 1 : 0;
  }
  int status = bench_white_noise(argv[1], seconds);
  if (argc < 4 || strcmp(argv[3], "noise")) {
    status |= bench_tone(argv[1], seconds);
  }
  return status ? 1 : 0;
}
