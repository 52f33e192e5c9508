/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "protocol.h"

#include <lv2/atom/util.h>

#include <stdbool.h>

/* Bytes of a property (key, context, value header) whose value body has
   `body` bytes, padded as the forge pads. */
static size_t
prop_size(size_t body)
{
  return sizeof(LV2_Atom_Property_Body) + lv2_atom_pad_size((uint32_t)body);
}

/* Bytes of an object atom with `props` bytes of properties. */
static size_t
object_size(size_t props)
{
  return sizeof(LV2_Atom) + sizeof(LV2_Atom_Object_Body) + props;
}

static size_t
vector_prop_size(uint32_t n, uint32_t child_size)
{
  return prop_size(sizeof(LV2_Atom_Vector_Body) + (size_t)n * child_size);
}

size_t
hr_config_size(void)
{
  /* 6 Int, 8 Double, 1 Long */
  return object_size(6 * prop_size(sizeof(int32_t)) +
                     8 * prop_size(sizeof(double)) +
                     prop_size(sizeof(int64_t)));
}

size_t
hr_columns_size(uint32_t n_columns, uint32_t n_cells)
{
  return object_size(3 * prop_size(sizeof(int32_t)) +
                     prop_size(sizeof(int64_t)) +
                     vector_prop_size(n_columns, sizeof(int32_t)) +
                     vector_prop_size(n_cells, sizeof(int32_t)) +
                     2 * vector_prop_size(n_cells, sizeof(float)));
}

size_t
hr_columns_msg_size(const HrColumnsMsg* c)
{
  size_t size = hr_columns_size(c->n_columns, c->n_cells);
  if (c->transport) {
    size += prop_size(sizeof(LV2_Atom_Vector_Body) +
                      (size_t)c->n_columns * sizeof(double));
  }
  if (c->tempo > 0.0) {
    size += 3 * prop_size(sizeof(double));
  }
  return size;
}

size_t
hr_ui_settings_size(void)
{
  return object_size(2 * prop_size(sizeof(int32_t)) +
                     3 * prop_size(sizeof(float)) + prop_size(sizeof(int64_t)));
}

size_t
hr_command_size(void)
{
  return object_size(0);
}

HrUISettings
hr_ui_settings_default(void)
{
  HrUISettings settings;
  settings.colormap    = 0;
  settings.db_range    = 90.0f;
  settings.db_top      = 0.0f;
  settings.history     = 10.0f;
  settings.capture_key = 0;
  settings.picture     = 0;
  return settings;
}

const char*
hr_msg_strerror(HrMsgStatus status)
{
  switch (status) {
    case HR_MSG_OK:
      return "ok";
    case HR_MSG_NOT_OBJECT:
      return "not an object, or truncated";
    case HR_MSG_WRONG_TYPE:
      return "object of another type";
    case HR_MSG_MISSING:
      return "required property missing";
    case HR_MSG_BAD_TYPE:
      return "property of the wrong type or size";
    case HR_MSG_BAD_VALUE:
      return "value out of range or inconsistent";
  }
  return "unknown status";
}

/* True if `size` more bytes fit into the forge's buffer (a sink-based
   forge is trusted). */
static bool
fits(const LV2_Atom_Forge* forge, size_t size)
{
  return !forge->buf || (size_t)forge->offset + size <= forge->size;
}

static void
put_int(LV2_Atom_Forge* forge, LV2_URID key, int32_t value)
{
  lv2_atom_forge_key(forge, key);
  lv2_atom_forge_int(forge, value);
}

static void
put_double(LV2_Atom_Forge* forge, LV2_URID key, double value)
{
  lv2_atom_forge_key(forge, key);
  lv2_atom_forge_double(forge, value);
}

static void
put_float(LV2_Atom_Forge* forge, LV2_URID key, float value)
{
  lv2_atom_forge_key(forge, key);
  lv2_atom_forge_float(forge, value);
}

static void
put_long(LV2_Atom_Forge* forge, LV2_URID key, int64_t value)
{
  lv2_atom_forge_key(forge, key);
  lv2_atom_forge_long(forge, value);
}

static void
put_vector(LV2_Atom_Forge* forge,
           LV2_URID        key,
           LV2_URID        child_type,
           uint32_t        n,
           const void*     elems)
{
  lv2_atom_forge_key(forge, key);
  lv2_atom_forge_vector(forge, 4, child_type, n, elems);
}

