/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Axis math for the picture: frequency <-> row <-> y, time -> x, and tick
   lists with labels (Hz, note names, seconds, dB). Pure math, no Cairo. */

#ifndef HR_AXES_H
#define HR_AXES_H

#include <stddef.h>

/** Most ticks in one HrTicks list. */
#define HR_TICKS_MAX 64

/** Bytes of a tick label, with its terminating zero. */
#define HR_TICK_LABEL_SIZE 16

/** How histogram rows map to frequency. Row r's centre is the frequency
    given here; row r covers rows r - 0.5 to r + 0.5. */
typedef struct {
  int    log_scale;       /**< 1: row r at f_top * 2^(-r / rows_per_octave) */
  double f_top_hz;        /**< centre frequency of row 0 (the top row) */
  double rows_per_octave; /**< log scale */
  double hz_per_row;      /**< linear scale: row r at f_top - r*hz_per_row */
} HrFreqAxis;

/** One tick: where (value in the axis' unit) and its label. */
typedef struct {
  double value;
  char   label[HR_TICK_LABEL_SIZE];
} HrTick;

/** A list of ticks, sorted by rising value. */
typedef struct {
  int    count;
  HrTick ticks[HR_TICKS_MAX];
} HrTicks;

/** How hr_ticks_linear() labels its ticks. */
typedef enum {
  HR_TICK_DECIMAL = 0, /**< as many decimals as the step needs: "0.5" */
  HR_TICK_HZ      = 1  /**< Hz with k for thousands: "500", "1k", "2.5k" */
} HrTickFormat;

/** 1 if `axis` describes a usable mapping (positive, finite numbers). */
int
hr_freq_axis_valid(const HrFreqAxis* axis);

/** The fractional row whose centre is at `hz` (row 0 = top). NaN if the
    axis is not valid or, on a log axis, hz <= 0. */
double
hr_freq_axis_row(const HrFreqAxis* axis, double hz);

/** The frequency at the fractional row `row` (inverse of the above). */
double
hr_freq_axis_hz(const HrFreqAxis* axis, double row);

/** Frequencies at the outer edges of `rows` rows: the bottom edge of the
    last row (`low_hz`, at least 0) and the top edge of row 0 (`high_hz`). */
void
hr_freq_axis_range(const HrFreqAxis* axis,
                   int               rows,
                   double*           low_hz,
                   double*           high_hz);

/** The y of `hz` in a plot of `rows` rows drawn from y = top (row 0's top
    edge) down to top + height: top + (row + 0.5) * height / rows. */
double
hr_freq_axis_y(const HrFreqAxis* axis,
               int               rows,
               double            top,
               double            height,
               double            hz);

/** The x of time `t_s` in a plot of `cols` columns of `col_seconds` each,
    column 0's left edge at time `t_start_s` and at x = left. */
double
hr_time_axis_x(double t_start_s,
               double col_seconds,
               int    cols,
               double left,
               double width,
               double t_s);

/** Write `hz` as a label: "50", "440", "1k", "2.5k", "12k". */
void
hr_format_hz(char* text, size_t text_size, double hz);

/** Write `value` with the decimals that multiples of `step` need. */
void
hr_format_decimal(char* text, size_t text_size, double value, double step);

/** Frequency of MIDI note `midi` (69 = A4 = 440 Hz, 60 = C4). */
double
hr_note_hz(int midi);

/** Write the name of MIDI note `midi`: "C4", "F#2", "A-1". */
void
hr_note_name(char* text, size_t text_size, int midi);

/** Ticks at multiples of a step of 1, 2 or 5 times a power of ten, inside
    [low, high], at least `min_gap` apart on an axis `length` long (same
    unit as min_gap). Fewer than 2 ticks only if the range is that short. */
void
hr_ticks_linear(HrTicks*     ticks,
                double       low,
                double       high,
                double       length,
                double       min_gap,
                HrTickFormat format);

/** Hz ticks for `rows` rows of `axis` drawn `length` long, labels at least
    `min_gap` apart. Log axes use 1, 2, 5 (or denser 1..9) per decade as
    space allows, or plain linear steps where those give more ticks
    (narrow ranges). */
void
hr_ticks_freq(HrTicks*          ticks,
              const HrFreqAxis* axis,
              int               rows,
              double            length,
              double            min_gap);

/** Note ticks for a log axis: every C ("C2", "C3"...), every second or
    further C if space is short, all natural notes if space is ample. None
    for a linear axis. */
void
hr_ticks_notes(HrTicks*          ticks,
               const HrFreqAxis* axis,
               int               rows,
               double            length,
               double            min_gap);

#endif /* HR_AXES_H */
