/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The plugins changing while they run: new settings through the worker
   (audio exact throughout, a new Config, columns keep coming), automation
   storms (one rebuild at a time, the latest values win), bad control
   values, bad control messages, channel modes, when to analyse, and the
   UI settings kept in state. Bundle: argv[1], $HR_LV2_BUNDLE, or the
   build's. */

#undef NDEBUG

#include "tests/kit/collect.h"
#include "tests/kit/check.h"
#include "host/host.h"
#include "tests/kit/bundle.h"
#include "protocol/ports.h"
#include "protocol/protocol.h"
#include "protocol/uris.h"

#include <lilv/lilv.h>
#include <lv2/atom/forge.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char* g_bundle;

/* A host running `uri` at 48 kHz with light settings, activated, a UI on,
   and a new collector for its messages in *collected (both NULL, and a
   failed check, if the plugin cannot start). */
static HrHost*
start(const char* uri, HrCollected** collected)
{
  HrHostOptions options = hr_host_options_default();
  options.plugin_uri    = uri;
  HrCollected* c        = (HrCollected*)calloc(1, sizeof(HrCollected));
  HrHost*      host     = c ? hr_host_new(g_bundle, &options, NULL, 0) : NULL;
  *collected            = host ? c : NULL;
  if (!host) {
    free(c);
    hr_check(false, "instantiate <%s>", uri);
    return NULL;
  }
  hr_host_set_control(host, HR_PORT_ROWS_PER_OCTAVE, 48.0f);
  hr_host_set_control(host, HR_PORT_FILTERS_PER_ROW, 1.0f);
  hr_host_set_control(host, HR_PORT_TIME_STEP, 5.0f);
  hr_host_set_control(host, HR_PORT_FMIN, 200.0f);
  hr_host_activate(host);
  hr_collect_init(c, host);
  hr_collect_send_command(c, host, c->uris.hr_UIOn);
  return host;
}

static void
test_reconfigure(void)
{
  HrCollected* c    = NULL;
  HrHost*      host = start(HR__mono, &c);
  if (!host) {
    return;
  }
  bool          same        = hr_collect_run_tone(c, host, 1000.0, 0.5, 512);
  const long    before_cols = c->columns[0];
  const int64_t before_last = c->last[0];
  const double  old_latency = c->config.latency;
  hr_check(c->n_configs == 1 && c->config.q == 2.0 && before_cols > 0,
           "before: Config q 2, %ld columns",
           before_cols);

  hr_host_set_control(host, HR_PORT_Q, 4.0f);
  hr_host_set_control(host, HR_PORT_FMAX, 8000.0f);
  same = hr_collect_run_tone(c, host, 1000.0, 0.8, 512) && same;
  hr_check(c->n_configs == 2 && c->config.q == 4.0 &&
             c->config.fmax == 8000.0 && c->config.latency > old_latency &&
             c->config.first_column > before_last,
           "q 4, fmax 8 kHz mid-run: a new Config (latency %.0f -> %.0f ms, "
           "first column %lld after %lld)",
           1000 * old_latency,
           1000 * c->config.latency,
           (long long)c->config.first_column,
           (long long)before_last);
  hr_check(c->columns[0] > before_cols + 50 && c->bad == 0 &&
             c->unexplained_gaps == 0,
           "columns keep coming after the swap (%ld more), well formed",
           c->columns[0] - before_cols);
  hr_check(same, "audio bit-exact throughout the reconfiguration");
  const int want = (int)floor(48.0 * log2(8000.0 / 1000.0) + 0.5);
  hr_collect_clear_energy(c);
  hr_collect_run_tone(c, host, 1000.0, 0.5, 512);
  hr_check(abs(hr_collect_peak_row(c, 0) - want) <= 1,
           "new geometry: the tone on row %d (expected %d)",
           hr_collect_peak_row(c, 0),
           want);
  hr_host_free(host);
  free(c);
}