LV2_Atom_Forge_Ref
hr_write_config(LV2_Atom_Forge* forge, const HrURIs* uris, const HrConfigMsg* c)
{
  if (!fits(forge, hr_config_size())) {
    return 0;
  }
  LV2_Atom_Forge_Frame     frame;
  const LV2_Atom_Forge_Ref ref =
    lv2_atom_forge_object(forge, &frame, 0, uris->hr_Config);
  put_int(forge, uris->hr_version, c->version);
  put_double(forge, uris->hr_rate, c->rate);
  put_int(forge, uris->hr_scale, c->scale);
  put_double(forge, uris->hr_fmin, c->fmin);
  put_double(forge, uris->hr_fmax, c->fmax);
  put_int(forge, uris->hr_rows, c->rows);
  put_double(forge, uris->hr_rowsPerOctave, c->rows_per_octave);
  put_double(forge, uris->hr_q, c->q);
  put_int(forge, uris->hr_over, c->over);
  put_double(forge, uris->hr_lint, c->lint);
  put_int(forge, uris->hr_columnSamples, c->column_samples);
  put_double(forge, uris->hr_columnSeconds, c->column_seconds);
  put_double(forge, uris->hr_latency, c->latency);
  put_int(forge, uris->hr_channelMask, c->channel_mask);
  put_long(forge, uris->hr_firstColumn, c->first_column);
  lv2_atom_forge_pop(forge, &frame);
  return ref;
}

LV2_Atom_Forge_Ref
hr_write_columns(LV2_Atom_Forge*     forge,
                 const HrURIs*       uris,
                 const HrColumnsMsg* c)
{
  if (!fits(forge, hr_columns_msg_size(c))) {
    return 0;
  }
  LV2_Atom_Forge_Frame     frame;
  const LV2_Atom_Forge_Ref ref =
    lv2_atom_forge_object(forge, &frame, 0, uris->hr_Columns);
  put_int(forge, uris->hr_channel, c->channel);
  put_long(forge, uris->hr_first, c->first);
  put_int(forge, uris->hr_rows, c->rows);
  put_int(forge, uris->hr_drops, c->drops);
  put_vector(
    forge, uris->hr_cellCount, uris->atom_Int, c->n_columns, c->cell_count);
  put_vector(forge, uris->hr_cellRow, uris->atom_Int, c->n_cells, c->cell_row);
  put_vector(
    forge, uris->hr_cellEnergy, uris->atom_Float, c->n_cells, c->cell_energy);
  put_vector(
    forge, uris->hr_cellHits, uris->atom_Float, c->n_cells, c->cell_hits);
  if (c->transport) {
    lv2_atom_forge_key(forge, uris->hr_transportFrame);
    lv2_atom_forge_vector(
      forge, sizeof(double), uris->atom_Double, c->n_columns, c->transport);
  }
  if (c->tempo > 0.0) {
    put_double(forge, uris->hr_tempo, c->tempo);
    put_double(forge, uris->hr_beatsPerBar, c->beats_per_bar);
    put_double(forge, uris->hr_beatOrigin, c->beat_origin);
  }
  lv2_atom_forge_pop(forge, &frame);
  return ref;
}

LV2_Atom_Forge_Ref
hr_write_ui_settings(LV2_Atom_Forge*     forge,
                     const HrURIs*       uris,
                     const HrUISettings* s)
{
  if (!fits(forge, hr_ui_settings_size())) {
    return 0;
  }
  LV2_Atom_Forge_Frame     frame;
  const LV2_Atom_Forge_Ref ref =
    lv2_atom_forge_object(forge, &frame, 0, uris->hr_UIState);
  put_int(forge, uris->hr_colormap, s->colormap);
  put_float(forge, uris->hr_dbRange, s->db_range);
  put_float(forge, uris->hr_dbTop, s->db_top);
  put_float(forge, uris->hr_history, s->history);
  put_long(forge, uris->hr_captureKey, s->capture_key);
  put_int(forge, uris->hr_picture, s->picture);
  lv2_atom_forge_pop(forge, &frame);
  return ref;
}

LV2_Atom_Forge_Ref
hr_write_command(LV2_Atom_Forge* forge, const HrURIs* uris, LV2_URID otype)
{
  (void)uris;
  if (!fits(forge, hr_command_size())) {
    return 0;
  }
  LV2_Atom_Forge_Frame     frame;
  const LV2_Atom_Forge_Ref ref = lv2_atom_forge_object(forge, &frame, 0, otype);
  lv2_atom_forge_pop(forge, &frame);
  return ref;
}

bool
hr_ui_settings_equal(const HrUISettings* a, const HrUISettings* b)
{
  return a->colormap == b->colormap && a->db_range == b->db_range &&
         a->db_top == b->db_top && a->history == b->history &&
         a->capture_key == b->capture_key && a->picture == b->picture;
}

bool
hr_config_equal(const HrConfigMsg* a, const HrConfigMsg* b)
{
  return a->version == b->version && a->rate == b->rate &&
         a->scale == b->scale && a->fmin == b->fmin && a->fmax == b->fmax &&
         a->rows == b->rows && a->rows_per_octave == b->rows_per_octave &&
         a->q == b->q && a->over == b->over && a->lint == b->lint &&
         a->column_samples == b->column_samples &&
         a->column_seconds == b->column_seconds && a->latency == b->latency &&
         a->channel_mask == b->channel_mask &&
         a->first_column == b->first_column;
}
