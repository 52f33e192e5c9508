/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The message protocol, column queue and control checks, without a host:
   predicted sizes equal written sizes, messages read back exactly,
   malformed and truncated messages are refused, the queue drops its
   oldest when full, control values are clamped. */

#undef NDEBUG

#include "plugin/column_queue.h"
#include "tests/kit/check.h"
#include "host/lv2_host.h"
#include "host/urid_table.h"
#include "protocol/protocol.h"
#include "plugin/settings.h"
#include "protocol/uris.h"

#include <lv2/atom/forge.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static HrUridTable    g_urids;
static LV2_URID_Map   g_map;
static HrURIs         g_uris_ids;
static LV2_Atom_Forge g_forge;
static uint8_t        g_buf[1 << 16];

static const LV2_Atom*
start(uint32_t capacity)
{
  lv2_atom_forge_set_buffer(&g_forge, g_buf, capacity);
  return (const LV2_Atom*)g_buf;
}

static size_t
atom_total(const LV2_Atom* atom)
{
  return sizeof(LV2_Atom) + lv2_atom_pad_size(atom->size);
}

static HrConfigMsg
sample_config(void)
{
  HrConfigMsg c;
  c.version         = HR_PROTOCOL_VERSION;
  c.rate            = 48000.0;
  c.scale           = 0;
  c.fmin            = 50.0;
  c.fmax            = 20000.0;
  c.rows            = 935;
  c.rows_per_octave = 108.0;
  c.q               = 2.0;
  c.over            = 2;
  c.lint            = 0.5;
  c.column_samples  = 96;
  c.column_seconds  = 0.002;
  c.latency         = 0.254;
  c.channel_mask    = 3;
  c.first_column    = 1234567890123LL;
  return c;
}

static void
test_config(void)
{
  const HrConfigMsg c    = sample_config();
  const LV2_Atom*   atom = start(sizeof(g_buf));
  hr_check(hr_write_config(&g_forge, &g_uris_ids, &c) != 0, "config written");
  hr_check(atom_total(atom) == hr_config_size(),
           "config size %zu predicted %zu",
           atom_total(atom),
           hr_config_size());
  HrConfigMsg back;
  memset(&back, 0, sizeof(back));
  hr_check(hr_read_config(&g_uris_ids, atom, &back) == HR_MSG_OK &&
             hr_config_equal(&back, &c),
           "config reads back exactly");
  HrColumnsMsg cols;
  hr_check(hr_read_columns(&g_uris_ids, atom, &cols) == HR_MSG_WRONG_TYPE,
           "config is not read as columns");

  /* one byte short: nothing written */
  start((uint32_t)hr_config_size() - 1);
  hr_check(hr_write_config(&g_forge, &g_uris_ids, &c) == 0 &&
             g_forge.offset == 0,
           "config that does not fit writes nothing");

  /* truncated: every shorter object size is refused, never read past */
  start(sizeof(g_buf));
  hr_write_config(&g_forge, &g_uris_ids, &c);
  LV2_Atom*      a    = (LV2_Atom*)g_buf;
  const uint32_t full = a->size;
  bool           all  = true;
  for (uint32_t size = 0; size < full; ++size) {
    a->size = size;
    all     = all && hr_read_config(&g_uris_ids, a, &back) != HR_MSG_OK;
  }
  a->size = full;
  hr_check(all, "truncated configs are refused (%u sizes)", full);

  HrConfigMsg bad = c;
  bad.version     = 99;
  start(sizeof(g_buf));
  hr_write_config(&g_forge, &g_uris_ids, &bad);
  hr_check(hr_read_config(&g_uris_ids, atom, &back) == HR_MSG_BAD_VALUE,
           "config of another version is refused");
}

/* A Columns forged by hand with the cells of `m` and `n_hits` hits (no
   hr:cellHits property if `hits` is NULL). */
