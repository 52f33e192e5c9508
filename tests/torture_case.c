/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "torture_case.h"

#include "tests/kit/collect.h"
#include "protocol/ports.h"
#include "plugin/settings.h"
#include "protocol/uris.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BLOCK 8192

static const char* const plug_names[HR_PLUG_COUNT] = {
  "mono", "st-left", "st-right", "st-sum", "st-both",
};

static const char* const params_names[HR_PARAMS_COUNT] = {
  "preset", "min", "max", "beyond", "nan", "storm",
};

static const char* const preset_names[HR_N_PRESETS] = {
  "seed_reference", "light", "voice", "transients", "tonal",
};

const char*
hr_plug_name(HrPlug plug)
{
  return (unsigned)plug < HR_PLUG_COUNT ? plug_names[plug] : "?";
}

const char*
hr_params_name(HrParamMode mode)
{
  return (unsigned)mode < HR_PARAMS_COUNT ? params_names[mode] : "?";
}

const char*
hr_preset_name(int preset)
{
  return (unsigned)preset < HR_N_PRESETS ? preset_names[preset] : "?";
}

/* A value for a port with `spec` in `mode` (`pick` varies it). */
static float
param_value(const HrControlSpec* spec, HrParamMode mode, uint32_t pick)
{
  const float span = spec->max - spec->min;
  switch (mode) {
    case HR_PARAMS_MIN:
      return spec->min;
    case HR_PARAMS_MAX:
      return spec->max;
    case HR_PARAMS_BEYOND: {
      const float beyond[] = { spec->min - span, spec->max + span, -INFINITY,
                               INFINITY,         -1e30f,           1e30f };
      return beyond[pick % 6];
    }
    case HR_PARAMS_NAN:
      return pick % 2 ? NAN : -NAN;
    default: { /* storm */
      const float any[] = {
        spec->min,     spec->max,
        spec->def,     spec->min + span * (float)(pick % 97) / 96.0f,
        spec->min - 1, spec->max * 2,
        NAN,           INFINITY,
        -INFINITY,     0.0f,
      };
      return any[(pick / 97) % 10];
    }
  }
}

void
hr_torture_set_params(HrHost* host, HrParamMode mode, uint32_t* rng)
{
  if (mode == HR_PARAMS_PRESET) {
    return;
  }
  const bool stereo = hr_host_n_ports(host) == HR_N_PORTS_STEREO;
  for (int port = HR_FIRST_CONTROL; port <= HR_PORT_CHANNEL; ++port) {
    const HrControlSpec* spec = hr_control_spec((HrPortIndex)port);
    if (!spec ||
        (port == HR_PORT_CHANNEL && (!stereo || mode != HR_PARAMS_STORM))) {
      continue;
    }
    const uint32_t pick =
      mode == HR_PARAMS_STORM ? hr_rand(rng) : (uint32_t)port;
    hr_host_set_control(host, (uint32_t)port, param_value(spec, mode, pick));
  }
}

static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The state of a running case. */
typedef struct {
  const HrTortureCase* k;
  HrTortureResult*     r;
  HrHost*              host;
  HrCollected*         c;
  HrURIs               uris;
  bool                 stereo;
  uint32_t             rng;
  uint64_t             t;      /* samples run */
  uint64_t             blocks; /* runs */
  uint64_t             since_work;
  float*               want[2];
} Run;

static void
failf(Run* run, const char* format, ...)
{
  if (!run->r->ok) {
    return; /* keep the first problem */
  }
  run->r->ok = false;
  va_list args;
  va_start(args, format);
  vsnprintf(run->r->why, sizeof(run->r->why), format, args);
  va_end(args);
}

static uint32_t
next_block(Run* run)
{
  return run->k->block ? run->k->block
                       : 1 + hr_rand_below(&run->rng, MAX_BLOCK);
}

