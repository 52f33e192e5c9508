/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The protocol's checking readers (protocol.h): every property is found
   inside its object before it is read, has the right type and size, and
   every value is in range, or the message is refused. */

#include "protocol.h"
#include "atom_props.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

static bool
in_range(double value, double lo, double hi)
{
  return isfinite(value) && value >= lo && value <= hi;
}

HrMsgStatus
hr_ui_settings_check(const HrUISettings* settings)
{
  if (settings->colormap < 0 || settings->colormap > 63 ||
      !in_range(settings->db_range, 1.0, 200.0) ||
      !in_range(settings->db_top, -200.0, 200.0) ||
      !in_range(settings->history, 0.1, 3600.0) || settings->capture_key < 0 ||
      settings->picture < 0 || settings->picture > 1) {
    return HR_MSG_BAD_VALUE;
  }
  return HR_MSG_OK;
}

LV2_URID
hr_message_type(const HrURIs* uris, const LV2_Atom* atom)
{
  if (!atom ||
      (atom->type != uris->atom_Object && atom->type != uris->atom_Blank) ||
      atom->size < sizeof(LV2_Atom_Object_Body)) {
    return 0;
  }
  return ((const LV2_Atom_Object*)atom)->body.otype;
}

/* Walk the properties of `obj`: the value of the first one with `key`
   (NULL if none; key 0 matches none), or NULL and *malformed set if a
   property runs past the object. */
static const LV2_Atom*
walk_props(const LV2_Atom_Object* obj, LV2_URID key, bool* malformed)
{
  size_t                        offset = 0;
  const LV2_Atom_Property_Body* prop   = NULL;
  while ((prop = hr_atom_next_property(obj, &offset, malformed))) {
    if (key && prop->key == key) {
      return &prop->value;
    }
  }
  return NULL;
}

static const LV2_Atom*
find_prop(const LV2_Atom_Object* obj, LV2_URID key)
{
  bool malformed = false;
  return walk_props(obj, key, &malformed);
}

typedef struct {
  const LV2_Atom_Object* obj;
  HrMsgStatus            status; /* first problem, sticky */
} Reader;

/* Start reading `atom` as an object of type `otype`, every property of
   which lies inside it. */
static Reader
reader_start(const HrURIs* uris, const LV2_Atom* atom, LV2_URID otype)
{
  Reader         r         = { (const LV2_Atom_Object*)atom, HR_MSG_OK };
  const LV2_URID found     = hr_message_type(uris, atom);
  bool           malformed = false;
  if (!found) {
    r.status = HR_MSG_NOT_OBJECT;
  } else if (found != otype) {
    r.status = HR_MSG_WRONG_TYPE;
  } else {
    walk_props(r.obj, 0, &malformed);
    r.status = malformed ? HR_MSG_NOT_OBJECT : HR_MSG_OK;
  }
  return r;
}

static void
fail(Reader* r, HrMsgStatus status)
{
  if (r->status == HR_MSG_OK) {
    r->status = status;
  }
}

/* The body of property `key` if it has `type` and `size` bytes; NULL
   (and the status set unless `optional`) otherwise. */
static const void*
get(Reader* r, LV2_URID key, LV2_URID type, uint32_t size, bool optional)
{
  if (r->status != HR_MSG_OK) {
    return NULL;
  }
  const LV2_Atom* value = find_prop(r->obj, key);
  if (!value) {
    if (!optional) {
      fail(r, HR_MSG_MISSING);
    }
    return NULL;
  }
  if (value->type != type || value->size != size) {
    fail(r, HR_MSG_BAD_TYPE);
    return NULL;
  }
  return value + 1;
}

static int32_t
get_int(Reader* r, const HrURIs* uris, LV2_URID key)
{
  const void* v = get(r, key, uris->atom_Int, sizeof(int32_t), false);
  int32_t     x = 0;
  if (v) {
    memcpy(&x, v, sizeof(x));
  }
  return x;
}

static int64_t
get_long(Reader* r, const HrURIs* uris, LV2_URID key)
{
  const void* v = get(r, key, uris->atom_Long, sizeof(int64_t), false);
  int64_t     x = 0;
  if (v) {
    memcpy(&x, v, sizeof(x));
  }
  return x;
}

static double
get_double(Reader* r, const HrURIs* uris, LV2_URID key)
{
  const void* v = get(r, key, uris->atom_Double, sizeof(double), false);
  double      x = 0.0;
  if (v) {
    memcpy(&x, v, sizeof(x));
  }
  return x;
}

