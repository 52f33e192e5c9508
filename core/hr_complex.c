/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_complex.h"
#include "hr_filterbank.h"

#include <math.h>
#include <stdlib.h>

HrStatus
hr_complex_init(HrComplexHist* hist, int rows, size_t cols)
{
  const size_t cells = (size_t)rows * cols;
  hist->rows         = 0;
  hist->cols         = 0;
  hist->values       = calloc(2 * (cells ? cells : 1), sizeof(double));
  if (!hist->values) {
    return HR_ERR_NO_MEMORY;
  }
  hist->rows = rows;
  hist->cols = cols;
  return HR_SUCCESS;
}

void
hr_complex_free(HrComplexHist* hist)
{
  free(hist->values);
  hist->values = NULL;
  hist->rows   = 0;
  hist->cols   = 0;
}

size_t
hr_complex_bytes(int rows, size_t cols)
{
  return 2 * (size_t)rows * cols * sizeof(double);
}

double
hr_complex_mid_frequency(const HrParams* params)
{
  return params->scale == HR_SCALE_LIN ? 0.5 * (params->fmin + params->fmax)
                                       : sqrt(params->fmin * params->fmax);
}

double
hr_complex_gain(const HrParams* params)
{
  const double nu        = hr_complex_mid_frequency(params);
  const int    n_filters = hr_params_n_filters(params);
  double       sum       = 0.0;
  for (int i = 0; i < n_filters; ++i) {
    const HrFilter filter = hr_filterbank_filter(params, i);
    const double   offset = (nu - filter.f0) / filter.sigma;
    sum += exp(-0.5 * offset * offset);
  }
  /* A point is kept while |mu| < lint, and a tone's |mu| is its distance
     from the filter's centre in sigmas: the kept filters hold the share
     erf(lint/sqrt(2)) of a Gaussian. */
  return sum * erf(params->lint / sqrt(2.0));
}

void
hr_complex_reconstruct(const HrComplexHist* hist,
                       const HrParams*      params,
                       double*              out)
{
  const double scale = 2.0 / (hr_complex_gain(params) * params->tdeci);
  for (size_t c = 0; c < hist->cols; ++c) {
    out[c] = 0.0;
  }
  /* Row by row, for the cache; each column is still summed in row order. */
  for (int r = 0; r < hist->rows; ++r) {
    const double* row = hist->values + 2 * (size_t)r * hist->cols;
    for (size_t c = 0; c < hist->cols; ++c) {
      out[c] += row[2 * c];
    }
  }
  for (size_t c = 0; c < hist->cols; ++c) {
    out[c] *= scale;
  }
}
