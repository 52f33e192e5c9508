/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Benchmark of the plugin through lilv (host/host.c): CPU time per second
   of audio for each preset, sample rate, block size, mono and stereo
   (both channels analysed), with a UI listening (columns encoded) and
   without; picture latency; heap bytes per instance. One JSON object a
   line. Usage: bench_plugin BUNDLE_DIR [SECONDS]. */

#include "host/host.h"
#include "protocol/uris.h"

#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BLOCK 4096

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
  hr_uris_map(&uris, hr_host_urid_map(host));
  LV2_Atom_Object message;
  message.atom.type  = uris.atom_Object;
  message.atom.size  = sizeof(LV2_Atom_Object_Body);
  message.body.id    = 0;
  message.body.otype = uris.hr_UIOn;
  hr_host_send(host, &message.atom);
}

/* Run `seconds` of a tone plus noise; returns CPU seconds spent in run. */
static double
feed(HrHost* host, double rate, uint32_t block, double seconds, int stereo)
{
  static float left[MAX_BLOCK];
  static float right[MAX_BLOCK];
  static float out_left[MAX_BLOCK];
  static float out_right[MAX_BLOCK];
  const float* in[2]  = { left, right };
  float*       out[2] = { out_left, out_right };
  const size_t total  = (size_t)(seconds * rate);
  uint32_t     noise  = 1;
  double       busy   = 0.0;
  (void)stereo;
  for (size_t done = 0; done < total; done += block) {
    for (uint32_t i = 0; i < block; ++i) {
      const double t = (double)(done + i) / rate;
      noise          = noise * 1664525u + 1013904223u;
      left[i]        = (float)(0.3 * sin(2 * 3.14159265358979 * 440.0 * t) +
                        1e-3 * ((double)noise / 4294967296.0 - 0.5));
      right[i]       = (float)(0.3 * sin(2 * 3.14159265358979 * 1000.0 * t));
    }
    const double start = thread_seconds();
    hr_host_run(host, in, out, block);
    busy += thread_seconds() - start;
  }
  return busy;
}

static int
bench_one(const char* bundle,
          const char* preset,
          double      rate,
          uint32_t    block,
          int         stereo,
          int         ui_on,
          int         bandwidths,
          double      seconds)
{
  char         error[512];
  const size_t heap_before = heap_in_use();
  HrHost*      host        = hr_host_new(bundle,
                             stereo ? HR__stereo : HR__mono,
                             rate,
                             MAX_BLOCK,
                             error,
                             sizeof(error));
  if (!host || hr_host_apply_preset(host, preset, error, sizeof(error)) ||
      (stereo &&
       hr_host_set_control(host, "channel", 3.0f, error, sizeof(error))) ||
      hr_host_set_control(
        host, "bandwidths", (float)bandwidths, error, sizeof(error))) {
    fprintf(stderr, "bench_plugin: %s\n", error);
    hr_host_free(host);
    return -1;
  }
  hr_host_activate(host);
  const size_t heap = heap_in_use() - heap_before;
  if (ui_on) {
    send_ui_on(host);
  }
  feed(host, rate, block, 1.0, stereo); /* warm up */
  const double busy = feed(host, rate, block, seconds, stereo);
  printf("{\"preset\": \"%s\", \"rate\": %.0f, \"channels\": %d, "
         "\"block\": %u, \"ui\": %s, \"cpu_per_second\": %.6f, "
         "\"latency_ms\": %.1f, \"heap_mb\": %.2f, \"bandwidths\": %d}\n",
         preset,
         rate,
         stereo ? 2 : 1,
         block,
         ui_on ? "true" : "false",
         busy / seconds,
         hr_host_get_control(host, "latency"),
         (double)heap / 1e6,
         bandwidths);
  fflush(stdout);
  hr_host_free(host);
  return 0;
}

int
main(int argc, char** argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: bench_plugin BUNDLE_DIR [SECONDS]\n");
    return 2;
  }
  const double seconds = argc > 2 ? atof(argv[2]) : 5.0;
  int          status  = 0;
  for (size_t p = 0; p < sizeof(presets) / sizeof(presets[0]); ++p) {
    for (size_t r = 0; r < sizeof(rates) / sizeof(rates[0]); ++r) {
      for (size_t b = 0; b < sizeof(blocks) / sizeof(blocks[0]); ++b) {
        for (int stereo = 0; stereo <= 1; ++stereo) {
          status |= bench_one(
            argv[1], presets[p], rates[r], blocks[b], stereo, 1, 1, seconds);
        }
      }
    }
  }
  /* What a plugin costs with no UI open (no columns encoded). */
  status |=
    bench_one(argv[1], "Seed reference", 48000.0, 512, 0, 0, 1, seconds);
  /* Consensus over bandwidths: one analyser per q. */
  for (int bandwidths = 2; bandwidths <= 3; ++bandwidths) {
    status |= bench_one(
      argv[1], "Seed reference", 48000.0, 512, 0, 1, bandwidths, seconds);
    status |=
      bench_one(argv[1], "Light", 48000.0, 512, 0, 1, bandwidths, seconds);
  }
  return status ? 1 : 0;
}
