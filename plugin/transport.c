/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "transport.h"

#include "protocol/atom_props.h"

#include <lv2/time/time.h>

#include <math.h>
#include <string.h>

/* A position within this many frames of where the running transport is
   anyway only confirms it (hosts may send one every cycle). */
static const double k_same_frame = 0.5;

void
hr_transport_init(HrTransport* transport, LV2_URID_Map* map, double rate)
{
  HrTransportURIs*    u = &transport->uris;
  LV2_URID_Map_Handle h = map->handle;
  memset(transport, 0, sizeof *transport);
  u->atom_Object         = map->map(h, LV2_ATOM__Object);
  u->atom_Blank          = map->map(h, LV2_ATOM__Blank);
  u->atom_Int            = map->map(h, LV2_ATOM__Int);
  u->atom_Long           = map->map(h, LV2_ATOM__Long);
  u->atom_Float          = map->map(h, LV2_ATOM__Float);
  u->atom_Double         = map->map(h, LV2_ATOM__Double);
  u->time_Position       = map->map(h, LV2_TIME__Position);
  u->time_frame          = map->map(h, LV2_TIME__frame);
  u->time_speed          = map->map(h, LV2_TIME__speed);
  u->time_bar            = map->map(h, LV2_TIME__bar);
  u->time_barBeat        = map->map(h, LV2_TIME__barBeat);
  u->time_beatsPerBar    = map->map(h, LV2_TIME__beatsPerBar);
  u->time_beatsPerMinute = map->map(h, LV2_TIME__beatsPerMinute);
  transport->rate        = rate;
}

/* The number an Int, Long, Float or Double atom holds into `value`;
   false for other types, wrong sizes and values that are not finite. */
static bool
number_of(const HrTransportURIs* u, const LV2_Atom* atom, double* value)
{
  const void* body = atom + 1;
  if (atom->type == u->atom_Int && atom->size == sizeof(int32_t)) {
    int32_t x = 0;
    memcpy(&x, body, sizeof x);
    *value = x;
  } else if (atom->type == u->atom_Long && atom->size == sizeof(int64_t)) {
    int64_t x = 0;
    memcpy(&x, body, sizeof x);
    *value = (double)x;
  } else if (atom->type == u->atom_Float && atom->size == sizeof(float)) {
    float x = 0.0f;
    memcpy(&x, body, sizeof x);
    *value = x;
  } else if (atom->type == u->atom_Double && atom->size == sizeof(double)) {
    memcpy(value, body, sizeof *value);
  } else {
    return false;
  }
  return isfinite(*value);
}

/* What a Position says; NAN where it says nothing usable. */
typedef struct {
  double frame, speed, bar, bar_beat, beats_per_bar, bpm;
} Position;

static void
take_property(const HrTransportURIs* u,
              LV2_URID               key,
              const LV2_Atom*        value,
              Position*              p)
{
  double x = NAN;
  if (!number_of(u, value, &x)) {
    return;
  }
  if (key == u->time_frame) {
    p->frame = x;
  } else if (key == u->time_speed) {
    p->speed = x;
  } else if (key == u->time_bar) {
    p->bar = x;
  } else if (key == u->time_barBeat) {
    p->bar_beat = x;
  } else if (key == u->time_beatsPerBar) {
    p->beats_per_bar = x;
  } else if (key == u->time_beatsPerMinute) {
    p->bpm = x;
  }
}

/* Read the properties of a Position object, each checked to lie inside
   it; false if one does not. */
static bool
parse(const HrTransportURIs* u, const LV2_Atom_Object* obj, Position* p)
{
  p->frame = p->speed = p->bar = p->bar_beat = NAN;
  p->beats_per_bar = p->bpm               = NAN;
  size_t                        offset    = 0;
  bool                          malformed = false;
  const LV2_Atom_Property_Body* prop      = NULL;
  while ((prop = hr_atom_next_property(obj, &offset, &malformed))) {
    take_property(u, prop->key, &prop->value, p);
  }
  return !malformed;
}

static const HrTransportSegment*
newest(const HrTransport* t)
{
  return t->count
           ? &t->segments[(t->head + t->count - 1) % HR_TRANSPORT_SEGMENTS]
           : NULL;
}

