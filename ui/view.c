/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "view.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

void
hr_view_init(HrView* view, double history_s)
{
  memset(view, 0, sizeof *view);
  view->history_s =
    fmin(fmax(history_s, HR_VIEW_MIN_HISTORY), HR_VIEW_MAX_HISTORY);
  view->group   = 1;
  view->visible = 1;
}

static void
free_rings(HrView* view)
{
  for (int c = 0; c < HR_N_CHANNELS; ++c) {
    hr_ring_free(view->rings[c]);
    view->rings[c] = NULL;
  }
}

void
hr_view_clear(HrView* view)
{
  free_rings(view);
  hr_view_init(view, view->history_s);
}

double
hr_view_slot_seconds(const HrView* view)
{
  if (!view->have_config) {
    return 0.0;
  }
  const HrConfigMsg* c = &view->config;
  const double       seconds =
    c->column_seconds > 0.0 ? c->column_seconds : c->column_samples / c->rate;
  return seconds * view->group;
}

/* Slots per ring, columns per slot and slots shown for `seconds`; -1 if
   a ring would be too big. */
static int
geometry(const HrConfigMsg* c,
         double             seconds,
         int*               group,
         int*               visible,
         int*               capacity)
{
  const double column_s =
    c->column_seconds > 0.0 ? c->column_seconds : c->column_samples / c->rate;
  const int max_slots = HR_VIEW_MAX_CELLS / c->rows < HR_VIEW_MAX_SLOTS
                          ? HR_VIEW_MAX_CELLS / c->rows
                          : HR_VIEW_MAX_SLOTS;
  if (max_slots < 4 || !(column_s > 0.0)) {
    return -1;
  }
  const double columns = fmax(ceil(seconds / column_s - 1e-9), 1.0);
  const double g       = fmax(ceil(2.0 * columns / max_slots), 1.0);
  if (g > INT32_MAX / 2) {
    return -1;
  }
  *group    = (int)g;
  *visible  = (int)fmin(ceil(columns / g), max_slots / 2);
  *capacity = max_slots;
  return 0;
}

static int
make_rings(HrView* view, int group, int capacity)
{
  free_rings(view);
  for (int c = 0; c < HR_N_CHANNELS; ++c) {
    if (view->config.channel_mask & (1 << c)) {
      view->rings[c] = hr_ring_new(view->config.rows, capacity, group);
      if (!view->rings[c]) {
        free_rings(view);
        return -1;
      }
    }
  }
  view->group    = group;
  view->capacity = capacity;
  view->frozen   = 0;
  return 0;
}

static int
same_layout(const HrConfigMsg* a, const HrConfigMsg* b)
{
  return a->rate == b->rate && a->scale == b->scale && a->fmin == b->fmin &&
         a->fmax == b->fmax && a->rows == b->rows &&
         a->rows_per_octave == b->rows_per_octave &&
         a->column_samples == b->column_samples &&
         a->channel_mask == b->channel_mask;
}

static HrFreqAxis
config_axis(const HrConfigMsg* c)
{
  HrFreqAxis axis;
  axis.log_scale       = c->scale == 0;
  axis.f_top_hz        = c->fmax;
  axis.rows_per_octave = c->rows_per_octave;
  axis.hz_per_row = c->rows > 1 ? (c->fmax - c->fmin) / (c->rows - 1) : 1.0;
  return axis;
}

int
hr_view_set_config(HrView* view, const HrConfigMsg* config)
{
  if (view->have_config && same_layout(&view->config, config)) {
    view->config = *config;
    return 0;
  }
  int              group    = 1;
  int              visible  = 1;
  int              capacity = 1;
  const HrFreqAxis axis     = config_axis(config);
  view->have_config         = 0;
  free_rings(view);
  if (!hr_freq_axis_valid(&axis) ||
      geometry(config, view->history_s, &group, &visible, &capacity) != 0) {
    return -1;
  }
  view->config = *config;
  if (make_rings(view, group, capacity) != 0) {
    return -1;
  }
  view->axis        = axis;
  view->visible     = visible;
  view->have_config = 1;
  return 0;
}

