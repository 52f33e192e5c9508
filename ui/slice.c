/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "slice.h"

#include "view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
hr_slice_resize(HrSlice* slice, int rows)
{
  if (rows == slice->rows && slice->db) {
    return 0;
  }
  hr_slice_free(slice);
  if (rows < 1) {
    return -1;
  }
  slice->db   = (float*)malloc((size_t)rows * sizeof(float));
  slice->hold = (float*)malloc((size_t)rows * sizeof(float));
  if (!slice->db || !slice->hold) {
    hr_slice_free(slice);
    return -1;
  }
  slice->rows = rows;
  for (int r = 0; r < rows; ++r) {
    slice->db[r] = slice->hold[r] = -INFINITY;
  }
  return 0;
}

void
hr_slice_free(HrSlice* slice)
{
  free(slice->db);
  free(slice->hold);
  memset(slice, 0, sizeof *slice);
}

void
hr_slice_set(HrSlice* slice, const float* energies, double dt_s)
{
  const float fall = (float)(HR_SLICE_HOLD_FALL_DB_S *
                             (dt_s > 0.0 && isfinite(dt_s) ? dt_s : 0.0));
  for (int r = 0; r < slice->rows; ++r) {
    const float e  = energies ? energies[r] : 0.0f;
    const float db = e > 0.0f && isfinite(e) ? 10.0f * log10f(e) : -INFINITY;
    const float fallen = slice->hold[r] - fall;
    slice->db[r]       = db;
    slice->hold[r]     = db > fallen ? db : fallen;
  }
  slice->have = energies != NULL;
}

void
hr_slice_reset_hold(HrSlice* slice)
{
  for (int r = 0; r < slice->rows; ++r) {
    slice->hold[r] = slice->db[r];
  }
}

/* The top of the parabola through rows r-1, r, r+1 (levels in dB), as
   an offset from r in -0.5 .. 0.5. */
static double
parabola_top(const float* db, int r, int rows)
{
  if (r < 1 || r + 1 >= rows || !isfinite(db[r - 1]) || !isfinite(db[r + 1])) {
    return 0.0;
  }
  const double a = db[r - 1], b = db[r], c = db[r + 1];
  const double bend = a - 2.0 * b + c;
  const double off  = bend < 0.0 ? 0.5 * (a - c) / bend : 0.0;
  return off < -0.5 ? -0.5 : off > 0.5 ? 0.5 : off;
}

static void
label_peak(HrSlicePeak* peak)
{
  HrReadout pitch;
  hr_readout_pitch(&pitch, peak->hz);
  if (peak->hz < 10000.0) {
    snprintf(peak->label,
             sizeof peak->label,
             "%.1f Hz  %s %+.0fc",
             peak->hz,
             pitch.note,
             pitch.cents);
  } else {
    snprintf(peak->label,
             sizeof peak->label,
             "%.2f kHz  %s %+.0fc",
             peak->hz / 1000.0,
             pitch.note,
             pitch.cents);
  }
}

int
hr_slice_peaks(const HrSlice*    slice,
               const HrFreqAxis* axis,
               int               begin,
               int               end,
               double            floor_db,
               HrSlicePeak*      peaks,
               int               max)
{
  int n = 0;
  begin = begin < 0 ? 0 : begin;
  end   = end > slice->rows ? slice->rows : end;
  for (int r = begin; slice->have && r < end; ++r) {
    const float v = slice->db[r];
    if (!(v >= floor_db) || (r > 0 && slice->db[r - 1] >= v) ||
        (r + 1 < slice->rows && slice->db[r + 1] > v)) {
      continue;
    }
    int at = n < max ? n++ : max;
    while (at > 0 && peaks[at - 1].db < v) { /* keep them loudest first */
      if (at < max) {
        peaks[at] = peaks[at - 1];
      }
      --at;
    }
    if (at < max) {
      HrSlicePeak* p   = &peaks[at];
      const double off = parabola_top(slice->db, r, slice->rows);
      p->row           = r + off;
      p->hz            = hr_freq_axis_hz(axis, p->row);
      p->db =
        off != 0.0 ? v - 0.25 * (slice->db[r - 1] - slice->db[r + 1]) * off : v;
      label_peak(p);
    }
  }
  return n;
}
