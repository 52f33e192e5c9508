/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The plugins in a lilv host: ports match protocol/ports.h, audio passes bit
   for bit at any block size (in place too), the notify port is never
   overrun whatever room it gets, every sample rate gives a right picture,
   presets load, instantiation fails cleanly where it must.
   Bundle: argv[1], $HR_LV2_BUNDLE, or the build's. */

#undef NDEBUG

#include "tests/kit/collect.h"
#include "tests/kit/check.h"
#include "host/host.h"
#include "tests/kit/bundle.h"
#include "protocol/ports.h"
#include "plugin/settings.h"
#include "protocol/uris.h"

#include <lilv/lilv.h>
#include <lv2/presets/presets.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* g_bundle;

static HrHost*
make_host(const char* uri, double rate, uint32_t capacity)
{
  HrHostOptions options   = hr_host_options_default();
  options.plugin_uri      = uri;
  options.rate            = rate;
  options.notify_capacity = capacity;
  HrHost* host            = hr_host_new(g_bundle, &options, NULL, 0);
  if (!host) {
    hr_check(false, "instantiate <%s> at %g Hz", uri, rate);
  }
  return host;
}

/* The light settings, from 200 Hz: quick to analyse, short latency. */
static void
set_light(HrHost* host)
{
  hr_host_set_control(host, HR_PORT_ROWS_PER_OCTAVE, 48.0f);
  hr_host_set_control(host, HR_PORT_FILTERS_PER_ROW, 1.0f);
  hr_host_set_control(host, HR_PORT_TIME_STEP, 5.0f);
  hr_host_set_control(host, HR_PORT_FMIN, 200.0f);
}

static void
test_ports(const char* uri, bool stereo)
{
  HrHost* host = make_host(uri, 48000.0, 65536);
  if (!host) {
    return;
  }
  const LilvPlugin* plugin = hr_host_plugin(host);
  const uint32_t    n      = lilv_plugin_get_num_ports(plugin);
  bool              ok = n == (stereo ? HR_N_PORTS_STEREO : HR_N_PORTS_MONO);
  for (uint32_t i = 0; ok && i < n; ++i) {
    const LilvPort* port = lilv_plugin_get_port_by_index(plugin, i);
    const char* sym = lilv_node_as_string(lilv_port_get_symbol(plugin, port));
    ok              = !strcmp(sym, hr_port_symbol((HrPortIndex)i, stereo));
    const HrControlSpec* spec = hr_control_spec((HrPortIndex)i);
    if (ok && spec) {
      LilvNode *def = NULL, *min = NULL, *max = NULL;
      lilv_port_get_range(plugin, port, &def, &min, &max);
      ok = def && min && max && lilv_node_as_float(def) == spec->def &&
           lilv_node_as_float(min) == spec->min &&
           lilv_node_as_float(max) == spec->max;
      lilv_node_free(def);
      lilv_node_free(min);
      lilv_node_free(max);
    }
    if (!ok) {
      printf("port %u (%s) differs from protocol/controls.c\n", i, sym);
    }
  }
  hr_check(ok, "%s: ttl ports = protocol/controls.c symbols and ranges", uri);
  hr_check(!lilv_plugin_has_latency(plugin), "%s: reports no latency", uri);
  hr_host_free(host);
}

/* Random audio, a few special values among it. */
static void
fill_random(float* buf, uint32_t n, unsigned* seed)
{
  for (uint32_t i = 0; i < n; ++i) {
    *seed  = *seed * 1103515245u + 12345u;
    buf[i] = ((float)(*seed >> 8) / 16777216.0f - 0.5f);
  }
  if (n > 3) {
    buf[0] = NAN;
    buf[1] = 1e-42f; /* denormal */
    buf[2] = -0.0f;
  }
}

static void
test_pass_through(const char* uri, bool stereo, bool in_place)
{
  HrHost* host = make_host(uri, 48000.0, 65536);
  if (!host) {
    return;
  }
  set_light(host);
  const uint32_t in[2]  = { HR_PORT_IN_1, HR_PORT_IN_2 };
  const uint32_t out[2] = { HR_PORT_OUT_1, HR_PORT_OUT_2 };
  const int      n_ch   = stereo ? 2 : 1;
  if (in_place) {
    for (int c = 0; c < n_ch; ++c) {
      hr_host_connect_audio(host, out[c], hr_host_audio(host, in[c]));
    }
  }
  hr_host_activate(host);
  const uint32_t sizes[] = { 1, 63, 512, 8192, 0 };
  unsigned       seed    = 7;
  float*         want    = (float*)malloc(8192 * sizeof(float) * 2);
  for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); ++s) {
    bool     same = true;
    uint32_t done = 0;
    while (done < 24000) {
      uint32_t n = sizes[s];
      if (n == 0) {
        seed = seed * 1103515245u + 12345u;
        n    = 1 + (seed >> 8) % 8192;
      }
      for (int c = 0; c < n_ch; ++c) {
        fill_random(hr_host_audio(host, in[c]), n, &seed);
        memcpy(want + c * 8192, hr_host_audio(host, in[c]), n * sizeof(float));
      }
      hr_host_run(host, n);
      for (int c = 0; c < n_ch; ++c) {
        same = same && !memcmp(want + c * 8192,
                               in_place ? hr_host_audio(host, in[c])
                                        : hr_host_audio(host, out[c]),
                               n * sizeof(float));
      }
      done += n;
    }
    hr_check(same,
             "%s%s: bit-exact pass-through, blocks of %s%u",
             uri,
             in_place ? " in place" : "",
             sizes[s] ? "" : "random ",
             sizes[s] ? sizes[s] : 8192);
  }
  free(want);
  hr_host_free(host);
}

