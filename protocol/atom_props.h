/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Walking the properties of an atom object that came from elsewhere (a
   host, a UI, a file): each property is checked to lie inside the object
   before it is read. Real-time safe. */

#ifndef HR_ATOM_PROPS_H
#define HR_ATOM_PROPS_H

#include "core/hr_realtime.h"

#include <lv2/atom/atom.h>

#include <stdbool.h>
#include <stddef.h>

/** The property of `obj` at `*offset` (0 for the first), after which
 *offset is that of the next; NULL at the end, and NULL with
 *malformed set if the property runs past the object. */
HR_REALTIME const LV2_Atom_Property_Body*
hr_atom_next_property(const LV2_Atom_Object* obj,
                      size_t*                offset,
                      bool*                  malformed);

#endif /* HR_ATOM_PROPS_H */
