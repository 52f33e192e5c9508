/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "torture_sweeps.h"

#include "tests/kit/collect.h"
#include "tests/kit/check.h"
#include "host/host.h"
#include "protocol/ports.h"
#include "tests/kit/rt_interpose.h"
#include "torture_input.h"
#include "protocol/uris.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIGHT HR_PRESET_NS "light"
#define N_THREADS 4

/* ---- refusals ---- */

void
hr_torture_refusals(const char* bundle)
{
  const double rates[] = {
    4000, 7999, 384001, 768000, 0, -48000, NAN, INFINITY
  };
  const char* uris[2] = { HR__mono, HR__stereo };
  for (int u = 0; u < 2; ++u) {
    for (size_t i = 0; i < sizeof(rates) / sizeof(rates[0]); ++i) {
      HrHostOptions options = hr_host_options_default();
      options.plugin_uri    = uris[u];
      options.rate          = rates[i];
      HrHost* host          = hr_host_new(bundle, &options, NULL, 0);
      hr_check(!host,
               "refusal: %s at %g Hz: instantiation refused, no crash",
               u ? "stereo" : "mono",
               rates[i]);
      hr_host_free(host);
    }
  }
}

/* ---- lifecycles ---- */

/* A host with the light preset, 48 kHz, counting in the audio thread. */
static HrHost*
light_host(const char* bundle, const char* uri)
{
  HrHostOptions options = hr_host_options_default();
  options.plugin_uri    = uri;
  HrHost* host          = hr_host_new(bundle, &options, NULL, 0);
  if (host) {
    hr_host_apply_preset(host, LIGHT, NULL, 0);
    hr_host_set_hooks(host, hr_rt_begin, hr_rt_end, NULL);
  }
  return host;
}

/* Noise through every input for `runs` runs of `block`; false if the audio
   did not pass bit for bit or notify was malformed or overrun. */
static bool
run_noise(HrHost* host, HrCollected* c, int runs, uint32_t block, uint32_t* rng)
{
  const bool            stereo = hr_host_n_ports(host) == HR_N_PORTS_STEREO;
  static const uint32_t in[2]  = { HR_PORT_IN_1, HR_PORT_IN_2 };
  static const uint32_t out[2] = { HR_PORT_OUT_1, HR_PORT_OUT_2 };
  bool                  ok     = true;
  for (int r = 0; r < runs; ++r) {
    for (int ch = 0; ch < (stereo ? 2 : 1); ++ch) {
      hr_signal_fill(
        HR_SIG_NOISE, hr_host_audio(host, in[ch]), block, 0, 0, 48000.0, rng);
    }
    hr_host_run(host, block);
    for (int ch = 0; ch < (stereo ? 2 : 1); ++ch) {
      ok = ok && !memcmp(hr_host_audio(host, in[ch]),
                         hr_host_audio(host, out[ch]),
                         block * sizeof(float));
    }
    if (c) {
      hr_collect(c, host);
    }
    ok = ok && hr_host_guard_intact(host);
  }
  return ok && (!c || (c->bad == 0 && c->bad_sequences == 0));
}

/* The case line: the checks, plus the audio thread's counts. */
static void
verdict(bool ok, const char* what)
{
  const HrRtCounts rt = hr_rt_take();
  hr_check(ok && hr_rt_total(&rt) == 0,
           "lifecycle: %s | audio thread: %ld allocations, %ld locks, "
           "%ld sleeps, %ld I/O",
           what,
           rt.n[HR_RT_ALLOC],
           rt.n[HR_RT_LOCK],
           rt.n[HR_RT_SLEEP],
           rt.n[HR_RT_IO]);
}

static void
instantiate_cleanup(const char* bundle)
{
  bool ok = true;
  for (int i = 0; i < 20 && ok; ++i) {
    HrHost* host = light_host(bundle, i % 2 ? HR__stereo : HR__mono);
    ok           = host != NULL;
    hr_host_free(host); /* cleanup without activate */
  }
  hr_rt_take();
  verdict(ok, "instantiate, cleanup x20 (never activated)");
}

static void
activate_cycles(const char* bundle)
{
  HrHost*      host = light_host(bundle, HR__stereo);
  HrCollected* c    = (HrCollected*)calloc(1, sizeof(HrCollected));
  bool         ok   = host && c;
  uint32_t     rng  = 5;
  for (int i = 0; ok && i < 10; ++i) {
    hr_host_set_control(host, HR_PORT_CHANNEL, (float)(i % 4));
    hr_host_set_control(host, HR_PORT_Q, i % 3 ? 2.0f : 3.0f);
    hr_host_set_control(host, HR_PORT_FMIN, 400.0f); /* latency < 0.1 s */
    hr_host_activate(host); /* builds the analyser for the new settings */
    hr_collect_init(c, host);
    hr_collect_send_command(c, host, c->uris.hr_UIOn);
    ok = run_noise(host, c, 30, 512, &rng) && c->n_configs >= 1 &&
         c->columns[0] + c->columns[1] + c->columns[2] > 0;
    hr_host_deactivate(host);
    hr_host_deactivate(host); /* twice: a no-op for the host */
  }
  verdict(ok, "activate, run, deactivate x10, settings changed between");
  hr_host_free(host);
  free(c);
}