/* A Vector of 4-byte `child_type` elements: its elements and count. */
static const void*
get_vector(Reader*       r,
           const HrURIs* uris,
           LV2_URID      key,
           LV2_URID      child_type,
           uint32_t*     n)
{
  *n = 0;
  if (r->status != HR_MSG_OK) {
    return NULL;
  }
  const LV2_Atom* value = find_prop(r->obj, key);
  if (!value) {
    fail(r, HR_MSG_MISSING);
    return NULL;
  }
  const LV2_Atom_Vector* vec = (const LV2_Atom_Vector*)value;
  if (value->type != uris->atom_Vector ||
      value->size < sizeof(LV2_Atom_Vector_Body) ||
      vec->body.child_type != child_type || vec->body.child_size != 4 ||
      (value->size - sizeof(LV2_Atom_Vector_Body)) % 4 != 0) {
    fail(r, HR_MSG_BAD_TYPE);
    return NULL;
  }
  *n = (uint32_t)((value->size - sizeof(LV2_Atom_Vector_Body)) / 4);
  return vec + 1;
}

/* An optional Vector of `n` Double: its elements, or NULL if absent (a
   vector of another type or length fails the reader). */
static const double*
get_doubles(Reader* r, const HrURIs* uris, LV2_URID key, uint32_t n)
{
  if (r->status != HR_MSG_OK) {
    return NULL;
  }
  const LV2_Atom* value = find_prop(r->obj, key);
  if (!value) {
    return NULL;
  }
  const LV2_Atom_Vector* vec = (const LV2_Atom_Vector*)value;
  if (value->type != uris->atom_Vector ||
      value->size < sizeof(LV2_Atom_Vector_Body) ||
      vec->body.child_type != uris->atom_Double ||
      vec->body.child_size != sizeof(double) ||
      value->size - sizeof(LV2_Atom_Vector_Body) !=
        (size_t)n * sizeof(double)) {
    fail(r, HR_MSG_BAD_TYPE);
    return NULL;
  }
  return (const double*)(vec + 1);
}

/* An optional Double: true and its value in `x` if present. */
static bool
get_optional_double(Reader* r, const HrURIs* uris, LV2_URID key, double* x)
{
  const void* v = get(r, key, uris->atom_Double, sizeof(double), true);
  if (v) {
    memcpy(x, v, sizeof(*x));
  }
  return v != NULL;
}

/* Song time: frames NaN or finite; a tempo whole and positive, or none. */
static HrMsgStatus
read_song_time(Reader* r, const HrURIs* uris, HrColumnsMsg* c)
{
  c->transport = get_doubles(r, uris, uris->hr_transportFrame, c->n_columns);
  c->tempo     = 0.0;
  c->beats_per_bar = 0.0;
  c->beat_origin   = 0.0;
  double    tempo = 0.0, per_bar = 0.0, origin = 0.0;
  const int given =
    get_optional_double(r, uris, uris->hr_tempo, &tempo) +
    get_optional_double(r, uris, uris->hr_beatsPerBar, &per_bar) +
    get_optional_double(r, uris, uris->hr_beatOrigin, &origin);
  if (r->status != HR_MSG_OK) {
    return r->status;
  }
  for (uint32_t i = 0; c->transport && i < c->n_columns; ++i) {
    double frame = 0.0;
    memcpy(&frame, c->transport + i, sizeof frame);
    if (isinf(frame)) {
      return HR_MSG_BAD_VALUE;
    }
  }
  if (given == 3 && in_range(tempo, 1e-3, 1e6) &&
      in_range(per_bar, 1e-3, 1e6) && isfinite(origin)) {
    c->tempo         = tempo;
    c->beats_per_bar = per_bar;
    c->beat_origin   = origin;
  } else if (given != 0) {
    return HR_MSG_BAD_VALUE;
  }
  return HR_MSG_OK;
}

HrMsgStatus
hr_read_config(const HrURIs* uris, const LV2_Atom* atom, HrConfigMsg* config)
{
  Reader      r = reader_start(uris, atom, uris->hr_Config);
  HrConfigMsg c;
  c.version         = get_int(&r, uris, uris->hr_version);
  c.rate            = get_double(&r, uris, uris->hr_rate);
  c.scale           = get_int(&r, uris, uris->hr_scale);
  c.fmin            = get_double(&r, uris, uris->hr_fmin);
  c.fmax            = get_double(&r, uris, uris->hr_fmax);
  c.rows            = get_int(&r, uris, uris->hr_rows);
  c.rows_per_octave = get_double(&r, uris, uris->hr_rowsPerOctave);
  c.q               = get_double(&r, uris, uris->hr_q);
  c.over            = get_int(&r, uris, uris->hr_over);
  c.lint            = get_double(&r, uris, uris->hr_lint);
  c.column_samples  = get_int(&r, uris, uris->hr_columnSamples);
  c.column_seconds  = get_double(&r, uris, uris->hr_columnSeconds);
  c.latency         = get_double(&r, uris, uris->hr_latency);
  c.channel_mask    = get_int(&r, uris, uris->hr_channelMask);
  c.first_column    = get_long(&r, uris, uris->hr_firstColumn);
  if (r.status != HR_MSG_OK) {
    return r.status;
  }
  if (c.version != HR_PROTOCOL_VERSION || !in_range(c.rate, 1.0, 1e7) ||
      (c.scale != 0 && c.scale != 1) || !in_range(c.fmin, 0.0, c.rate) ||
      !in_range(c.fmax, c.fmin, c.rate) || c.rows < 1 ||
      !in_range(c.rows_per_octave, 0.0, 1e6) || !in_range(c.q, 0.0, 1e6) ||
      c.over < 1 || !in_range(c.lint, 0.0, 1e6) || c.column_samples < 1 ||
      !in_range(c.column_seconds, 0.0, 1e6) || !in_range(c.latency, 0.0, 1e6) ||
      c.channel_mask <= 0 || c.channel_mask >= (1 << HR_N_CHANNELS) ||
      c.first_column < 0) {
    return HR_MSG_BAD_VALUE;
  }
  *config = c;
  return HR_MSG_OK;
}

