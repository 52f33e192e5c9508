/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Measuring a sound: a box dragged on a live picture (slots x rows) and
   what lies in it: the box's time span and band, the sound in it (the
   slots whose loudest cell is within HR_MEASURE_SOUND_DB of the box's
   loudest: its start and duration), its peak frequency (the centroid of
   the row of most energy summed over the box and its two neighbours)
   with note and cents, its level (the loudest cell with its two
   neighbouring rows: a tone between two rows shares its energy), and
   the energy of every cell in the box in dB. X-free. */

#ifndef HR_MEASURE_H
#define HR_MEASURE_H

#include "render/axes.h"
#include "col_ring.h"

#include <stddef.h>
#include <stdint.h>

/** How far below the loudest cell a slot still belongs to the sound. */
#define HR_MEASURE_SOUND_DB 20.0

/** A box: slots [slot_begin, slot_end) x rows [row_begin, row_end) of a
    ring (rows counted from the top of the Config's axis). */
typedef struct {
  int64_t slot_begin;
  int64_t slot_end;
  int     row_begin;
  int     row_end;
} HrBox;

/** What a box holds. Times in seconds on the picture's time axis. */
typedef struct {
  double box_start_s; /**< the box's left edge */
  double box_seconds; /**< its width */
  double low_hz;      /**< its band: the bottom row's lower edge */
  double high_hz;     /**< the top row's upper edge */
  int    found;       /**< 1 if any cell in it has energy */
  double start_s;     /**< the sound's first slot's start */
  double duration_s;  /**< from its first slot's start to its last's end */
  double peak_hz;     /**< its peak frequency */
  int    midi;        /**< nearest note of peak_hz, MIDI number */
  double cents;       /**< peak_hz from that note */
  char   note[8];     /**< its name, "B5" */
  double peak_db;     /**< the loudest cell and its neighbour rows, dB */
  double energy_db;   /**< 10 log10 of the energy of every cell */
} HrMeasure;

/** The box with corners in either order made proper (begin < end). */
HrBox
hr_box_make(int64_t slot_a, int64_t slot_b, int row_a, int row_b);

/** Measure `box` in `ring` (rows on `axis`), slots of `slot_seconds`,
    time 0 at slot `origin`. */
void
hr_measure(const HrRing*     ring,
           const HrFreqAxis* axis,
           double            slot_seconds,
           int64_t           origin,
           const HrBox*      box,
           HrMeasure*        measure);

/** The read-out in one line: "-3.250 s +0.500 s | 891-1122 Hz | peak
    1000.0 Hz B5 +21c -12.0 dB | energy 3.1 dB" (or "nothing" found). */
void
hr_measure_text(const HrMeasure* measure, char* text, size_t text_size);

#endif /* HR_MEASURE_H */
