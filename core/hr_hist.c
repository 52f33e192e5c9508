/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_hist.h"

#include <math.h>
#include <stdlib.h>

HrStatus
hr_hist_init(HrHist* hist, int rows, size_t cols)
{
  const size_t cells = (size_t)rows * cols;
  hist->rows         = 0;
  hist->cols         = 0;
  hist->energy       = calloc(cells ? cells : 1, sizeof(double));
  hist->count        = calloc(cells ? cells : 1, sizeof(double));
  if (!hist->energy || !hist->count) {
    hr_hist_free(hist);
    return HR_ERR_NO_MEMORY;
  }
  hist->rows = rows;
  hist->cols = cols;
  return HR_SUCCESS;
}

void
hr_hist_free(HrHist* hist)
{
  free(hist->energy);
  free(hist->count);
  hist->energy = NULL;
  hist->count  = NULL;
  hist->rows   = 0;
  hist->cols   = 0;
}

double
hr_hist_max_count(const HrHist* hist)
{
  const size_t cells   = (size_t)hist->rows * hist->cols;
  double       maximum = 0.0;
  for (size_t i = 0; i < cells; ++i) {
    if (hist->count[i] > maximum) {
      maximum = hist->count[i];
    }
  }
  return maximum;
}

void
hr_hist_apply_floor(HrHist* hist)
{
  const size_t cells     = (size_t)hist->rows * hist->cols;
  const double threshold = sqrt(hr_hist_max_count(hist));
  for (size_t i = 0; i < cells; ++i) {
    if (hist->count[i] < threshold) {
      hist->energy[i] = 0.0;
    }
  }
}