static void
reinstantiate(const char* bundle)
{
  HrHost*      host = light_host(bundle, HR__mono);
  HrCollected* c    = (HrCollected*)calloc(1, sizeof(HrCollected));
  bool         ok   = host && c;
  uint32_t     rng  = 6;
  for (int i = 0; ok && i < 5; ++i) {
    hr_host_activate(host);
    hr_collect_init(c, host);
    hr_collect_send_command(c, host, c->uris.hr_UIOn);
    ok = run_noise(host, c, 20, 1000, &rng) && c->columns[0] > 0;
    ok = ok && hr_host_reinstantiate(host); /* deactivate, cleanup, new */
  }
  verdict(ok, "activate, run, cleanup, instantiate again x5 (same host)");
  hr_host_free(host);
  free(c);
}

static void
null_ports(const char* bundle)
{
  HrHost*  host = light_host(bundle, HR__stereo);
  bool     ok   = host != NULL;
  uint32_t rng  = 7;
  if (ok) {
    for (uint32_t i = 0; i < hr_host_n_ports(host); ++i) {
      hr_host_connect_raw(host, i, NULL); /* as lilv leaves them */
    }
    hr_host_activate(host);
    for (int r = 0; r < 20; ++r) {
      hr_host_run(host, r % 3 ? 512 : 0);
    }
    /* only some connected: audio, no notify, no control */
    hr_host_reconnect(host);
    hr_host_connect_raw(host, HR_PORT_NOTIFY, NULL);
    hr_host_connect_raw(host, HR_PORT_CONTROL, NULL);
    hr_host_connect_raw(host, HR_PORT_Q, NULL);
    ok = run_noise(host, NULL, 20, 700, &rng);
    hr_host_reconnect(host);
    ok = ok && run_noise(host, NULL, 20, 700, &rng);
  }
  verdict(ok, "every port connected to NULL, then some, then all again");
  hr_host_free(host);
}

static void
late_worker(const char* bundle)
{
  HrHost*      host = light_host(bundle, HR__mono);
  HrCollected* c    = (HrCollected*)calloc(1, sizeof(HrCollected));
  bool         ok   = host && c;
  uint32_t     rng  = 8;
  if (ok) {
    hr_host_activate(host);
    hr_collect_init(c, host);
    hr_collect_send_command(c, host, c->uris.hr_UIOn);
    ok = run_noise(host, c, 10, 512, &rng);
    hr_host_hold_worker(host, true);
    hr_host_set_control(host, HR_PORT_Q, 3.0f);
    ok = ok && run_noise(host, c, 5, 512, &rng); /* a rebuild waits */
    hr_host_deactivate(host);
    hr_host_set_control(host, HR_PORT_FMIN, 300.0f);
    hr_host_activate(host); /* builds for fmin 300 itself */
    ok = ok && run_noise(host, c, 5, 512, &rng);
    hr_host_do_work(host); /* the old request's reply arrives late */
    hr_host_deliver_responses(host);
    hr_host_hold_worker(host, false);
    ok = ok && run_noise(host, c, 40, 512, &rng) && c->unexplained_gaps == 0 &&
         fabs(c->config.fmin - 300.0) < 1e-3 && c->config.q == 3.0;
    /* cleanup with a rebuild still waiting for the worker */
    hr_host_hold_worker(host, true);
    hr_host_set_control(host, HR_PORT_Q, 5.0f);
    ok = ok && run_noise(host, c, 3, 512, &rng);
  }
  verdict(ok,
          "a worker reply after deactivate/activate; cleanup with work "
          "pending");
  hr_host_free(host);
  free(c);
}

static void
ui_toggling(const char* bundle)
{
  HrHost*      host = light_host(bundle, HR__stereo);
  HrCollected* c    = (HrCollected*)calloc(1, sizeof(HrCollected));
  bool         ok   = host && c;
  uint32_t     rng  = 9;
  if (ok) {
    hr_host_set_control(host, HR_PORT_ANALYSE, HR_ANALYSE_WITH_UI);
    hr_host_set_control(host, HR_PORT_CHANNEL, HR_CHANNEL_MODE_BOTH);
    hr_host_activate(host);
    hr_collect_init(c, host);
    const LV2_URID commands[] = { c->uris.hr_UIOn,
                                  c->uris.hr_Refresh,
                                  c->uris.hr_UIOff,
                                  c->uris.hr_UIOn,
                                  c->uris.hr_UIOff };
    for (int r = 0; r < 200 && ok; ++r) {
      hr_collect_send_command(c, host, commands[hr_rand_below(&rng, 5)]);
      if (r % 7 == 0) {
        hr_collect_send_command(c, host, commands[hr_rand_below(&rng, 5)]);
      }
      ok = run_noise(host, c, 1, 1 + hr_rand_below(&rng, 3000), &rng);
    }
    ok = ok && c->unexplained_gaps == 0;
  }
  verdict(ok,
          "UI on, off and refresh at random for 200 runs (analyse "
          "while a UI is open)");
  hr_host_free(host);
  free(c);
}

