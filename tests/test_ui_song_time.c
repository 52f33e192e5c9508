/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Song time in the UI's logic (ui/song_time.c, ui/capture_align.c, the
   view, capture files): Columns with transport frames reach the captures,
   files keep them and older files load without, B is laid onto A at the
   same transport frames (its last pass where it holds one twice), and
   captures without song time are not aligned. The plugin's side, end to
   end: test_plugin_song_time. */

#undef NDEBUG

#include "tests/kit/check.h"
#include "ui/capture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { COLS = 100, FRAMES = 48 }; /* 0.1 s of 1 ms columns at 48 kHz */

static HrConfigMsg
config(void)
{
  HrConfigMsg c;
  memset(&c, 0, sizeof c);
  c.version         = HR_PROTOCOL_VERSION;
  c.rate            = 48000.0;
  c.fmax            = 8000.0;
  c.fmin            = 500.0;
  c.rows            = 49;
  c.rows_per_octave = 12.0;
  c.q               = 2.0;
  c.over            = 2;
  c.lint            = 0.5;
  c.column_samples  = FRAMES;
  c.column_seconds  = 0.001;
  c.channel_mask    = 1 << HR_CHANNEL_LEFT;
  return c;
}

/* Columns [first, first + n): column k has one cell at row k % 49 with
   energy 1 + k, and transport frame frame0 + FRAMES * k (NaN if
   frame0 is NaN). */
static void
feed(HrView* view, int64_t first, int n, double frame0)
{
  int32_t counts[COLS], rows[COLS];
  float   energies[COLS], hits[COLS];
  double  frames[COLS];
  for (int k = 0; k < n; ++k) {
    counts[k]   = 1;
    rows[k]     = (int32_t)((first + k) % 49);
    energies[k] = 1.0f + (float)(first + k);
    hits[k]     = 1.0f;
    frames[k]   = frame0 + FRAMES * k;
  }
  HrColumnsMsg m = { HR_CHANNEL_LEFT,
                     first,
                     49,
                     0,
                     (uint32_t)n,
                     (uint32_t)n,
                     counts,
                     rows,
                     energies,
                     hits,
                     isnan(frame0) ? NULL : frames,
                     isnan(frame0) ? 0.0 : 120.0,
                     isnan(frame0) ? 0.0 : 4.0,
                     0.0 };
  hr_view_add(view, &m);
}

/* A capture of COLS columns from column `first`, song time from frame0. */
static HrCapture*
take(int64_t first, double frame0)
{
  HrView view;
  hr_view_init(&view, 0.1);
  HrConfigMsg c = config();
  hr_view_set_config(&view, &c);
  feed(&view, first, COLS, frame0);
  HrCapture* capture = hr_capture_from_view(&view, HR_CHANNEL_LEFT);
  hr_view_clear(&view);
  return capture;
}

static void
test_capture_keeps_song_time(void)
{
  HrCapture* a = take(0, 96000.0);
  hr_check(a && a->cols == COLS && a->transport[0] == 96000.0 &&
             a->transport[COLS - 1] == 96000.0 + FRAMES * (COLS - 1) &&
             a->column_frames == FRAMES && a->tempo.bpm == 120.0 &&
             a->tempo.beats_per_bar == 4.0,
           "a capture keeps each column's transport frame and the tempo");
  char text[32];
  hr_song_time_text(&a->tempo, 96000.0, 48000.0, text, sizeof text);
  hr_check(!strcmp(text, "bar 2 beat 1.00"), "96000 at 120 bpm: '%s'", text);
  const HrTempoGrid none = { 0.0, 0.0, 0.0 };
  hr_song_time_text(&none, 72000.0, 48000.0, text, sizeof text);
  hr_check(!strcmp(text, "1.500 s song"), "without a tempo: '%s'", text);

  char path[64];
  char error[256] = "";
  snprintf(path, sizeof path, "/tmp/hr_test_song_%ld.hrcap", (long)getpid());
  HrCapture* b = a && hr_capture_save(a, path, error, sizeof error) == 0
                   ? hr_capture_load(path, error, sizeof error)
                   : NULL;
  hr_check(b && !memcmp(b->transport, a->transport, sizeof(double) * COLS) &&
             b->column_frames == a->column_frames && b->tempo.bpm == 120.0,
           "song time read back from a capture file bit for bit");
  /* the second format: its marker, no song time after the columns */
  FILE*      file = fopen(path, "r+b");
  long       size = -1;
  const long song = (long)(sizeof(double) * (4 + COLS));
  if (file && fseek(file, 7, SEEK_SET) == 0 && fputc('2', file) != EOF &&
      fseek(file, 0, SEEK_END) == 0) {
    size = ftell(file);
  }
  if (file) {
    fclose(file);
  }
  HrCapture* old = size > song && truncate(path, size - song) == 0
                     ? hr_capture_load(path, error, sizeof error)
                     : NULL;
  hr_check(old && !hr_capture_has_song_time(old) && old->tempo.bpm == 0.0 &&
             !memcmp(old->cells, a->cells, sizeof(float) * 49 * COLS),
           "a capture file of the second format loads, without song time");
  double start = 0.0;
  hr_check(a && hr_capture_song_start(a, &start) == 0 && start == 2.0 && old &&
             hr_capture_song_start(old, &start) == -1,
           "a straight run of song time starts the time axis at 2 s; none "
           "without song time");
  if (a) {
    a->transport[60] -= 96000.0; /* a relocation: no single run */
  }
  hr_check(a && hr_capture_song_start(a, &start) == -1,
           "a capture with a jump in song time keeps the seconds-ago axis");
  remove(path);
  hr_capture_free(old);
  hr_capture_free(b);
  hr_capture_free(a);
}