/* The transport frame at `clock` on `segment`. */
static double
frame_on(const HrTransportSegment* segment, int64_t clock)
{
  return segment->frame + (double)(clock - segment->clock) * segment->speed;
}

static void
push(HrTransport* t, int64_t clock, double frame, double speed)
{
  const HrTransportSegment* last = newest(t);
  if (last && clock < last->clock) {
    clock = last->clock; /* events out of order (a host's bug): kept sorted */
  }
  if (last && last->speed == speed &&
      fabs(frame_on(last, clock) - frame) <= k_same_frame) {
    return; /* the transport runs on as it did */
  }
  if (last && last->clock == clock) {
    --t->count; /* two positions at one sample: the later one counts */
  } else if (t->count == HR_TRANSPORT_SEGMENTS) {
    t->head = (t->head + 1) % HR_TRANSPORT_SEGMENTS;
    --t->count;
  }
  HrTransportSegment* s =
    &t->segments[(t->head + t->count) % HR_TRANSPORT_SEGMENTS];
  s->clock = clock;
  s->frame = frame;
  s->speed = speed;
  ++t->count;
}

/* Bars and beats at a frame, from a position that gives all of them. */
static void
take_tempo(HrTransport* t, const Position* p, double frame)
{
  if (isfinite(p->bpm) && p->bpm > 0.0 && isfinite(p->beats_per_bar) &&
      p->beats_per_bar > 0.0) {
    t->tempo.bpm           = p->bpm;
    t->tempo.beats_per_bar = p->beats_per_bar;
    if (isfinite(p->bar) && isfinite(p->bar_beat) && isfinite(frame)) {
      const double beats = p->bar * p->beats_per_bar + p->bar_beat;
      t->tempo.origin    = frame - beats * 60.0 * t->rate / p->bpm;
    }
  }
}

bool
hr_transport_read(HrTransport* transport, const LV2_Atom* atom, uint32_t offset)
{
  const HrTransportURIs* u = &transport->uris;
  if (!atom || (atom->type != u->atom_Object && atom->type != u->atom_Blank) ||
      atom->size < sizeof(LV2_Atom_Object_Body) ||
      ((const LV2_Atom_Object*)atom)->body.otype != u->time_Position) {
    return false;
  }
  Position p;
  if (!parse(u, (const LV2_Atom_Object*)atom, &p)) {
    return true; /* ours, but damaged: ignored */
  }
  /* an event time past any block (a host's bug) would stop the clock */
  const int64_t clock =
    transport->clock + (offset < HR_TRANSPORT_MAX_OFFSET ? offset : 0);
  const HrTransportSegment* last = newest(transport);
  const double speed = isfinite(p.speed) ? p.speed : last ? last->speed : 1.0;
  double       frame = p.frame;
  if (!isfinite(frame) && last) {
    frame = frame_on(last, clock); /* only the speed changed */
  }
  if (isfinite(frame)) {
    push(transport, clock, frame, speed);
  }
  take_tempo(transport, &p, frame);
  return true;
}

void
hr_transport_restart(HrTransport* transport, uint32_t offset)
{
  transport->origin = transport->clock + offset;
}

void
hr_transport_end_run(HrTransport* transport, uint32_t n_samples)
{
  transport->clock += n_samples;
}

double
hr_transport_column_frame(const HrTransport* transport,
                          int64_t            index,
                          int                column_samples)
{
  /* Column `index` spans 1-based stream samples [index, index + 1) times
     column_samples: 0-based, from index * column_samples - 1. */
  const int64_t half   = column_samples / 2;
  const int64_t centre = transport->origin + index * column_samples - 1 + half;
  for (uint32_t k = transport->count; k-- > 0;) {
    const HrTransportSegment* s =
      &transport->segments[(transport->head + k) % HR_TRANSPORT_SEGMENTS];
    if (s->clock <= centre) {
      return s->speed == 0.0 ? NAN
                             : frame_on(s, centre) - (double)half * s->speed;
    }
  }
  return NAN; /* before the first position kept */
}
