/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* run() (and work_response) never allocate, lock, sleep, print or do I/O,
   with the host's time:Position events too.

   rt_interpose.c counts those calls (from the plugin, loaded by lilv into
   this process) while a window is open around the plugin's audio-thread
   calls. Its self-check first proves that a malloc, a lock and a print
   inside the window, and an allocation by a shared library, are caught. */

#undef NDEBUG

#include "tests/kit/collect.h"
#include "protocol/inline_display_lv2.h"
#include "tests/kit/check.h"
#include "host/host.h"
#include "tests/kit/bundle.h"
#include "protocol/ports.h"
#include "tests/kit/rt_interpose.h"
#include "protocol/uris.h"

#include <lv2/atom/forge.h>
#include <lv2/time/time.h>

#include <stdio.h>
#include <stdlib.h>

static void
report(const char* what)
{
  const HrRtCounts counts = hr_rt_take();
  hr_check(hr_rt_total(&counts) == 0,
           "%s: %ld %s, %ld %s, %ld %s, %ld %s",
           what,
           counts.n[HR_RT_ALLOC],
           hr_rt_kind_name(HR_RT_ALLOC),
           counts.n[HR_RT_LOCK],
           hr_rt_kind_name(HR_RT_LOCK),
           counts.n[HR_RT_SLEEP],
           hr_rt_kind_name(HR_RT_SLEEP),
           counts.n[HR_RT_IO],
           hr_rt_kind_name(HR_RT_IO));
}

static void
send_ui_state(HrCollected* c, HrHost* host)
{
  uint8_t            buf[256];
  LV2_Atom_Forge     forge;
  const HrUISettings s = { 2, 70.0f, -3.0f, 5.0f, 0, 1 };
  lv2_atom_forge_init(&forge, hr_host_map(host));
  lv2_atom_forge_set_buffer(&forge, buf, sizeof(buf));
  hr_write_ui_settings(&forge, &c->uris, &s);
  hr_host_send(host, (const LV2_Atom*)buf);
}

/* The host's transport, as hosts send it (song time, plugin/transport.c). */
static void
send_position(HrHost* host, int64_t frame, float speed)
{
  uint64_t             buf[64];
  LV2_Atom_Forge       forge;
  LV2_Atom_Forge_Frame object;
  LV2_URID_Map*        map = hr_host_map(host);
  lv2_atom_forge_init(&forge, map);
  lv2_atom_forge_set_buffer(&forge, (uint8_t*)buf, sizeof buf);
  lv2_atom_forge_object(
    &forge, &object, 0, map->map(map->handle, LV2_TIME__Position));
  lv2_atom_forge_key(&forge, map->map(map->handle, LV2_TIME__frame));
  lv2_atom_forge_long(&forge, frame);
  lv2_atom_forge_key(&forge, map->map(map->handle, LV2_TIME__speed));
  lv2_atom_forge_float(&forge, speed);
  lv2_atom_forge_key(&forge, map->map(map->handle, LV2_TIME__bar));
  lv2_atom_forge_long(&forge, frame / 96000);
  lv2_atom_forge_key(&forge, map->map(map->handle, LV2_TIME__barBeat));
  lv2_atom_forge_float(&forge, (float)(frame % 96000) / 24000.0f);
  lv2_atom_forge_key(&forge, map->map(map->handle, LV2_TIME__beatsPerBar));
  lv2_atom_forge_float(&forge, 4.0f);
  lv2_atom_forge_key(&forge, map->map(map->handle, LV2_TIME__beatsPerMinute));
  lv2_atom_forge_float(&forge, 120.0f);
  lv2_atom_forge_pop(&forge, &object);
  hr_host_send(host, (const LV2_Atom*)buf);
}

static void
count_draw(void* handle)
{
  ++*(int*)handle;
}

/* What Ardour does between runs, on its GUI thread: render the inline
   display (outside the counting window: it may allocate). */
static void
render_display(HrHost* host)
{
  LilvInstance*                   instance = hr_host_instance(host);
  const HrInlineDisplayInterface* display =
    (const HrInlineDisplayInterface*)lilv_instance_get_extension_data(
      instance, HR_INLINEDISPLAY__interface);
  if (display) {
    display->render(lilv_instance_get_handle(instance), 160, 100);
  }
}

