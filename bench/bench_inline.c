/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Benchmark of Ardour's inline display: CPU time of render() at mixer
   strip sizes, for a tone and for white noise (every cell lit: the
   worst case), as a share of a core at 30 renders a second: as Ardour
   calls it, 1/30 s of audio between renders (the picture scrolls, new
   pixel columns are drawn), and when everything is drawn again (first
   render, new size, new colours). And what feeding the thumbnail adds to
   run(), per second of audio at the default analyser (48 kHz, 2 ms
   columns). One JSON object a line. Usage: bench_inline [BUNDLE_DIR]. */

#include "protocol/inline_display_lv2.h"
#include "host/host.h"
#include "tests/kit/bundle.h"
#include "protocol/ports.h"
#include "plugin/settings.h"
#include "plugin/thumbnail.h"
#include "protocol/uris.h"

#include "core/hr_params.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define RATE 48000.0
#define BLOCK 400 /* 4 runs: 1/30 s */
#define RENDERS 150

static double
thread_seconds(void)
{
  struct timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

/* `seconds` of a 1 kHz tone (noise = 0) or white noise into the input. */
static void
feed(HrHost* host, int noise, double seconds)
{
  static uint32_t state = 1;
  static uint64_t clock = 0;
  for (double done = 0.0; done < seconds; done += BLOCK / RATE) {
    float* in = hr_host_audio(host, HR_PORT_IN_1);
    for (uint32_t i = 0; i < BLOCK; ++i) {
      state = state * 1664525u + 1013904223u;
      in[i] = noise ? (float)(0.6 * ((double)state / 4294967296.0 - 0.5))
                    : (float)(0.5 * sin(6.283185307179586 * 1000.0 *
                                        (double)(clock + i) / RATE));
    }
    clock += BLOCK;
    hr_host_run(host, BLOCK);
  }
}

static const HrInlineSurface*
render(HrHost* host, uint32_t width, uint32_t max_height)
{
  LilvInstance*                   instance = hr_host_instance(host);
  const HrInlineDisplayInterface* display =
    (const HrInlineDisplayInterface*)lilv_instance_get_extension_data(
      instance, HR_INLINEDISPLAY__interface);
  return display->render(lilv_instance_get_handle(instance), width, max_height);
}

static void
report(const char*            what,
       const char*            signal,
       const HrInlineSurface* s,
       double                 seconds)
{
  printf("{\"what\": \"%s\", \"signal\": \"%s\", \"width\": %d, "
         "\"height\": %d, \"us_per_render\": %.1f, "
         "\"core_percent_at_30\": %.3f}\n",
         what,
         signal,
         s ? s->width : 0,
         s ? s->height : 0,
         1e6 * seconds,
         100.0 * 30.0 * seconds);
}

static void
bench_render(HrHost* host, int noise)
{
  static const uint32_t sizes[][2] = {
    { 80, 50 }, { 160, 100 }, { 300, 150 }, { 448, 400 }
  };
  const char* signal = noise ? "noise" : "tone";
  for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); ++i) {
    const uint32_t         w    = sizes[i][0];
    const uint32_t         h    = sizes[i][1];
    const HrInlineSurface* s    = render(host, w, h);
    double                 busy = 0.0;
    for (int r = 0; r < RENDERS; ++r) {
      feed(host, noise, 4.0 * BLOCK / RATE);
      const double start = thread_seconds();
      s                  = render(host, w, h);
      busy += thread_seconds() - start;
    }
    report("render", signal, s, busy / RENDERS);
    /* Everything drawn again: a new size each time (a new surface too). */
    const double start = thread_seconds();
    for (int r = 0; r < RENDERS; ++r) {
      s = render(host, w - (uint32_t)(r & 1), h);
    }
    report("render_all", signal, s, (thread_seconds() - start) / RENDERS);
  }
}

/* What run() adds: hr_thumb_add for every column of the default analyser
   and a commit per 512-sample run. */
static void
bench_feed(void)
{
  const float*         ports[HR_N_PORTS_STEREO] = { NULL };
  const HrSettings     settings = hr_settings_read(ports, false);
  const HrStreamConfig config   = hr_settings_stream_config(&settings, RATE);
  const int            rows     = hr_params_rows(&config.params);
  HrThumbnail*         thumb    = hr_thumb_new();
  float*               column   = (float*)calloc((size_t)rows, sizeof(float));
  HrThumbFormat format = { rows, 10, 1, 50.0 / RATE, 20000.0 / RATE, 108, 0 };
  if (!thumb || !column) {
    return;
  }
  uint32_t state = 1;
  for (int r = 0; r < rows; ++r) {
    state     = state * 1664525u + 1013904223u;
    column[r] = (float)state / 4294967296.0f;
  }
  hr_thumb_restart(thumb, &format, 0);
  const int    columns_per_second = (int)(RATE / config.params.tdeci);
  const int    seconds            = 60;
  const double start              = thread_seconds();
  for (int c = 0; c < seconds * columns_per_second; ++c) {
    hr_thumb_add(thumb, 0, c, column, rows);
    if (c % 5 == 4) {
      hr_thumb_commit(thumb);
    }
  }
  const double per_second = (thread_seconds() - start) / seconds;
  printf("{\"what\": \"run\", \"rows\": %d, \"columns_per_second\": %d, "
         "\"us_per_second_of_audio\": %.1f, \"core_percent\": %.4f}\n",
         rows,
         columns_per_second,
         1e6 * per_second,
         100.0 * per_second);
  free(column);
  hr_thumb_free(thumb);
}

int
main(int argc, char** argv)
{
  HrHostOptions options = hr_host_options_default();
  options.rate          = RATE;
  HrHost* host =
    hr_host_new(hr_test_bundle_path(argc, argv), &options, NULL, 0);
  if (!host) {
    return 1;
  }
  hr_host_activate(host);
  feed(host, 0, 6.0);
  bench_render(host, 0);
  feed(host, 1, 6.0);
  bench_render(host, 1);
  hr_host_free(host);
  bench_feed();
  return 0;
}