int
hr_view_set_history(HrView* view, double seconds)
{
  view->history_s =
    fmin(fmax(seconds, HR_VIEW_MIN_HISTORY), HR_VIEW_MAX_HISTORY);
  if (!view->have_config) {
    return 0;
  }
  int group    = 1;
  int visible  = 1;
  int capacity = 1;
  if (geometry(&view->config, view->history_s, &group, &visible, &capacity)) {
    return -1;
  }
  view->visible = visible;
  if (group != view->group || capacity != view->capacity) {
    if (make_rings(view, group, capacity) != 0) {
      view->have_config = 0;
      return -1;
    }
  }
  if (view->frozen) {
    hr_view_pan(view, 0); /* keep the pin's limits */
  }
  return 0;
}

/* Store one message's columns into `ring`. */
static void
add_columns(HrView* view, HrRing* ring, const HrColumnsMsg* m)
{
  uint32_t cell = 0;
  for (uint32_t k = 0; k < m->n_columns; ++k) {
    const int count = m->cell_count[k];
    switch (hr_ring_add(ring,
                        m->first + (int64_t)k,
                        count,
                        m->cell_row + cell,
                        m->cell_energy + cell,
                        m->cell_hits ? m->cell_hits + cell : NULL)) {
      case HR_RING_ADDED:
        ++view->stats.columns;
        if (m->transport) {
          hr_ring_set_transport(ring,
                                m->first + (int64_t)k,
                                m->transport[k],
                                view->config.column_samples);
        }
        break;
      case HR_RING_OLD:
        ++view->stats.old;
        break;
      case HR_RING_HELD:
        ++view->stats.held;
        break;
    }
    cell += (uint32_t)count;
  }
}

int
hr_view_add(HrView* view, const HrColumnsMsg* columns)
{
  HrRing* ring = NULL;
  if (view->have_config && columns->channel >= 0 &&
      columns->channel < HR_N_CHANNELS) {
    ring = view->rings[columns->channel];
  }
  if (!ring || columns->rows != view->config.rows ||
      columns->first > HR_RING_MAX_COLUMN) {
    ++view->stats.bad;
    return -1;
  }
  ++view->stats.messages;
  view->stats.drops += (uint64_t)(columns->drops > 0 ? columns->drops : 0);
  if (ring->next_column >= 0 &&
      columns->first + (int64_t)columns->n_columns <= ring->next_column) {
    /* Wholly behind: the numbering restarted (columns come only once). */
    ++view->stats.restarts;
    hr_ring_reset(ring);
  }
  add_columns(view, ring, columns);
  if (columns->tempo > 0.0) {
    view->tempo.bpm           = columns->tempo;
    view->tempo.beats_per_bar = columns->beats_per_bar;
    view->tempo.origin        = columns->beat_origin;
  }
  return 0;
}

const HrRing*
hr_view_ring(const HrView* view, int channel)
{
  if (!view->have_config || channel < 0 || channel >= HR_N_CHANNELS) {
    return NULL;
  }
  return view->rings[channel];
}

int
hr_view_channels(const HrView* view, int channels[HR_N_CHANNELS])
{
  int n = 0;
  for (int c = 0; c < HR_N_CHANNELS; ++c) {
    if (hr_view_ring(view, c)) {
      channels[n++] = c;
    }
  }
  return n;
}

int64_t
hr_view_live_end(const HrView* view)
{
  int64_t end = 0;
  for (int c = 0; c < HR_N_CHANNELS; ++c) {
    const HrRing* ring = hr_view_ring(view, c);
    if (ring && hr_ring_complete(ring) > end) {
      end = hr_ring_complete(ring);
    }
  }
  return end;
}

int64_t
hr_view_right(const HrView* view)
{
  return view->frozen ? view->pin : hr_view_live_end(view);
}

static int64_t
time_origin(const HrView* view)
{
  return view->frozen ? view->origin : hr_view_live_end(view);
}

static void
keep_rings_from(HrView* view, int64_t slot)
{
  for (int c = 0; c < HR_N_CHANNELS; ++c) {
    if (view->rings[c]) {
      hr_ring_keep_from(view->rings[c], slot);
    }
  }
}

