/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Fuzzing the capture-file reader (ui/capture_file.c) the way the UI uses
   it: the UI reads captures back from the user's cache, where a file may
   be truncated, corrupted or hostile. An input is a whole file. Invariants:
   nothing read outside what the reader allocated (AddressSanitizer); a
   file the reader takes has sizes in range, energies and counts finite
   and >= 0, flags it knows, a terminated description, an axis the
   pictures accept; saved again and read back it is the same, bit for bit;
   and the UI's picture and read-out of it work. Seeds: captures of both
   formats from the writer (the first format, energies only, made from a
   second-format file as tests/test_ui_view.c does). */

#include "tests/kit/fuzz.h"

#include "ui/capture.h"
#include "render/render.h"
#include "ui/view.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char g_path[64];
static char g_again[64];

static void
setup(void)
{
  if (!g_path[0]) {
    snprintf(
      g_path, sizeof g_path, "/tmp/hr_fuzz_capture_%ld.hrcap", (long)getpid());
    snprintf(g_again,
             sizeof g_again,
             "/tmp/hr_fuzz_capture_%ld_again.hrcap",
             (long)getpid());
  }
}

static bool
write_file(const char* path, const uint8_t* data, size_t size)
{
  FILE* file = fopen(path, "wb");
  if (!file) {
    return false;
  }
  const bool ok = fwrite(data, 1, size, file) == size;
  return fclose(file) == 0 && ok;
}

static bool
levels_ok(const float* values, size_t n)
{
  for (size_t i = 0; i < n; ++i) {
    if (!(values[i] >= 0.0f) || !isfinite(values[i])) {
      return false;
    }
  }
  return true;
}

/* Song time: frames NaN or finite, a tempo whole or none. */
static bool
song_time_ok(const HrCapture* c)
{
  for (int col = 0; col < c->cols; ++col) {
    if (isinf(c->transport[col])) {
      return false;
    }
  }
  const HrTempoGrid* t = &c->tempo;
  return isfinite(c->column_frames) && c->column_frames >= 0.0 &&
         (t->bpm == 0.0
            ? t->beats_per_bar == 0.0 && t->origin == 0.0
            : isfinite(t->bpm) && t->bpm > 0.0 && isfinite(t->beats_per_bar) &&
                t->beats_per_bar > 0.0 && isfinite(t->origin));
}

static bool
capture_ok(const HrCapture* c)
{
  const size_t cells = (size_t)c->rows * (size_t)c->cols;
  bool         flags = true;
  for (int col = 0; col < c->cols; ++col) {
    flags = flags && c->flags[col] <= 3;
  }
  return c->rows >= 1 && c->cols >= 1 && cells <= HR_CAPTURE_MAX_CELLS &&
         c->channel >= 0 && c->channel < HR_N_CHANNELS && flags &&
         levels_ok(c->cells, cells) && levels_ok(c->hits, cells) &&
         memchr(c->info, '\0', sizeof c->info) &&
         hr_freq_axis_valid(&c->axis) && isfinite(c->col_seconds) &&
         c->col_seconds > 0.0 && isfinite(c->t_start_s) && song_time_ok(c);
}

static bool
same_capture(const HrCapture* a, const HrCapture* b)
{
  const size_t cells = (size_t)a->rows * (size_t)a->cols;
  return b && a->rows == b->rows && a->cols == b->cols &&
         a->channel == b->channel && a->taken == b->taken &&
         !memcmp(a->cells, b->cells, cells * sizeof(float)) &&
         !memcmp(a->hits, b->hits, cells * sizeof(float)) &&
         !memcmp(a->flags, b->flags, (size_t)a->cols) &&
         !memcmp(a->info, b->info, sizeof a->info) &&
         !memcmp(&a->axis, &b->axis, sizeof a->axis) &&
         !memcmp(&a->col_seconds, &b->col_seconds, sizeof(double)) &&
         !memcmp(&a->t_start_s, &b->t_start_s, sizeof(double)) &&
         !memcmp(
           a->transport, b->transport, (size_t)a->cols * sizeof(double)) &&
         !memcmp(&a->column_frames, &b->column_frames, sizeof(double)) &&
         !memcmp(&a->tempo, &b->tempo, sizeof a->tempo);
}

/* What the UI does with a capture it read: pictures of energies and of
   counts, a read-out in the middle. */
static void
show(const HrCapture* c)
{
  HrView view;
  hr_view_init(&view, 1.0);
  HrPicture picture;
  hr_capture_picture(c, &view, 0, &picture);
  hr_capture_picture(c, &view, 1, &picture);
  HrReadout readout;
  hr_capture_readout(c, &view, 200, 100, 100.0, 50.0, &readout);
  hr_view_clear(&view);
}

