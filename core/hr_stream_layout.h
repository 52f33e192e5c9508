/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Private to hr_stream: how the streaming analyser splits the filter bank
   into groups (one octave each on the log scale, one group on the linear
   scale) that share an analysis FFT size, a hop and a decimated grid. */

#ifndef HR_STREAM_LAYOUT_H
#define HR_STREAM_LAYOUT_H

#include "hr_params.h"

/** A filter's band is kept to f0 +- HR_STREAM_BAND_K sigma. */
#define HR_STREAM_BAND_K 6.0

/** Overlap-save keeps HR_STREAM_REACH_K time stds of input each side. */
#define HR_STREAM_REACH_K 6.0

/** Decimated-grid oversampling used when the config asks for 0. */
#define HR_STREAM_GRID_OVER_DEFAULT 3.0

/** A hop's filters run in chunks of about this many, spread over the
    input that follows the hop's: a small-block host then gets the work
    in even parts instead of a burst in one run(). */
#define HR_STREAM_CHUNK_FILTERS 2

/** The lowest group spreads a hop's chunks over this share of its hop,
    which adds as much to the latency; the other groups spread over the
    latency they leave unused, up to the same share of their own hop (the
    next hop must not start before the last chunk). */
#define HR_STREAM_SPREAD_SHARE 0.95

/** Geometry of one group. All sample counts; `lead`, `hop`, `phase` and
    `size` are multiples of `step`. A hop whose first output sample is s
    reads input [s - lead, s - lead + size) and yields the decimated
    points s, s + step, ..., s + hop - step. */
typedef struct {
  int    first_filter; /**< index of the group's first filter */
  int    n_filters;    /**< filters in the group */
  int    step;         /**< samples between decimated points (d) */
  int    grid;         /**< small inverse FFT size (M) */
  int    size;         /**< analysis FFT size N = step * grid */
  int    lead;         /**< input samples before the first output */
  int    hop;          /**< output samples per hop */
  int    trail;        /**< input samples after the last output */
  int    phase;        /**< hops start at phase + p * hop */
  int    time_reach;   /**< a kept point moves less than this in time */
  int    chunk;        /**< filters per chunk of a hop */
  int    n_chunks;     /**< chunks per hop... */
  int    spacing;      /**< ...this many input samples apart */
  double sigma_low;    /**< sigma of the group's first filter */
  double sigma_high;   /**< sigma of the group's last filter */
  double band_width;   /**< widest band of the group, f0 +- BAND_K sigma
                            within (-0.5, 0.5], cycles/sample */
} HrStreamGroupLayout;

/** Number of groups the filter bank of `params` (checked) splits into. */
int
hr_stream_layout_n_groups(const HrParams* params);

/** Fill `groups` (hr_stream_layout_n_groups() entries). `grid_over` is
    the decimated-grid oversampling (>= 1); `max_hop` caps every hop but
    the lowest group's. */
void
hr_stream_layout_make(const HrParams*      params,
                      double               grid_over,
                      int                  max_hop,
                      HrStreamGroupLayout* groups);

/** Samples from the input that completes a column's time span to the
    hop after which the column is final, at most, over all groups. */
int
hr_stream_layout_latency(const HrStreamGroupLayout* groups, int n_groups);

/** Samples of input after which `group` has finished a column's span
    ending at sample x (worst case over x). */
int
hr_stream_group_latency(const HrStreamGroupLayout* group);

#endif /* HR_STREAM_LAYOUT_H */
