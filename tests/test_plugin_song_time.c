/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Takes compared in song time, end to end: the plugin in the lilv test
   host gets time:Position on its control port as a host sends it, its
   Columns go into the UI's view (ui/view.c) as the UI takes them, and
   captures of that view are compared as the UI compares them
   (hr_capture_align).

   The song: 120 bpm in 4/4 at 48 kHz (a bar is 96000 frames), a
   metronome in bars 9..12 defined by transport frames, silence elsewhere.
   Take 1 plays bars 7..13 in blocks of 512 after a second of audio with no
   transport; capture A. Then the transport stops for 2.37 s while other
   audio plays (capture S), relocates back to bar 7 and plays bars 7..13
   again in blocks of 1000, a position every block; capture B, 0.73 s
   later in the song than A. Then bars 9..10 are looped twice; capture L.
   An instance that never gets a position gives captures with no song
   time. */

#undef NDEBUG

#include "host/lv2_host.h"
#include "protocol/ports.h"
#include "protocol/protocol.h"
#include "protocol/uris.h"
#include "tests/kit/check.h"
#include "ui/capture.h"

#include <lv2/atom/forge.h>
#include <lv2/time/time.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000.0
#define PI 3.14159265358979323846
#define BEAT 24000.0 /* frames: 120 bpm */
#define BAR (4 * BEAT)
#define CLICK 480 /* frames of a click: 10 ms */

/** Transport frame of bar `bar` (counted from 1, as hosts show it). */
#define BAR_FRAME(bar) (((bar)-1) * BAR)

/* A plugin instance, the song's transport and the UI's view. */
typedef struct {
  HrHost*  host;
  HrURIs   uris;
  LV2_URID time[7]; /* Position, frame, speed, bar, barBeat, bpb, bpm */
  LV2_URID atom_long, atom_float;
  HrView   view;
  double   frame; /* transport frame of the next sample */
  double   speed;
  int      configs;
  int      bad;
} Song;

/* The metronome: a click at every beat of bars 9..12, 1.5 kHz on the
   first beat of a bar, 1 kHz on the others. */
static float
metronome(double frame)
{
  if (frame < BAR_FRAME(9) || frame >= BAR_FRAME(13)) {
    return 0.0f;
  }
  const double beat   = floor(frame / BEAT);
  const double offset = frame - beat * BEAT;
  if (offset >= CLICK) {
    return 0.0f;
  }
  const double hz   = fmod(beat, 4.0) == 0.0 ? 1500.0 : 1000.0;
  const double hann = 0.5 - 0.5 * cos(2.0 * PI * offset / CLICK);
  return (float)(0.5 * hann * sin(2.0 * PI * hz * offset / RATE));
}

static void
take_message(void* data, const LV2_Atom* atom)
{
  Song*        s = (Song*)data;
  HrConfigMsg  config;
  HrColumnsMsg columns;
  if (hr_read_config(&s->uris, atom, &config) == HR_MSG_OK) {
    s->bad += hr_view_set_config(&s->view, &config) != 0;
    ++s->configs;
  } else if (hr_read_columns(&s->uris, atom, &columns) == HR_MSG_OK) {
    s->bad += hr_view_add(&s->view, &columns) != 0;
  } else if (hr_message_type(&s->uris, atom) != s->uris.hr_UIState) {
    ++s->bad;
  }
}

static void
send_command(Song* s, LV2_URID otype)
{
  uint64_t       buf[8];
  LV2_Atom_Forge forge;
  lv2_atom_forge_init(&forge, hr_host_map(s->host));
  lv2_atom_forge_set_buffer(&forge, (uint8_t*)buf, sizeof buf);
  hr_write_command(&forge, &s->uris, otype);
  hr_host_send(s->host, (const LV2_Atom*)buf);
}

/* A time:Position as hosts send it: frame, speed, bar and beat, tempo. */
static void
send_position(Song* s, double frame, double speed)
{
  uint64_t             buf[64];
  LV2_Atom_Forge       forge;
  LV2_Atom_Forge_Frame object;
  lv2_atom_forge_init(&forge, hr_host_map(s->host));
  lv2_atom_forge_set_buffer(&forge, (uint8_t*)buf, sizeof buf);
  lv2_atom_forge_object(&forge, &object, 0, s->time[0]);
  lv2_atom_forge_key(&forge, s->time[1]);
  lv2_atom_forge_long(&forge, (int64_t)frame);
  lv2_atom_forge_key(&forge, s->time[2]);
  lv2_atom_forge_float(&forge, (float)speed);
  lv2_atom_forge_key(&forge, s->time[3]);
  lv2_atom_forge_long(&forge, (int64_t)floor(frame / BAR));
  lv2_atom_forge_key(&forge, s->time[4]);
  lv2_atom_forge_float(&forge, (float)fmod(frame / BEAT, 4.0));
  lv2_atom_forge_key(&forge, s->time[5]);
  lv2_atom_forge_float(&forge, 4.0f);
  lv2_atom_forge_key(&forge, s->time[6]);
  lv2_atom_forge_float(&forge, 120.0f);
  lv2_atom_forge_pop(&forge, &object);
  hr_host_send(s->host, (const LV2_Atom*)buf);
  s->frame = frame;
  s->speed = speed;
}

