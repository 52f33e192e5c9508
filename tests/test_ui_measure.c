/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Measuring a sound in a box (ui/measure.h), without X: a synthetic tone
   burst (1 kHz, 0.5 s, starting 1.4 s before the newest column, with
   faint onset and release columns 25 dB and more below it and a faint
   noise floor) in a ring of 2 ms slots; a box around it reads out the
   burst's start, duration, frequency (note and cents), level and energy;
   a box beside it only the faint floor, one over silence nothing; corners in
   any order make one box. */

#include "tests/kit/check.h"
#include "ui/measure.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  ROWS_PER_OCTAVE = 36,
  SLOTS           = 1000, /* slot 1000 is "now" */
  BURST_FIRST     = 300,
  BURST_SLOTS     = 250, /* 0.5 s */
};

static const double     k_slot_s = 0.002;
static const double     k_hz     = 1000.0;
static const double     k_db     = -12.0;
static const HrFreqAxis k_axis   = { 1, 20000.0, ROWS_PER_OCTAVE, 0.0 };

static int
n_rows(void)
{
  return (int)ceil(ROWS_PER_OCTAVE * log2(20000.0 / 50.0)) + 1;
}

static double
row_of(double hz)
{
  return ROWS_PER_OCTAVE * log2(20000.0 / hz);
}

/* Column `s`: the burst at `db` (if any), and a faint
   cell every 17 rows; returns the cells' energy added to *sum when the
   row lies in [rb, re). */
static void
add_column(HrRing* ring, int64_t s, double db, int rb, int re, double* sum)
{
  int32_t      rows[400];
  float        energy[400];
  int          n      = 0;
  const int    total  = n_rows();
  const double centre = row_of(k_hz);
  for (int r = 0; r < total; ++r) {
    /* The tone's energy shared by the two rows around its frequency, in
       proportion to how near it lies (as reassignment puts it). */
    double       e    = 0.0;
    const double near = 1.0 - fabs(r - centre);
    if (isfinite(db) && near > 0.0) {
      e = near * pow(10.0, db / 10.0);
    }
    if ((r + s) % 17 == 0 && s < 900) {
      e += 1e-10;
    }
    if (e > 0.0) {
      rows[n]   = r;
      energy[n] = (float)e;
      if (r >= rb && r < re) {
        *sum += energy[n];
      }
      ++n;
    }
  }
  hr_ring_add(ring, s, n, rows, energy, NULL);
}

static double
burst_db(int64_t s)
{
  if (s >= BURST_FIRST && s < BURST_FIRST + BURST_SLOTS) {
    return k_db;
  }
  if (s == BURST_FIRST - 1 || s == BURST_FIRST + BURST_SLOTS) {
    return k_db - 25.0; /* onset and release, below the sound's 20 dB */
  }
  if (s == BURST_FIRST - 2 || s == BURST_FIRST + BURST_SLOTS + 1) {
    return k_db - 40.0;
  }
  return -INFINITY;
}

int
main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  HrRing* ring = hr_ring_new(n_rows(), SLOTS + 10, 1);
  if (!ring) {
    hr_check(false, "memory");
    return hr_check_summary();
  }
  const HrBox box = hr_box_make(650, 200, 190, 110); /* corners reversed */
  double      sum = 0.0;
  for (int64_t s = 0; s < SLOTS; ++s) {
    double ignored = 0.0;
    add_column(ring,
               s,
               burst_db(s),
               box.row_begin,
               box.row_end,
               s >= box.slot_begin && s < box.slot_end ? &sum : &ignored);
  }
  hr_check(box.slot_begin == 200 && box.slot_end == 651 &&
             box.row_begin == 110 && box.row_end == 191,
           "a box dragged either way has its corners in order");

  HrMeasure m;
  char      text[256];
  hr_measure(ring, &k_axis, k_slot_s, SLOTS, &box, &m);
  hr_measure_text(&m, text, sizeof text);
  printf("measure: %s\n", text);
  printf("measure: burst 1000 Hz at %.3f s for %.3f s, %.1f dB; box energy "
         "%.2f dB\n",
         (BURST_FIRST - SLOTS) * k_slot_s,
         BURST_SLOTS * k_slot_s,
         k_db,
         10.0 * log10(sum));
  hr_check(m.found && fabs(m.start_s - (BURST_FIRST - SLOTS) * k_slot_s) < 1e-9,
           "the sound starts where the burst does (-1.400 s)");
  hr_check(fabs(m.duration_s - BURST_SLOTS * k_slot_s) < 1e-9,
           "its duration is the burst's (0.500 s); faint onset and release "
           "columns are not the sound");
  hr_check(fabs(1200.0 * log2(m.peak_hz / k_hz)) < 5.0 &&
             !strcmp(m.note, "B5") && fabs(m.cents - 21.3) < 5.0,
           "its peak frequency is the burst's: 1000 Hz, B5 +21 cents");
  hr_check(fabs(m.peak_db - k_db) < 0.01, "its level is the burst's (-12 dB)");
  hr_check(fabs(m.energy_db - 10.0 * log10(sum)) < 0.01,
           "the energy in the box is the sum of its cells' energies");
  hr_check(m.high_hz > m.low_hz && m.low_hz < k_hz && m.high_hz > k_hz &&
             fabs(m.box_seconds - 451 * k_slot_s) < 1e-9,
           "the box's band holds 1 kHz; its width is its slots");

  const HrBox beside = hr_box_make(700, 890, 110, 190);
  hr_measure(ring, &k_axis, k_slot_s, SLOTS, &beside, &m);
  hr_check(m.found && m.peak_db < -90.0,
           "a box beside the burst finds only the faint floor");
  const HrBox empty = hr_box_make(910, 990, 0, 300);
  hr_measure(ring, &k_axis, k_slot_s, SLOTS, &empty, &m);
  hr_measure_text(&m, text, sizeof text);
  hr_check(!m.found && strstr(text, "nothing") != NULL,
           "a box over silence finds nothing, and says so");
  hr_ring_free(ring);
  return hr_check_summary();
}
