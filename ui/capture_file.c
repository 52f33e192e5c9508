/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Capture files (declared in capture.h). Native byte order, checked by a
   marker; a header, each column's flags, then per column its cell count
   and (row, energy, points) triples: pictures are sparse; then the song
   time (HRCAP003): transport frames per column, the tempo grid (bpm,
   beats per bar, origin) and each column's transport frame (NaN: none).
   The first format, HRCAP001, had (row, energy) pairs, the second,
   HRCAP002, no song time; both are still read. Written
   to a temporary file renamed into place; read back with every value
   checked. */

#include "capture.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char k_magic[8] = { 'H', 'R', 'C', 'A', 'P', '0', '0', '3' };
static const char k_magic_points[8] = {
  'H', 'R', 'C', 'A', 'P', '0', '0', '2'
};
static const char k_magic_energies[8] = {
  'H', 'R', 'C', 'A', 'P', '0', '0', '1'
};
static const uint32_t k_order = 0x01020304u;

typedef struct {
  char     magic[8];
  uint32_t order;
  int32_t  rows;
  int32_t  cols;
  int32_t  channel;
  int32_t  log_scale;
  int32_t  reserved;
  double   f_top_hz;
  double   rows_per_octave;
  double   hz_per_row;
  double   col_seconds;
  double   t_start_s;
  int64_t  taken;
  char     info[HR_CAPTURE_INFO_SIZE];
} Header;

/* A cell worth writing: some energy or some points. */
static int
is_cell(const HrCapture* c, size_t index)
{
  return c->cells[index] > 0.0f || c->hits[index] > 0.0f;
}

static int
write_column(FILE* file, const HrCapture* c, int col)
{
  int32_t count = 0;
  for (int row = 0; row < c->rows; ++row) {
    count += is_cell(c, (size_t)row * c->cols + col);
  }
  if (fwrite(&count, sizeof count, 1, file) != 1) {
    return -1;
  }
  for (int32_t row = 0; row < c->rows; ++row) {
    const size_t index = (size_t)row * c->cols + col;
    if (is_cell(c, index) &&
        (fwrite(&row, sizeof row, 1, file) != 1 ||
         fwrite(&c->cells[index], sizeof(float), 1, file) != 1 ||
         fwrite(&c->hits[index], sizeof(float), 1, file) != 1)) {
      return -1;
    }
  }
  return 0;
}

static int
write_all(FILE* file, const HrCapture* c)
{
  Header h;
  memset(&h, 0, sizeof h);
  memcpy(h.magic, k_magic, sizeof h.magic);
  h.order           = k_order;
  h.rows            = c->rows;
  h.cols            = c->cols;
  h.channel         = c->channel;
  h.log_scale       = c->axis.log_scale;
  h.f_top_hz        = c->axis.f_top_hz;
  h.rows_per_octave = c->axis.rows_per_octave;
  h.hz_per_row      = c->axis.hz_per_row;
  h.col_seconds     = c->col_seconds;
  h.t_start_s       = c->t_start_s;
  h.taken           = c->taken;
  memcpy(h.info, c->info, sizeof h.info);
  h.info[sizeof h.info - 1] = '\0';
  if (fwrite(&h, sizeof h, 1, file) != 1 ||
      fwrite(c->flags, 1, (size_t)c->cols, file) != (size_t)c->cols) {
    return -1;
  }
  for (int col = 0; col < c->cols; ++col) {
    if (write_column(file, c, col) != 0) {
      return -1;
    }
  }
  const double song[4] = {
    c->column_frames, c->tempo.bpm, c->tempo.beats_per_bar, c->tempo.origin
  };
  if (fwrite(song, sizeof(double), 4, file) != 4 ||
      fwrite(c->transport, sizeof(double), (size_t)c->cols, file) !=
        (size_t)c->cols) {
    return -1;
  }
  return 0;
}

int
hr_capture_save(const HrCapture* capture,
                const char*      path,
                char*            error,
                size_t           error_size)
{
  char temp[4096];
  if (snprintf(temp, sizeof temp, "%s.tmp-%ld", path, (long)getpid()) >=
      (int)sizeof temp) {
    snprintf(error, error_size, "path too long: %s", path);
    return -1;
  }
  FILE* file = fopen(temp, "wb");
  if (!file) {
    snprintf(error, error_size, "cannot write %s: %s", temp, strerror(errno));
    return -1;
  }
  const int failed = write_all(file, capture) != 0;
  const int closed = fclose(file) == 0;
  if (failed || !closed || rename(temp, path) != 0) {
    snprintf(error, error_size, "cannot write %s: %s", path, strerror(errno));
    remove(temp);
    return -1;
  }
  return 0;
}