/* Play `n` samples in blocks of `block`: the metronome at the transport
   while it rolls, else a `tone_hz` tone (0: silence); a position before
   every block if `every_block`. */
static void
play(Song* s, long n, uint32_t block, double tone_hz, int every_block)
{
  float* in = hr_host_audio(s->host, HR_PORT_IN_1);
  for (long done = 0; done < n;) {
    const uint32_t k = n - done < (long)block ? (uint32_t)(n - done) : block;
    if (every_block) {
      send_position(s, s->frame, s->speed);
    }
    for (uint32_t i = 0; i < k; ++i) {
      in[i] =
        s->speed != 0.0 ? metronome(s->frame + i)
        : tone_hz > 0.0
          ? (float)(0.3 * sin(2.0 * PI * tone_hz * (double)(done + i) / RATE))
          : 0.0f;
    }
    hr_host_run(s->host, k);
    hr_host_each_message(s->host, take_message, s);
    s->frame += s->speed * k;
    done += k;
  }
}

static bool
song_open(Song* s)
{
  memset(s, 0, sizeof *s);
  HrHostOptions options = hr_host_options_default();
  s->host               = hr_host_new(hr_host_bundle_path(0, NULL), &options);
  if (!s->host) {
    hr_check(false, "instantiate the mono plugin");
    return false;
  }
  LV2_URID_Map* map = hr_host_map(s->host);
  hr_uris_map(&s->uris, map);
  static const char* const time_uris[7] = {
    LV2_TIME__Position,       LV2_TIME__frame,
    LV2_TIME__speed,          LV2_TIME__bar,
    LV2_TIME__barBeat,        LV2_TIME__beatsPerBar,
    LV2_TIME__beatsPerMinute,
  };
  for (int i = 0; i < 7; ++i) {
    s->time[i] = map->map(map->handle, time_uris[i]);
  }
  /* light settings: 5 ms columns (240 frames), from 200 Hz */
  hr_host_set_control(s->host, HR_PORT_ROWS_PER_OCTAVE, 24.0f);
  hr_host_set_control(s->host, HR_PORT_FILTERS_PER_ROW, 1.0f);
  hr_host_set_control(s->host, HR_PORT_TIME_STEP, 5.0f);
  hr_host_set_control(s->host, HR_PORT_FMIN, 200.0f);
  hr_view_init(&s->view, 10.0);
  hr_host_activate(s->host);
  send_command(s, s->uris.hr_UIOn);
  return true;
}

static void
song_close(Song* s)
{
  hr_view_clear(&s->view);
  hr_host_free(s->host);
}

/* Sum of energies of column `col` of `c`. */
static double
column_energy(const HrCapture* c, int col)
{
  double sum = 0.0;
  for (int row = 0; row < c->rows; ++row) {
    sum += c->cells[(size_t)row * c->cols + col];
  }
  return sum;
}

/* Over A's columns in bars 9..12: the largest difference of a cell of A
   and of `b` (shaped as A) relative to A's loudest cell there, and the
   sum of |a - b| relative to the sum of a. */
static void
difference(const HrCapture* a,
           const HrCapture* b,
           double*          max_rel,
           double*          sum_rel)
{
  double most = 0.0, max_diff = 0.0, sum_a = 0.0, sum_diff = 0.0;
  for (int col = 0; col < a->cols; ++col) {
    const double t = a->transport[col];
    if (!(t >= BAR_FRAME(9) && t < BAR_FRAME(13))) {
      continue;
    }
    for (int row = 0; row < a->rows; ++row) {
      const double x = a->cells[(size_t)row * a->cols + col];
      const double y = b->cells[(size_t)row * b->cols + col];
      most           = fmax(most, x);
      max_diff       = fmax(max_diff, fabs(x - y));
      sum_a += x;
      sum_diff += fabs(x - y);
    }
  }
  *max_rel = most > 0.0 ? max_diff / most : INFINITY;
  *sum_rel = sum_a > 0.0 ? sum_diff / sum_a : INFINITY;
}

/* Columns of `c` from A's columns in bars 9..12 with song time. */
static int
columns_in_bars(const HrCapture* c, int first_bar, int end_bar)
{
  int n = 0;
  for (int col = 0; col < c->cols; ++col) {
    n += c->transport[col] >= BAR_FRAME(first_bar) &&
         c->transport[col] < BAR_FRAME(end_bar);
  }
  return n;
}

