/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* HrAnalysis: the settings, their defaults, and the histogram geometry
   they imply. */

#include "lib/analysis_impl.h"

#include "core/hr_consensus.h"
#include "core/hr_exact.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

HR_API HrAnalysis*
hr_analysis_new(void)
{
  HrAnalysis* analysis = calloc(1, sizeof(HrAnalysis));
  if (!analysis) {
    return NULL;
  }
  const HrParams       params     = hr_params_default();
  const HrExactOptions options    = hr_exact_options_default();
  double*              values     = analysis->values;
  values[HR_SETTING_RATE]         = 1.0;
  values[HR_SETTING_SCALE]        = HR_AXIS_LOG;
  values[HR_SETTING_Q]            = params.q;
  values[HR_SETTING_NOCT]         = params.noct;
  values[HR_SETTING_OVER]         = params.over;
  values[HR_SETTING_TDECI]        = params.tdeci;
  values[HR_SETTING_LINT]         = params.lint;
  values[HR_SETTING_FMIN]         = params.fmin;
  values[HR_SETTING_FMAX]         = params.fmax;
  values[HR_SETTING_SIGMA]        = params.sigma;
  values[HR_SETTING_NDIV]         = params.ndiv;
  values[HR_SETTING_THREADS]      = 0.0;
  values[HR_SETTING_MEMORY_LIMIT] = (double)options.memory_limit;
  return analysis;
}

HR_API void
hr_analysis_free(HrAnalysis* analysis)
{
  free(analysis);
}

static int
is_setting(HrSetting setting)
{
  return (int)setting >= 0 && (int)setting < HR_SETTING_COUNT;
}

HR_API HrError
hr_analysis_set(HrAnalysis* analysis, HrSetting setting, double value)
{
  if (!analysis || !is_setting(setting)) {
    return HR_ERROR_BAD_ARGUMENT;
  }
  analysis->values[setting] = value;
  return HR_OK;
}

HR_API double
hr_analysis_get(const HrAnalysis* analysis, HrSetting setting)
{
  if (!analysis || !is_setting(setting)) {
    return NAN;
  }
  return analysis->values[setting];
}

HR_API HrError
hr_analysis_set_consensus(HrAnalysis* analysis, const double* q, int n_q)
{
  if (!analysis || n_q < 0 || n_q > HR_LADDER_MAX || (n_q > 0 && !q)) {
    return analysis ? HR_ERROR_BAD_CONSENSUS : HR_ERROR_BAD_ARGUMENT;
  }
  memset(&analysis->ladder, 0, sizeof(analysis->ladder));
  analysis->ladder.n_q = n_q;
  for (int k = 0; k < n_q; ++k) {
    analysis->ladder.q[k] = q[k];
  }
  return HR_OK;
}

HR_API int
hr_analysis_consensus(const HrAnalysis* analysis, double* q, int max_q)
{
  if (!analysis) {
    return 0;
  }
  for (int k = 0; q && k < analysis->ladder.n_q && k < max_q; ++k) {
    q[k] = analysis->ladder.q[k];
  }
  return analysis->ladder.n_q;
}

HR_API void
hr_analysis_set_progress(HrAnalysis* analysis, HrProgress progress, void* data)
{
  if (analysis) {
    analysis->progress      = progress;
    analysis->progress_data = data;
  }
}

HR_API int
hr_analysis_rows(const HrAnalysis* analysis)
{
  HrResolved resolved;
  if (hr_lib_resolve(analysis, 0, &resolved, NULL, 0) != HR_OK) {
    return 0;
  }
  return hr_params_rows(&resolved.params);
}

HR_API size_t
hr_analysis_columns(const HrAnalysis* analysis, size_t n_samples)
{
  HrResolved resolved;
  if (hr_lib_resolve(analysis, 0, &resolved, NULL, 0) != HR_OK) {
    return 0;
  }
  return hr_params_cols(&resolved.params, n_samples);
}

HR_API double
hr_analysis_row_frequency(const HrAnalysis* analysis, int row)
{
  HrResolved resolved;
  if (hr_lib_resolve(analysis, 0, &resolved, NULL, 0) != HR_OK) {
    return NAN;
  }
  return hr_params_row_freq(&resolved.params, row) * resolved.rate;
}

HR_API double
hr_analysis_column_time(const HrAnalysis* analysis, size_t column)
{
  HrResolved resolved;
  if (hr_lib_resolve(analysis, 0, &resolved, NULL, 0) != HR_OK) {
    return NAN;
  }
  return ((double)column * resolved.params.tdeci - 1.0) / resolved.rate;
}

HR_API size_t
hr_analysis_memory_needed(const HrAnalysis* analysis,
                          size_t            n_samples,
                          unsigned          flags)
{
  HrResolved resolved;
  if (hr_lib_resolve(analysis, flags, &resolved, NULL, 0) != HR_OK) {
    return 0;
  }
  return hr_lib_memory_needed(&resolved, n_samples, flags);
}
