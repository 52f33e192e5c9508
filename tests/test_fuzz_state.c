/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Fuzzing the plugin's state restore (plugin/state.c) with what a session
   file can hold: for each key a value of any type (Int, Float, Long,
   Double, a URID nobody knows), any size (0, short, long, huge), any
   bytes, keys missing or given twice. An input is a list of entries
   (key, type, size, bytes) that the host's retrieve function hands out.
   The live mono plugin restores it. Invariants: nothing read outside the
   values given (AddressSanitizer); restore either takes a state whose
   settings are all in range or refuses and keeps the settings it had;
   save() then stores settings in range; run() keeps working. Seeds: what
   save() stores. Bundle: $HR_LV2_BUNDLE or the build's. */

#include "tests/kit/fuzz.h"

#include "host/host.h"
#include "tests/kit/bundle.h"
#include "protocol/protocol.h"
#include "protocol/uris.h"

#include <lilv/lilv.h>
#include <lv2/state/state.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTRIES 16
#define N_KEYS 6
#define N_TYPES 6

typedef struct {
  LV2_URID       key;
  LV2_URID       type;
  size_t         size;
  const uint8_t* value;
} Entry;

typedef struct {
  Entry  entries[MAX_ENTRIES];
  int    n_entries;
  size_t input_size;
} Stored;

static HrHost*                    g_host;
static const LV2_State_Interface* g_state;
static HrURIs                     g_uris;
static LV2_URID                   g_keys[N_KEYS];
static LV2_URID                   g_types[N_TYPES];

static bool
setup(void)
{
  if (g_host) {
    return g_state != NULL;
  }
  HrHostOptions options = hr_host_options_default();
  options.plugin_uri    = HR__mono;
  g_host = hr_host_new(hr_test_bundle_path(0, NULL), &options, NULL, 0);
  if (!g_host) {
    return false;
  }
  hr_host_activate(g_host);
  g_state = (const LV2_State_Interface*)lilv_instance_get_extension_data(
    hr_host_instance(g_host), LV2_STATE__interface);
  hr_uris_map(&g_uris, hr_host_map(g_host));
  const LV2_URID keys[N_KEYS]   = { g_uris.hr_colormap,   g_uris.hr_dbRange,
                                    g_uris.hr_dbTop,      g_uris.hr_history,
                                    g_uris.hr_captureKey, g_uris.hr_picture };
  const LV2_URID types[N_TYPES] = {
    g_uris.atom_Int,
    g_uris.atom_Float,
    g_uris.atom_Long,
    g_uris.atom_Double,
    g_uris.hr_Config, /* a URID, not a value type */
    0
  };
  memcpy(g_keys, keys, sizeof keys);
  memcpy(g_types, types, sizeof types);
  return g_state != NULL;
}

static const void*
retrieve(LV2_State_Handle handle,
         uint32_t         key,
         size_t*          size,
         uint32_t*        type,
         uint32_t*        flags)
{
  const Stored* stored = (const Stored*)handle;
  for (int i = 0; i < stored->n_entries; ++i) {
    const Entry* e = &stored->entries[i];
    if (e->key == key) {
      *size  = e->size;
      *type  = e->type;
      *flags = LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE;
      return e->value;
    }
  }
  return NULL;
}

/* Entries from the input: per entry one byte key (an index into the
   keys, else a key nobody knows), one byte type (likewise), one byte size
   (255 or more than is left: the rest of the input), then the value's
   bytes. */
static void
parse(const uint8_t* data, size_t size, Stored* stored)
{
  size_t at          = 0;
  stored->n_entries  = 0;
  stored->input_size = size;
  while (at + 3 <= size && stored->n_entries < MAX_ENTRIES) {
    Entry*        e    = &stored->entries[stored->n_entries++];
    const uint8_t key  = data[at];
    const uint8_t type = data[at + 1];
    size_t        n    = data[at + 2];
    at += 3;
    e->key   = key < N_KEYS ? g_keys[key] : 1000u + key;
    e->type  = type < N_TYPES ? g_types[type] : 2000u + type;
    n        = n == 255 || n > size - at ? size - at : n;
    e->size  = n;
    e->value = n ? data + at : NULL;
    at += n;
  }
}