/* The transport frame of the first loud column at or after `from`. */
static double
first_loud(const HrCapture* c, double from)
{
  double most = 0.0;
  for (int col = 0; col < c->cols; ++col) {
    most = fmax(most, column_energy(c, col));
  }
  for (int col = 0; col < c->cols; ++col) {
    if (c->transport[col] >= from && column_energy(c, col) > 0.01 * most) {
      return c->transport[col];
    }
  }
  return NAN;
}

static void
check_takes(const HrCapture* a, const HrCapture* b, double latency_s)
{
  const int    column = a->column_frames > 0.0 ? (int)a->column_frames : 0;
  const int    bars   = columns_in_bars(a, 9, 13);
  HrAlignStats stats;
  HrCapture*   aligned = hr_capture_align(a, b, &stats);
  hr_check(column == 240 && bars == (int)(4 * BAR) / 240,
           "capture A holds bars 9..12 in song time: %d columns of %d frames",
           bars,
           column);
  if (!aligned) {
    hr_check(false, "A and B align in song time");
    return;
  }
  int same_frames = 0;
  for (int col = 0; col < a->cols; ++col) {
    const double t = a->transport[col];
    same_frames +=
      t >= BAR_FRAME(9) && t < BAR_FRAME(13) && aligned->flags[col] != 0;
  }
  /* the same audio got the same transport frame, whatever the blocks */
  HrSongTimeKey* keys = (HrSongTimeKey*)malloc(sizeof *keys * b->cols);
  const int n_key = keys ? hr_song_time_keys(b->transport, b->cols, keys) : 0;
  int       exact = 0;
  for (int col = 0; keys && col < a->cols; ++col) {
    const double t = a->transport[col];
    const int    j = hr_song_time_find(keys, n_key, t, a->column_frames);
    exact +=
      t >= BAR_FRAME(9) && t < BAR_FRAME(13) && j >= 0 && b->transport[j] == t;
  }
  free(keys);
  hr_check(exact == bars,
           "blocks of 512 and of 1000: B's columns have exactly A's transport "
           "frames (%d of %d)",
           exact,
           bars);
  double max_rel = 0.0, sum_rel = 0.0;
  difference(a, aligned, &max_rel, &sum_rel);
  printf("  song time: %d of %d columns of A with song time matched\n",
         stats.matched,
         stats.a_timed);
  hr_check(same_frames == bars,
           "every column of bars 9..12 in A has B's column at its transport "
           "frame (%d of %d)",
           same_frames,
           bars);
  hr_check(max_rel < 1e-5 && sum_rel < 1e-5,
           "aligned by song time, A and B are equal column for column: "
           "largest cell difference %.2e of the loudest cell, %.2e of the "
           "energy",
           max_rel,
           sum_rel);
  double ago_max = 0.0, ago_sum = 0.0;
  difference(a, b, &ago_max, &ago_sum); /* B as it is: by seconds ago */
  hr_check(ago_sum > 0.5 && ago_max > 0.5 && stats.max_shift > 100,
           "by seconds ago, A and B do not line up: difference %.2f of the "
           "loudest cell, %.2f of the energy (B's columns sit %d columns, "
           "%.3f s, off A's)",
           ago_max,
           ago_sum,
           stats.max_shift,
           stats.max_shift * 240 / RATE);
  /* The click on bar 9's downbeat lies at its transport frame: the
     analysis latency is accounted for. */
  const double onset = first_loud(a, BAR_FRAME(9) - 4 * 240);
  hr_check(fabs(onset - BAR_FRAME(9)) <= 2 * 240,
           "bar 9's first click shows at transport frame %.0f (bar 9 starts "
           "at %.0f; the analysis latency is %.0f frames)",
           onset,
           BAR_FRAME(9),
           latency_s * RATE);
  int       bar  = 0;
  double    beat = 0.0;
  const int named =
    hr_tempo_bar_beat(&a->tempo, onset + 120, RATE, &bar, &beat);
  hr_check(named == 0 && bar == 9 && fabs(beat - 1.0) < 0.03,
           "the tempo grid names that column (its centre) bar %d beat %.2f",
           bar,
           beat);
  hr_capture_free(aligned);
}

/* Capture S, at the end of 2.37 s of stopped transport: its newest
   columns (after the latency) have no song time, those before do. */
static void
check_stopped(const HrCapture* s, double latency_s)
{
  int newest_none = 0;
  for (int col = s->cols; col-- > 0 && isnan(s->transport[col]);) {
    ++newest_none;
  }
  const double stopped  = 2.37 * RATE / 240.0;
  const double expected = stopped - latency_s * RATE / 240.0;
  hr_check(fabs(newest_none - expected) <= 3.0 && columns_in_bars(s, 9, 14) > 0,
           "stopped: the newest %d columns have no song time (%.0f expected: "
           "2.37 s less the latency), those before have",
           newest_none,
           expected);
}

