/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Helper of tests/test_capture_export.py: a known capture in open formats.

     capture_export_sample export STEM   writes the capture with
       hr_capture_export() and, for the test to compare with, its cells and
       points as raw float32 (STEM_raw.f32: cells, then points), and
       prints its description
     capture_export_sample import STEM   reads STEM's files with
       hr_capture_import() and says whether they hold the known capture
       bit for bit (files numpy wrote from the export must too) */

#include "ui/capture_export.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ROWS = 120, COLS = 80 };

/* The known capture: a tone burst on row 40 (columns 20..49), a sparse
   pattern of faint cells, a lost column; song time: columns 0..59 at
   transport frames 96000 + 480 k (bar 2 at 120 bpm in 4/4, 48 kHz), the
   rest taken with the transport stopped. */
static HrCapture*
known_capture(void)
{
  HrCapture* c = hr_capture_new(ROWS, COLS);
  if (!c) {
    return NULL;
  }
  for (int r = 0; r < ROWS; ++r) {
    for (int col = 0; col < COLS; ++col) {
      const size_t i = (size_t)r * COLS + col;
      if (r == 40 && col >= 20 && col < 50) {
        c->cells[i] = 1e-3f * (float)(col + 1);
        c->hits[i]  = (float)(col % 9) + 0.5f;
      } else if ((r + col) % 7 == 0) {
        c->cells[i] = 1e-9f * (float)r;
        c->hits[i]  = (r % 3 == 0) ? 1.0f : 0.0f;
      }
    }
  }
  for (int col = 0; col < COLS; ++col) {
    c->flags[col]     = col == 10 ? 3 : 1;
    c->transport[col] = col < 60 ? 96000.0 + 480.0 * col : NAN;
  }
  c->column_frames        = 480.0;
  c->tempo.bpm            = 120.0;
  c->tempo.beats_per_bar  = 4.0;
  c->tempo.origin         = 0.0;
  c->channel              = 3;
  c->axis.log_scale       = 1;
  c->axis.f_top_hz        = 20000.0;
  c->axis.rows_per_octave = 12.0;
  c->col_seconds          = 0.01;
  c->t_start_s            = -0.8;
  c->taken                = 1796600000;
  snprintf(c->info, sizeof c->info, "q 2, step 10 ms, \"test\"");
  return c;
}

static int
same(const HrCapture* a, const HrCapture* b)
{
  const size_t n = (size_t)a->rows * a->cols;
  return a->rows == b->rows && a->cols == b->cols && a->channel == b->channel &&
         a->axis.log_scale == b->axis.log_scale &&
         a->axis.f_top_hz == b->axis.f_top_hz &&
         a->axis.rows_per_octave == b->axis.rows_per_octave &&
         a->col_seconds == b->col_seconds && a->t_start_s == b->t_start_s &&
         a->taken == b->taken && !strcmp(a->info, b->info) &&
         !memcmp(a->cells, b->cells, n * sizeof(float)) &&
         !memcmp(a->hits, b->hits, n * sizeof(float)) &&
         !memcmp(a->flags, b->flags, (size_t)a->cols) &&
         !memcmp(
           a->transport, b->transport, (size_t)a->cols * sizeof(double)) &&
         a->column_frames == b->column_frames && a->tempo.bpm == b->tempo.bpm &&
         a->tempo.beats_per_bar == b->tempo.beats_per_bar &&
         a->tempo.origin == b->tempo.origin;
}

static int export(const HrCapture* c, const char* stem)
{
  char error[4200];
  if (hr_capture_export(c, stem, error, sizeof error) != 0) {
    printf("HR FAIL %s\n", error);
    return 1;
  }
  char path[4200];
  snprintf(path, sizeof path, "%s_raw.f32", stem);
  FILE*        raw = fopen(path, "wb");
  const size_t n   = (size_t)c->rows * c->cols;
  if (!raw || fwrite(c->cells, sizeof(float), n, raw) != n ||
      fwrite(c->hits, sizeof(float), n, raw) != n || fclose(raw) != 0) {
    printf("HR FAIL cannot write %s\n", path);
    return 1;
  }
  printf("HR CAPTURE rows %d cols %d f_top %.17g rows_per_octave %.17g "
         "column_seconds %.17g t_start %.17g channel %d\n",
         c->rows,
         c->cols,
         c->axis.f_top_hz,
         c->axis.rows_per_octave,
         c->col_seconds,
         c->t_start_s,
         c->channel);
  return 0;
}

int
main(int argc, char** argv)
{
  if (argc != 3) {
    fprintf(stderr, "usage: %s export|import STEM\n", argv[0]);
    return 2;
  }
  HrCapture* known  = known_capture();
  int        status = 1;
  if (known && !strcmp(argv[1], "export")) {
    status = export(known, argv[2]);
  } else if (known && !strcmp(argv[1], "import")) {
    char       error[4200];
    HrCapture* back = hr_capture_import(argv[2], error, sizeof error);
    if (!back) {
      printf("HR FAIL %s\n", error);
    } else {
      status = same(known, back) ? 0 : 1;
      printf("HR IMPORT %s\n", status ? "DIFFERS" : "EQUAL");
    }
    hr_capture_free(back);
  }
  hr_capture_free(known);
  return status;
}