/* Checks after every run. */
static void
check_run(Run* run, uint32_t n)
{
  static const uint32_t in[2]  = { HR_PORT_IN_1, HR_PORT_IN_2 };
  static const uint32_t out[2] = { HR_PORT_OUT_1, HR_PORT_OUT_2 };
  for (int ch = 0; ch < (run->stereo ? 2 : 1); ++ch) {
    if (memcmp(run->want[ch],
               hr_host_audio(run->host, out[ch]),
               n * sizeof(float)) ||
        memcmp(
          run->want[ch], hr_host_audio(run->host, in[ch]), n * sizeof(float))) {
      failf(run,
            "audio not passed bit for bit (channel %d, run %llu)",
            ch,
            (unsigned long long)run->blocks);
    }
  }
  if (!hr_host_guard_intact(run->host)) {
    failf(run, "notify written past its %u bytes", run->k->capacity);
  }
  const int bad = run->c->bad, sequences = run->c->bad_sequences;
  hr_collect(run->c, run->host);
  if (run->c->bad > bad || run->c->bad_sequences > sequences) {
    failf(run, "malformed notify (run %llu)", (unsigned long long)run->blocks);
  }
  const uint32_t outputs[] = { HR_PORT_LATENCY, HR_PORT_LOAD, HR_PORT_DROPS };
  for (int i = 0; i < 3; ++i) {
    const float v = hr_host_get_control(run->host, outputs[i]);
    if (!isfinite(v) || v < 0.0f) {
      failf(run, "output port %u is %g", outputs[i], v);
    }
  }
}

/* One run of `n` samples of `signal`, with garbage and storms if asked. */
static void
run_block(Run* run, HrSignal signal, uint32_t n, bool torture)
{
  static const uint32_t in[2] = { HR_PORT_IN_1, HR_PORT_IN_2 };
  const HrTortureCase*  k     = run->k;
  for (int ch = 0; ch < (run->stereo ? 2 : 1); ++ch) {
    float* buf = hr_host_audio(run->host, in[ch]);
    hr_signal_fill(signal, buf, n, run->t, run->blocks, k->rate, &run->rng);
    memcpy(run->want[ch], buf, n * sizeof(float));
  }
  if (torture && k->garbage != HR_GARBAGE_NONE) {
    uint32_t           capacity = 0;
    LV2_Atom_Sequence* seq      = hr_host_control_buffer(run->host, &capacity);
    hr_garbage_write(k->garbage, seq, capacity, &run->uris, &run->rng);
  }
  const bool storm = torture && k->params == HR_PARAMS_STORM;
  if (storm) {
    hr_torture_set_params(run->host, HR_PARAMS_STORM, &run->rng);
  }
  if (torture && k->sweep_port >= 0) {
    const HrControlSpec* spec     = hr_control_spec((HrPortIndex)k->sweep_port);
    const float          span     = spec->max - spec->min;
    const float          values[] = { spec->min,
                                      spec->max,
                                      spec->min - 1 - span,
                                      spec->max + span,
                                      NAN,
                                      INFINITY,
                                      -INFINITY,
                                      -0.0f,
                                      spec->def,
                                      1e30f };
    const uint64_t       step     = run->t / (uint64_t)(0.1 * k->rate);
    hr_host_set_control(run->host, (uint32_t)k->sweep_port, values[step % 10]);
  }
  hr_host_run_plugin(run->host, n);
  run->since_work += n;
  /* a storm's worker lags behind, as a busy host's would */
  if (!storm || run->since_work >= 4096) {
    hr_host_do_work(run->host);
    hr_host_deliver_responses(run->host);
    run->since_work = 0;
  }
  check_run(run, n);
  run->t += n;
  ++run->blocks;
}

/* Blocks of `signal` for `seconds` (at least `min_blocks` runs), with a
   zero-length run before every fifth. */
static void
run_signal(Run*     run,
           HrSignal signal,
           double   seconds,
           int      min_blocks,
           bool     torture)
{
  const uint64_t total = (uint64_t)(seconds * run->k->rate);
  uint64_t       done  = 0;
  for (int i = 0; done < total || i < min_blocks; ++i) {
    if (i % 5 == 4) {
      run_block(run, signal, 0, torture);
    }
    const uint32_t n = next_block(run);
    run_block(run, signal, n, torture);
    done += n;
  }
}

