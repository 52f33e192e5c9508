/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Fuzzing the protocol's checking readers the way the UI uses them
   (ui/hyperres_ui.c take_message): the host's `size` checked against the
   atom's, hr_message_type(), then the reader of that type; here every
   reader is tried on every input. An input is one notify event's atom,
   exactly as many bytes as the host gives. Invariants: nothing read
   outside the input (AddressSanitizer), and whatever a reader accepts is
   in its documented ranges, lies inside the input, and comes back the
   same after the protocol's writer writes it again. Seeds: valid Config,
   Columns, UIState and command atoms from the protocol's writers. URIDs
   come from a fixed table, so saved inputs replay the same. */

#include "tests/kit/fuzz.h"

#include "host/urid_table.h"
#include "protocol/protocol.h"
#include "protocol/uris.h"

#include <lv2/atom/forge.h>

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static HrUridTable  g_urids; /* mapped once, kept to the end */
static LV2_URID_Map g_map;
static HrURIs       g_ids;
static bool         g_ready;

static void
setup(void)
{
  if (!g_ready) {
    if (hr_urid_table_init(&g_urids)) {
      abort();
    }
    g_map = hr_urid_table_map_feature(&g_urids);
    hr_uris_map(&g_ids, &g_map);
    g_ready = true;
  }
}

static bool
inside(const void* p, size_t bytes, const uint8_t* data, size_t size)
{
  const uint8_t* q = (const uint8_t*)p;
  return q >= data && bytes <= size && q - data <= (ptrdiff_t)(size - bytes);
}

/* Write `atom` (a message read) again with the writer into `buf`. */
static const LV2_Atom*
forge_buffer(LV2_Atom_Forge* forge, uint8_t* buf, size_t size)
{
  lv2_atom_forge_init(forge, &g_map);
  lv2_atom_forge_set_buffer(forge, buf, size);
  return (const LV2_Atom*)buf;
}

static int
check_config(const HrConfigMsg* c)
{
  const bool ok =
    c->version == HR_PROTOCOL_VERSION && isfinite(c->rate) && c->rate >= 1 &&
    (c->scale == 0 || c->scale == 1) && c->fmin >= 0 && c->fmax >= c->fmin &&
    c->fmax <= c->rate && c->rows >= 1 && c->over >= 1 &&
    c->column_samples >= 1 && isfinite(c->latency) && c->latency >= 0 &&
    c->channel_mask > 0 && c->channel_mask < (1 << HR_N_CHANNELS) &&
    c->first_column >= 0 && isfinite(c->q) && isfinite(c->lint) &&
    isfinite(c->rows_per_octave) && isfinite(c->column_seconds);
  if (!ok) {
    return -1;
  }
  uint8_t         buf[1024];
  LV2_Atom_Forge  forge;
  const LV2_Atom* atom = forge_buffer(&forge, buf, sizeof(buf));
  HrConfigMsg     again;
  if (!hr_write_config(&forge, &g_ids, c) ||
      hr_read_config(&g_ids, atom, &again) != HR_MSG_OK ||
      !hr_config_equal(&again, c)) {
    return -1;
  }
  return 0;
}

