/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The library's version and its errors: the core's statuses under stable
   public numbers, with the core's messages. */

#include "lib/analysis_impl.h"

#define HR_STRINGIFY_VALUE(x) #x
#define HR_STRINGIFY(x) HR_STRINGIFY_VALUE(x)

HR_API const char*
hr_version(void)
{
  return HR_STRINGIFY(HR_VERSION_MAJOR) "." HR_STRINGIFY(
    HR_VERSION_MINOR) "." HR_STRINGIFY(HR_VERSION_MICRO);
}

/* No default: a status added to the core must be given a public error
   here (-Wswitch says so). */
HrError
hr_lib_error(HrStatus status)
{
  switch (status) {
    case HR_SUCCESS:
      return HR_OK;
    case HR_ERR_NO_MEMORY:
      return HR_ERROR_NO_MEMORY;
    case HR_ERR_TOO_SHORT:
      return HR_ERROR_TOO_SHORT;
    case HR_ERR_MEMORY_LIMIT:
      return HR_ERROR_MEMORY_LIMIT;
    case HR_ERR_BAD_Q:
      return HR_ERROR_BAD_Q;
    case HR_ERR_BAD_TDECI:
      return HR_ERROR_BAD_TDECI;
    case HR_ERR_BAD_OVER:
      return HR_ERROR_BAD_OVER;
    case HR_ERR_BAD_NOCT:
      return HR_ERROR_BAD_NOCT;
    case HR_ERR_BAD_FMIN:
      return HR_ERROR_BAD_FMIN;
    case HR_ERR_BAD_FMAX:
      return HR_ERROR_BAD_FMAX;
    case HR_ERR_FMIN_NOT_BELOW_FMAX:
      return HR_ERROR_FMIN_NOT_BELOW_FMAX;
    case HR_ERR_BAD_LINT:
      return HR_ERROR_BAD_LINT;
    case HR_ERR_BAD_SIGMA:
      return HR_ERROR_BAD_SIGMA;
    case HR_ERR_BAD_NDIV:
      return HR_ERROR_BAD_NDIV;
    case HR_ERR_BAD_SCALE:
      return HR_ERROR_BAD_SCALE;
    case HR_ERR_TOO_LARGE:
      return HR_ERROR_TOO_LARGE;
    case HR_ERR_THREADS:
      return HR_ERROR_THREADS;
    case HR_ERR_FFT_PLAN:
      return HR_ERROR_FFT_PLAN;
    case HR_ERR_BAD_LADDER:
      return HR_ERROR_BAD_CONSENSUS;
    case HR_ERR_STOPPED:
      return HR_ERROR_STOPPED;
  }
  return HR_ERROR_BAD_ARGUMENT;
}

/* The core status whose message an error shares, or HR_SUCCESS. */
static HrStatus
core_status(HrError error)
{
  for (int s = 1; s < 64; ++s) { /* beyond any status the core has */
    if (hr_lib_error((HrStatus)s) == error) {
      return (HrStatus)s;
    }
  }
  return HR_SUCCESS;
}

HR_API const char*
hr_error_string(HrError error)
{
  switch (error) {
    case HR_OK:
      return "success";
    case HR_ERROR_BAD_ARGUMENT:
      return "bad argument (a NULL pointer or an unknown setting)";
    case HR_ERROR_BAD_RATE:
      return "the sample rate must be a finite number above 0";
    case HR_ERROR_BAD_COMBINATION:
      return "these settings do not go together (consensus is on the log "
             "scale, the complex histogram of one q)";
    default:
      break;
  }
  const HrStatus status = core_status(error);
  return status == HR_SUCCESS ? "unknown error" : hr_strerror(status);
}