/* Capture L holds bars 9..10 twice: A's columns there get L's last pass. */
static void
check_loop(const HrCapture* a, const HrCapture* l)
{
  HrAlignStats stats;
  HrCapture*   aligned = hr_capture_align(a, l, &stats);
  /* the second pass starts where song time jumps back */
  int jump = -1;
  for (int col = 1; col < l->cols; ++col) {
    if (l->transport[col] < l->transport[col - 1]) {
      jump = col;
    }
  }
  HrSongTimeKey* keys = (HrSongTimeKey*)malloc(sizeof *keys * l->cols);
  const int n_keys = keys ? hr_song_time_keys(l->transport, l->cols, keys) : 0;
  int       second = 0, both = 0;
  for (int col = 0; keys && col < a->cols; ++col) {
    const double t = a->transport[col];
    if (t >= BAR_FRAME(9) && t < BAR_FRAME(11)) {
      const int j = hr_song_time_find(keys, n_keys, t, l->column_frames);
      second += j >= jump && l->transport[j] == t;
      ++both;
    }
  }
  hr_check(aligned && jump > 0 && both == 800 && second == both,
           "loop: L jumps back at column %d; A's %d columns in bars 9..10 "
           "all take L's last pass at their own frame (%d)",
           jump,
           both,
           second);
  free(keys);
  hr_capture_free(aligned);
}

static void
test_takes(void)
{
  Song s;
  if (!song_open(&s)) {
    return;
  }
  play(&s, 48000, 700, 300.0, 0); /* no transport yet */
  send_position(&s, BAR_FRAME(7), 1.0);
  play(&s, (long)(BAR_FRAME(13) + 0.5 * RATE - BAR_FRAME(7)), 512, 0.0, 0);
  HrCapture* a = hr_capture_from_view(&s.view, HR_CHANNEL_LEFT);
  send_position(&s, s.frame, 0.0); /* stop */
  play(&s, (long)(2.37 * RATE), 1000, 500.0, 0);
  HrCapture* stopped = hr_capture_from_view(&s.view, HR_CHANNEL_LEFT);
  send_position(&s, BAR_FRAME(7), 1.0); /* relocate back, roll */
  play(&s, (long)(BAR_FRAME(13) + 1.23 * RATE - BAR_FRAME(7)), 1000, 0.0, 1);
  HrCapture* b = hr_capture_from_view(&s.view, HR_CHANNEL_LEFT);
  send_position(&s, BAR_FRAME(9), 1.0); /* loop bars 9..10 twice */
  play(&s, (long)(2 * BAR), 333, 0.0, 0);
  send_position(&s, BAR_FRAME(9), 1.0);
  play(&s, (long)(2 * BAR + 0.4 * RATE), 333, 0.0, 0);
  HrCapture* l = hr_capture_from_view(&s.view, HR_CHANNEL_LEFT);

  const double latency = s.view.config.latency;
  hr_check(s.bad == 0 && s.configs == 1 && s.view.stats.drops == 0 &&
             s.view.stats.bad == 0,
           "%d Config, every message read, no columns lost (%llu columns)",
           s.configs,
           (unsigned long long)s.view.stats.columns);
  if (a && b && stopped && l) {
    check_takes(a, b, latency);
    check_stopped(stopped, latency);
    check_loop(a, l);
  } else {
    hr_check(false, "captures A, S, B and L taken");
  }
  hr_capture_free(a);
  hr_capture_free(b);
  hr_capture_free(stopped);
  hr_capture_free(l);
  song_close(&s);
}

/* A host that sends no position: no song time, compared by seconds ago. */
static void
test_no_position(void)
{
  Song s;
  if (!song_open(&s)) {
    return;
  }
  s.speed = 1.0; /* the metronome plays, the plugin is not told */
  s.frame = BAR_FRAME(9);
  play(&s, (long)(2 * BAR), 512, 0.0, 0);
  HrCapture* a = hr_capture_from_view(&s.view, HR_CHANNEL_LEFT);
  play(&s, (long)(0.5 * RATE), 512, 0.0, 0);
  HrCapture* b = hr_capture_from_view(&s.view, HR_CHANNEL_LEFT);
  hr_check(a && b && !hr_capture_has_song_time(a) &&
             !hr_capture_has_song_time(b) && !hr_capture_align(a, b, NULL) &&
             a->tempo.bpm == 0.0 && column_energy(a, a->cols - 40) >= 0.0,
           "no position from the host: captures have no song time and "
           "compare by seconds ago");
  hr_capture_free(a);
  hr_capture_free(b);
  song_close(&s);
}

int
main(void)
{
  test_takes();
  test_no_position();
  return hr_check_summary();
}