void
hr_view_set_frozen(HrView* view, int frozen)
{
  if (frozen && !view->frozen) {
    view->pin    = hr_view_live_end(view);
    view->origin = view->pin;
    view->frozen = 1;
    keep_rings_from(view, view->pin - view->visible);
  } else if (!frozen && view->frozen) {
    view->frozen = 0;
    keep_rings_from(view, INT64_MAX);
  }
}

void
hr_view_pan(HrView* view, int64_t slots)
{
  if (!view->frozen) {
    return;
  }
  const int64_t live = hr_view_live_end(view);
  int64_t       tail = live;
  for (int c = 0; c < HR_N_CHANNELS; ++c) {
    const HrRing* ring = hr_view_ring(view, c);
    if (ring && ring->tail < tail) {
      tail = ring->tail;
    }
  }
  int64_t       pin = view->pin + slots;
  const int64_t lowest =
    tail + view->visible < live ? tail + view->visible : live;
  pin       = pin < lowest ? lowest : pin;
  pin       = pin > live ? live : pin;
  view->pin = pin;
  keep_rings_from(view, pin - view->visible);
}

void
hr_view_zoom_rows(const HrView*     view,
                  const HrFreqAxis* axis,
                  int               rows,
                  int*              begin,
                  int*              end)
{
  *begin = 0;
  *end   = rows;
  if (view->zoom_hi <= 0.0 || !hr_freq_axis_valid(axis)) {
    return;
  }
  const double top    = hr_freq_axis_row(axis, view->zoom_hi);
  const double bottom = hr_freq_axis_row(axis, view->zoom_lo);
  if (!isfinite(top) || !isfinite(bottom)) {
    return;
  }
  const double b = fmin(fmax(round(top), 0.0), rows - 1.0);
  const double e = fmin(fmax(round(bottom) + 1.0, b + 1.0), (double)rows);
  *begin         = (int)b;
  *end           = (int)e;
}

void
hr_view_zoom(HrView* view, double factor, double hz)
{
  if (!view->have_config || !(factor > 0.0)) {
    return;
  }
  const int rows  = view->config.rows;
  int       begin = 0;
  int       end   = rows;
  hr_view_zoom_rows(view, &view->axis, rows, &begin, &end);
  double centre = hr_freq_axis_row(&view->axis, hz);
  if (!isfinite(centre)) {
    centre = 0.5 * (begin + end);
  }
  const double shown = end - begin;
  const double n =
    fmin(fmax(round(shown / factor), HR_VIEW_MIN_ZOOM_ROWS), (double)rows);
  if (n >= rows) {
    hr_view_zoom_reset(view);
    return;
  }
  const double share = fmin(fmax((centre - begin) / shown, 0.0), 1.0);
  const double first = fmin(fmax(round(centre - share * n), 0.0), rows - n);
  view->zoom_hi      = hr_freq_axis_hz(&view->axis, first);
  view->zoom_lo      = hr_freq_axis_hz(&view->axis, first + n - 1.0);
}

void
hr_view_zoom_reset(HrView* view)
{
  view->zoom_hi = 0.0;
  view->zoom_lo = 0.0;
}

HrFreqAxis
hr_axis_from_row(const HrFreqAxis* axis, int begin)
{
  HrFreqAxis shifted = *axis;
  shifted.f_top_hz   = hr_freq_axis_hz(axis, begin);
  return shifted;
}

