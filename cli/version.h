/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The version of the batch tool, as --version and its outputs give it. */

#ifndef HR_VERSION_H
#define HR_VERSION_H

#define HR_VERSION "0.1.0"

#endif /* HR_VERSION_H */
