/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The options of `hyperres render` that take a value: their names and
   the parsers that check the value and store it in HrCliOptions. */

#ifndef HR_ARG_VALUES_H
#define HR_ARG_VALUES_H

#include "args.h"

#include <stddef.h>

/** Parse `text` into `options`. Returns 0, or -1 with the reason in
    `error`. */
typedef int (*HrValueParser)(HrCliOptions* options,
                             const char*   text,
                             char*         error,
                             size_t        error_size);

/** An option that takes a value. */
typedef struct {
  const char*   name;
  HrValueParser parse;
} HrValueOption;

/** The option called `name` ("--q", "-o", ...), or NULL. */
const HrValueOption*
hr_find_value_option(const char* name);

#endif /* HR_ARG_VALUES_H */