static void
test_storm(void)
{
  HrCollected* c    = NULL;
  HrHost*      host = start(HR__mono, &c);
  if (!host) {
    return;
  }
  hr_collect_run_tone(c, host, 1000.0, 0.1, 512);
  const uint32_t requests = hr_host_work_requests(host);
  hr_host_hold_worker(host, true);
  for (int i = 0; i < 200; ++i) {
    hr_host_set_control(host, HR_PORT_Q, 1.0f + 0.01f * (float)i);
    hr_collect_run_tone(c, host, 1000.0, 64.0 / 48000.0, 64);
  }
  hr_check(hr_host_work_requests(host) - requests == 1,
           "200 changes while the worker is busy: 1 request");
  hr_host_hold_worker(host, false);
  hr_collect_run_tone(c, host, 1000.0, 0.1, 512);
  hr_collect_run_tone(c, host, 1000.0, 0.1, 512);
  hr_check(fabs(c->config.q - (1.0 + 0.01 * 199)) < 1e-6 &&
             hr_host_work_requests(host) - requests <= 4,
           "then the latest value wins (q %.2f, %u requests in all)",
           c->config.q,
           hr_host_work_requests(host) - requests);
  hr_host_free(host);
  free(c);
}

static void
test_bad_controls(void)
{
  HrCollected* c    = NULL;
  HrHost*      host = start(HR__mono, &c);
  if (!host) {
    return;
  }
  hr_host_set_control(host, HR_PORT_Q, NAN);
  hr_host_set_control(host, HR_PORT_TIME_STEP, INFINITY);
  hr_host_set_control(host, HR_PORT_FMIN, -5.0f);
  hr_host_set_control(host, HR_PORT_FMAX, 1e12f);
  hr_host_set_control(host, HR_PORT_LINT, -INFINITY);
  hr_host_set_control(host, HR_PORT_FILTERS_PER_ROW, 1e9f);
  const bool same = hr_collect_run_tone(c, host, 1000.0, 0.3, 512);
  hr_check(same && c->config.q == 2.0 && c->config.column_samples == 96 &&
             c->config.fmin == 10.0 && c->config.fmax == 24000.0 &&
             c->config.lint == 0.5 && c->config.over == 4,
           "NaN/Inf/out-of-range controls: defaults and clamps (q %g, "
           "%d samples, %g .. %g Hz, lint %g, over %d)",
           c->config.q,
           c->config.column_samples,
           c->config.fmin,
           c->config.fmax,
           c->config.lint,
           c->config.over);
  hr_host_free(host);
  free(c);
}

static void
test_bad_messages(void)
{
  HrCollected* c    = NULL;
  HrHost*      host = start(HR__mono, &c);
  if (!host) {
    return;
  }
  hr_collect_run_tone(c, host, 1000.0, 0.1, 512);
  const int configs = c->n_configs;
  uint8_t   buf[256];
  memset(buf, 0, sizeof(buf));
  LV2_Atom* atom = (LV2_Atom*)buf;
  atom->type     = c->uris.atom_Int; /* not an object */
  atom->size     = 4;
  hr_host_send(host, atom);
  atom->type = c->uris.atom_Object; /* too short for an object body */
  atom->size = 4;
  hr_host_send(host, atom);
  LV2_Atom_Forge forge;
  lv2_atom_forge_init(&forge, hr_host_map(host));
  lv2_atom_forge_set_buffer(&forge, buf, sizeof(buf));
  LV2_Atom_Forge_Frame frame;
  lv2_atom_forge_object(&forge, &frame, 0, c->uris.hr_UIState);
  lv2_atom_forge_key(&forge, c->uris.hr_dbRange);
  lv2_atom_forge_int(&forge, 3); /* Int where a Float belongs */
  lv2_atom_forge_pop(&forge, &frame);
  hr_host_send(host, atom);
  lv2_atom_forge_set_buffer(&forge, buf, sizeof(buf));
  lv2_atom_forge_object(&forge, &frame, 0, c->uris.hr_UIState);
  lv2_atom_forge_key(&forge, c->uris.hr_colormap);
  lv2_atom_forge_int(&forge, 5);
  lv2_atom_forge_pop(&forge, &frame);
  /* the property's value runs past the object */
  ((LV2_Atom_Property_Body*)((LV2_Atom_Object*)buf + 1))->value.size = 9999;
  hr_host_send(host, atom);
  lv2_atom_forge_set_buffer(&forge, buf, sizeof(buf));
  lv2_atom_forge_object(&forge, &frame, 0, c->uris.hr_Columns); /* wrong way */
  lv2_atom_forge_pop(&forge, &frame);
  hr_host_send(host, atom);
  const bool same = hr_collect_run_tone(c, host, 1000.0, 0.2, 512);
  hr_collect_send_command(c, host, c->uris.hr_Refresh);
  hr_collect_run_tone(c, host, 1000.0, 0.05, 512);
  const HrUISettings def = hr_ui_settings_default();
  hr_check(same && c->n_configs == configs + 1 && c->bad == 0 &&
             hr_ui_settings_equal(&c->ui_settings, &def),
           "malformed control messages are ignored; Refresh still answered");
  hr_host_free(host);
  free(c);
}