static int
check_columns(const HrColumnsMsg* c, const uint8_t* data, size_t size)
{
  if (c->channel < 0 || c->channel >= HR_N_CHANNELS || c->first < 0 ||
      c->rows < 1 || c->drops < 0 ||
      !inside(c->cell_count, 4 * (size_t)c->n_columns, data, size) ||
      !inside(c->cell_row, 4 * (size_t)c->n_cells, data, size) ||
      !inside(c->cell_energy, 4 * (size_t)c->n_cells, data, size) ||
      !inside(c->cell_hits, 4 * (size_t)c->n_cells, data, size) ||
      (c->transport &&
       !inside(c->transport, 8 * (size_t)c->n_columns, data, size))) {
    return -1;
  }
  for (uint32_t col = 0; c->transport && col < c->n_columns; ++col) {
    double frame = 0.0;
    memcpy(&frame, c->transport + col, sizeof frame);
    if (isinf(frame)) {
      return -1;
    }
  }
  if (c->tempo != 0.0 ? !(isfinite(c->tempo) && c->tempo > 0.0 &&
                          isfinite(c->beats_per_bar) &&
                          c->beats_per_bar > 0.0 && isfinite(c->beat_origin))
                      : c->beats_per_bar != 0.0 || c->beat_origin != 0.0) {
    return -1;
  }
  uint32_t cell = 0;
  for (uint32_t col = 0; col < c->n_columns; ++col) {
    int32_t last = -1;
    for (int32_t k = 0; k < c->cell_count[col]; ++k, ++cell) {
      if (cell >= c->n_cells || c->cell_row[cell] <= last ||
          c->cell_row[cell] >= c->rows || !isfinite(c->cell_energy[cell]) ||
          !(c->cell_energy[cell] >= 0.0f) || !isfinite(c->cell_hits[cell]) ||
          !(c->cell_hits[cell] >= 0.0f)) {
        return -1;
      }
      last = c->cell_row[cell];
    }
  }
  if (cell != c->n_cells) {
    return -1;
  }
  const size_t    need = hr_columns_msg_size(c) + 64;
  uint8_t*        buf  = (uint8_t*)malloc(need);
  LV2_Atom_Forge  forge;
  const LV2_Atom* atom = forge_buffer(&forge, buf, need);
  HrColumnsMsg    again;
  const bool      same =
    buf && hr_write_columns(&forge, &g_ids, c) &&
    hr_read_columns(&g_ids, atom, &again) == HR_MSG_OK &&
    again.channel == c->channel && again.first == c->first &&
    again.rows == c->rows && again.drops == c->drops &&
    again.n_columns == c->n_columns && again.n_cells == c->n_cells &&
    !memcmp(again.cell_count, c->cell_count, 4 * (size_t)c->n_columns) &&
    !memcmp(again.cell_row, c->cell_row, 4 * (size_t)c->n_cells) &&
    !memcmp(again.cell_energy, c->cell_energy, 4 * (size_t)c->n_cells) &&
    !memcmp(again.cell_hits, c->cell_hits, 4 * (size_t)c->n_cells) &&
    !again.transport == !c->transport &&
    (!c->transport ||
     !memcmp(again.transport, c->transport, 8 * (size_t)c->n_columns)) &&
    again.tempo == c->tempo && again.beats_per_bar == c->beats_per_bar &&
    again.beat_origin == c->beat_origin;
  free(buf);
  return same ? 0 : -1;
}

static int
check_ui_settings(const HrUISettings* s)
{
  if (hr_ui_settings_check(s) != HR_MSG_OK) {
    return -1;
  }
  uint8_t         buf[256];
  LV2_Atom_Forge  forge;
  const LV2_Atom* atom  = forge_buffer(&forge, buf, sizeof(buf));
  HrUISettings    again = hr_ui_settings_default();
  if (!hr_write_ui_settings(&forge, &g_ids, s) ||
      hr_read_ui_settings(&g_ids, atom, &again) != HR_MSG_OK ||
      !hr_ui_settings_equal(&again, s)) {
    return -1;
  }
  return 0;
}

static int
target(const uint8_t* data, size_t size)
{
  setup();
  const LV2_Atom* atom = (const LV2_Atom*)data;
  /* the UI's first check: the atom lies within what the host gave */
  if (size < sizeof(LV2_Atom) || atom->size > size - sizeof(LV2_Atom)) {
    return 0;
  }
  const LV2_URID     otype = hr_message_type(&g_ids, atom);
  HrConfigMsg        config;
  HrColumnsMsg       columns;
  HrUISettings       settings = hr_ui_settings_default();
  const HrUISettings before   = settings;
  const HrMsgStatus  s1       = hr_read_config(&g_ids, atom, &config);
  const HrMsgStatus  s2       = hr_read_columns(&g_ids, atom, &columns);
  const HrMsgStatus  s3       = hr_read_ui_settings(&g_ids, atom, &settings);
  if ((s1 == HR_MSG_OK && check_config(&config)) ||
      (s2 == HR_MSG_OK && check_columns(&columns, data, size)) ||
      (s3 == HR_MSG_OK && check_ui_settings(&settings)) ||
      (s3 != HR_MSG_OK && !hr_ui_settings_equal(&settings, &before)) ||
      (s1 == HR_MSG_OK && otype != g_ids.hr_Config) ||
      (s2 == HR_MSG_OK && otype != g_ids.hr_Columns) ||
      (s3 == HR_MSG_OK && otype != g_ids.hr_UIState)) {
    return -1;
  }
  /* outcome: which reader got how far */
  const HrMsgStatus best = otype == g_ids.hr_Config    ? s1
                           : otype == g_ids.hr_Columns ? s2
                           : otype == g_ids.hr_UIState ? s3
                                                       : HR_MSG_NOT_OBJECT;
  const int         kind = otype == g_ids.hr_Config    ? 1
                           : otype == g_ids.hr_Columns ? 2
                           : otype == g_ids.hr_UIState ? 3
                           : otype                     ? 4
                                                       : 0;
  return kind * 8 + (int)best;
}

