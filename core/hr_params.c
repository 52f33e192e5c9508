/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_params.h"

#include <math.h>
#include <stddef.h>

/* Far more rows than any picture needs; keeps sizes inside int. */
#define HR_MAX_ROWS 100000

HrParams
hr_params_default(void)
{
  HrParams params;
  params.scale = HR_SCALE_LOG;
  params.q     = 2.0;
  params.noct  = 108.0;
  params.sigma = 0.004;
  params.ndiv  = 200;
  params.over  = 2;
  params.tdeci = 96;
  params.fmin  = 0.001;
  params.fmax  = 0.5;
  params.lint  = 0.5;
  return params;
}

static int
is_positive(double value)
{
  return isfinite(value) && value > 0.0;
}

static HrStatus
check_scale_params(const HrParams* params)
{
  if (params->scale == HR_SCALE_LOG) {
    if (!is_positive(params->q)) {
      return HR_ERR_BAD_Q;
    }
    if (!isfinite(params->noct) || params->noct < 1.0) {
      return HR_ERR_BAD_NOCT;
    }
    if (!(params->fmin > 0.0)) {
      return HR_ERR_BAD_FMIN;
    }
    return HR_SUCCESS;
  }
  if (params->scale == HR_SCALE_LIN) {
    if (!is_positive(params->sigma) || params->sigma >= 0.5) {
      return HR_ERR_BAD_SIGMA;
    }
    if (params->ndiv < 2 || params->ndiv > HR_MAX_ROWS) {
      return HR_ERR_BAD_NDIV;
    }
    return HR_SUCCESS;
  }
  return HR_ERR_BAD_SCALE;
}

HrStatus
hr_params_check(const HrParams* params)
{
  if (params->scale != HR_SCALE_LOG && params->scale != HR_SCALE_LIN) {
    return HR_ERR_BAD_SCALE;
  }
  if (!isfinite(params->fmin) || params->fmin < 0.0 || params->fmin >= 0.5) {
    return HR_ERR_BAD_FMIN;
  }
  if (!isfinite(params->fmax) || params->fmax <= 0.0 || params->fmax > 0.5) {
    return HR_ERR_BAD_FMAX;
  }
  if (params->fmin >= params->fmax) {
    return HR_ERR_FMIN_NOT_BELOW_FMAX;
  }
  if (params->tdeci < 1) {
    return HR_ERR_BAD_TDECI;
  }
  if (params->over < 1 || params->over > 64) {
    return HR_ERR_BAD_OVER;
  }
  if (!is_positive(params->lint)) {
    return HR_ERR_BAD_LINT;
  }
  HrStatus status = check_scale_params(params);
  if (status != HR_SUCCESS) {
    return status;
  }
  if (params->scale == HR_SCALE_LOG &&
      params->noct * log2(params->fmax / params->fmin) + 1.0 > HR_MAX_ROWS) {
    return HR_ERR_TOO_LARGE;
  }
  return HR_SUCCESS;
}

int
hr_params_rows(const HrParams* params)
{
  if (params->scale == HR_SCALE_LIN) {
    return params->ndiv;
  }
  /* The reference: HF = ceil(-noct * log2(fmin / fmax) + 1). */
  return (int)ceil(-params->noct * log2(params->fmin / params->fmax) + 1.0);
}

size_t
hr_params_cols(const HrParams* params, size_t n_samples)
{
  const size_t tdeci = (size_t)params->tdeci;
  return (n_samples + tdeci - 1) / tdeci;
}

int
hr_params_n_filters(const HrParams* params)
{
  const int filters = hr_params_rows(params) * params->over;
  return params->scale == HR_SCALE_LIN ? filters + 1 : filters;
}

static double
lin_row_step(const HrParams* params)
{
  return (params->fmax - params->fmin) / (params->ndiv - 1);
}

double
hr_params_row_freq(const HrParams* params, int row)
{
  if (params->scale == HR_SCALE_LIN) {
    return params->fmax - row * lin_row_step(params);
  }
  return params->fmax * pow(2.0, -row / params->noct);
}

long
hr_params_freq_row(const HrParams* params, double freq)
{
  if (params->scale == HR_SCALE_LIN) {
    return lround((params->fmax - freq) / lin_row_step(params));
  }
  /* Written as the reference program writes it, so that points on a row
     edge land where it puts them: round(-noct*log2(f/fmax) + 1) - 1. */
  return lround(-params->noct * log2(freq / params->fmax) + 1.0) - 1;
}
