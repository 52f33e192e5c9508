/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The complex reassigned histogram (Gardner & Magnasco's complex
   reassignment, doc/COMPLEX.md): every kept point weighted by xi with
   its phase carried to its column's reference time, and the signal
   rebuilt from the histogram's sum over rows. */

#ifndef HR_COMPLEX_H
#define HR_COMPLEX_H

#include "hr_params.h"
#include "hr_status.h"

#include <math.h>
#include <stddef.h>

/** rows x cols complex cells in C order (cell row * cols + col), row 0 =
    highest frequency, as HrHist. Each cell is a (real, imaginary) pair:
    the layout of C99's double complex. */
typedef struct {
  int     rows;
  size_t  cols;
  double* values; /**< 2 * rows * cols doubles */
} HrComplexHist;

/** Allocate a zeroed histogram; on failure `hist` is left empty. */
HrStatus
hr_complex_init(HrComplexHist* hist, int rows, size_t cols);

/** Free the array; safe on an empty or freed histogram. */
void
hr_complex_free(HrComplexHist* hist);

/** Bytes of a rows x cols complex histogram. */
size_t
hr_complex_bytes(int rows, size_t cols);

/** Column of the complex histogram for a point reassigned to 1-based
    time `t_ins`: the column whose reference time lies nearest, that is
    floor((t_ins + 1/2) / tdeci). Its edges lie half a sample before
    those of the energy histogram's column floor(t_ins / tdeci), so that
    the integer times where a tone's points land lie inside columns, not
    on their edges. May equal the column count at the very end. */
static inline long
hr_complex_column(double t_ins, int tdeci)
{
  return (long)floor((t_ins + 0.5) / tdeci);
}

/** Reference time of column `col`, 1-based samples: the centre of the
    samples whose 1-based time lies in [col*tdeci, (col+1)*tdeci). */
static inline double
hr_complex_column_time(long col, int tdeci)
{
  return (double)col * tdeci + 0.5 * (tdeci - 1);
}

/** Phase (radians) given to a point of the filter centred on `f0`, taken
    at 1-based time `t` and reassigned to (t_ins, f_ins) in a column whose
    reference time is `t_ref`: (w + w_ins)(t_ins - t)/2 carries it from t
    to t_ins, w_ins (t_ref - t_ins) on to t_ref (w = 2 pi f). */
static inline double
hr_complex_phase(double f0, double f_ins, double t, double t_ins, double t_ref)
{
  const double omega     = 2.0 * HR_PI * f0;
  const double omega_ins = 2.0 * HR_PI * f_ins;
  return 0.5 * (omega + omega_ins) * (t_ins - t) + omega_ins * (t_ref - t_ins);
}

/** Add `scale` * (xi_re + i xi_im) * exp(i phase) to the cell `cell`
    (a (real, imaginary) pair). */
static inline void
hr_complex_add(double* cell,
               double  xi_re,
               double  xi_im,
               double  phase,
               double  scale)
{
  const double c = scale * cos(phase);
  const double s = scale * sin(phase);
  cell[0] += xi_re * c - xi_im * s;
  cell[1] += xi_re * s + xi_im * c;
}

/** Frequency (cycles/sample) at which the bank's gain is taken: the
    geometric mean of fmin and fmax (log scale) or their mean (linear). */
double
hr_complex_mid_frequency(const HrParams* params);

/** What one column of the histogram sums to, over its rows and per
    sample, for a unit complex exponential in mid-band: g * erf(lint/sqrt
    2), with g the sum over the bank of every filter's gain at
    hr_complex_mid_frequency(). */
double
hr_complex_gain(const HrParams* params);

/** The signal rebuilt at every column's reference time: out[c] =
    2 Re(sum over rows of cell (row, c)) / (gain * tdeci), c = 0 ..
    cols - 1. */
void
hr_complex_reconstruct(const HrComplexHist* hist,
                       const HrParams*      params,
                       double*              out);

#endif /* HR_COMPLEX_H */
