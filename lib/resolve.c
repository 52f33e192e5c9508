/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* An HrAnalysis's settings checked and turned into the core's parameters,
   with messages in the batch tool's wording and the values at fault. */

#include "lib/analysis_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The batch tool's limits on the whole-number settings. */
#define HR_MAX_TDECI (1L << 24)
#define HR_MAX_OVER 64
#define HR_MAX_NDIV 100000
#define HR_MAX_THREADS 256

static HrError
fail(HrError error, char* message, size_t message_size, const char* format, ...)
{
  if (message && message_size) {
    va_list args;
    va_start(args, format);
    vsnprintf(message, message_size, format, args);
    va_end(args);
  }
  return error;
}

/* The core's message for `status` with the value at fault. */
static HrError
fail_status(HrStatus status, double got, char* message, size_t message_size)
{
  return fail(hr_lib_error(status),
              message,
              message_size,
              "%s (got %g)",
              hr_strerror(status),
              got);
}

static int
is_whole(double value, long lowest, long highest)
{
  return isfinite(value) && value == floor(value) && value >= (double)lowest &&
         value <= (double)highest;
}

static HrError
check_whole_settings(const double* values, char* message, size_t message_size)
{
  if (!is_whole(values[HR_SETTING_TDECI], 1, HR_MAX_TDECI)) {
    return fail_status(
      HR_ERR_BAD_TDECI, values[HR_SETTING_TDECI], message, message_size);
  }
  if (!is_whole(values[HR_SETTING_OVER], 1, HR_MAX_OVER)) {
    return fail_status(
      HR_ERR_BAD_OVER, values[HR_SETTING_OVER], message, message_size);
  }
  if (values[HR_SETTING_SCALE] == HR_AXIS_LINEAR &&
      !is_whole(values[HR_SETTING_NDIV], 2, HR_MAX_NDIV)) {
    return fail_status(
      HR_ERR_BAD_NDIV, values[HR_SETTING_NDIV], message, message_size);
  }
  if (!is_whole(values[HR_SETTING_THREADS], 0, HR_MAX_THREADS)) {
    return fail(HR_ERROR_THREADS,
                message,
                message_size,
                "threads must be a whole number from 1 to %d, or 0 for "
                "every core (got %g)",
                HR_MAX_THREADS,
                values[HR_SETTING_THREADS]);
  }
  return HR_OK;
}

static HrError
check_run_settings(const double* values, char* message, size_t message_size)
{
  const double rate = values[HR_SETTING_RATE];
  if (!isfinite(rate) || !(rate > 0.0)) {
    return fail(HR_ERROR_BAD_RATE,
                message,
                message_size,
                "%s (got %g)",
                hr_error_string(HR_ERROR_BAD_RATE),
                rate);
  }
  const double scale = values[HR_SETTING_SCALE];
  if (scale != HR_AXIS_LOG && scale != HR_AXIS_LINEAR) {
    return fail_status(HR_ERR_BAD_SCALE, scale, message, message_size);
  }
  const double limit = values[HR_SETTING_MEMORY_LIMIT];
  if (!(limit >= 0.0)) { /* NaN too */
    return fail(HR_ERROR_MEMORY_LIMIT,
                message,
                message_size,
                "the memory limit must be a number of bytes, at least 0 "
                "(0: no limit; got %g)",
                limit);
  }
  return check_whole_settings(values, message, message_size);
}

static void
fill_params(const HrAnalysis* analysis, HrParams* params)
{
  const double* values = analysis->values;
  *params              = hr_params_default();
  params->scale =
    values[HR_SETTING_SCALE] == HR_AXIS_LINEAR ? HR_SCALE_LIN : HR_SCALE_LOG;
  params->q     = values[HR_SETTING_Q];
  params->noct  = values[HR_SETTING_NOCT];
  params->over  = (int)values[HR_SETTING_OVER];
  params->tdeci = (int)values[HR_SETTING_TDECI];
  params->lint  = values[HR_SETTING_LINT];
  params->fmin  = values[HR_SETTING_FMIN];
  params->fmax  = values[HR_SETTING_FMAX];
  params->sigma = values[HR_SETTING_SIGMA];
  params->ndiv =
    params->scale == HR_SCALE_LIN ? (int)values[HR_SETTING_NDIV] : params->ndiv;
}

/* The value a core status is about, in the unit of the rate, into
   `value`; 0 if the status is about no single value. */