static int
target(const uint8_t* data, size_t size)
{
  setup();
  if (!write_file(g_path, data, size)) {
    return 0;
  }
  char       error[256] = "";
  HrCapture* c          = hr_capture_load(g_path, error, sizeof error);
  if (!c) {
    /* Refused: with a message. Outcomes by length, in 64-byte steps. */
    const size_t bucket = size / 64 < 30 ? size / 64 : 30;
    return error[0] ? (int)bucket : -1;
  }
  int result = -1;
  if (capture_ok(c)) {
    show(c);
    HrCapture* again = hr_capture_save(c, g_again, error, sizeof error) == 0
                         ? hr_capture_load(g_again, error, sizeof error)
                         : NULL;
    if (same_capture(c, again)) {
      result = 32 + (c->cols < 31 ? c->cols : 31);
    }
    hr_capture_free(again);
  }
  hr_capture_free(c);
  return result;
}

/* ---- seeds, from the writer ---- */

static void
add_file(void (*add)(const uint8_t* data, size_t size), size_t cut_end)
{
  FILE* file = fopen(g_path, "rb");
  if (!file) {
    return;
  }
  uint8_t      buf[65536];
  const size_t n = fread(buf, 1, sizeof buf, file);
  fclose(file);
  if (n > cut_end) {
    add(buf, n - cut_end);
  }
}

static void
seed(void (*add)(const uint8_t* data, size_t size))
{
  setup();
  static const int sizes[][2] = { { 1, 1 }, { 5, 3 }, { 40, 12 } };
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; ++s) {
    HrCapture* c = hr_capture_new(sizes[s][0], sizes[s][1]);
    if (!c) {
      continue;
    }
    c->axis.log_scale       = (int)(s != 1);
    c->axis.f_top_hz        = 20000.0;
    c->axis.rows_per_octave = 12.0;
    c->axis.hz_per_row      = 50.0;
    c->col_seconds          = 0.002;
    c->t_start_s            = -1.5;
    c->taken                = 1700000000 + (int64_t)s;
    c->channel              = (int)s % HR_N_CHANNELS;
    snprintf(c->info, sizeof c->info, "q 2, 108 rows/octave, seed %zu", s);
    c->column_frames = 96.0; /* song time: a bar of frames, one unknown */
    if (s != 0) {
      c->tempo.bpm           = 120.0;
      c->tempo.beats_per_bar = 4.0;
      c->tempo.origin        = -480.0;
    }
    for (int col = 0; col < c->cols; ++col) {
      c->transport[col] = col == 1 ? NAN : 96000.0 + 96.0 * col;
      c->flags[col]     = (uint8_t)(col % 4);
      for (int row = col % 3; row < c->rows; row += 4) {
        c->cells[(size_t)row * c->cols + col] = 1e-3f * (float)(row + 1);
        c->hits[(size_t)row * c->cols + col]  = (float)(col + 1);
      }
    }
    char error[256];
    /* the song time after the columns (HRCAP003) */
    const size_t song = 4 * sizeof(double) + (size_t)c->cols * sizeof(double);
    if (hr_capture_save(c, g_path, error, sizeof error) == 0) {
      add_file(add, 0);
      /* The second format: its magic, no song time. */
      FILE*      second = fopen(g_path, "r+b");
      const bool marked =
        second && fseek(second, 7, SEEK_SET) == 0 && fputc('2', second) != EOF;
      if (second && fclose(second) == 0 && marked) {
        add_file(add, song);
      }
      /* The first format: its magic and (row, energy) pairs; one cell,
         in the last column, so that cutting its points makes one. */
      const size_t cells = (size_t)c->rows * (size_t)c->cols;
      memset(c->cells, 0, cells * sizeof(float));
      memset(c->hits, 0, cells * sizeof(float));
      c->cells[c->cols - 1] = 0.25f;
      FILE*      file = hr_capture_save(c, g_path, error, sizeof error) == 0
                          ? fopen(g_path, "r+b")
                          : NULL;
      const bool first =
        file && fseek(file, 7, SEEK_SET) == 0 && fputc('1', file) != EOF;
      if (file && fclose(file) == 0 && first) {
        add_file(add, sizeof(float) + song);
      }
    }
    hr_capture_free(c);
  }
}

static const HrFuzzer fuzzer = { "capture", target, seed, 16384, 15.0 };

const HrFuzzer*
hr_fuzzer(void)
{
  return &fuzzer;
}
