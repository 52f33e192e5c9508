/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_stream_layout.h"
#include "hr_filterbank.h"

#include <limits.h>
#include <math.h>

/* The lowest group (longest filters) hops by this many of its longest
   time stds: it sets the latency, and its cost is small anyway. */
#define HR_STREAM_ANCHOR_HOP 0.5

/* Latency every group may use at least, samples: short filters (linear
   scale, high fmin) would otherwise hop by a few samples only. */
#define HR_STREAM_LATENCY_FLOOR 4096

/* Groups whose grid step is at most this many samples (the top octaves,
   where the inverse FFTs and the points cost most)... */
#define HR_STREAM_TOP_STEP 2

/* ...use this share of the grid oversampling: measured, the agreement
   with exact mode holds there (not in the middle octaves, where beating
   tones need the finer grid). */
#define HR_STREAM_TOP_GRID_SHARE 0.5

/* Largest small inverse FFT: keeps a filter's work in cache. */
#define HR_STREAM_GRID_CAP 1024

static int
is_smooth(int n)
{
  static const int primes[] = { 2, 3, 5 };
  for (int p = 0; p < 3; ++p) {
    while (n % primes[p] == 0) {
      n /= primes[p];
    }
  }
  return n == 1;
}

/* Largest 2^a 3^b 5^c <= n (n >= 1). */
static int
smooth_floor(int n)
{
  while (n > 1 && !is_smooth(n)) {
    --n;
  }
  return n < 1 ? 1 : n;
}

static int
round_up(int n, int step)
{
  return (n + step - 1) / step * step;
}

static int
group_of_filter(const HrParams* params, int index)
{
  if (params->scale == HR_SCALE_LIN) {
    return 0;
  }
  return (int)floor(index / (params->over * params->noct) + 1e-9);
}

int
hr_stream_layout_n_groups(const HrParams* params)
{
  return group_of_filter(params, hr_params_n_filters(params) - 1) + 1;
}

/* Filters, sigmas, step and time reach of group `g` (set_grid() sets
   the lead with the rest of the geometry). */
static void
group_basics(const HrParams*      params,
             int                  g,
             double               grid_over,
             HrStreamGroupLayout* group)
{
  const int n_filters = hr_params_n_filters(params);
  int       first     = 0;
  while (group_of_filter(params, first) < g) {
    ++first;
  }
  int last = first;
  while (last + 1 < n_filters && group_of_filter(params, last + 1) == g) {
    ++last;
  }
  group->band_width = 0.0;
  for (int i = first; i <= last; ++i) {
    const HrFilter filter = hr_filterbank_filter(params, i);
    const double   reach  = HR_STREAM_BAND_K * filter.sigma;
    const double   width =
      fmin(filter.f0 + reach, 0.5) - fmax(filter.f0 - reach, -0.5);
    group->band_width = fmax(group->band_width, width);
  }
  group->first_filter    = first;
  group->n_filters       = last - first + 1;
  group->sigma_low       = hr_filterbank_filter(params, first).sigma;
  group->sigma_high      = hr_filterbank_filter(params, last).sigma;
  const double std_short = 1.0 / (2.0 * HR_PI * group->sigma_high);
  const double std_long  = 1.0 / (2.0 * HR_PI * group->sigma_low);
  const double step      = std_short * HR_PI / (HR_STREAM_BAND_K * grid_over);
  group->step            = smooth_floor(step < 1.0 ? 1 : (int)step);
  group->time_reach      = (int)ceil(params->lint * std_long) + 2;
  group->chunk           = group->n_filters;
  group->n_chunks        = 1;
  group->spacing         = 0;
}

static int
reach_of(const HrStreamGroupLayout* group)
{
  return (int)ceil(HR_STREAM_REACH_K / (2.0 * HR_PI * group->sigma_low));
}

/* Input a hop needs before its first output: the reach, in whole steps. */
static int
min_lead(const HrStreamGroupLayout* group)
{
  return round_up(reach_of(group), group->step);
}

/* Set size, lead, hop and trail for small inverse FFT size `grid`, the
   hop at most `max_hop`: a grid that could hop further reads that much
   more input before the hop (lead), not after it, so the latency stays
   that of the shorter hop. 0 if the grid is too small for one step of
   output or for the band. */
static int
set_grid(HrStreamGroupLayout* group, int grid, int max_hop)
{
  const int size = grid * group->step;
  const int lead = min_lead(group);
  const int most = (size - lead - reach_of(group)) / group->step * group->step;
  const int cap  = max_hop / group->step * group->step;
  const int hop  = most < cap ? most : cap;
  const double band_bins = group->band_width * size + 2.0;
  if (hop < group->step || grid % 2 != 0 || grid < fmin(band_bins, size)) {
    return 0;
  }
  group->grid  = grid;
  group->size  = size;
  group->lead  = lead + (most - hop);
  group->hop   = hop;
  group->trail = size - group->lead - hop;
  return 1;
}

/* 2^a, 3 2^a or 5 2^a: the sizes FFTW's estimated plans transform at
   about 1 ns a point here; other 5-smooth sizes (150, 216, 324, 486, 540,
   810, 864, 960) take 2-5 ns. Plans are estimated, never measured, so
   that the columns do not depend on timing (hr_stream.c). */
static int
is_fast(int n)
{
  while (n % 2 == 0) {
    n /= 2;
  }
  return n == 1 || n == 3 || n == 5;
}

