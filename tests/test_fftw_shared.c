/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* FFTW shared with another plugin in one host process, as in a DAW: our
   mono plugin and x42's autotune (fat1, Debian package x42-plugins, which
   plans fftwf transforms when instantiated) are instantiated, reconfigured,
   run and freed from several threads at once, many times. Both plan with
   the one libfftw3f of the process; only FFTW's own planner lock
   (core/hr_fft.c) serialises their planners. Every round of our plugin
   must give the same columns, bit for bit, as a round run alone first.
   Bundle: argv[1], $HR_LV2_BUNDLE, or the build's. */

#undef NDEBUG

#include "tests/kit/collect.h"
#include "host/host.h"
#include "tests/kit/bundle.h"
#include "tests/kit/check.h"
#include "protocol/ports.h"
#include "protocol/uris.h"

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/urid/urid.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_LANES 4
#define N_ROUNDS 20
#define BLOCK 512
#define OTHER_BUNDLE "/usr/lib/lv2/fat1.lv2/"
#define OTHER_URI "http://gareus.org/oss/lv2/fat1"
#define OTHER_BLOCKS 2
#define OTHER_PER_ROUND 4
#define OTHER_ATOM_BYTES 8192
#define MAX_URIS 64

/* A URID map of the lane's own (the other plugin uses it only from the
   lane's thread). */
typedef struct {
  char*        uris[MAX_URIS];
  int          n_uris;
  LV2_URID_Map map;
} UridTable;

/* The other plugin in one lane: its own lilv world and port buffers. */
typedef struct {
  LilvWorld*         world;
  const LilvPlugin*  plugin;
  UridTable          urids;
  LV2_Feature        map_feature;
  const LV2_Feature* features[2];
  float              controls[64];
  float              audio[8][BLOCK];
  uint64_t           atoms[8][OTHER_ATOM_BYTES / 8];
} Other;

/* One thread: our plugin's host and the other plugin. */
typedef struct {
  pthread_t    thread;
  HrHost*      ours;
  HrCollected* collected;
  Other        other;
  uint64_t     reference; /* hash of the columns of a round run alone */
  int          rounds_ok;
  int          other_ok;
} Lane;

static LV2_URID
map_uri(LV2_URID_Map_Handle handle, const char* uri)
{
  UridTable* table = (UridTable*)handle;
  for (int i = 0; i < table->n_uris; ++i) {
    if (!strcmp(table->uris[i], uri)) {
      return (LV2_URID)(i + 1);
    }
  }
  if (table->n_uris == MAX_URIS) {
    return 0;
  }
  const size_t length        = strlen(uri) + 1;
  table->uris[table->n_uris] = (char*)malloc(length);
  memcpy(table->uris[table->n_uris], uri, length);
  return (LV2_URID)++table->n_uris;
}

static bool
other_load(Other* other)
{
  other->urids.map.handle = &other->urids;
  other->urids.map.map    = map_uri;
  other->map_feature.URI  = LV2_URID__map;
  other->map_feature.data = &other->urids.map;
  other->features[0]      = &other->map_feature;
  other->features[1]      = NULL;
  other->world            = lilv_world_new();
  LilvNode* bundle        = lilv_new_file_uri(other->world, NULL, OTHER_BUNDLE);
  lilv_world_load_bundle(other->world, bundle);
  lilv_node_free(bundle);
  LilvNode* uri = lilv_new_uri(other->world, OTHER_URI);
  other->plugin =
    lilv_plugins_get_by_uri(lilv_world_get_all_plugins(other->world), uri);
  lilv_node_free(uri);
  /* Load the plugin's data now, in this thread: lilv parses data files
     with a static buffer of its own (blank node prefixes), which threads
     of different worlds must not share. */
  return other->plugin != NULL && lilv_plugin_get_num_ports(other->plugin) > 0;
}

static void
other_unload(Other* other)
{
  for (int i = 0; i < other->urids.n_uris; ++i) {
    free(other->urids.uris[i]);
  }
  if (other->world) {
    lilv_world_free(other->world);
  }
}