static void
forge_columns(const HrColumnsMsg* m, const float* hits, uint32_t n_hits)
{
  LV2_Atom_Forge_Frame frame;
  start(sizeof(g_buf));
  lv2_atom_forge_object(&g_forge, &frame, 0, g_uris_ids.hr_Columns);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_channel);
  lv2_atom_forge_int(&g_forge, m->channel);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_first);
  lv2_atom_forge_long(&g_forge, m->first);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_rows);
  lv2_atom_forge_int(&g_forge, m->rows);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_drops);
  lv2_atom_forge_int(&g_forge, m->drops);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_cellCount);
  lv2_atom_forge_vector(
    &g_forge, 4, g_uris_ids.atom_Int, m->n_columns, m->cell_count);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_cellRow);
  lv2_atom_forge_vector(
    &g_forge, 4, g_uris_ids.atom_Int, m->n_cells, m->cell_row);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_cellEnergy);
  lv2_atom_forge_vector(
    &g_forge, 4, g_uris_ids.atom_Float, m->n_cells, m->cell_energy);
  if (hits) {
    lv2_atom_forge_key(&g_forge, g_uris_ids.hr_cellHits);
    lv2_atom_forge_vector(&g_forge, 4, g_uris_ids.atom_Float, n_hits, hits);
  }
  lv2_atom_forge_pop(&g_forge, &frame);
}

static void
test_hits(const HrColumnsMsg* m)
{
  const LV2_Atom* atom = (const LV2_Atom*)g_buf;
  HrColumnsMsg    back;
  const float     six[6] = { 1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f };
  forge_columns(m, m->cell_hits, m->n_cells);
  hr_check(hr_read_columns(&g_uris_ids, atom, &back) == HR_MSG_OK &&
             !memcmp(back.cell_hits, m->cell_hits, 4 * (size_t)m->n_cells),
           "hand-made columns with hits are read");
  forge_columns(m, six, m->n_cells - 1);
  hr_check(hr_read_columns(&g_uris_ids, atom, &back) == HR_MSG_BAD_VALUE,
           "a hits vector one short is refused");
  forge_columns(m, six, m->n_cells + 1);
  hr_check(hr_read_columns(&g_uris_ids, atom, &back) == HR_MSG_BAD_VALUE,
           "a hits vector one long is refused");
  forge_columns(m, NULL, 0);
  hr_check(hr_read_columns(&g_uris_ids, atom, &back) == HR_MSG_MISSING,
           "columns without hits (version 1) are refused");
}

