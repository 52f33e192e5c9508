/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The plugin with real threads, as a DAW runs it: an audio thread calls
   run() block after block (controls changing now and then, so the worker
   rebuilds the analysis) and hands worker responses back; a worker thread
   does the work scheduled; a GUI thread reads what the plugin tells a UI,
   sends UI messages (UIOn, Refresh, UIOff), renders the inline display
   and saves the state, all while run() runs. Lock-free rings between the
   threads, as hosts have. Meant for ThreadSanitizer (build/tsan/, see
   tests/run_tests.py --tsan-build); runs under ASan as well. Bundle:
   argv[1], $HR_LV2_BUNDLE, or the build's. */

#undef NDEBUG

#include "protocol/inline_display_lv2.h"
#include "host/host.h"
#include "host/message_ring.h"
#include "tests/kit/bundle.h"
#include "tests/kit/check.h"
#include "protocol/ports.h"
#include "protocol/uris.h"

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/state/state.h>
#include <lv2/worker/worker.h>

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RATE 48000.0
#define BLOCK 256
#define SECONDS 3.0
#define RING_SLOTS 64
#define RING_SLOT_BYTES 65536

/* The host's worker (its lock-free rings) serves the worker thread; the
   messages between the audio and the GUI thread go through rings of the
   same kind (host/ring.h). */
typedef struct {
  HrHost*                         host;
  HrURIs                          uris;
  LV2_Handle                      handle;
  const LV2_Worker_Interface*     worker;
  const LV2_State_Interface*      state;
  const HrInlineDisplayInterface* inline_display;
  HrMessageRing*                  to_plugin;  /* GUI -> audio */
  HrMessageRing*                  to_gui;     /* audio -> GUI */
  int                             stop;       /* atomic */
  int                             work_done;  /* worker thread only */
  int                             lost;       /* a ring was full */
  int                             configs;    /* GUI thread only */
  int                             columns;    /* GUI thread only */
  int                             pictures;   /* GUI thread only */
  int                             saves;      /* GUI thread only */
  int                             gui_rounds; /* GUI thread only */
} Rig;

static void
nap(long microseconds)
{
  const struct timespec pause = { 0, microseconds * 1000L };
  nanosleep(&pause, NULL);
}

static void*
worker_main(void* data)
{
  Rig* rig = (Rig*)data;
  while (!__atomic_load_n(&rig->stop, __ATOMIC_ACQUIRE)) {
    const uint32_t done = hr_host_do_work(rig->host);
    rig->work_done += (int)done;
    if (!done) {
      nap(500);
    }
  }
  return NULL;
}

/* Audio thread: what notify carried goes to the GUI. */
static void
forward_to_gui(void* data, const LV2_Atom* atom)
{
  Rig* rig = (Rig*)data;
  if (!hr_message_ring_push(
        rig->to_gui, (uint32_t)sizeof(LV2_Atom) + atom->size, atom)) {
    ++rig->lost;
  }
}

static void
audio_block(Rig* rig, uint64_t done)
{
  uint32_t    size    = 0;
  const void* message = NULL;
  while ((message = hr_message_ring_peek(rig->to_plugin, &size))) {
    hr_host_send(rig->host, (const LV2_Atom*)message);
    hr_message_ring_pop(rig->to_plugin);
  }
  float* in = hr_host_audio(rig->host, HR_PORT_IN_1);
  for (uint32_t i = 0; i < BLOCK; ++i) {
    const double t = (double)(done + i) / RATE;
    in[i]          = (float)(0.5 * sin(2.0 * 3.14159265358979 * 1000.0 * t));
  }
  hr_host_run_plugin(rig->host, BLOCK);
  hr_host_each_message(rig->host, forward_to_gui, rig);
  hr_host_deliver_responses(rig->host);
}

/* Audio thread: SECONDS of a tone; new settings at a third and two
   thirds (the worker rebuilds while run() goes on). */
static void
run_audio(Rig* rig)
{
  const uint64_t total = (uint64_t)(SECONDS * RATE);
  for (uint64_t done = 0; done < total; done += BLOCK) {
    if (done == (total / 3 / BLOCK) * BLOCK) {
      hr_host_set_control(rig->host, HR_PORT_Q, 3.0f);
    } else if (done == (2 * total / 3 / BLOCK) * BLOCK) {
      hr_host_set_control(rig->host, HR_PORT_ROWS_PER_OCTAVE, 36.0f);
    }
    audio_block(rig, done);
    nap(200); /* leave the other threads room on a small machine */
  }
}

static LV2_State_Status
store_value(LV2_State_Handle handle,
            uint32_t         key,
            const void*      value,
            size_t           size,
            uint32_t         type,
            uint32_t         flags)
{
  (void)handle;
  (void)key;
  (void)value;
  (void)size;
  (void)type;
  (void)flags;
  return LV2_STATE_SUCCESS;
}

static void
send_command(Rig* rig, LV2_URID otype)
{
  LV2_Atom_Object message;
  message.atom.type  = rig->uris.atom_Object;
  message.atom.size  = sizeof(LV2_Atom_Object_Body);
  message.body.id    = 0;
  message.body.otype = otype;
  if (!hr_message_ring_push(rig->to_plugin, sizeof(message), &message)) {
    ++rig->lost;
  }
}