/* Analysed channels of a case: bit c set if Columns of channel c come. */
static int
channel_mask(HrPlug plug)
{
  switch (plug) {
    case HR_PLUG_RIGHT:
      return 1 << HR_CHANNEL_RIGHT;
    case HR_PLUG_SUM:
      return 1 << HR_CHANNEL_SUM;
    case HR_PLUG_BOTH:
      return (1 << HR_CHANNEL_LEFT) | (1 << HR_CHANNEL_RIGHT);
    default:
      return 1 << HR_CHANNEL_LEFT;
  }
}

/* After the torture: sane settings, a clean tone on the middle row of the
   picture; it must come out on that row in every analysed channel. */
static void
check_recovery(Run* run, const float* saved)
{
  for (int port = HR_FIRST_CONTROL; port <= HR_LAST_CONTROL; ++port) {
    hr_host_set_control(run->host, (uint32_t)port, saved[port]);
  }
  if (run->stereo) {
    hr_host_set_control(run->host, HR_PORT_CHANNEL, saved[HR_PORT_CHANNEL]);
  }
  run_signal(run, HR_SIG_SILENCE, 0.05, 4, false);
  const HrConfigMsg* config = &run->c->config;
  if (run->c->n_configs == 0) {
    failf(run, "no Config with %u bytes of notify", run->k->capacity);
    return;
  }
  const int    row  = config->rows / 2;
  const double freq = config->fmax * pow(2.0, -row / config->rows_per_octave);
  const double latency =
    hr_host_get_control(run->host, HR_PORT_LATENCY) / 1000.0;
  /* a pure tone at `freq`, the same in both inputs: the picture is
     looked at once the tone has filled the filters, for 0.3 s and at least
     two runs */
  const double          rate    = run->k->rate;
  const uint64_t        settle  = (uint64_t)((latency + 0.15) * rate);
  const uint64_t        look    = (uint64_t)(0.3 * rate);
  static const uint32_t in[2]   = { HR_PORT_IN_1, HR_PORT_IN_2 };
  const uint64_t        start   = run->t;
  uint64_t              cleared = 0;
  int                   after   = 0;
  while (!cleared || run->t - cleared < look || after < 2) {
    const uint32_t n = next_block(run);
    for (int ch = 0; ch < (run->stereo ? 2 : 1); ++ch) {
      float* buf = hr_host_audio(run->host, in[ch]);
      for (uint32_t i = 0; i < n; ++i) {
        buf[i] = (float)(0.5 * sin(6.283185307179586 * freq *
                                   (double)(run->t + i) / rate));
      }
      memcpy(run->want[ch], buf, n * sizeof(float));
    }
    hr_host_run(run->host, n);
    check_run(run, n);
    run->t += n;
    ++run->blocks;
    after += cleared != 0;
    if (!cleared && run->t - start >= settle) {
      hr_collect_clear_energy(run->c);
      cleared = run->t;
    }
  }
  run->r->want   = row;
  const int mask = channel_mask(run->k->plug);
  for (int ch = 0; ch < HR_N_CHANNELS; ++ch) {
    if (mask & (1 << ch)) {
      run->r->peak = hr_collect_peak_row(run->c, ch);
      if (abs(run->r->peak - row) > 1) {
        failf(run,
              "tone of %.1f Hz on row %d of channel %d, not %d",
              freq,
              run->r->peak,
              ch,
              row);
        return;
      }
    }
  }
}