static void
test_columns(void)
{
  const int32_t   counts[3]   = { 2, 0, 3 };
  const int32_t   rows[5]     = { 0, 7, 1, 2, 934 };
  const float     energies[5] = { 1.0f, 2.5e-12f, 3.0f, 1e30f, 0.5f };
  const float     hits[5]     = { 1.0f, 0.0f, 17.0f, 1e6f, 2.5f };
  HrColumnsMsg    m           = { 1,    42,       935,  3,    3,   5,   counts,
                                  rows, energies, hits, NULL, 0.0, 0.0, 0.0 };
  const LV2_Atom* atom        = start(sizeof(g_buf));
  hr_check(hr_write_columns(&g_forge, &g_uris_ids, &m) != 0, "columns written");
  hr_check(atom_total(atom) == hr_columns_size(3, 5),
           "columns size %zu predicted %zu",
           atom_total(atom),
           hr_columns_size(3, 5));
  HrColumnsMsg back;
  hr_check(hr_read_columns(&g_uris_ids, atom, &back) == HR_MSG_OK &&
             back.channel == 1 && back.first == 42 && back.rows == 935 &&
             back.drops == 3 && back.n_columns == 3 && back.n_cells == 5 &&
             !memcmp(back.cell_count, counts, sizeof(counts)) &&
             !memcmp(back.cell_row, rows, sizeof(rows)) &&
             !memcmp(back.cell_energy, energies, sizeof(energies)) &&
             !memcmp(back.cell_hits, hits, sizeof(hits)),
           "columns read back exactly, hits too");
  bool sizes_equal = true;
  for (uint32_t n = 0; n <= 5; ++n) {
    HrColumnsMsg s       = m;
    s.n_columns          = 1;
    s.n_cells            = n;
    const int32_t one[1] = { (int32_t)n };
    const int32_t up[5]  = { 0, 1, 2, 3, 4 };
    s.cell_count         = one;
    s.cell_row           = up;
    start(sizeof(g_buf));
    sizes_equal = sizes_equal && hr_write_columns(&g_forge, &g_uris_ids, &s) &&
                  atom_total(atom) == hr_columns_size(1, n);
  }
  hr_check(sizes_equal, "written columns sizes equal hr_columns_size");
  start(hr_columns_size(3, 5) - 1);
  hr_check(hr_write_columns(&g_forge, &g_uris_ids, &m) == 0,
           "columns do not fit one byte short");
  test_hits(&m);

  /* inconsistent contents are refused */
  const int32_t bad_rows[5]   = { 7, 0, 1, 2, 3 };   /* falling in column 0 */
  const int32_t big_rows[5]   = { 0, 7, 1, 2, 935 }; /* row out of range */
  const int32_t bad_counts[3] = { 2, 0, 2 };         /* sum != cells */
  const float   nan_e[5]      = { 1.0f, NAN, 1.0f, 1.0f, 1.0f };
  const float   neg_e[5]      = { 1.0f, -1.0f, 1.0f, 1.0f, 1.0f };
  const float   inf_h[5]      = { 1.0f, 1.0f, INFINITY, 1.0f, 1.0f };
  HrColumnsMsg  cases[9]      = { m, m, m, m, m, m, m, m, m };
  cases[0].cell_row           = bad_rows;
  cases[1].cell_row           = big_rows;
  cases[2].cell_count         = bad_counts;
  cases[3].cell_energy        = nan_e;
  cases[4].cell_energy        = neg_e;
  cases[5].channel            = HR_N_CHANNELS;
  cases[6].cell_hits          = nan_e;
  cases[7].cell_hits          = neg_e;
  cases[8].cell_hits          = inf_h;
  bool refused                = true;
  for (int i = 0; i < 9; ++i) {
    start(sizeof(g_buf));
    hr_write_columns(&g_forge, &g_uris_ids, &cases[i]);
    refused =
      refused && hr_read_columns(&g_uris_ids, atom, &back) == HR_MSG_BAD_VALUE;
  }
  hr_check(refused, "inconsistent columns are refused");

  /* a vector of the wrong child type */
  start(sizeof(g_buf));
  LV2_Atom_Forge_Frame frame;
  lv2_atom_forge_object(&g_forge, &frame, 0, g_uris_ids.hr_Columns);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_channel);
  lv2_atom_forge_int(&g_forge, 0);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_first);
  lv2_atom_forge_long(&g_forge, 0);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_rows);
  lv2_atom_forge_int(&g_forge, 10);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_drops);
  lv2_atom_forge_int(&g_forge, 0);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_cellCount);
  lv2_atom_forge_vector(&g_forge, 4, g_uris_ids.atom_Float, 1, energies);
  lv2_atom_forge_pop(&g_forge, &frame);
  hr_check(hr_read_columns(&g_uris_ids, atom, &back) == HR_MSG_BAD_TYPE,
           "a vector of the wrong type is refused");

  /* a property whose size runs past the object */
  start(sizeof(g_buf));
  hr_write_columns(&g_forge, &g_uris_ids, &m);
  LV2_Atom_Object*        obj   = (LV2_Atom_Object*)g_buf;
  LV2_Atom_Property_Body* first = (LV2_Atom_Property_Body*)(obj + 1);
  first->value.size             = 1u << 30;
  hr_check(hr_read_columns(&g_uris_ids, atom, &back) != HR_MSG_OK,
           "a property running past its object is refused");

  /* not objects */
  LV2_Atom tiny = { 2, g_uris_ids.atom_Object };
  LV2_Atom intv = { 4, g_uris_ids.atom_Int };
  hr_check(hr_message_type(&g_uris_ids, &tiny) == 0 &&
             hr_message_type(&g_uris_ids, &intv) == 0 &&
             hr_message_type(&g_uris_ids, NULL) == 0,
           "non-objects have no message type");
}