static void
zero_runs(const char* bundle)
{
  HrHost*  host = light_host(bundle, HR__mono);
  bool     ok   = host != NULL;
  uint32_t rng  = 10;
  if (ok) {
    hr_host_activate(host);
    for (int r = 0; r < 1000; ++r) {
      hr_host_run(host, 0);
    }
    ok = run_noise(host, NULL, 3, 8192, &rng) && hr_host_guard_intact(host);
  }
  verdict(ok, "1000 zero-length runs, then audio");
  hr_host_free(host);
}

void
hr_torture_lifecycles(const char* bundle)
{
  hr_rt_take();
  instantiate_cleanup(bundle);
  activate_cycles(bundle);
  reinstantiate(bundle);
  null_ports(bundle);
  late_worker(bundle);
  ui_toggling(bundle);
  zero_runs(bundle);
}

/* ---- threads ---- */

typedef struct {
  const char* bundle;
  int         index;
  bool        ok;
  double      energy[HR_N_CHANNELS]; /* total received, per channel */
  long        columns;
  HrRtCounts  rt;
} ThreadJob;

/* The same script alone or in a thread: instantiate, activate (plans),
   rebuild three times while running (plans under the lock), deactivate,
   activate, cleanup. Deterministic, so its result is known from a run
   alone. */
static void*
thread_script(void* data)
{
  ThreadJob* job = (ThreadJob*)data;
  HrHost*    host =
    light_host(job->bundle, job->index % 2 ? HR__stereo : HR__mono);
  HrCollected* c = (HrCollected*)calloc(1, sizeof(HrCollected));
  job->ok        = host && c;
  hr_rt_take();
  if (job->ok) {
    hr_host_set_control(host, HR_PORT_CHANNEL, HR_CHANNEL_MODE_BOTH);
    hr_host_set_control(host, HR_PORT_FMIN, 500.0f); /* latency < 0.1 s */
    hr_host_activate(host);
    hr_collect_init(c, host);
    hr_collect_send_command(c, host, c->uris.hr_UIOn);
    for (int step = 0; step < 4 && job->ok; ++step) {
      hr_host_set_control(host, HR_PORT_Q, 2.0f + 0.5f * (float)step);
      job->ok = hr_collect_run_tone(c, host, 1000.0, 0.2, 256);
    }
    hr_host_deactivate(host);
    hr_host_activate(host);
    job->ok = job->ok && hr_collect_run_tone(c, host, 1000.0, 0.4, 256) &&
              c->bad == 0 && c->bad_sequences == 0;
    for (int ch = 0; ch < HR_N_CHANNELS; ++ch) {
      for (int row = 0; row < HR_COLLECT_ROWS; ++row) {
        job->energy[ch] += c->energy[ch][row];
      }
      job->columns += c->columns[ch];
    }
  }
  job->rt = hr_rt_take();
  hr_host_free(host);
  free(c);
  return NULL;
}

void
hr_torture_threads(const char* bundle)
{
  ThreadJob alone[2], jobs[N_THREADS];
  for (int i = 0; i < 2; ++i) {
    memset(&alone[i], 0, sizeof(alone[i]));
    alone[i].bundle = bundle;
    alone[i].index  = i;
    thread_script(&alone[i]);
  }
  pthread_t threads[N_THREADS];
  for (int i = 0; i < N_THREADS; ++i) {
    memset(&jobs[i], 0, sizeof(jobs[i]));
    jobs[i].bundle = bundle;
    jobs[i].index  = i;
    pthread_create(&threads[i], NULL, thread_script, &jobs[i]);
  }
  for (int i = 0; i < N_THREADS; ++i) {
    pthread_join(threads[i], NULL);
  }
  for (int i = 0; i < N_THREADS; ++i) {
    const ThreadJob* ref  = &alone[i % 2];
    const bool       same = jobs[i].columns == ref->columns &&
                      !memcmp(jobs[i].energy, ref->energy, sizeof(ref->energy));
    hr_check(jobs[i].ok && ref->ok && same && jobs[i].columns > 0 &&
               hr_rt_total(&jobs[i].rt) == 0,
             "threads: instance %d of %d at once (%s): %ld columns, the same "
             "as alone: %s | audio thread: %ld allocations, %ld locks",
             i + 1,
             N_THREADS,
             i % 2 ? "stereo" : "mono",
             jobs[i].columns,
             same ? "yes" : "no",
             jobs[i].rt.n[HR_RT_ALLOC],
             jobs[i].rt.n[HR_RT_LOCK]);
  }
}