/* a / b rounded down (b > 0). */
static int64_t
floor_div(int64_t a, int64_t b)
{
  const int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

void
hr_span(int64_t  pixel,
        int64_t  pixels,
        int64_t  cells,
        int64_t* begin,
        int64_t* end)
{
  if (cells <= pixels) {
    *begin = floor_div((2 * pixel + 1) * cells, 2 * pixels);
    *end   = *begin + 1;
  } else {
    *begin = floor_div(pixel * cells, pixels);
    *end   = floor_div((pixel + 1) * cells, pixels);
  }
}

int64_t
hr_view_pixel_end(const HrView* view, int width)
{
  return floor_div(hr_view_right(view) * width, view->visible);
}

void
hr_view_time_span(const HrView* view, int width, double* left, double* right)
{
  const double  slot_s = hr_view_slot_seconds(view);
  const int64_t end    = hr_view_pixel_end(view, width);
  const double  edge   = (double)end * view->visible / width;
  const double  origin = (double)time_origin(view);
  *right               = (edge - origin) * slot_s;
  *left                = *right - view->visible * slot_s;
}

void
hr_readout_pitch(HrReadout* readout, double hz)
{
  readout->hz      = hz;
  readout->midi    = -1;
  readout->cents   = 0.0;
  readout->note[0] = '\0';
  if (!(hz > 0.0) || !isfinite(hz)) {
    return;
  }
  const double midi = 69.0 + 12.0 * log2(hz / 440.0);
  if (midi < -1000.0 || midi > 1000.0) {
    return;
  }
  readout->midi  = (int)lround(midi);
  readout->cents = 100.0 * (midi - readout->midi);
  hr_note_name(readout->note, sizeof readout->note, readout->midi);
}

/* Loudest cell of slots [b, e) and rows [rb, re) of `ring`, with flags. */
static double
level_db(const HrRing* ring,
         int64_t       b,
         int64_t       e,
         int           rb,
         int           re,
         unsigned*     flags)
{
  float max = 0.0f;
  *flags    = 0;
  for (int64_t s = b; s < e; ++s) {
    const float* column = hr_ring_column(ring, s);
    *flags |= hr_ring_flags(ring, s);
    for (int r = rb; column && r < re; ++r) {
      max = column[r] > max ? column[r] : max;
    }
  }
  return max > 0.0f ? 10.0 * log10(max) : -INFINITY;
}

int64_t
hr_view_time_origin(const HrView* view)
{
  return time_origin(view);
}

int64_t
hr_view_slot_at(const HrView* view, int width, double x)
{
  if (width < 1 || !(x >= 0.0 && x < width)) {
    return -1;
  }
  int64_t       sb    = 0;
  int64_t       se    = 0;
  const int64_t pixel = hr_view_pixel_end(view, width) - width + (int64_t)x;
  hr_span(pixel, width, view->visible, &sb, &se);
  return sb;
}

int
hr_view_readout(const HrView* view,
                int           channel,
                int           width,
                int           height,
                double        x,
                double        y,
                HrReadout*    readout)
{
  const HrRing* ring = hr_view_ring(view, channel);
  if (!ring || width < 1 || height < 1 || !(x >= 0.0 && x < width) ||
      !(y >= 0.0 && y < height)) {
    return -1;
  }
  int begin = 0;
  int end   = 0;
  hr_view_zoom_rows(view, &view->axis, view->config.rows, &begin, &end);
  const int     n     = end - begin;
  const int64_t pixel = hr_view_pixel_end(view, width) - width + (int64_t)x;
  int64_t       sb    = 0;
  int64_t       se    = 0;
  int64_t       rb    = 0;
  int64_t       re    = 0;
  hr_span(pixel, width, view->visible, &sb, &se);
  hr_span((int64_t)y, height, n, &rb, &re);
  readout->time_s = (0.5 * (double)(sb + se) - (double)time_origin(view)) *
                    hr_view_slot_seconds(view);
  readout->song_frame = hr_ring_transport(ring, sb);
  hr_song_time_text(&view->tempo,
                    readout->song_frame,
                    view->config.rate,
                    readout->song,
                    sizeof readout->song);
  hr_readout_pitch(readout,
                   hr_freq_axis_hz(&view->axis, begin + y / height * n - 0.5));
  readout->db =
    level_db(ring, sb, se, begin + (int)rb, begin + (int)re, &readout->flags);
  readout->hits = 0.0;
  for (int64_t s = sb; s < se; ++s) {
    const float* hits = hr_ring_hits(ring, s);
    for (int64_t r = begin + rb; hits && r < begin + re; ++r) {
      readout->hits = hits[r] > readout->hits ? hits[r] : readout->hits;
    }
  }
  return 0;
}