/* Connect every port: controls at their defaults, audio to silence plus
   a tone, atom inputs to an empty sequence, outputs to room. */
static bool
other_connect(Other* other, LilvInstance* instance)
{
  LilvWorld*     world     = other->world;
  LilvNode*      audio     = lilv_new_uri(world, LV2_CORE__AudioPort);
  LilvNode*      control   = lilv_new_uri(world, LV2_CORE__ControlPort);
  LilvNode*      atom_port = lilv_new_uri(world, LV2_ATOM__AtomPort);
  LilvNode*      input     = lilv_new_uri(world, LV2_CORE__InputPort);
  const uint32_t n         = lilv_plugin_get_num_ports(other->plugin);
  int            n_audio   = 0;
  int            n_atoms   = 0;
  bool           ok        = n <= 64;
  for (uint32_t i = 0; ok && i < n; ++i) {
    const LilvPort* port = lilv_plugin_get_port_by_index(other->plugin, i);
    void*           data = NULL;
    if (lilv_port_is_a(other->plugin, port, control)) {
      LilvNode* value = NULL;
      lilv_port_get_range(other->plugin, port, &value, NULL, NULL);
      other->controls[i] = value ? lilv_node_as_float(value) : 0.0f;
      lilv_node_free(value);
      data = &other->controls[i];
    } else if (lilv_port_is_a(other->plugin, port, audio) && n_audio < 8) {
      data = other->audio[n_audio++];
    } else if (lilv_port_is_a(other->plugin, port, atom_port) && n_atoms < 8) {
      LV2_Atom*  atom = (LV2_Atom*)other->atoms[n_atoms++];
      const bool in   = lilv_port_is_a(other->plugin, port, input);
      atom->size      = in ? (uint32_t)sizeof(LV2_Atom_Sequence_Body)
                           : OTHER_ATOM_BYTES - (uint32_t)sizeof(LV2_Atom);
      atom->type =
        map_uri(&other->urids, in ? LV2_ATOM__Sequence : LV2_ATOM__Chunk);
      memset(atom + 1, 0, sizeof(LV2_Atom_Sequence_Body));
      data = atom;
    } else {
      ok = false; /* a port this host cannot feed */
    }
    lilv_instance_connect_port(instance, i, data);
  }
  lilv_node_free(audio);
  lilv_node_free(control);
  lilv_node_free(atom_port);
  lilv_node_free(input);
  return ok;
}

/* Instantiate (FFTW plans), run a little, free (plans destroyed). */
static bool
other_round(Other* other)
{
  LilvInstance* instance =
    lilv_plugin_instantiate(other->plugin, 48000.0, other->features);
  if (!instance) {
    return false;
  }
  const bool ok = other_connect(other, instance);
  if (ok) {
    lilv_instance_activate(instance);
    for (int b = 0; b < OTHER_BLOCKS; ++b) {
      for (int i = 0; i < BLOCK; ++i) {
        other->audio[0][i] = (float)((i % 109) - 54) / 109.0f;
      }
      lilv_instance_run(instance, BLOCK);
    }
    lilv_instance_deactivate(instance);
  }
  lilv_instance_free(instance);
  return ok;
}

static uint64_t
hash_bytes(uint64_t hash, const void* data, size_t size)
{
  const unsigned char* bytes = (const unsigned char*)data;
  for (size_t i = 0; i < size; ++i) {
    hash = (hash ^ bytes[i]) * 1099511628211ull;
  }
  return hash;
}

/* A new instance of our plugin (plans made), a tone, then new settings
   (the worker plans again) and more tone; the hash of what the columns
   held, 0 if something went wrong. */