/* Column `col` of `c` equals column `from` of `src`. */
static bool
same_column(const HrCapture* c, int col, const HrCapture* src, int from)
{
  for (int row = 0; row < c->rows; ++row) {
    if (c->cells[(size_t)row * c->cols + col] !=
        src->cells[(size_t)row * src->cols + from]) {
      return false;
    }
  }
  return c->flags[col] == src->flags[from];
}

static void
test_align(void)
{
  /* A: song frames 96000.. ; B: other column numbers (other wall-clock
     time), song frames from 96000 + 30 columns, so B's column j is at
     A's column j + 30. */
  HrCapture*   a = take(1000, 96000.0);
  HrCapture*   b = take(5000, 96000.0 + 30 * FRAMES);
  HrAlignStats stats;
  HrCapture*   aligned = a && b ? hr_capture_align(a, b, &stats) : NULL;
  bool         ok      = aligned != NULL;
  for (int i = 0; ok && i < COLS; ++i) {
    ok = i < 30 ? aligned->flags[i] == 0 : same_column(aligned, i, b, i - 30);
  }
  hr_check(ok && stats.matched == COLS - 30 && stats.max_shift == 30,
           "B laid onto A at the same transport frames (%d matched, shift "
           "%d), empty where B has none",
           stats.matched,
           stats.max_shift);
  hr_capture_free(aligned);

  /* within half a column still matches, beyond it not */
  for (int j = 0; b && j < COLS; ++j) {
    b->transport[j] += 0.49 * FRAMES;
  }
  aligned = a && b ? hr_capture_align(a, b, &stats) : NULL;
  hr_check(aligned && stats.matched == COLS - 30,
           "0.49 column off: still matched");
  hr_capture_free(aligned);
  for (int j = 0; b && j < COLS; ++j) {
    b->transport[j] += 0.02 * FRAMES;
  }
  aligned = a && b ? hr_capture_align(a, b, &stats) : NULL;
  hr_check(aligned && stats.matched == COLS - 31,
           "0.51 column off: the next column matches");
  hr_capture_free(aligned);

  /* a loop in B: its columns 50.. play A's frames of columns 0.. again */
  for (int j = 0; b && j < COLS; ++j) {
    b->transport[j] = 96000.0 + FRAMES * (j < 50 ? j : j - 50);
  }
  aligned = a && b ? hr_capture_align(a, b, &stats) : NULL;
  ok      = aligned != NULL;
  for (int i = 0; ok && i < COLS; ++i) {
    ok = i < 50 ? same_column(aligned, i, b, i + 50) : aligned->flags[i] == 0;
  }
  hr_check(ok && stats.matched == 50,
           "B looped: A's columns get B's last pass over their frames");
  hr_capture_free(aligned);

  /* stopped (no frames) in part of A: those columns get nothing */
  for (int i = 0; a && i < 10; ++i) {
    a->transport[i] = NAN;
  }
  aligned = a && b ? hr_capture_align(a, b, &stats) : NULL;
  hr_check(aligned && stats.a_timed == COLS - 10 && aligned->flags[5] == 0 &&
             stats.matched == 40,
           "A's columns without song time (stopped) get nothing of B");
  hr_capture_free(aligned);

  /* no song time: seconds ago */
  HrCapture* plain = take(0, NAN);
  hr_check(plain && a && !hr_capture_has_song_time(plain) &&
             !hr_capture_align(a, plain, NULL) &&
             !hr_capture_align(plain, a, NULL),
           "a capture without song time is not aligned (seconds ago)");
  hr_capture_free(plain);
  hr_capture_free(a);
  hr_capture_free(b);
}

int
main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  test_capture_keeps_song_time();
  test_align();
  return hr_check_summary();
}