/* GUI thread: read the messages, send some, draw, save. */
static void*
gui_main(void* data)
{
  Rig* rig = (Rig*)data;
  send_command(rig, rig->uris.hr_UIOn);
  while (!__atomic_load_n(&rig->stop, __ATOMIC_ACQUIRE)) {
    uint32_t    size    = 0;
    const void* message = NULL;
    while ((message = hr_message_ring_peek(rig->to_gui, &size))) {
      const LV2_Atom_Object* object = (const LV2_Atom_Object*)message;
      if (object->atom.type == rig->uris.atom_Object) {
        rig->configs += object->body.otype == rig->uris.hr_Config;
        rig->columns += object->body.otype == rig->uris.hr_Columns;
      }
      hr_message_ring_pop(rig->to_gui);
    }
    const int round = rig->gui_rounds++;
    if (round % 50 == 25) {
      send_command(rig, rig->uris.hr_Refresh);
    } else if (round % 200 == 120) {
      send_command(rig, rig->uris.hr_UIOff);
    } else if (round % 200 == 130) {
      send_command(rig, rig->uris.hr_UIOn);
    }
    if (rig->inline_display &&
        rig->inline_display->render(rig->handle, 160, 100)) {
      ++rig->pictures;
    }
    if (rig->state && round % 10 == 0) {
      rig->saves += rig->state->save(rig->handle, store_value, rig, 0, NULL) ==
                    LV2_STATE_SUCCESS;
    }
    nap(2000);
  }
  return NULL;
}

static bool
rig_start(Rig* rig, const char* bundle)
{
  rig->to_plugin = hr_message_ring_new(RING_SLOTS, RING_SLOT_BYTES);
  rig->to_gui    = hr_message_ring_new(RING_SLOTS, RING_SLOT_BYTES);
  if (!rig->to_plugin || !rig->to_gui) {
    return false;
  }
  HrHostOptions options = hr_host_options_default();
  options.plugin_uri    = HR__mono;
  options.rate          = RATE;
  options.with_worker   = true; /* worked by our worker thread */
  rig->host             = hr_host_new(bundle, &options, NULL, 0);
  if (!rig->host) {
    return false;
  }
  LilvInstance* instance = hr_host_instance(rig->host);
  rig->handle            = lilv_instance_get_handle(instance);
  rig->worker = (const LV2_Worker_Interface*)lilv_instance_get_extension_data(
    instance, LV2_WORKER__interface);
  rig->state = (const LV2_State_Interface*)lilv_instance_get_extension_data(
    instance, LV2_STATE__interface);
  rig->inline_display =
    (const HrInlineDisplayInterface*)lilv_instance_get_extension_data(
      instance, HR_INLINEDISPLAY__interface);
  hr_uris_map(&rig->uris, hr_host_map(rig->host));
  hr_host_set_control(rig->host, HR_PORT_ROWS_PER_OCTAVE, 48.0f);
  hr_host_set_control(rig->host, HR_PORT_FILTERS_PER_ROW, 1.0f);
  hr_host_set_control(rig->host, HR_PORT_TIME_STEP, 5.0f);
  hr_host_set_control(rig->host, HR_PORT_FMIN, 200.0f);
  hr_host_activate(rig->host);
  return rig->worker != NULL;
}

static void
rig_free(Rig* rig)
{
  hr_host_free(rig->host);
  hr_message_ring_free(rig->to_plugin);
  hr_message_ring_free(rig->to_gui);
  free(rig);
}

int
main(int argc, char** argv)
{
  Rig* rig = (Rig*)calloc(1, sizeof(Rig));
  if (!hr_check(rig && rig_start(rig, hr_test_bundle_path(argc, argv)),
                "the plugin starts with a worker of the test's")) {
    if (rig) {
      rig_free(rig);
    }
    return hr_check_summary();
  }
  pthread_t  worker;
  pthread_t  gui;
  const bool have_worker = !pthread_create(&worker, NULL, worker_main, rig);
  const bool have_gui    = !pthread_create(&gui, NULL, gui_main, rig);
  if (have_worker && have_gui) {
    run_audio(rig); /* this thread is the audio thread */
  }
  __atomic_store_n(&rig->stop, 1, __ATOMIC_RELEASE);
  if (have_worker) {
    pthread_join(worker, NULL);
  }
  if (have_gui) {
    pthread_join(gui, NULL);
  }
  hr_check(have_worker && have_gui, "audio, worker and GUI threads run");
  hr_check(rig->work_done >= 2 && rig->configs >= 2,
           "the worker rebuilt while run() ran: %d work items, %d Configs "
           "reached the GUI",
           rig->work_done,
           rig->configs);
  hr_check(rig->columns > 0 && rig->lost == 0,
           "%d Columns messages reached the GUI, none lost",
           rig->columns);
  hr_check(rig->saves > 0 && rig->pictures > 0,
           "the GUI thread saved the state %d times and drew %d inline "
           "pictures in %d rounds",
           rig->saves,
           rig->pictures,
           rig->gui_rounds);
  rig_free(rig);
  return hr_check_summary();
}