/* Counts sum to the cell number, rows lie in [0, rows) and rise within a
   column, energies and hits are finite and >= 0. */
static bool
columns_consistent(const HrColumnsMsg* c)
{
  uint32_t cell = 0;
  for (uint32_t col = 0; col < c->n_columns; ++col) {
    const int32_t count = c->cell_count[col];
    if (count < 0 || count > c->rows || (uint32_t)count > c->n_cells - cell) {
      return false;
    }
    int32_t last = -1;
    for (int32_t k = 0; k < count; ++k, ++cell) {
      const int32_t row    = c->cell_row[cell];
      const float   energy = c->cell_energy[cell];
      const float   hits   = c->cell_hits[cell];
      if (row <= last || row >= c->rows || !(energy >= 0.0f) ||
          !isfinite(energy) || !(hits >= 0.0f) || !isfinite(hits)) {
        return false;
      }
      last = row;
    }
  }
  return cell == c->n_cells;
}

HrMsgStatus
hr_read_columns(const HrURIs* uris, const LV2_Atom* atom, HrColumnsMsg* columns)
{
  Reader       r = reader_start(uris, atom, uris->hr_Columns);
  HrColumnsMsg c;
  uint32_t     n_rows     = 0;
  uint32_t     n_energies = 0;
  uint32_t     n_hits     = 0;
  c.channel               = get_int(&r, uris, uris->hr_channel);
  c.first                 = get_long(&r, uris, uris->hr_first);
  c.rows                  = get_int(&r, uris, uris->hr_rows);
  c.drops                 = get_int(&r, uris, uris->hr_drops);
  c.cell_count            = (const int32_t*)get_vector(
    &r, uris, uris->hr_cellCount, uris->atom_Int, &c.n_columns);
  c.cell_row = (const int32_t*)get_vector(
    &r, uris, uris->hr_cellRow, uris->atom_Int, &n_rows);
  c.cell_energy = (const float*)get_vector(
    &r, uris, uris->hr_cellEnergy, uris->atom_Float, &n_energies);
  c.cell_hits = (const float*)get_vector(
    &r, uris, uris->hr_cellHits, uris->atom_Float, &n_hits);
  if (r.status != HR_MSG_OK) {
    return r.status;
  }
  c.n_cells              = n_rows;
  const HrMsgStatus song = read_song_time(&r, uris, &c);
  if (song != HR_MSG_OK) {
    return song;
  }
  if (c.channel < 0 || c.channel >= HR_N_CHANNELS || c.first < 0 ||
      c.rows < 1 || c.drops < 0 || n_energies != n_rows || n_hits != n_rows ||
      !columns_consistent(&c)) {
    return HR_MSG_BAD_VALUE;
  }
  *columns = c;
  return HR_MSG_OK;
}

HrMsgStatus
hr_read_ui_settings(const HrURIs*   uris,
                    const LV2_Atom* atom,
                    HrUISettings*   settings)
{
  Reader       r = reader_start(uris, atom, uris->hr_UIState);
  HrUISettings s = *settings;
  const void*  v = get(&r, uris->hr_colormap, uris->atom_Int, 4, true);
  if (v) {
    memcpy(&s.colormap, v, sizeof(s.colormap));
  }
  if ((v = get(&r, uris->hr_dbRange, uris->atom_Float, 4, true))) {
    memcpy(&s.db_range, v, sizeof(s.db_range));
  }
  if ((v = get(&r, uris->hr_dbTop, uris->atom_Float, 4, true))) {
    memcpy(&s.db_top, v, sizeof(s.db_top));
  }
  if ((v = get(&r, uris->hr_history, uris->atom_Float, 4, true))) {
    memcpy(&s.history, v, sizeof(s.history));
  }
  if ((v = get(&r, uris->hr_captureKey, uris->atom_Long, 8, true))) {
    memcpy(&s.capture_key, v, sizeof(s.capture_key));
  }
  if ((v = get(&r, uris->hr_picture, uris->atom_Int, 4, true))) {
    memcpy(&s.picture, v, sizeof(s.picture));
  }
  if (r.status != HR_MSG_OK) {
    return r.status;
  }
  if (hr_ui_settings_check(&s) != HR_MSG_OK) {
    return HR_MSG_BAD_VALUE;
  }
  *settings = s;
  return HR_MSG_OK;
}
