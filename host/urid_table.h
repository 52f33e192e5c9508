/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* URI <-> URID table for a host: URIDs are 1-based indices, in the order
   URIs are first mapped (so the same numbers every run). The one URID map
   of every host here: plugin mode, the benchmarks, the test hosts and the
   tests that talk the protocol without a host. */

#ifndef HR_URID_TABLE_H
#define HR_URID_TABLE_H

#include <lv2/urid/urid.h>

/** The URIs mapped so far. */
typedef struct {
  char**   uris;
  uint32_t count;
  uint32_t capacity;
} HrUridTable;

/** Start an empty table; -1 when out of memory. */
int
hr_urid_table_init(HrUridTable* table);

/** Free the table. */
void
hr_urid_table_free(HrUridTable* table);

/** The URID of `uri`, mapping it if new; 0 when out of memory. */
LV2_URID
hr_urid_table_map(HrUridTable* table, const char* uri);

/** The URI of `urid`, or NULL. */
const char*
hr_urid_table_unmap(const HrUridTable* table, LV2_URID urid);

/** The urid:map feature's data on `table`. */
LV2_URID_Map
hr_urid_table_map_feature(HrUridTable* table);

/** The urid:unmap feature's data on `table`. */
LV2_URID_Unmap
hr_urid_table_unmap_feature(HrUridTable* table);

#endif /* HR_URID_TABLE_H */