/* ---- seeds, from the writers ---- */

static void
seed(void (*add)(const uint8_t* data, size_t size))
{
  setup();
  uint8_t         buf[8192];
  LV2_Atom_Forge  forge;
  const LV2_Atom* atom = forge_buffer(&forge, buf, sizeof(buf));

  const HrConfigMsg config = { HR_PROTOCOL_VERSION,
                               48000.0,
                               0,
                               50.0,
                               20000.0,
                               933,
                               108.0,
                               2.0,
                               2,
                               0.5,
                               96,
                               0.002,
                               0.3,
                               3,
                               12345 };
  hr_write_config(&forge, &g_ids, &config);
  add(buf, sizeof(LV2_Atom) + atom->size);
  HrConfigMsg side  = config; /* the stereo plugin's Side (version 3) */
  side.channel_mask = 1 << HR_CHANNEL_SIDE;
  forge_buffer(&forge, buf, sizeof(buf));
  hr_write_config(&forge, &g_ids, &side);
  add(buf, sizeof(LV2_Atom) + atom->size);

  static const int32_t counts[] = { 0, 3, 1, 0, 2 };
  static const int32_t rows[]   = { 4, 5, 900, 7, 0, 932 };
  static const float   energy[] = { 1e-3f, 2.0f, 0.0f, 5e-9f, 1e30f, 3.0f };
  static const float   hits[]   = { 1.0f, 7.0f, 0.0f, 2.5f, 1e6f, 3.0f };
  for (uint32_t n = 0; n <= 5; ++n) {
    uint32_t cells = 0;
    for (uint32_t i = 0; i < n; ++i) {
      cells += (uint32_t)counts[i];
    }
    const HrColumnsMsg m = { (int32_t)(n % HR_N_CHANNELS),
                             100 + n,
                             933,
                             (int32_t)n,
                             n,
                             cells,
                             counts,
                             rows,
                             energy,
                             hits,
                             NULL,
                             0.0,
                             0.0,
                             0.0 };
    forge_buffer(&forge, buf, sizeof(buf));
    hr_write_columns(&forge, &g_ids, &m);
    add(buf, sizeof(LV2_Atom) + atom->size);
    /* with song time (version 4): frames, one of them none, and a tempo */
    static const double frames[] = { 96000.0, NAN, 96192.0, 0.5, -48.0 };
    HrColumnsMsg        timed    = m;
    timed.transport              = frames;
    timed.tempo                  = n % 2 ? 120.0 : 0.0;
    timed.beats_per_bar          = n % 2 ? 4.0 : 0.0;
    timed.beat_origin            = n % 2 ? -24000.0 : 0.0;
    forge_buffer(&forge, buf, sizeof(buf));
    hr_write_columns(&forge, &g_ids, &timed);
    add(buf, sizeof(LV2_Atom) + atom->size);
  }

  const HrUISettings settings = { 5, 90.0f, -10.0f, 30.0f, 42, 1 };
  forge_buffer(&forge, buf, sizeof(buf));
  hr_write_ui_settings(&forge, &g_ids, &settings);
  add(buf, sizeof(LV2_Atom) + atom->size);

  forge_buffer(&forge, buf, sizeof(buf));
  hr_write_command(&forge, &g_ids, g_ids.hr_UIOn);
  add(buf, sizeof(LV2_Atom) + atom->size);
}

static const HrFuzzer fuzzer = { "protocol", target, seed, 4096, 20.0 };

const HrFuzzer*
hr_fuzzer(void)
{
  return &fuzzer;
}