/* What save() stores, gathered into settings. */
typedef struct {
  HrUISettings settings;
  int          stored;
  bool         bad;
} Saved;

static LV2_State_Status
store(LV2_State_Handle handle,
      uint32_t         key,
      const void*      value,
      size_t           size,
      uint32_t         type,
      uint32_t         flags)
{
  (void)flags;
  Saved*        saved = (Saved*)handle;
  HrUISettings* s     = &saved->settings;
  void*         out   = key == g_uris.hr_colormap     ? (void*)&s->colormap
                        : key == g_uris.hr_dbRange    ? (void*)&s->db_range
                        : key == g_uris.hr_dbTop      ? (void*)&s->db_top
                        : key == g_uris.hr_history    ? (void*)&s->history
                        : key == g_uris.hr_captureKey ? (void*)&s->capture_key
                        : key == g_uris.hr_picture    ? (void*)&s->picture
                                                      : NULL;
  const size_t  want  = key == g_uris.hr_captureKey ? 8 : 4;
  if (!out || size != want || !type) {
    saved->bad = true;
    return LV2_STATE_ERR_UNKNOWN;
  }
  memcpy(out, value, size);
  ++saved->stored;
  return LV2_STATE_SUCCESS;
}

static bool
save_settings(HrUISettings* settings)
{
  Saved saved;
  memset(&saved, 0, sizeof saved);
  const LV2_State_Status status =
    g_state->save(lilv_instance_get_handle(hr_host_instance(g_host)),
                  store,
                  &saved,
                  LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE,
                  NULL);
  *settings = saved.settings;
  return status == LV2_STATE_SUCCESS && !saved.bad && saved.stored == N_KEYS &&
         hr_ui_settings_check(settings) == HR_MSG_OK;
}

static int
target(const uint8_t* data, size_t size)
{
  if (!setup()) {
    return -1;
  }
  HrUISettings before;
  if (!save_settings(&before)) {
    return -1;
  }
  Stored stored;
  parse(data, size, &stored);
  const LV2_State_Status status =
    g_state->restore(lilv_instance_get_handle(hr_host_instance(g_host)),
                     retrieve,
                     &stored,
                     0,
                     NULL);
  HrUISettings after;
  if (!save_settings(&after)) {
    return -1; /* settings out of range got in */
  }
  if (status != LV2_STATE_SUCCESS && !hr_ui_settings_equal(&before, &after)) {
    return -1; /* refused, yet changed */
  }
  hr_host_run(g_host, 64);
  const bool changed = !hr_ui_settings_equal(&before, &after);
  return (status == LV2_STATE_SUCCESS ? 1 : 0) + 2 * changed +
         4 * (stored.n_entries < 7 ? stored.n_entries : 7);
}

/* ---- seeds: what save() stores, as entries ---- */

static void
put_entry(uint8_t* buf, size_t* at, int key, int type, const void* v, size_t n)
{
  buf[(*at)++] = (uint8_t)key;
  buf[(*at)++] = (uint8_t)type;
  buf[(*at)++] = (uint8_t)n;
  memcpy(buf + *at, v, n);
  *at += n;
}

static void
seed(void (*add)(const uint8_t* data, size_t size))
{
  if (!setup()) {
    return;
  }
  const HrUISettings settings[] = { hr_ui_settings_default(),
                                    { 5, 90.0f, -10.0f, 30.0f, 42, 1 },
                                    { 63, 200.0f, 200.0f, 3600.0f, -1, 0 } };
  for (size_t i = 0; i < sizeof settings / sizeof settings[0]; ++i) {
    const HrUISettings* s = &settings[i];
    uint8_t             buf[128];
    size_t              at = 0;
    put_entry(buf, &at, 0, 0, &s->colormap, 4);
    put_entry(buf, &at, 1, 1, &s->db_range, 4);
    put_entry(buf, &at, 2, 1, &s->db_top, 4);
    put_entry(buf, &at, 3, 1, &s->history, 4);
    put_entry(buf, &at, 4, 2, &s->capture_key, 8);
    put_entry(buf, &at, 5, 0, &s->picture, 4);
    add(buf, at);
  }
}

static const HrFuzzer fuzzer = { "state", target, seed, 512, 10.0 };

const HrFuzzer*
hr_fuzzer(void)
{
  return &fuzzer;
}
