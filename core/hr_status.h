/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Status codes of the core, with a message for each. */

#ifndef HR_STATUS_H
#define HR_STATUS_H

/** Result of a core call; HR_SUCCESS is zero. */
typedef enum {
  HR_SUCCESS = 0,
  HR_ERR_NO_MEMORY,
  HR_ERR_TOO_SHORT,
  HR_ERR_MEMORY_LIMIT,
  HR_ERR_BAD_Q,
  HR_ERR_BAD_TDECI,
  HR_ERR_BAD_OVER,
  HR_ERR_BAD_NOCT,
  HR_ERR_BAD_FMIN,
  HR_ERR_BAD_FMAX,
  HR_ERR_FMIN_NOT_BELOW_FMAX,
  HR_ERR_BAD_LINT,
  HR_ERR_BAD_SIGMA,
  HR_ERR_BAD_NDIV,
  HR_ERR_BAD_SCALE,
  HR_ERR_TOO_LARGE,
  HR_ERR_THREADS,
  HR_ERR_FFT_PLAN,
  HR_ERR_BAD_LADDER,
  HR_ERR_STOPPED,
} HrStatus;

/** A one-line description of `status`, never NULL. */
const char*
hr_strerror(HrStatus status);

#endif /* HR_STATUS_H */