static void
test_channels(void)
{
  static const struct {
    int         mode;
    int         mask;
    const char* name;
  } modes[] = { { HR_CHANNEL_MODE_LEFT, 1, "left" },
                { HR_CHANNEL_MODE_RIGHT, 2, "right" },
                { HR_CHANNEL_MODE_SUM, 4, "mid" },
                { HR_CHANNEL_MODE_BOTH, 3, "both" },
                { HR_CHANNEL_MODE_SIDE, 8, "side" } };
  for (int m = 0; m < 5; ++m) {
    HrCollected* c    = NULL;
    HrHost*      host = start(HR__stereo, &c);
    if (!host) {
      return;
    }
    hr_host_set_control(host, HR_PORT_CHANNEL, (float)modes[m].mode);
    hr_collect_run_tone(c, host, 1000.0, 0.5, 512);
    bool ok = c->config.channel_mask == modes[m].mask;
    for (int ch = 0; ch < HR_N_CHANNELS; ++ch) {
      ok = ok && (c->columns[ch] > 0) == !!(modes[m].mask & (1 << ch));
    }
    hr_check(ok && c->bad == 0,
             "stereo, channel %s: mask %d, columns "
             "%ld/%ld/%ld/%ld",
             modes[m].name,
             c->config.channel_mask,
             c->columns[0],
             c->columns[1],
             c->columns[2],
             c->columns[3]);
    hr_host_free(host);
    free(c);
  }
}

/* Energy of every column received on `channel`. */
static double
channel_energy(const HrCollected* c, int channel)
{
  double sum = 0.0;
  for (int r = 0; r < HR_COLLECT_ROWS; ++r) {
    sum += c->energy[channel][r];
  }
  return sum;
}

/* The same tone on both inputs: Mid is the tone, Side (L-R)/2 is exact
   silence (not merely quiet: every sample is 0). */
static void
test_side_of_identical_channels(void)
{
  double           energy[2]   = { -1.0, -1.0 };
  long             columns[2]  = { 0, 0 };
  static const int modes[2]    = { HR_CHANNEL_MODE_SUM, HR_CHANNEL_MODE_SIDE };
  static const int channels[2] = { HR_CHANNEL_SUM, HR_CHANNEL_SIDE };
  for (int m = 0; m < 2; ++m) {
    HrCollected* c    = NULL;
    HrHost*      host = start(HR__stereo, &c);
    if (!host) {
      return;
    }
    hr_host_set_control(host, HR_PORT_CHANNEL, (float)modes[m]);
    hr_collect_run_tone(c, host, 1000.0, 0.5, 512);
    energy[m]  = channel_energy(c, channels[m]);
    columns[m] = c->columns[channels[m]];
    hr_host_free(host);
    free(c);
  }
  hr_check(columns[0] > 0 && columns[1] > 0 && energy[0] > 0.0 &&
             energy[1] == 0.0,
           "identical inputs: Mid energy %g (%ld columns), Side energy %g "
           "(%ld columns, must be 0)",
           energy[0],
           columns[0],
           energy[1],
           columns[1]);
}