static void
run_case(Run* run)
{
  const HrTortureCase* k                    = run->k;
  HrHost*              host                 = run->host;
  static const int     modes[HR_PLUG_COUNT] = { 0,
                                                HR_CHANNEL_MODE_LEFT,
                                                HR_CHANNEL_MODE_RIGHT,
                                                HR_CHANNEL_MODE_SUM,
                                                HR_CHANNEL_MODE_BOTH };
  if (run->stereo) {
    hr_host_set_control(host, HR_PORT_CHANNEL, (float)modes[k->plug]);
  }
  char uri[256];
  snprintf(uri, sizeof(uri), HR_PRESET_NS "%s", hr_preset_name(k->preset));
  if (!hr_host_apply_preset(host, uri, NULL, 0)) {
    failf(run, "preset %s does not load", uri);
    return;
  }
  float saved[HR_N_PORTS_STEREO];
  for (uint32_t i = 0; i < HR_N_PORTS_STEREO; ++i) {
    saved[i] = hr_host_get_control(host, i);
  }
  for (int i = 0; i < k->n_set; ++i) {
    hr_host_set_control(host, (uint32_t)k->set[i].port, k->set[i].value);
    saved[k->set[i].port] = k->set[i].value;
  }
  hr_torture_set_params(host, k->params, &run->rng);
  hr_host_activate(host);
  hr_collect_init(run->c, host);
  hr_uris_map(&run->uris, hr_host_map(host));
  hr_collect_send_command(run->c, host, run->c->uris.hr_UIOn);
  hr_host_set_hooks(host, hr_rt_begin, hr_rt_end, NULL);
  hr_rt_take();
  run_block(run, HR_SIG_SILENCE, 0, false); /* the UIOn, before any garbage */

  run_signal(run, k->signal, k->seconds, 3, true);
  /* (with less room the columns queue up to 1 s behind: not a test of
     the analysis) */
  if (k->capacity >= 65536) {
    check_recovery(run, saved);
  } else {
    run->r->peak = -2;
  }

  hr_host_set_hooks(host, NULL, NULL, NULL);
  run->r->rt = hr_rt_take();
  if (hr_rt_total(&run->r->rt)) {
    failf(run,
          "audio thread: %ld allocations, %ld locks, %ld sleeps, %ld I/O",
          run->r->rt.n[HR_RT_ALLOC],
          run->r->rt.n[HR_RT_LOCK],
          run->r->rt.n[HR_RT_SLEEP],
          run->r->rt.n[HR_RT_IO]);
  }
  if (hr_host_log_count(host)) {
    failf(run, "the plugin logged %u messages", hr_host_log_count(host));
  }
  /* random garbage may hold a valid UIOff and UIOn: a gap then is right */
  if (run->c->unexplained_gaps && k->garbage != HR_GARBAGE_RANDOM) {
    failf(
      run, "%d unexplained gaps in column numbers", run->c->unexplained_gaps);
  }
  for (int ch = 0; ch < HR_N_CHANNELS; ++ch) {
    run->r->columns += run->c->columns[ch];
  }
  run->r->configs = run->c->n_configs;
  run->r->drops   = hr_host_get_control(host, HR_PORT_DROPS);
  /* (1 KiB holds a Config, but maybe no column: those then wait, and are
     dropped after HR_QUEUE_SECONDS) */
  if (k->capacity >= 1024 && run->r->configs == 0) {
    failf(run, "no Config with %u bytes of notify", k->capacity);
  }
  if (k->capacity >= 65536 && run->r->columns == 0) {
    failf(run, "no columns with %u bytes of notify", k->capacity);
  }
}

void
hr_torture_run(const char*          bundle,
               const HrTortureCase* k,
               HrTortureResult*     result)
{
  memset(result, 0, sizeof(*result));
  result->ok         = true;
  result->peak       = -2;
  const double start = now();
  Run          run;
  memset(&run, 0, sizeof(run));
  run.k   = k;
  run.r   = result;
  run.rng = k->seed ? k->seed : 1;

  HrHostOptions options   = hr_host_options_default();
  options.plugin_uri      = k->plug == HR_PLUG_MONO ? HR__mono : HR__stereo;
  options.rate            = k->rate;
  options.max_block       = MAX_BLOCK;
  options.notify_capacity = k->capacity;
  run.host                = hr_host_new(bundle, &options, NULL, 0);
  run.c                   = (HrCollected*)calloc(1, sizeof(HrCollected));
  run.want[0]             = (float*)malloc(MAX_BLOCK * sizeof(float));
  run.want[1]             = (float*)malloc(MAX_BLOCK * sizeof(float));
  if (!run.host) {
    failf(&run, "instantiation failed at %g Hz", k->rate);
  } else if (run.c && run.want[0] && run.want[1]) {
    run.stereo = hr_host_n_ports(run.host) == HR_N_PORTS_STEREO;
    run_case(&run);
  }
  hr_host_free(run.host);
  free(run.c);
  free(run.want[0]);
  free(run.want[1]);
  result->wall = now() - start;
}
