/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "urid_table.h"

#include <stdlib.h>
#include <string.h>

int
hr_urid_table_init(HrUridTable* table)
{
  table->count    = 0;
  table->capacity = 64;
  table->uris     = calloc(table->capacity, sizeof(char*));
  return table->uris ? 0 : -1;
}

void
hr_urid_table_free(HrUridTable* table)
{
  for (uint32_t i = 0; i < table->count; ++i) {
    free(table->uris[i]);
  }
  free(table->uris);
  table->uris  = NULL;
  table->count = 0;
}

LV2_URID
hr_urid_table_map(HrUridTable* table, const char* uri)
{
  for (uint32_t i = 0; i < table->count; ++i) {
    if (!strcmp(table->uris[i], uri)) {
      return i + 1;
    }
  }
  if (table->count == table->capacity) {
    char** grown = realloc(table->uris, 2 * table->capacity * sizeof(char*));
    if (!grown) {
      return 0;
    }
    table->uris = grown;
    table->capacity *= 2;
  }
  const size_t length = strlen(uri) + 1;
  char*        copy   = malloc(length);
  if (!copy) {
    return 0;
  }
  memcpy(copy, uri, length);
  table->uris[table->count++] = copy;
  return table->count;
}

const char*
hr_urid_table_unmap(const HrUridTable* table, LV2_URID urid)
{
  return (urid >= 1 && urid <= table->count) ? table->uris[urid - 1] : NULL;
}

static LV2_URID
map_uri(LV2_URID_Map_Handle handle, const char* uri)
{
  return hr_urid_table_map((HrUridTable*)handle, uri);
}

static const char*
unmap_urid(LV2_URID_Unmap_Handle handle, LV2_URID urid)
{
  return hr_urid_table_unmap((const HrUridTable*)handle, urid);
}

LV2_URID_Map
hr_urid_table_map_feature(HrUridTable* table)
{
  const LV2_URID_Map map = { table, map_uri };
  return map;
}

LV2_URID_Unmap
hr_urid_table_unmap_feature(HrUridTable* table)
{
  const LV2_URID_Unmap unmap = { table, unmap_urid };
  return unmap;
}