static void
test_analyse_with_ui(void)
{
  HrCollected* c    = NULL;
  HrHost*      host = start(HR__mono, &c);
  if (!host) {
    return;
  }
  hr_host_set_control(host, HR_PORT_ANALYSE, HR_ANALYSE_WITH_UI);
  hr_collect_run_tone(c, host, 1000.0, 0.2, 512);
  hr_collect_send_command(c, host, c->uris.hr_UIOff);
  hr_collect_run_tone(c, host, 1000.0, 0.2, 512);
  const long  columns = c->columns[0];
  const float load    = hr_host_get_control(host, HR_PORT_LOAD);
  hr_collect_run_tone(c, host, 1000.0, 0.2, 512);
  hr_check(columns > 0 && c->columns[0] == columns && load == 0.0f &&
             hr_host_get_control(host, HR_PORT_LOAD) == 0.0f,
           "analyse while a UI is open: columns with the UI, no work "
           "without");
  hr_collect_send_command(c, host, c->uris.hr_UIOn);
  hr_collect_run_tone(c, host, 1000.0, 0.3, 512);
  hr_check(c->columns[0] > columns && c->unexplained_gaps == 0 &&
             hr_host_get_control(host, HR_PORT_LOAD) > 0.0f,
           "UI back: a new Config and columns again");
  hr_host_free(host);
  free(c);
}

static const void*
port_value(const char* symbol, void* data, uint32_t* size, uint32_t* type)
{
  (void)symbol;
  (void)data;
  *size = 0;
  *type = 0;
  return NULL;
}

static void
send_ui_state(HrCollected* c, HrHost* host, const HrUISettings* s)
{
  uint8_t        buf[256];
  LV2_Atom_Forge forge;
  lv2_atom_forge_init(&forge, hr_host_map(host));
  lv2_atom_forge_set_buffer(&forge, buf, sizeof(buf));
  hr_write_ui_settings(&forge, &c->uris, s);
  hr_host_send(host, (const LV2_Atom*)buf);
}

static void
test_state(void)
{
  HrCollected* c    = NULL;
  HrHost*      host = start(HR__mono, &c);
  if (!host) {
    return;
  }
  const HrUISettings saved = {
    7, 48.0f, -6.0f, 20.0f, 0x7766554433221100LL, 1
  };
  send_ui_state(c, host, &saved);
  hr_collect_run_tone(c, host, 0.0, 0.05, 512);
  LilvState*         state = lilv_state_new_from_instance(hr_host_plugin(host),
                                                  hr_host_instance(host),
                                                  hr_host_map(host),
                                                  NULL,
                                                  NULL,
                                                  NULL,
                                                  NULL,
                                                  port_value,
                                                  NULL,
                                                  0,
                                                  NULL);
  const HrUISettings other = { 1, 120.0f, 3.0f, 2.0f, 99, 0 };
  send_ui_state(c, host, &other);
  hr_collect_send_command(c, host, c->uris.hr_Refresh);
  hr_collect_run_tone(c, host, 0.0, 0.05, 512);
  const bool changed = hr_ui_settings_equal(&c->ui_settings, &other);
  lilv_state_restore(state, hr_host_instance(host), NULL, NULL, 0, NULL);
  hr_collect_run_tone(c, host, 0.0, 0.05, 512);
  hr_check(state && changed && hr_ui_settings_equal(&c->ui_settings, &saved),
           "UI settings saved in state, restored, sent to the UI");
  hr_check(state && changed && c->ui_settings.capture_key == saved.capture_key,
           "the capture key survives state save and restore");
  lilv_state_free(state);
  hr_host_free(host);
  free(c);
}

int
main(int argc, char** argv)
{
  g_bundle = hr_test_bundle_path(argc, argv);
  printf("bundle: %s\n", g_bundle);
  test_reconfigure();
  test_storm();
  test_bad_controls();
  test_bad_messages();
  test_channels();
  test_side_of_identical_channels();
  test_analyse_with_ui();
  test_state();
  return hr_check_summary();
}