static void
test_ui_settings_and_commands(void)
{
  HrUISettings    s    = { 3, 60.0f, -10.0f, 30.0f, 0x0123456789abcdefLL, 1 };
  const LV2_Atom* atom = start(sizeof(g_buf));
  hr_write_ui_settings(&g_forge, &g_uris_ids, &s);
  HrUISettings back = hr_ui_settings_default();
  hr_check(atom_total(atom) == hr_ui_settings_size() &&
             hr_read_ui_settings(&g_uris_ids, atom, &back) == HR_MSG_OK &&
             hr_ui_settings_equal(&back, &s),
           "UIState round trip");
  hr_check(back.capture_key == 0x0123456789abcdefLL,
           "the capture key round-trips as a Long");

  HrUISettings bad = s;
  bad.db_range     = 1e9f;
  start(sizeof(g_buf));
  hr_write_ui_settings(&g_forge, &g_uris_ids, &bad);
  back = hr_ui_settings_default();
  hr_check(hr_read_ui_settings(&g_uris_ids, atom, &back) == HR_MSG_BAD_VALUE &&
             hr_ui_settings_equal(
               &back, &(HrUISettings){ 0, 90.0f, 0.0f, 10.0f, 0, 0 }),
           "UIState out of range is refused, settings untouched");

  bad         = s;
  bad.picture = 2;
  start(sizeof(g_buf));
  hr_write_ui_settings(&g_forge, &g_uris_ids, &bad);
  back = hr_ui_settings_default();
  hr_check(hr_read_ui_settings(&g_uris_ids, atom, &back) == HR_MSG_BAD_VALUE &&
             back.picture == 0,
           "a picture other than energy (0) or count (1) is refused");

  bad             = s;
  bad.capture_key = -5;
  start(sizeof(g_buf));
  hr_write_ui_settings(&g_forge, &g_uris_ids, &bad);
  back = hr_ui_settings_default();
  hr_check(hr_read_ui_settings(&g_uris_ids, atom, &back) == HR_MSG_BAD_VALUE &&
             back.capture_key == 0 &&
             hr_ui_settings_check(&bad) == HR_MSG_BAD_VALUE,
           "a negative capture key is refused");

  /* A UIState without the key (an older writer) keeps the key; a key of
     the wrong type is refused. */
  LV2_Atom_Forge_Frame frame;
  start(sizeof(g_buf));
  lv2_atom_forge_object(&g_forge, &frame, 0, g_uris_ids.hr_UIState);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_colormap);
  lv2_atom_forge_int(&g_forge, 5);
  lv2_atom_forge_pop(&g_forge, &frame);
  back             = hr_ui_settings_default();
  back.capture_key = 42;
  hr_check(hr_read_ui_settings(&g_uris_ids, atom, &back) == HR_MSG_OK &&
             back.colormap == 5 && back.capture_key == 42,
           "a UIState without a capture key keeps the key");
  start(sizeof(g_buf));
  lv2_atom_forge_object(&g_forge, &frame, 0, g_uris_ids.hr_UIState);
  lv2_atom_forge_key(&g_forge, g_uris_ids.hr_captureKey);
  lv2_atom_forge_int(&g_forge, 7);
  lv2_atom_forge_pop(&g_forge, &frame);
  hr_check(hr_read_ui_settings(&g_uris_ids, atom, &back) == HR_MSG_BAD_TYPE &&
             back.capture_key == 42,
           "a capture key that is not a Long is refused");

  start(sizeof(g_buf));
  hr_write_command(&g_forge, &g_uris_ids, g_uris_ids.hr_UIOn);
  hr_check(atom_total(atom) == hr_command_size() &&
             hr_message_type(&g_uris_ids, atom) == g_uris_ids.hr_UIOn,
           "UIOn written and recognised");
}

