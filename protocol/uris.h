/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* URIs of the plugins, their messages and state keys, and HrURIs: the
   URIDs, mapped once by hr_uris_map() (plugin and UI). */

#ifndef HR_URIS_H
#define HR_URIS_H

#include <lv2/atom/atom.h>
#include <lv2/core/lv2.h>
#include <lv2/urid/urid.h>

/* Permanent: hosts store these in every saved session (plugins, presets,
   state keys), so they never change after a release (README.md, "Plugin
   URIs"). A UUID URN: unique by construction, owned by no registrar, and
   it cannot lapse as a domain can. */
#define HR_URI "urn:uuid:f0b0c2a0-ac39-4130-8348-11027bec971e"
#define HR_NS HR_URI "#"

/* Presets: HR_PRESET_NS "light" and so on (presets/NAME.ttl). */
#define HR_PRESET_NS HR_NS "preset-"

/* Plugins */
#define HR__mono HR_NS "mono"
#define HR__stereo HR_NS "stereo"

/* Message types (capitalised) */
#define HR__UIOn HR_NS "UIOn"
#define HR__UIOff HR_NS "UIOff"
#define HR__Refresh HR_NS "Refresh"
#define HR__UIState HR_NS "UIState"
#define HR__Config HR_NS "Config"
#define HR__Columns HR_NS "Columns"

/* Properties (lower case) */
#define HR__version HR_NS "version"
#define HR__rate HR_NS "rate"
#define HR__scale HR_NS "scale"
#define HR__fmin HR_NS "fmin"
#define HR__fmax HR_NS "fmax"
#define HR__rows HR_NS "rows"
#define HR__rowsPerOctave HR_NS "rowsPerOctave"
#define HR__q HR_NS "q"
#define HR__over HR_NS "over"
#define HR__lint HR_NS "lint"
#define HR__columnSamples HR_NS "columnSamples"
#define HR__columnSeconds HR_NS "columnSeconds"
#define HR__latency HR_NS "latency"
#define HR__channelMask HR_NS "channelMask"
#define HR__firstColumn HR_NS "firstColumn"
#define HR__channel HR_NS "channel"
#define HR__first HR_NS "first"
#define HR__drops HR_NS "drops"
#define HR__cellCount HR_NS "cellCount"
#define HR__cellRow HR_NS "cellRow"
#define HR__cellEnergy HR_NS "cellEnergy"
#define HR__cellHits HR_NS "cellHits"
#define HR__colormap HR_NS "colormap"
#define HR__dbRange HR_NS "dbRange"
#define HR__dbTop HR_NS "dbTop"
#define HR__history HR_NS "history"
#define HR__captureKey HR_NS "captureKey"
#define HR__picture HR_NS "picture"
#define HR__transportFrame HR_NS "transportFrame"
#define HR__tempo HR_NS "tempo"
#define HR__beatsPerBar HR_NS "beatsPerBar"
#define HR__beatOrigin HR_NS "beatOrigin"

/** Every URID plugin and UI use, named like the CURIE. */
typedef struct {
  LV2_URID atom_Blank;
  LV2_URID atom_Double;
  LV2_URID atom_Float;
  LV2_URID atom_Int;
  LV2_URID atom_Long;
  LV2_URID atom_Object;
  LV2_URID atom_Sequence;
  LV2_URID atom_Vector;
  LV2_URID atom_eventTransfer;
  LV2_URID hr_UIOn;
  LV2_URID hr_UIOff;
  LV2_URID hr_Refresh;
  LV2_URID hr_UIState;
  LV2_URID hr_Config;
  LV2_URID hr_Columns;
  LV2_URID hr_version;
  LV2_URID hr_rate;
  LV2_URID hr_scale;
  LV2_URID hr_fmin;
  LV2_URID hr_fmax;
  LV2_URID hr_rows;
  LV2_URID hr_rowsPerOctave;
  LV2_URID hr_q;
  LV2_URID hr_over;
  LV2_URID hr_lint;
  LV2_URID hr_columnSamples;
  LV2_URID hr_columnSeconds;
  LV2_URID hr_latency;
  LV2_URID hr_channelMask;
  LV2_URID hr_firstColumn;
  LV2_URID hr_channel;
  LV2_URID hr_first;
  LV2_URID hr_drops;
  LV2_URID hr_cellCount;
  LV2_URID hr_cellRow;
  LV2_URID hr_cellEnergy;
  LV2_URID hr_cellHits;
  LV2_URID hr_colormap;
  LV2_URID hr_dbRange;
  LV2_URID hr_dbTop;
  LV2_URID hr_history;
  LV2_URID hr_captureKey;
  LV2_URID hr_picture;
  LV2_URID hr_transportFrame;
  LV2_URID hr_tempo;
  LV2_URID hr_beatsPerBar;
  LV2_URID hr_beatOrigin;
} HrURIs;