static int
header_ok(const Header* h)
{
  HrFreqAxis axis;
  axis.log_scale       = h->log_scale;
  axis.f_top_hz        = h->f_top_hz;
  axis.rows_per_octave = h->rows_per_octave;
  axis.hz_per_row      = h->hz_per_row;
  return (!memcmp(h->magic, k_magic, sizeof k_magic) ||
          !memcmp(h->magic, k_magic_points, sizeof k_magic) ||
          !memcmp(h->magic, k_magic_energies, sizeof k_magic)) &&
         h->order == k_order && h->rows >= 1 && h->cols >= 1 &&
         (int64_t)h->rows * h->cols <= (int64_t)HR_CAPTURE_MAX_CELLS &&
         h->channel >= 0 && h->channel < HR_N_CHANNELS &&
         (h->log_scale == 0 || h->log_scale == 1) &&
         hr_freq_axis_valid(&axis) && isfinite(h->col_seconds) &&
         h->col_seconds > 0.0 && isfinite(h->t_start_s);
}

/* 1 if `value` is finite and >= 0. */
static int
is_level(float value)
{
  return value >= 0.0f && isfinite(value);
}

/* Read column `col`: its count, then rising rows, energies >= 0 and, if
   `with_hits`, points >= 0. */
static int
read_column(FILE* file, HrCapture* c, int col, int with_hits)
{
  int32_t count = 0;
  int32_t last  = -1;
  if (fread(&count, sizeof count, 1, file) != 1 || count < 0 ||
      count > c->rows) {
    return -1;
  }
  for (int32_t k = 0; k < count; ++k) {
    int32_t row    = 0;
    float   energy = 0.0f;
    float   hits   = 0.0f;
    if (fread(&row, sizeof row, 1, file) != 1 ||
        fread(&energy, sizeof energy, 1, file) != 1 ||
        (with_hits && fread(&hits, sizeof hits, 1, file) != 1) || row <= last ||
        row >= c->rows || !is_level(energy) || !is_level(hits)) {
      return -1;
    }
    /* -0 is stored as +0: the writer leaves out empty cells, so a -0
       read here would come back as +0 from the capture saved again. */
    c->cells[(size_t)row * c->cols + col] = energy == 0.0f ? 0.0f : energy;
    c->hits[(size_t)row * c->cols + col]  = hits == 0.0f ? 0.0f : hits;
    last                                  = row;
  }
  return 0;
}

/* The song time after the columns: sizes >= 0, a tempo whole or none,
   frames NaN or finite. */
static int
read_song_time(FILE* file, HrCapture* c)
{
  double song[4];
  if (fread(song, sizeof(double), 4, file) != 4 ||
      fread(c->transport, sizeof(double), (size_t)c->cols, file) !=
        (size_t)c->cols ||
      !(isfinite(song[0]) && song[0] >= 0.0)) {
    return -1;
  }
  const int no_tempo = song[1] == 0.0 && song[2] == 0.0 && song[3] == 0.0;
  const int tempo = isfinite(song[1]) && song[1] > 0.0 && isfinite(song[2]) &&
                    song[2] > 0.0 && isfinite(song[3]);
  if (!no_tempo && !tempo) {
    return -1;
  }
  for (int col = 0; col < c->cols; ++col) {
    if (isinf(c->transport[col])) {
      return -1;
    }
  }
  c->column_frames       = song[0];
  c->tempo.bpm           = song[1];
  c->tempo.beats_per_bar = song[2];
  c->tempo.origin        = song[3];
  return 0;
}

static HrCapture*
read_all(FILE* file)
{
  Header h;
  if (fread(&h, sizeof h, 1, file) != 1 || !header_ok(&h)) {
    return NULL;
  }
  HrCapture* c = hr_capture_new(h.rows, h.cols);
  if (!c) {
    return NULL;
  }
  c->channel              = h.channel;
  c->axis.log_scale       = h.log_scale;
  c->axis.f_top_hz        = h.f_top_hz;
  c->axis.rows_per_octave = h.rows_per_octave;
  c->axis.hz_per_row      = h.hz_per_row;
  c->col_seconds          = h.col_seconds;
  c->t_start_s            = h.t_start_s;
  c->taken                = h.taken;
  memcpy(c->info, h.info, sizeof c->info);
  c->info[sizeof c->info - 1] = '\0';
  const int with_song         = !memcmp(h.magic, k_magic, sizeof k_magic);
  const int with_hits =
    with_song || !memcmp(h.magic, k_magic_points, sizeof k_magic);
  int ok = fread(c->flags, 1, (size_t)c->cols, file) == (size_t)c->cols;
  for (int col = 0; ok && col < c->cols; ++col) {
    ok = read_column(file, c, col, with_hits) == 0 && c->flags[col] <= 3;
  }
  if (ok && with_song) {
    ok = read_song_time(file, c) == 0;
  }
  if (!ok || fgetc(file) != EOF) {
    hr_capture_free(c);
    return NULL;
  }
  return c;
}

HrCapture*
hr_capture_load(const char* path, char* error, size_t error_size)
{
  FILE* file = fopen(path, "rb");
  if (!file) {
    snprintf(error, error_size, "cannot open %s: %s", path, strerror(errno));
    return NULL;
  }
  HrCapture* capture = read_all(file);
  fclose(file);
  if (!capture) {
    snprintf(error, error_size, "%s is not a hyperres capture", path);
  }
  return capture;
}
