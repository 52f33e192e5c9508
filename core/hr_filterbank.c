/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_filterbank.h"

#include <math.h>

HrFilter
hr_filterbank_filter(const HrParams* params, int index)
{
  HrFilter filter;
  if (params->scale == HR_SCALE_LIN) {
    /* numpy's linspace(fmin, fmax, HF*over + 1): start + j*step, with the
       last centre exactly fmax. */
    const int    last = params->ndiv * params->over;
    const double step = (params->fmax - params->fmin) / last;
    filter.f0    = index == last ? params->fmax : index * step + params->fmin;
    filter.sigma = params->sigma;
  } else {
    filter.f0 =
      params->fmin * pow(2.0, (double)index / params->over / params->noct);
    filter.sigma = filter.f0 / (2.0 * HR_PI * params->q);
  }
  return filter;
}

static int
clamp_row(const HrParams* params, long row)
{
  const long rows = hr_params_rows(params);
  return (int)(row < 0 ? 0 : row >= rows ? rows - 1 : row);
}

void
hr_filterbank_row_span(const HrParams* params,
                       HrFilter        filter,
                       int*            first_row,
                       int*            last_row)
{
  const double reach = params->lint * filter.sigma;
  const double high  = fmin(params->fmax, filter.f0 + reach);
  const double low   = fmax(params->fmin, filter.f0 - reach);
  /* One row of margin each side absorbs round-off in the row formula. */
  *first_row = clamp_row(params, hr_params_freq_row(params, high) - 1);
  *last_row  = clamp_row(params, hr_params_freq_row(params, low) + 1);
}

int
hr_filterbank_max_span(const HrParams* params)
{
  const int n_filters = hr_params_n_filters(params);
  int       max_span  = 1;
  for (int i = 0; i < n_filters; ++i) {
    int first_row = 0;
    int last_row  = 0;
    hr_filterbank_row_span(
      params, hr_filterbank_filter(params, i), &first_row, &last_row);
    if (last_row - first_row + 1 > max_span) {
      max_span = last_row - first_row + 1;
    }
  }
  return max_span;
}