/** Fill `uris` with `map` (call once, in instantiate). */
static inline void
hr_uris_map(HrURIs* uris, LV2_URID_Map* map)
{
  LV2_URID_Map_Handle h = map->handle;

  uris->atom_Blank         = map->map(h, LV2_ATOM__Blank);
  uris->atom_Double        = map->map(h, LV2_ATOM__Double);
  uris->atom_Float         = map->map(h, LV2_ATOM__Float);
  uris->atom_Int           = map->map(h, LV2_ATOM__Int);
  uris->atom_Long          = map->map(h, LV2_ATOM__Long);
  uris->atom_Object        = map->map(h, LV2_ATOM__Object);
  uris->atom_Sequence      = map->map(h, LV2_ATOM__Sequence);
  uris->atom_Vector        = map->map(h, LV2_ATOM__Vector);
  uris->atom_eventTransfer = map->map(h, LV2_ATOM__eventTransfer);
  uris->hr_UIOn            = map->map(h, HR__UIOn);
  uris->hr_UIOff           = map->map(h, HR__UIOff);
  uris->hr_Refresh         = map->map(h, HR__Refresh);
  uris->hr_UIState         = map->map(h, HR__UIState);
  uris->hr_Config          = map->map(h, HR__Config);
  uris->hr_Columns         = map->map(h, HR__Columns);
  uris->hr_version         = map->map(h, HR__version);
  uris->hr_rate            = map->map(h, HR__rate);
  uris->hr_scale           = map->map(h, HR__scale);
  uris->hr_fmin            = map->map(h, HR__fmin);
  uris->hr_fmax            = map->map(h, HR__fmax);
  uris->hr_rows            = map->map(h, HR__rows);
  uris->hr_rowsPerOctave   = map->map(h, HR__rowsPerOctave);
  uris->hr_q               = map->map(h, HR__q);
  uris->hr_over            = map->map(h, HR__over);
  uris->hr_lint            = map->map(h, HR__lint);
  uris->hr_columnSamples   = map->map(h, HR__columnSamples);
  uris->hr_columnSeconds   = map->map(h, HR__columnSeconds);
  uris->hr_latency         = map->map(h, HR__latency);
  uris->hr_channelMask     = map->map(h, HR__channelMask);
  uris->hr_firstColumn     = map->map(h, HR__firstColumn);
  uris->hr_channel         = map->map(h, HR__channel);
  uris->hr_first           = map->map(h, HR__first);
  uris->hr_drops           = map->map(h, HR__drops);
  uris->hr_cellCount       = map->map(h, HR__cellCount);
  uris->hr_cellRow         = map->map(h, HR__cellRow);
  uris->hr_cellEnergy      = map->map(h, HR__cellEnergy);
  uris->hr_cellHits        = map->map(h, HR__cellHits);
  uris->hr_colormap        = map->map(h, HR__colormap);
  uris->hr_dbRange         = map->map(h, HR__dbRange);
  uris->hr_dbTop           = map->map(h, HR__dbTop);
  uris->hr_history         = map->map(h, HR__history);
  uris->hr_captureKey      = map->map(h, HR__captureKey);
  uris->hr_picture         = map->map(h, HR__picture);
  uris->hr_transportFrame  = map->map(h, HR__transportFrame);
  uris->hr_tempo           = map->map(h, HR__tempo);
  uris->hr_beatsPerBar     = map->map(h, HR__beatsPerBar);
  uris->hr_beatOrigin      = map->map(h, HR__beatOrigin);
}

#endif /* HR_URIS_H */
