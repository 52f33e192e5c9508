/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Colour maps (the published matplotlib tables inferno, magma, viridis,
   and a grey ramp) and the dB colour scale that turns a linear power
   into an ARGB32 pixel. Pure math, no Cairo. */

#ifndef HR_COLORMAP_H
#define HR_COLORMAP_H

#include <stdint.h>

/** Entries in each colour-map table and in an HrColorScale. */
#define HR_COLORMAP_SIZE 256

/** The colour maps, by name "inferno", "magma", "viridis", "grayscale". */
typedef enum {
  HR_COLORMAP_INFERNO   = 0, /**< the default */
  HR_COLORMAP_MAGMA     = 1,
  HR_COLORMAP_VIRIDIS   = 2,
  HR_COLORMAP_GRAYSCALE = 3,
  HR_COLORMAP_COUNT     = 4 /**< number of maps, not a map */
} HrColormapId;

/** A colour, each channel in [0, 1]. */
typedef struct {
  double r;
  double g;
  double b;
} HrRgb;

/** The id of the map called `name` (case-insensitive; "gray" and "grey"
    also mean grayscale), or -1 if there is none. */
int
hr_colormap_from_name(const char* name);

/** The name of map `id`, or NULL for an id out of range. */
const char*
hr_colormap_name(HrColormapId id);

/** All names for help texts: "inferno, magma, viridis, grayscale". */
const char*
hr_colormap_names(void);

/** Entry `index` (0..HR_COLORMAP_SIZE-1, clamped) of map `id`; an unknown
    id gives inferno. Entry 0 is the lowest colour. */
HrRgb
hr_colormap_entry(HrColormapId id, int index);

/** The colour of map `id` at t in [0, 1] (clamped; NaN gives 0),
    interpolated between table entries: t = 0 and 1 are the end entries. */
HrRgb
hr_colormap_rgb(HrColormapId id, double t);

/** Opaque ARGB32 pixel (as in a Cairo image surface) of `color`. */
uint32_t
hr_rgb_to_argb(HrRgb color);

/** A colour map applied to a dB window: power p shows colour index
    floor((10 log10 p - bottom_db) / range_db * HR_COLORMAP_SIZE), clamped;
    p <= 0, NaN or below the bottom shows entry 0. */
typedef struct {
  HrColormapId id;
  double       top_db;                 /**< power at the top colour, in dB */
  double       range_db;               /**< top_db - bottom_db, > 0 */
  double       bottom_power;           /**< 10^(bottom_db / 10) */
  uint32_t     argb[HR_COLORMAP_SIZE]; /**< pixel of each entry */
} HrColorScale;

/** Set up `scale` for map `id` and the window [top_db - range_db, top_db].
    A range_db that is not > 0 (or not finite) becomes 1 dB; a top_db that
    is not finite becomes 0 dB. */
void
hr_color_scale_init(HrColorScale* scale,
                    HrColormapId  id,
                    double        top_db,
                    double        range_db);

/** Colour index (0..HR_COLORMAP_SIZE-1) of a level of `db` decibels. */
int
hr_color_scale_index_db(const HrColorScale* scale, double db);

/** Colour index (0..HR_COLORMAP_SIZE-1) of a linear power. */
int
hr_color_scale_index(const HrColorScale* scale, float power);

/** ARGB32 pixel of a linear power. */
uint32_t
hr_color_scale_pixel(const HrColorScale* scale, float power);

#endif /* HR_COLORMAP_H */
