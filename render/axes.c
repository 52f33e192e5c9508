/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "axes.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Slack for comparing computed tick values with range ends. */
#define HR_TICK_SLACK 1e-9

/* Mantissas per decade for log Hz ticks, sparse to dense. */
typedef struct {
  int    count;
  double mantissas[9];
} DecadeSet;

static const DecadeSet k_decade_sets[] = {
  { 9, { 1, 2, 3, 4, 5, 6, 7, 8, 9 } },
  { 4, { 1, 2, 3, 5 } },
  { 3, { 1, 2, 5 } },
  { 1, { 1 } },
};

static int
is_positive_finite(double value)
{
  return isfinite(value) && value > 0.0;
}

int
hr_freq_axis_valid(const HrFreqAxis* axis)
{
  if (!axis) {
    return 0;
  }
  if (axis->log_scale) {
    return is_positive_finite(axis->f_top_hz) &&
           is_positive_finite(axis->rows_per_octave);
  }
  return isfinite(axis->f_top_hz) && is_positive_finite(axis->hz_per_row);
}

double
hr_freq_axis_row(const HrFreqAxis* axis, double hz)
{
  if (!hr_freq_axis_valid(axis)) {
    return NAN;
  }
  if (axis->log_scale) {
    return hz > 0.0 ? -axis->rows_per_octave * log2(hz / axis->f_top_hz) : NAN;
  }
  return (axis->f_top_hz - hz) / axis->hz_per_row;
}

double
hr_freq_axis_hz(const HrFreqAxis* axis, double row)
{
  if (!hr_freq_axis_valid(axis)) {
    return NAN;
  }
  if (axis->log_scale) {
    return axis->f_top_hz * exp2(-row / axis->rows_per_octave);
  }
  return axis->f_top_hz - row * axis->hz_per_row;
}

void
hr_freq_axis_range(const HrFreqAxis* axis,
                   int               rows,
                   double*           low_hz,
                   double*           high_hz)
{
  const double low = hr_freq_axis_hz(axis, rows - 0.5);
  *high_hz         = hr_freq_axis_hz(axis, -0.5);
  *low_hz          = low > 0.0 ? low : 0.0;
}

double
hr_freq_axis_y(const HrFreqAxis* axis,
               int               rows,
               double            top,
               double            height,
               double            hz)
{
  return top + (hr_freq_axis_row(axis, hz) + 0.5) * height / rows;
}

double
hr_time_axis_x(double t_start_s,
               double col_seconds,
               int    cols,
               double left,
               double width,
               double t_s)
{
  return left + (t_s - t_start_s) / (col_seconds * cols) * width;
}

/* Print `value` with at most `decimals` decimals, trailing zeros cut. */
static void
format_trimmed(char* text, size_t text_size, double value, int decimals)
{
  if (fabs(value) < 0.5 * pow(10.0, -decimals)) {
    value = 0.0; /* no "-0" */
  }
  snprintf(text, text_size, "%.*f", decimals, value);
  if (!strchr(text, '.')) {
    return;
  }
  size_t end = strlen(text);
  while (end > 0 && text[end - 1] == '0') {
    text[--end] = '\0';
  }
  if (end > 0 && text[end - 1] == '.') {
    text[end - 1] = '\0';
  }
}

void
hr_format_hz(char* text, size_t text_size, double hz)
{
  if (fabs(hz) >= 999.9995) {
    format_trimmed(text, text_size, hz / 1000.0, 6);
    strncat(text, "k", text_size - strlen(text) - 1);
  } else {
    format_trimmed(text, text_size, hz, 3);
  }
}

void
hr_format_decimal(char* text, size_t text_size, double value, double step)
{
  int decimals = 0;
  if (step > 0.0 && step < 1.0) {
    decimals = (int)ceil(-log10(step) - HR_TICK_SLACK);
  }
  format_trimmed(text, text_size, value, decimals > 9 ? 9 : decimals);
}

double
hr_note_hz(int midi)
{
  return 440.0 * exp2((midi - 69) / 12.0);
}