/* Everything run() does: UI on and off, messages, reconfigurations, odd
   block sizes, a notify port too small, the analysis paused, the inline
   display drawn and asked for. */
static void
exercise(const char* uri, uint32_t capacity, int channel_mode)
{
  int                    draws      = 0;
  HrInlineDisplayFeature queue_draw = { &draws, count_draw };
  LV2_Feature   feature   = { HR_INLINEDISPLAY__queue_draw, &queue_draw };
  HrHostOptions options   = hr_host_options_default();
  options.plugin_uri      = uri;
  options.notify_capacity = capacity;
  options.extra_feature   = &feature;
  HrHost* host = hr_host_new(hr_test_bundle_path(0, NULL), &options, NULL, 0);
  if (!host) {
    hr_check(false, "instantiate <%s>", uri);
    return;
  }
  HrCollected* c = (HrCollected*)calloc(1, sizeof(HrCollected));
  hr_host_set_control(host, HR_PORT_FMIN, 100.0f);
  if (channel_mode >= 0) {
    hr_host_set_control(host, HR_PORT_CHANNEL, (float)channel_mode);
  }
  hr_host_activate(host);
  hr_collect_init(c, host);
  hr_host_set_hooks(host, hr_rt_begin, hr_rt_end, NULL);

  hr_collect_run_tone(c, host, 440.0, 0.3, 512); /* no UI yet */
  render_display(host);
  hr_collect_send_command(c, host, c->uris.hr_UIOn);
  send_position(host, 768000, 1.0f); /* the transport rolls */
  hr_collect_run_tone(c, host, 440.0, 0.5, 1000);
  send_position(host, 768000, 1.0f); /* relocated back */
  send_ui_state(c, host);
  hr_collect_run_tone(c, host, 440.0, 0.1, 64);
  send_position(host, 800000, 0.0f);          /* stopped */
  hr_host_set_control(host, HR_PORT_Q, 3.0f); /* worker rebuild */
  hr_collect_run_tone(c, host, 440.0, 0.3, 4096);
  render_display(host);
  hr_host_set_control(host, HR_PORT_BANDWIDTHS, 3.0f); /* three streams */
  hr_collect_run_tone(c, host, 440.0, 0.3, 700);
  send_position(host, 0, 1.0f);
  hr_host_set_control(host, HR_PORT_TIME_STEP, 1.0f);
  hr_host_set_control(host, HR_PORT_ROWS_PER_OCTAVE, 60.0f);
  hr_collect_run_tone(c, host, 440.0, 0.3, 8192);
  hr_collect_send_command(c, host, c->uris.hr_Refresh);
  hr_collect_run_tone(c, host, 440.0, 0.1, 1);
  hr_collect_send_command(c, host, c->uris.hr_UIOff);
  hr_host_set_control(host, HR_PORT_ANALYSE, HR_ANALYSE_WITH_UI);
  hr_collect_run_tone(c, host, 440.0, 0.2, 333);
  render_display(host); /* the display counts as an open UI */
  hr_collect_run_tone(c, host, 440.0, 0.2, 333);
  hr_collect_send_command(c, host, c->uris.hr_UIOn);
  hr_collect_run_tone(c, host, 440.0, 0.3, 777);

  hr_host_set_hooks(host, NULL, NULL, NULL);
  report(uri);
  printf("  (notify %u bytes, %d Configs, %ld columns, %d messages, %d "
         "queue_draw)\n",
         capacity,
         c->n_configs,
         c->columns[0] + c->columns[1] + c->columns[2],
         c->n_messages,
         draws);
  hr_check(draws > 0, "%s: run() called queue_draw", uri);
  hr_host_free(host);
  free(c);
}

int
main(int argc, char** argv)
{
  (void)argc;
  (void)argv;
  hr_rt_init();
  hr_check(hr_rt_self_check(),
           "self-check: allocations, locks and prints in a window are caught");
  exercise(HR__mono, 65536, -1);
  exercise(HR__mono, 8, -1);
  exercise(HR__stereo, 1024, HR_CHANNEL_MODE_BOTH);
  exercise(HR__stereo, 65536, HR_CHANNEL_MODE_SUM);
  return hr_check_summary();
}
