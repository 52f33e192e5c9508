/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_status.h"

const char*
hr_strerror(HrStatus status)
{
  switch (status) {
    case HR_SUCCESS:
      return "success";
    case HR_ERR_NO_MEMORY:
      return "out of memory";
    case HR_ERR_TOO_SHORT:
      return "signal too short (need at least 2 samples)";
    case HR_ERR_MEMORY_LIMIT:
      return "the computation needs more memory than the limit allows";
    case HR_ERR_BAD_Q:
      return "q must be a finite number above 0";
    case HR_ERR_BAD_TDECI:
      return "tdeci must be a whole number of samples, at least 1";
    case HR_ERR_BAD_OVER:
      return "over must be a whole number, at least 1";
    case HR_ERR_BAD_NOCT:
      return "noct (rows per octave) must be a finite number, at least 1";
    case HR_ERR_BAD_FMIN:
      return "fmin must lie above 0 (linear scale: at least 0) and below 0.5 "
             "cycles/sample (the Nyquist frequency)";
    case HR_ERR_BAD_FMAX:
      return "fmax must lie above 0 and at most 0.5 cycles/sample "
             "(the Nyquist frequency)";
    case HR_ERR_FMIN_NOT_BELOW_FMAX:
      return "fmin must be below fmax";
    case HR_ERR_BAD_LINT:
      return "lint must be a finite number above 0";
    case HR_ERR_BAD_SIGMA:
      return "sigma must be a finite number above 0 and below 0.5 "
             "cycles/sample";
    case HR_ERR_BAD_NDIV:
      return "ndiv (rows of the linear scale) must be at least 2";
    case HR_ERR_BAD_SCALE:
      return "unknown frequency scale";
    case HR_ERR_TOO_LARGE:
      return "the histogram would be too large (too many rows or columns)";
    case HR_ERR_THREADS:
      return "could not start worker threads";
    case HR_ERR_FFT_PLAN:
      return "FFTW could not make a plan";
    case HR_ERR_BAD_LADDER:
      return "consensus needs 1 to 8 q values, increasing, each in (0, 100], "
             "on the log scale";
    case HR_ERR_STOPPED:
      return "stopped: reading the input or taking the columns failed";
  }
  return "unknown error";
}