static void
test_capacity(uint32_t capacity)
{
  HrHost* host = make_host(HR__stereo, 48000.0, capacity);
  if (!host) {
    return;
  }
  set_light(host);
  hr_host_set_control(host, HR_PORT_CHANNEL, HR_CHANNEL_MODE_BOTH);
  hr_host_activate(host);
  HrCollected* c = (HrCollected*)calloc(1, sizeof(HrCollected));
  hr_collect_init(c, host);
  hr_collect_send_command(c, host, c->uris.hr_UIOn);
  const bool  same  = hr_collect_run_tone(c, host, 1000.0, 2.0, 256);
  const float drops = hr_host_get_control(host, HR_PORT_DROPS);
  hr_check(same && hr_host_guard_intact(host) && c->bad == 0 &&
             c->bad_sequences == 0 && c->unexplained_gaps == 0,
           "notify %u bytes: audio exact, nothing past the buffer, messages "
           "well formed, gaps explained",
           capacity);
  if (capacity < 64) {
    hr_check(c->n_configs == 0 && c->n_messages == 0 && drops > 0,
             "notify %u bytes: no messages, %g columns dropped and counted",
             capacity,
             drops);
  } else if (capacity < 4096) {
    hr_check(c->n_configs == 1 && c->columns[0] > 0 && c->columns[1] > 0,
             "notify %u bytes: Config and columns of both channels (%ld + "
             "%ld, %g dropped)",
             capacity,
             c->columns[0],
             c->columns[1],
             drops);
  } else {
    hr_check(c->n_configs == 1 && c->columns[0] > 300 &&
               c->columns[0] == c->columns[1] && drops == 0 &&
               c->max_per_run <= 2,
             "notify %u bytes: all columns of both channels, none dropped, "
             "at most one message per channel per run (%ld columns)",
             capacity,
             c->columns[0]);
    hr_check(c->n_messages <= 2 * 2 * 30 + 4,
             "notify %u bytes: ~30 messages a second per channel (%d in 2 s)",
             capacity,
             c->n_messages);
  }
  free(c);
  hr_host_free(host);
}

static void
test_rate(double rate)
{
  HrHost* host = make_host(HR__mono, rate, 65536);
  if (!host) {
    return;
  }
  set_light(host);
  hr_host_activate(host);
  HrCollected* c = (HrCollected*)calloc(1, sizeof(HrCollected));
  hr_collect_init(c, host);
  hr_collect_send_command(c, host, c->uris.hr_UIOn);
  const double freq  = 1000.0;
  const bool   same  = hr_collect_run_tone(c, host, freq, 0.6, 512);
  const long   tdeci = lround(5.0 * rate / 1000.0);
  const double fmax  = fmin(20000.0, rate / 2);
  const int    want  = (int)floor(48.0 * log2(fmax / freq) + 0.5);
  const int    peak  = hr_collect_peak_row(c, 0);
  hr_check(same && c->n_configs == 1 && c->config.rate == rate &&
             c->config.column_samples == tdeci &&
             fabs(c->config.fmax - fmax) < 1e-6 * fmax &&
             fabs(c->config.fmin - 200.0) < 1e-6,
           "%g Hz: Config rate, %ld-sample columns, %g .. %g Hz",
           rate,
           tdeci,
           c->config.fmin,
           c->config.fmax);
  hr_check((double)c->columns[0] > 0.3 * rate / (double)tdeci &&
             abs(peak - want) <= 1 && c->unexplained_gaps == 0,
           "%g Hz: %ld columns, 1 kHz tone on row %d (expected %d)",
           rate,
           c->columns[0],
           peak,
           want);
  hr_check(peak >= 0 && c->cells[0][peak] > 0 && c->min_hits[0][peak] >= 1.0 &&
             c->hits[0][peak] >= (double)c->cells[0][peak],
           "%g Hz: the tone's %ld cells carry >= %g reassigned points each",
           rate,
           peak >= 0 ? c->cells[0][peak] : 0L,
           peak >= 0 ? c->min_hits[0][peak] : 0.0);
  const float latency = hr_host_get_control(host, HR_PORT_LATENCY);
  hr_check(latency > 0 && fabs(latency - 1000 * c->config.latency) < 0.01,
           "%g Hz: latency port %.1f ms = Config latency",
           rate,
           latency);
  free(c);
  hr_host_free(host);
}

