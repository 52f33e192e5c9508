/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "atom_props.h"

#include <stdint.h>

const LV2_Atom_Property_Body*
hr_atom_next_property(const LV2_Atom_Object* obj,
                      size_t*                offset,
                      bool*                  malformed)
{
  const uint8_t* const body = (const uint8_t*)&obj->body;
  const size_t         size = obj->atom.size;
  size_t               at   = *offset ? *offset : sizeof(LV2_Atom_Object_Body);
  *malformed                = false;
  if (at >= size) {
    return NULL;
  }
  const LV2_Atom_Property_Body* prop =
    (const LV2_Atom_Property_Body*)(body + at);
  if (size - at < sizeof(LV2_Atom_Property_Body) ||
      (size_t)prop->value.size > size - at - sizeof(LV2_Atom_Property_Body)) {
    *malformed = true;
    return NULL;
  }
  const size_t prop_bytes =
    sizeof(LV2_Atom_Property_Body) + (size_t)prop->value.size;
  *offset = at + ((prop_bytes + 7U) & ~(size_t)7U);
  return prop;
}
