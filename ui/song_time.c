/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "song_time.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int
hr_tempo_bar_beat(const HrTempoGrid* grid,
                  double             frame,
                  double             rate,
                  int*               bar,
                  double*            beat)
{
  if (!(grid->bpm > 0.0) || !(grid->beats_per_bar > 0.0) || !(rate > 0.0) ||
      !isfinite(frame)) {
    return -1;
  }
  const double beats = (frame - grid->origin) * grid->bpm / (60.0 * rate);
  const double bars  = floor(beats / grid->beats_per_bar);
  if (!(fabs(bars) < 1e9)) {
    return -1;
  }
  *bar  = (int)bars + 1;
  *beat = beats - bars * grid->beats_per_bar + 1.0;
  return 0;
}

void
hr_song_time_text(const HrTempoGrid* grid,
                  double             frame,
                  double             rate,
                  char*              text,
                  size_t             size)
{
  int    bar  = 0;
  double beat = 0.0;
  if (!isfinite(frame) || !(rate > 0.0)) {
    snprintf(text, size, "%s", "");
  } else if (hr_tempo_bar_beat(grid, frame, rate, &bar, &beat) == 0) {
    snprintf(text, size, "bar %d beat %.2f", bar, beat);
  } else {
    snprintf(text, size, "%.3f s song", frame / rate);
  }
}

static int
by_frame(const void* pa, const void* pb)
{
  const HrSongTimeKey* a = (const HrSongTimeKey*)pa;
  const HrSongTimeKey* b = (const HrSongTimeKey*)pb;
  return a->frame < b->frame   ? -1
         : a->frame > b->frame ? 1
                               : (a->col > b->col) - (a->col < b->col);
}

int
hr_song_time_keys(const double* frames, int n, HrSongTimeKey* keys)
{
  int count = 0;
  for (int j = 0; j < n; ++j) {
    if (isfinite(frames[j])) {
      keys[count].frame = frames[j];
      keys[count].col   = j;
      ++count;
    }
  }
  qsort(keys, (size_t)count, sizeof *keys, by_frame);
  return count;
}

int
hr_song_time_find(const HrSongTimeKey* keys,
                  int                  n_keys,
                  double               frame,
                  double               column_frames)
{
  const double half = 0.5 * column_frames;
  if (!isfinite(frame) || !(half > 0.0)) {
    return -1;
  }
  int lo = 0; /* first key with a frame >= frame - half */
  int hi = n_keys;
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (keys[mid].frame < frame - half) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  int found = -1;
  for (int k = lo; k < n_keys && keys[k].frame < frame + half; ++k) {
    found = keys[k].col > found ? keys[k].col : found; /* the last pass */
  }
  return found;
}