static void
test_presets(void)
{
  static const struct {
    const char* name;
    float       values[7]; /* q, time_step, noct, over, fmin, fmax, lint */
  } presets[] = {
    { "seed_reference", { 2, 2, 108, 2, 50, 20000, 0.5f } },
    { "light", { 2, 5, 48, 1, 50, 20000, 0.5f } },
    { "voice", { 2, 2, 108, 2, 80, 8000, 0.5f } },
    { "transients", { 0.7f, 2, 108, 2, 50, 20000, 0.5f } },
    { "tonal", { 4, 2, 108, 2, 50, 20000, 0.5f } },
  };
  const char* uris[2] = { HR__mono, HR__stereo };
  for (int u = 0; u < 2; ++u) {
    HrHost* host = make_host(uris[u], 48000.0, 65536);
    if (!host) {
      continue;
    }
    LilvWorld* world  = hr_host_world(host);
    LilvNode*  preset = lilv_new_uri(world, LV2_PRESETS__Preset);
    LilvNodes* found  = lilv_plugin_get_related(hr_host_plugin(host), preset);
    hr_check(lilv_nodes_size(found) == 5, "%s: 5 presets listed", uris[u]);
    lilv_nodes_free(found);
    lilv_node_free(preset);
    hr_host_activate(host);
    for (size_t p = 0; p < sizeof(presets) / sizeof(presets[0]); ++p) {
      char uri[256];
      snprintf(uri, sizeof(uri), HR_PRESET_NS "%s", presets[p].name);
      for (int i = HR_FIRST_CONTROL; i < HR_PORT_ANALYSE; ++i) {
        hr_host_set_control(host, (uint32_t)i, -1.0f);
      }
      bool ok = hr_host_apply_preset(host, uri, NULL, 0);
      for (int i = 0; ok && i < 7; ++i) {
        ok = hr_host_get_control(host, (uint32_t)(HR_FIRST_CONTROL + i)) ==
             presets[p].values[i];
      }
      hr_host_run(host, 512);
      hr_check(ok,
               "%s: preset %s loads and sets its 7 controls",
               uris[u],
               presets[p].name);
    }
    hr_host_free(host);
  }
}

static void
test_refusals(void)
{
  HrHostOptions options = hr_host_options_default();
  options.rate          = 4000.0;
  HrHost* host          = hr_host_new(g_bundle, &options, NULL, 0);
  hr_check(!host, "4 kHz: instantiation refused");
  hr_host_free(host);
}

/* Without work:schedule the plugin still runs: audio passes and the
   analyser made in activate uses the values set before it. */
static void
test_without_worker(void)
{
  HrHostOptions options = hr_host_options_default();
  options.with_worker   = false;
  HrHost* host          = hr_host_new(g_bundle, &options, NULL, 0);
  hr_check(host != NULL, "without work:schedule: instantiated");
  if (!host) {
    return;
  }
  hr_host_set_control(host, HR_PORT_Q, 4.0f);
  hr_host_activate(host);
  float* in    = hr_host_audio(host, HR_PORT_IN_1);
  bool   exact = true;
  for (int block = 0; block < 20; ++block) {
    for (uint32_t i = 0; i < 512; ++i) {
      in[i] = (float)sin(0.13 * (block * 512 + (int)i));
    }
    hr_host_run(host, 512);
    exact =
      exact &&
      !memcmp(in, hr_host_audio(host, HR_PORT_OUT_1), 512 * sizeof(float));
  }
  const float latency = hr_host_get_control(host, HR_PORT_LATENCY);
  hr_check(exact, "without work:schedule: audio passes bit for bit");
  hr_check(latency > 500.0f,
           "without work:schedule: analyser built with q 4 (latency %.0f ms)",
           latency);
  hr_host_free(host);
}

int
main(int argc, char** argv)
{
  g_bundle = hr_test_bundle_path(argc, argv);
  printf("bundle: %s\n", g_bundle);
  test_ports(HR__mono, false);
  test_ports(HR__stereo, true);
  test_pass_through(HR__mono, false, false);
  test_pass_through(HR__stereo, true, false);
  test_pass_through(HR__mono, false, true);
  test_pass_through(HR__stereo, true, true);
  const uint32_t capacities[] = { 0, 8, 1024, 65536 };
  for (size_t i = 0; i < 4; ++i) {
    test_capacity(capacities[i]);
  }
  const double rates[] = { 22050, 44100, 48000, 96000, 192000 };
  for (size_t i = 0; i < 5; ++i) {
    test_rate(rates[i]);
  }
  test_presets();
  test_refusals();
  test_without_worker();
  return hr_check_summary();
}