static int
value_at_fault(const HrParams* params,
               HrStatus        status,
               double          rate,
               double*         value)
{
  switch (status) {
    case HR_ERR_BAD_Q:
      *value = params->q;
      return 1;
    case HR_ERR_BAD_NOCT:
      *value = params->noct;
      return 1;
    case HR_ERR_BAD_LINT:
      *value = params->lint;
      return 1;
    case HR_ERR_BAD_FMIN:
      *value = params->fmin * rate;
      return 1;
    case HR_ERR_BAD_FMAX:
      *value = params->fmax * rate;
      return 1;
    case HR_ERR_BAD_SIGMA:
      *value = params->sigma * rate;
      return 1;
    default:
      return 0;
  }
}

static HrError
check_params(const HrParams* params,
             double          rate,
             char*           message,
             size_t          message_size)
{
  if (params->fmax > 0.5 && isfinite(params->fmax)) {
    return fail(HR_ERROR_BAD_FMAX,
                message,
                message_size,
                "fmax %g Hz lies above the Nyquist frequency %g Hz",
                params->fmax * rate,
                rate / 2.0);
  }
  if (params->fmin >= params->fmax && params->fmin >= 0.0) {
    return fail(HR_ERROR_FMIN_NOT_BELOW_FMAX,
                message,
                message_size,
                "fmin (%g Hz) must be below fmax (%g Hz)",
                params->fmin * rate,
                params->fmax * rate);
  }
  const HrStatus status = hr_params_check(params);
  double         got    = 0.0;
  if (status == HR_SUCCESS) {
    return HR_OK;
  }
  if (value_at_fault(params, status, rate, &got)) {
    return fail_status(status, got, message, message_size);
  }
  return fail(
    hr_lib_error(status), message, message_size, "%s", hr_strerror(status));
}

static HrError
check_consensus(const HrLadder* ladder,
                const HrParams* params,
                unsigned        flags,
                char*           message,
                size_t          message_size)
{
  if (ladder->n_q == 0) {
    return HR_OK;
  }
  if (params->scale != HR_SCALE_LOG) {
    return fail(HR_ERROR_BAD_COMBINATION,
                message,
                message_size,
                "consensus works on the log scale");
  }
  if (flags & HR_COMPUTE_COMPLEX) {
    return fail(HR_ERROR_BAD_COMBINATION,
                message,
                message_size,
                "the complex histogram analyses with one q (no consensus)");
  }
  if (hr_ladder_check(ladder) != HR_SUCCESS) {
    char   values[HR_LADDER_MAX * 24] = "";
    size_t used                       = 0;
    for (int k = 0; k < ladder->n_q && used < sizeof(values); ++k) {
      used += (size_t)snprintf(
        values + used, sizeof(values) - used, k ? ", %g" : "%g", ladder->q[k]);
    }
    return fail(HR_ERROR_BAD_CONSENSUS,
                message,
                message_size,
                "consensus wants 1 to %d increasing q values in (0, %g], "
                "e.g. 1, 2, 4, 8 (got %s)",
                HR_LADDER_MAX,
                HR_LADDER_MAX_Q,
                values);
  }
  return HR_OK;
}

HrError
hr_lib_resolve(const HrAnalysis* analysis,
               unsigned          flags,
               HrResolved*       resolved,
               char*             message,
               size_t            message_size)
{
  if (message && message_size) {
    message[0] = '\0';
  }
  if (!analysis || !resolved || (flags & ~(unsigned)HR_COMPUTE_COMPLEX)) {
    return fail(HR_ERROR_BAD_ARGUMENT,
                message,
                message_size,
                "%s",
                hr_error_string(HR_ERROR_BAD_ARGUMENT));
  }
  memset(resolved, 0, sizeof(*resolved));
  const double* values = analysis->values;
  HrError       error  = check_run_settings(values, message, message_size);
  if (error != HR_OK) {
    return error;
  }
  resolved->rate         = values[HR_SETTING_RATE];
  resolved->n_threads    = (int)values[HR_SETTING_THREADS];
  resolved->memory_limit = values[HR_SETTING_MEMORY_LIMIT] >= (double)SIZE_MAX
                             ? SIZE_MAX
                             : (size_t)values[HR_SETTING_MEMORY_LIMIT];
  resolved->ladder       = analysis->ladder;
  /* The agreement window lasts the same time at every rate, as in the
     batch tool and the plugin. */
  resolved->ladder.window = HR_CONSENSUS_WINDOW_SECONDS * resolved->rate;
  fill_params(analysis, &resolved->params);
  error =
    check_params(&resolved->params, resolved->rate, message, message_size);
  if (error != HR_OK) {
    return error;
  }
  return check_consensus(
    &resolved->ladder, &resolved->params, flags, message, message_size);
}

HR_API HrError
hr_analysis_check(const HrAnalysis* analysis,
                  unsigned          flags,
                  char*             message,
                  size_t            message_size)
{
  HrResolved resolved;
  return hr_lib_resolve(analysis, flags, &resolved, message, message_size);
}
