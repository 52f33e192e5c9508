/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "measure.h"

#include "view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

HrBox
hr_box_make(int64_t slot_a, int64_t slot_b, int row_a, int row_b)
{
  HrBox box;
  box.slot_begin = slot_a < slot_b ? slot_a : slot_b;
  box.slot_end   = (slot_a < slot_b ? slot_b : slot_a) + 1;
  box.row_begin  = row_a < row_b ? row_a : row_b;
  box.row_end    = (row_a < row_b ? row_b : row_a) + 1;
  return box;
}

static double
to_db(double energy)
{
  return energy > 0.0 ? 10.0 * log10(energy) : -INFINITY;
}

/* The energy of a column's peak at row r: the row and its neighbours (a
   tone's energy is shared by the rows around its frequency). */
static double
peak_energy(const float* column, int r, int rows)
{
  double sum = 0.0;
  for (int k = r - 1; k <= r + 1; ++k) {
    sum += k >= 0 && k < rows ? column[k] : 0.0f;
  }
  return sum;
}

/* The loudest cell of the box (dB) into *loudest, its peak's level into
   *level, and the energy per row summed over the box into `rows` (box
   rows); the total energy. */
static double
scan(const HrRing* ring,
     const HrBox*  box,
     double*       rows,
     double*       loudest,
     double*       level)
{
  double total = 0.0;
  *loudest     = -INFINITY;
  *level       = -INFINITY;
  for (int64_t s = box->slot_begin; s < box->slot_end; ++s) {
    const float* column = hr_ring_column(ring, s);
    for (int r = box->row_begin; column && r < box->row_end; ++r) {
      const double e = column[r];
      rows[r - box->row_begin] += e;
      total += e;
      if (to_db(e) > *loudest) {
        *loudest = to_db(e);
        *level   = to_db(peak_energy(column, r, ring->rows));
      }
    }
  }
  return total;
}

/* The fractional row (box rows) of the most energy: the centroid of
   the loudest row and its neighbours (their energies summed over the
   box). */
static double
peak_row(const double* rows, int n)
{
  int best = 0;
  for (int r = 1; r < n; ++r) {
    best = rows[r] > rows[best] ? r : best;
  }
  double sum = 0.0, moment = 0.0;
  for (int r = best - 1; r <= best + 1; ++r) {
    if (r >= 0 && r < n) {
      sum += rows[r];
      moment += r * rows[r];
    }
  }
  return sum > 0.0 ? moment / sum : best;
}

/* The first and one past the last slot whose loudest cell is within
   HR_MEASURE_SOUND_DB of `loudest`. */
static void
sound_slots(const HrRing* ring,
            const HrBox*  box,
            double        loudest,
            int64_t*      first,
            int64_t*      end)
{
  *first = -1;
  *end   = -1;
  for (int64_t s = box->slot_begin; s < box->slot_end; ++s) {
    const float* column = hr_ring_column(ring, s);
    double       level  = -INFINITY;
    for (int r = box->row_begin; column && r < box->row_end; ++r) {
      level = fmax(level, to_db(column[r]));
    }
    if (level >= loudest - HR_MEASURE_SOUND_DB) {
      *first = *first < 0 ? s : *first;
      *end   = s + 1;
    }
  }
}

void
hr_measure(const HrRing*     ring,
           const HrFreqAxis* axis,
           double            slot_seconds,
           int64_t           origin,
           const HrBox*      box_in,
           HrMeasure*        m)
{
  HrBox box     = *box_in;
  box.row_begin = box.row_begin < 0 ? 0 : box.row_begin;
  box.row_end   = box.row_end > ring->rows ? ring->rows : box.row_end;
  memset(m, 0, sizeof *m);
  m->box_start_s = (double)(box.slot_begin - origin) * slot_seconds;
  m->box_seconds = (double)(box.slot_end - box.slot_begin) * slot_seconds;
  m->high_hz     = hr_freq_axis_hz(axis, box.row_begin - 0.5);
  m->low_hz      = hr_freq_axis_hz(axis, box.row_end - 0.5);
  m->energy_db   = -INFINITY;
  m->peak_db     = -INFINITY;
  const int n    = box.row_end - box.row_begin;
  double*   rows = n > 0 ? (double*)calloc((size_t)n, sizeof(double)) : NULL;
  if (!rows) {
    return;
  }
  double       loudest = -INFINITY;
  double       level   = -INFINITY;
  const double total   = scan(ring, &box, rows, &loudest, &level);
  if (total > 0.0) {
    int64_t first = 0, end = 0;
    sound_slots(ring, &box, loudest, &first, &end);
    HrReadout pitch;
    hr_readout_pitch(&pitch,
                     hr_freq_axis_hz(axis, box.row_begin + peak_row(rows, n)));
    m->found      = 1;
    m->start_s    = (double)(first - origin) * slot_seconds;
    m->duration_s = (double)(end - first) * slot_seconds;
    m->peak_hz    = pitch.hz;
    m->midi       = pitch.midi;
    m->cents      = pitch.cents;
    memcpy(m->note, pitch.note, sizeof m->note);
    m->peak_db   = level;
    m->energy_db = to_db(total);
  }
  free(rows);
}

void
hr_measure_text(const HrMeasure* m, char* text, size_t text_size)
{
  if (!m->found) {
    snprintf(text,
             text_size,
             "%.3f s +%.3f s | %.0f-%.0f Hz | nothing",
             m->box_start_s,
             m->box_seconds,
             m->low_hz,
             m->high_hz);
    return;
  }
  snprintf(text,
           text_size,
           "%.3f s +%.3f s | %.0f-%.0f Hz | peak %.1f Hz %s %+.0fc %.1f dB | "
           "energy %.1f dB",
           m->start_s,
           m->duration_s,
           m->low_hz,
           m->high_hz,
           m->peak_hz,
           m->note,
           m->cents,
           m->peak_db,
           m->energy_db);
}