/* floor(a / b) for b > 0, also for negative a. */
static int
floor_div(int a, int b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

void
hr_note_name(char* text, size_t text_size, int midi)
{
  static const char* const names[12] = { "C",  "C#", "D",  "D#", "E",  "F",
                                         "F#", "G",  "G#", "A",  "A#", "B" };
  const int                octave    = floor_div(midi, 12);
  snprintf(text, text_size, "%s%d", names[midi - 12 * octave], octave - 1);
}

/* Smallest 1, 2 or 5 times a power of ten that is >= min_step. */
static double
nice_step(double min_step)
{
  const double power    = pow(10.0, floor(log10(min_step)));
  const double steps[3] = { 1.0, 2.0, 5.0 };
  for (int i = 0; i < 3; ++i) {
    if (steps[i] * power >= min_step * (1.0 - HR_TICK_SLACK)) {
      return steps[i] * power;
    }
  }
  return 10.0 * power;
}

static void
add_tick(HrTicks* ticks, double value, const char* label)
{
  if (ticks->count >= HR_TICKS_MAX) {
    return;
  }
  HrTick* tick = &ticks->ticks[ticks->count++];
  tick->value  = value;
  snprintf(tick->label, sizeof tick->label, "%s", label);
}

static void
label_value(char* text, double value, double step, HrTickFormat format)
{
  if (format == HR_TICK_HZ) {
    hr_format_hz(text, HR_TICK_LABEL_SIZE, value);
  } else {
    hr_format_decimal(text, HR_TICK_LABEL_SIZE, value, step);
  }
}

void
hr_ticks_linear(HrTicks*     ticks,
                double       low,
                double       high,
                double       length,
                double       min_gap,
                HrTickFormat format)
{
  ticks->count = 0;
  if (!(high > low) || !is_positive_finite(length) ||
      !is_positive_finite(min_gap) || !isfinite(high - low)) {
    return;
  }
  double step  = nice_step((high - low) * min_gap / length);
  double first = ceil(low / step - HR_TICK_SLACK);
  double last  = floor(high / step + HR_TICK_SLACK);
  while (last - first + 1.0 > HR_TICKS_MAX) {
    step  = nice_step(step * 1.5);
    first = ceil(low / step - HR_TICK_SLACK);
    last  = floor(high / step + HR_TICK_SLACK);
  }
  for (double k = first; k <= last; k += 1.0) {
    char label[HR_TICK_LABEL_SIZE];
    label_value(label, k * step, step, format);
    add_tick(ticks, k * step, label);
  }
}

/* Log ticks of one mantissa set in [low, high]; returns the smallest gap
   between neighbours in axis units (HUGE_VAL for fewer than 2 ticks). */
static double
log_ticks(HrTicks*         ticks,
          const DecadeSet* set,
          double           low,
          double           high,
          double           length)
{
  const double per_log = length / log(high / low);
  double       gap     = HUGE_VAL;
  ticks->count         = 0;
  for (int decade = (int)floor(log10(low)); decade <= (int)ceil(log10(high));
       ++decade) {
    for (int i = 0; i < set->count; ++i) {
      const double value = set->mantissas[i] * pow(10.0, decade);
      if (value < low * (1.0 - HR_TICK_SLACK) ||
          value > high * (1.0 + HR_TICK_SLACK)) {
        continue;
      }
      if (ticks->count > 0) {
        const double below = ticks->ticks[ticks->count - 1].value;
        gap                = fmin(gap, per_log * log(value / below));
      }
      char label[HR_TICK_LABEL_SIZE];
      hr_format_hz(label, sizeof label, value);
      add_tick(ticks, value, label);
    }
  }
  return gap;
}

/* Linear ticks for a narrow log range: the step keeps min_gap where the
   axis is most compressed (at `high`). */
static void
narrow_log_ticks(HrTicks* ticks,
                 double   low,
                 double   high,
                 double   length,
                 double   min_gap)
{
  const double dense_length = (high - low) * length / (log(high / low) * high);
  hr_ticks_linear(ticks, low, high, dense_length, min_gap, HR_TICK_HZ);
}

void
hr_ticks_freq(HrTicks*          ticks,
              const HrFreqAxis* axis,
              int               rows,
              double            length,
              double            min_gap)
{
  ticks->count = 0;
  if (!hr_freq_axis_valid(axis) || rows <= 0) {
    return;
  }
  double low  = 0.0;
  double high = 0.0;
  hr_freq_axis_range(axis, rows, &low, &high);
  if (!axis->log_scale) {
    hr_ticks_linear(ticks, low, high, length, min_gap, HR_TICK_HZ);
    return;
  }
  const int sets = (int)(sizeof k_decade_sets / sizeof k_decade_sets[0]);
  for (int i = 0; i < sets; ++i) {
    if (log_ticks(ticks, &k_decade_sets[i], low, high, length) >= min_gap) {
      break;
    }
  }
  HrTicks linear;
  narrow_log_ticks(&linear, low, high, length, min_gap);
  if (linear.count > ticks->count) {
    *ticks = linear;
  }
}

static void
add_note(HrTicks* ticks, int midi)
{
  char label[HR_TICK_LABEL_SIZE];
  hr_note_name(label, sizeof label, midi);
  add_tick(ticks, hr_note_hz(midi), label);
}

/* 1 if `semitone` (0 = C .. 11 = B) is a white key. */
static int
is_natural(int semitone)
{
  return semitone != 1 && semitone != 3 && semitone != 6 && semitone != 8 &&
         semitone != 10;
}

void
hr_ticks_notes(HrTicks*          ticks,
               const HrFreqAxis* axis,
               int               rows,
               double            length,
               double            min_gap)
{
  ticks->count = 0;
  if (!hr_freq_axis_valid(axis) || !axis->log_scale || rows <= 0 ||
      !is_positive_finite(length) || !is_positive_finite(min_gap)) {
    return;
  }
  double low  = 0.0;
  double high = 0.0;
  hr_freq_axis_range(axis, rows, &low, &high);
  const double per_octave   = length / log2(high / low);
  const int    all_naturals = per_octave / 12.0 >= min_gap;
  const double octaves      = ceil(min_gap / per_octave - HR_TICK_SLACK);
  const int    every   = octaves < 1.0 ? 1 : octaves > 64.0 ? 64 : (int)octaves;
  const int    lowest  = (int)ceil(69.0 + 12.0 * log2(low / 440.0));
  const int    highest = (int)floor(69.0 + 12.0 * log2(high / 440.0));
  for (int midi = lowest; midi <= highest; ++midi) {
    const int semitone = midi - 12 * floor_div(midi, 12);
    const int octave   = floor_div(midi, 12) - 1;
    if (all_naturals
          ? is_natural(semitone)
          : semitone == 0 && octave == every * floor_div(octave, every)) {
      add_note(ticks, midi);
    }
  }
}