static void
test_queue(void)
{
  HrColumnQueue* q = hr_column_queue_new(4, 10);
  float          col[6];
  int32_t        counts[4], rows[10];
  float          energies[10], hits[10];
  float          cnt[6];
  for (int i = 0; i < 6; ++i) {
    col[i] = (i % 2) ? (float)i : 0.0f; /* cells at rows 1, 3, 5 */
    cnt[i] = (float)(10 * i);
  }
  uint32_t dropped = 0;
  for (int64_t n = 0; n < 3; ++n) {
    dropped += hr_column_queue_push(q, n, col, cnt, 6);
  }
  hr_check(dropped == 0 && hr_column_queue_length(q) == 3 &&
             hr_column_queue_cells(q, 0) == 3,
           "queue holds 3 columns of 3 cells");
  dropped = hr_column_queue_push(q, 3, col, cnt, 6); /* 12 cells > 10 */
  hr_check(dropped == 1 && hr_column_queue_number(q, 0) == 1 &&
             hr_column_queue_length(q) == 3,
           "full queue drops its oldest");
  hr_column_queue_copy(q, 3, counts, rows, energies, hits);
  hr_check(counts[0] == 3 && rows[0] == 1 && rows[8] == 5 &&
             energies[8] == 5.0f && hits[0] == 10.0f && hits[8] == 50.0f,
           "copied cells and their hits across the ring's end");
  hr_column_queue_pop(q, 2);
  hr_check(hr_column_queue_length(q) == 1 && hr_column_queue_number(q, 0) == 3,
           "pop removes the oldest");
  const float nonfinite[4] = { INFINITY, NAN, -1.0f, 2.0f };
  hr_column_queue_push(q, 4, nonfinite, cnt, 4);
  hr_check(hr_column_queue_cells(q, 1) == 1,
           "only positive finite energies become cells");
  float huge[11];
  for (int i = 0; i < 11; ++i) {
    huge[i] = 1.0f;
  }
  hr_check(hr_column_queue_push(q, 5, huge, huge, 11) == 1 &&
             hr_column_queue_length(q) == 2,
           "a column larger than the queue is dropped alone");
  hr_check(hr_column_queue_clear(q) == 2 && hr_column_queue_length(q) == 0,
           "clear empties");
  hr_column_queue_free(q);
  hr_column_queue_free(NULL);
}

static void
test_controls(void)
{
  const float nan  = NAN;
  const float inf  = INFINITY;
  const float huge = 1e9f;
  const float tiny = -5.0f;
  const float noct = 47.6f;
  bool        ok   = true;
  for (int p = HR_FIRST_CONTROL; p <= HR_LAST_CONTROL; ++p) {
    const HrControlSpec* spec = hr_control_spec((HrPortIndex)p);
    ok = ok && hr_control_value((HrPortIndex)p, &nan) == spec->def &&
         hr_control_value((HrPortIndex)p, &inf) == spec->def &&
         hr_control_value((HrPortIndex)p, NULL) == spec->def &&
         hr_control_value((HrPortIndex)p, &huge) == spec->max &&
         hr_control_value((HrPortIndex)p, &tiny) == spec->min;
  }
  hr_check(ok, "NaN, Inf, NULL give defaults; out of range is clamped");
  hr_check(hr_control_value(HR_PORT_ROWS_PER_OCTAVE, &noct) == 48.0f,
           "integer ports are rounded");

  const float* ports[HR_N_PORTS_STEREO] = { NULL };
  HrSettings   s                        = hr_settings_read(ports, true);
  s.fmax_hz                             = 20000.0;
  s.fmin_hz                             = 10000.0;
  HrStreamConfig c = hr_settings_stream_config(&s, 22050.0);
  hr_check(c.params.fmax == 0.5 && c.params.fmin * 22050.0 <= 11025.0 / 2 &&
             hr_params_check(&c.params) == HR_SUCCESS,
           "fmax above Nyquist is clamped, fmin kept an octave below");
  s.time_step_ms = 0.5;
  c              = hr_settings_stream_config(&s, 8000.0);
  hr_check(c.params.tdeci == 4, "tdeci = round(ms * rate / 1000)");
  s = hr_settings_read(ports, false);
  c = hr_settings_stream_config(&s, 48000.0);
  hr_check(c.params.tdeci == 96 && c.params.q == 2.0 && c.params.noct == 108 &&
             c.params.over == 2 && fabs(c.params.fmin * 48000 - 50) < 1e-9 &&
             c.params.lint == 0.5 && s.channel_mode == HR_CHANNEL_MODE_LEFT,
           "defaults are the seed reference at 48 kHz");
}

int
main(void)
{
  if (hr_urid_table_init(&g_urids)) {
    return 1;
  }
  g_map = hr_urid_table_map_feature(&g_urids);
  hr_uris_map(&g_uris_ids, &g_map);
  lv2_atom_forge_init(&g_forge, &g_map);
  test_config();
  test_columns();
  test_ui_settings_and_commands();
  test_queue();
  test_controls();
  hr_urid_table_free(&g_urids);
  return hr_check_summary();
}