/* A filter's fixed work per hop (band copy, kernel calls) counted in
   grid points. A fast size transforms at about the same time per point
   from 160 to 1024 (measured); this estimate of the rest makes the
   choice prefer longer hops, which measured faster. */
#define HR_STREAM_HOP_OVERHEAD 256.0

/* Work per output sample of the grid set last. */
static double
grid_cost(const HrStreamGroupLayout* group)
{
  return (group->grid + HR_STREAM_HOP_OVERHEAD) / group->hop;
}

/* Smallest usable grid. */
static void
set_smallest_grid(HrStreamGroupLayout* group, int min_hop)
{
  int grid = (min_lead(group) + min_hop + reach_of(group)) / group->step;
  grid     = grid < 2 ? 2 : grid;
  while (!is_smooth(grid) || !set_grid(group, grid, INT_MAX) ||
         group->hop < min_hop) {
    ++grid;
  }
}

int
hr_stream_group_latency(const HrStreamGroupLayout* group)
{
  return group->time_reach + group->hop - 1 + group->step + group->trail +
         (group->n_chunks - 1) * group->spacing;
}

/* Chunks of about CHUNK_FILTERS filters, spread over `spread` samples
   at most (and SPREAD_SHARE of the hop). */
static void
set_chunks(HrStreamGroupLayout* group, int spread)
{
  const int share = (int)(HR_STREAM_SPREAD_SHARE * group->hop);
  spread          = spread > share ? share : spread;
  int n_chunks =
    (group->n_filters + HR_STREAM_CHUNK_FILTERS - 1) / HR_STREAM_CHUNK_FILTERS;
  n_chunks        = n_chunks > spread ? spread : n_chunks;
  n_chunks        = n_chunks < 1 ? 1 : n_chunks;
  group->chunk    = (group->n_filters + n_chunks - 1) / n_chunks;
  group->n_chunks = (group->n_filters + group->chunk - 1) / group->chunk;
  group->spacing  = group->n_chunks > 1 ? spread / (group->n_chunks - 1) : 0;
}

/* Set grid `grid` with the longest hop up to `max_hop` whose latency
   stays within `budget` (shortening the hop leaves the trail, so the
   latency falls by as much); 0 if there is none. */
static int
set_grid_within(HrStreamGroupLayout* group, int grid, int budget, int max_hop)
{
  if (!set_grid(group, grid, max_hop)) {
    return 0;
  }
  const int excess = hr_stream_group_latency(group) - budget;
  if (excess <= 0) {
    return 1;
  }
  return set_grid(group, grid, group->hop - round_up(excess, group->step));
}

/* The fast grid up to the cap with the least work per output sample
   within the latency `budget`, its hop within `max_hop`; the smallest
   grid if none fits. */
static void
choose_grid(HrStreamGroupLayout* group, int budget, int max_hop)
{
  set_smallest_grid(group, group->step);
  int    best      = group->grid;
  int    best_hop  = max_hop;
  double best_cost = INFINITY;
  for (int grid = best; grid <= HR_STREAM_GRID_CAP; ++grid) {
    if (is_fast(grid) && set_grid_within(group, grid, budget, max_hop) &&
        grid_cost(group) < best_cost) {
      best      = grid;
      best_hop  = group->hop;
      best_cost = grid_cost(group);
    }
  }
  set_grid(group, best, best_hop);
}

void
hr_stream_layout_make(const HrParams*      params,
                      double               grid_over,
                      int                  max_hop,
                      HrStreamGroupLayout* groups)
{
  const int n_groups = hr_stream_layout_n_groups(params);
  for (int g = 0; g < n_groups; ++g) {
    group_basics(params, g, grid_over, &groups[g]);
    if (g > 0 && groups[g].step <= HR_STREAM_TOP_STEP) {
      group_basics(params, g, grid_over * HR_STREAM_TOP_GRID_SHARE, &groups[g]);
    }
  }
  /* Group 0 holds the longest filters: its latency, with a short hop, is
     the budget of every group. */
  HrStreamGroupLayout anchor   = groups[0];
  const double        std_long = 1.0 / (2.0 * HR_PI * anchor.sigma_low);
  set_smallest_grid(&anchor, (int)ceil(HR_STREAM_ANCHOR_HOP * std_long));
  int budget = hr_stream_group_latency(&anchor);
  if (budget < HR_STREAM_LATENCY_FLOOR) {
    budget = HR_STREAM_LATENCY_FLOOR;
  }
  /* The spread adds a share of the anchor's hop: latency stays in
     proportion to q / fmin. */
  const int spread = (int)(HR_STREAM_SPREAD_SHARE * anchor.hop);
  for (int g = 0; g < n_groups; ++g) {
    choose_grid(&groups[g], budget, g == 0 ? budget : max_hop);
    set_chunks(&groups[g],
               budget + spread - hr_stream_group_latency(&groups[g]));
    /* Stagger the hops so that groups rarely run in the same block. */
    const int slot  = groups[g].hop / groups[g].step * g / n_groups;
    groups[g].phase = slot * groups[g].step;
  }
}

int
hr_stream_layout_latency(const HrStreamGroupLayout* groups, int n_groups)
{
  int latency = 0;
  for (int g = 0; g < n_groups; ++g) {
    const int group_latency = hr_stream_group_latency(&groups[g]);
    latency                 = group_latency > latency ? group_latency : latency;
  }
  return latency;
}