static uint64_t
ours_round(Lane* lane)
{
  HrHost*      host = lane->ours;
  HrCollected* c    = lane->collected;
  hr_host_set_control(host, HR_PORT_Q, 2.0f);
  if (!hr_host_reinstantiate(host)) {
    return 0;
  }
  hr_host_activate(host);
  memset(c, 0, sizeof(*c));
  hr_collect_init(c, host);
  hr_collect_send_command(c, host, c->uris.hr_UIOn);
  bool same = hr_collect_run_tone(c, host, 1000.0, 0.15, BLOCK);
  hr_host_set_control(host, HR_PORT_Q, 3.0f);
  same = hr_collect_run_tone(c, host, 1000.0, 0.15, BLOCK) && same;
  hr_host_deactivate(host);
  if (!same || c->bad || c->n_configs != 2 || c->columns[0] == 0) {
    return 0;
  }
  uint64_t hash = 14695981039346656037ull;
  hash          = hash_bytes(hash, c->energy[0], sizeof(c->energy[0]));
  hash          = hash_bytes(hash, c->hits[0], sizeof(c->hits[0]));
  return hash_bytes(hash, c->columns, sizeof(c->columns));
}

static void*
lane_main(void* data)
{
  Lane* lane = (Lane*)data;
  for (int round = 0; round < N_ROUNDS; ++round) {
    for (int i = 0; i < OTHER_PER_ROUND; ++i) {
      lane->other_ok += other_round(&lane->other);
    }
    const uint64_t hash = ours_round(lane);
    lane->rounds_ok += hash != 0 && hash == lane->reference;
  }
  return NULL;
}

static bool
lane_init(Lane* lane, const char* bundle)
{
  HrHostOptions options = hr_host_options_default();
  options.plugin_uri    = HR__mono;
  lane->collected       = (HrCollected*)calloc(1, sizeof(HrCollected));
  lane->ours = lane->collected ? hr_host_new(bundle, &options, NULL, 0) : NULL;
  if (!lane->ours) {
    return false;
  }
  hr_host_set_control(lane->ours, HR_PORT_ROWS_PER_OCTAVE, 48.0f);
  hr_host_set_control(lane->ours, HR_PORT_FILTERS_PER_ROW, 1.0f);
  hr_host_set_control(lane->ours, HR_PORT_TIME_STEP, 5.0f);
  hr_host_set_control(lane->ours, HR_PORT_FMIN, 200.0f);
  return other_load(&lane->other);
}

static void
lane_free(Lane* lane)
{
  hr_host_free(lane->ours);
  free(lane->collected);
  other_unload(&lane->other);
}

int
main(int argc, char** argv)
{
  const char* bundle = hr_test_bundle_path(argc, argv);
  static Lane lanes[N_LANES];
  bool        ready = true;
  for (int i = 0; i < N_LANES; ++i) {
    ready = lane_init(&lanes[i], bundle) && ready;
  }
  hr_check(ready,
           "%d lanes: our plugin and <%s> (install x42-plugins: "
           "./setup.sh deps)",
           N_LANES,
           OTHER_URI);
  if (!ready) {
    for (int i = 0; i < N_LANES; ++i) {
      lane_free(&lanes[i]);
    }
    return hr_check_summary();
  }
  /* The reference: one round of each, alone. */
  const uint64_t reference = ours_round(&lanes[0]);
  hr_check(reference != 0 && other_round(&lanes[0].other),
           "a round alone: both plugins instantiate, run and free");
  for (int i = 0; i < N_LANES; ++i) {
    lanes[i].reference = reference;
  }
  int started = 0;
  for (; started < N_LANES; ++started) {
    if (pthread_create(
          &lanes[started].thread, NULL, lane_main, &lanes[started])) {
      break;
    }
  }
  int rounds_ok = 0;
  int other_ok  = 0;
  for (int i = 0; i < started; ++i) {
    pthread_join(lanes[i].thread, NULL);
    rounds_ok += lanes[i].rounds_ok;
    other_ok += lanes[i].other_ok;
  }
  hr_check(started == N_LANES && rounds_ok == N_LANES * N_ROUNDS &&
             other_ok == N_LANES * N_ROUNDS * OTHER_PER_ROUND,
           "%d threads x %d rounds at once: our plugin instantiated, "
           "reconfigured and freed with the columns of the round alone "
           "%d times, fat1 instantiated, ran and freed %d times",
           started,
           N_ROUNDS,
           rounds_ok,
           other_ok);
  for (int i = 0; i < N_LANES; ++i) {
    lane_free(&lanes[i]);
  }
  return hr_check_summary();
}
