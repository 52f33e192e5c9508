/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_stream_group.h"
#include "hr_fft.h"
#include "hr_filterbank.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* |xi|^2 below this is treated as 0 (mu undefined: the point is
   dropped); far below any audible level. */
#define HR_STREAM_TINY_ENERGY 1e-30f

/* A point is dropped unless |xi|^2 is this many times above the
   round-off of the single-precision FFTs: where the signal is silent
   next to loud input in the same analysis block, round-off alone would
   give random mu, a third of them kept, enough points to lift cells
   over the noise floor. */
#define HR_STREAM_NOISE_MARGIN 100.0

/* mu is clamped to +-this: such points are dropped anyway, and finite
   values keep the interpolation finite. */
#define HR_STREAM_BIG_MU 1e6f

/* A point that is never kept (xi = 0). */
static const HrStreamPoint no_point = { HR_STREAM_BIG_MU, 0.0f, 0.0f };

static void
per_point_free(HrPointsOut* out)
{
  free(out->f);
  free(out->u);
  free(out->e);
  free(out->first);
  free(out->last);
  free(out->keep);
  memset(out, 0, sizeof(*out));
}

static HrStatus
per_point_init(HrPointsOut* out, size_t n)
{
  out->f     = malloc(n * sizeof(double));
  out->u     = malloc(n * sizeof(double));
  out->e     = malloc(n * sizeof(double));
  out->first = malloc(n * sizeof(double));
  out->last  = malloc(n * sizeof(double));
  out->keep  = malloc(n);
  if (!out->f || !out->u || !out->e || !out->first || !out->last ||
      !out->keep) {
    per_point_free(out);
    return HR_ERR_NO_MEMORY;
  }
  return HR_SUCCESS;
}

size_t
hr_stream_scratch_point_bytes(void)
{
  return 5 * sizeof(double) + 1;
}

HrStatus
hr_stream_scratch_init(HrStreamScratch*           scratch,
                       const HrStreamGroupLayout* layouts,
                       int                        n_groups)
{
  size_t max_size   = 2;
  size_t max_grid   = 2;
  size_t max_points = 2;
  size_t max_hop    = 2;
  for (int g = 0; g < n_groups; ++g) {
    const HrStreamGroupLayout* layout = &layouts[g];
    const size_t points = (size_t)(layout->hop / layout->step) + 1;
    max_size =
      (size_t)layout->size > max_size ? (size_t)layout->size : max_size;
    max_grid =
      (size_t)layout->grid > max_grid ? (size_t)layout->grid : max_grid;
    max_points = points > max_points ? points : max_points;
    max_hop    = (size_t)layout->hop > max_hop ? (size_t)layout->hop : max_hop;
  }
  memset(scratch, 0, sizeof(*scratch));
  scratch->real     = fftwf_alloc_real(max_size);
  scratch->band_in  = fftwf_alloc_complex(2 * max_grid);
  scratch->band_out = fftwf_alloc_complex(2 * max_grid);
  scratch->points   = malloc(max_points * sizeof(HrStreamPoint));
  if (!scratch->real || !scratch->band_in || !scratch->band_out ||
      !scratch->points ||
      per_point_init(&scratch->per_point, max_hop) != HR_SUCCESS) {
    hr_stream_scratch_free(scratch);
    return HR_ERR_NO_MEMORY;
  }
  memset(scratch->band_in, 0, 2 * max_grid * sizeof(fftwf_complex));
  return HR_SUCCESS;
}

void
hr_stream_scratch_free(HrStreamScratch* scratch)
{
  fftwf_free(scratch->real);
  fftwf_free(scratch->band_in);
  fftwf_free(scratch->band_out);
  free(scratch->points);
  per_point_free(&scratch->per_point);
  memset(scratch, 0, sizeof(*scratch));
}

/* Bins of filter `filter`'s band in a `size`-point spectrum: within
   BAND_K sigma of f0 and on the reference's axis (-0.5, 0.5]. */
static void
band_range(HrFilter filter, int size, HrStreamBand* band)
{
  const double reach = HR_STREAM_BAND_K * filter.sigma;
  long         first = (long)ceil((filter.f0 - reach) * size);
  long         last  = (long)floor((filter.f0 + reach) * size);
  const long   low   = -(long)((size - 1) / 2);
  const long   high  = size / 2;
  first              = first < low ? low : first;
  last               = last > high ? high : last;
  band->f0           = filter.f0;
  band->sigma        = filter.sigma;
  band->shift        = (int)lround(filter.f0 * size);
  band->first_bin    = (int)first;
  band->n_bins       = last >= first ? (int)(last - first + 1) : 0;
}

/* G/size and D/size on the band's bins (size folds the inverse FFT's
   1/N into the coefficients). */
static void
fill_coefs(HrStreamBand* band, int size, float* coefs)
{
  const double two_var = 2.0 * band->sigma * band->sigma;
  double       gain    = 0.0;
  for (int i = 0; i < band->n_bins; ++i) {
    const double diff       = (double)(band->first_bin + i) / size - band->f0;
    const double g          = exp(-diff * diff / two_var) / size;
    coefs[i]                = (float)g;
    coefs[band->n_bins + i] = (float)(-diff / band->sigma * g);
    gain += g * g;
  }
  /* Each bin of a size-point FFT carries round-off of about
     eps * sqrt(log2 size * input energy). */
  band->noise_gain = (float)(HR_STREAM_NOISE_MARGIN * FLT_EPSILON *
                             FLT_EPSILON * log2(size) * gain);
}

static HrStatus
init_bands(HrStreamGroup* group, const HrParams* params)
{
  const HrStreamGroupLayout* layout = &group->layout;
  group->bands = calloc((size_t)layout->n_filters, sizeof(HrStreamBand));
  group->carry = calloc((size_t)layout->n_filters, sizeof(HrStreamPoint));
  if (!group->bands || !group->carry) {
    return HR_ERR_NO_MEMORY;
  }
  size_t n_coefs = 0;
  for (int i = 0; i < layout->n_filters; ++i) {
    const HrFilter filter =
      hr_filterbank_filter(params, layout->first_filter + i);
    band_range(filter, layout->size, &group->bands[i]);
    group->bands[i].coef = n_coefs;
    n_coefs += 2 * (size_t)group->bands[i].n_bins;
  }
  group->n_coefs = n_coefs;
  group->coefs   = malloc((n_coefs ? n_coefs : 1) * sizeof(float));
  if (!group->coefs) {
    return HR_ERR_NO_MEMORY;
  }
  for (int i = 0; i < layout->n_filters; ++i) {
    HrStreamBand* band = &group->bands[i];
    fill_coefs(band, layout->size, group->coefs + band->coef);
  }
  return HR_SUCCESS;
}

static HrStatus
init_plans(HrStreamGroup* group, HrStreamScratch* scratch, unsigned flags)
{
  const int grid = group->layout.grid;
  hr_fft_lock();
  /* The analysis FFT runs once per hop, a small share of the work, and
     measuring plans for its large sizes takes seconds: estimate it. */
  group->forward = fftwf_plan_dft_r2c_1d(
    group->layout.size, scratch->real, group->spectrum, FFTW_ESTIMATE);
  group->inverse = fftwf_plan_many_dft(1,
                                       &grid,
                                       2,
                                       scratch->band_in,
                                       NULL,
                                       1,
                                       grid,
                                       scratch->band_out,
                                       NULL,
                                       1,
                                       grid,
                                       FFTW_BACKWARD,
                                       flags);
  hr_fft_unlock();
  /* Planning may have written anywhere in the band buffer. */
  memset(scratch->band_in, 0, 2 * (size_t)grid * sizeof(fftwf_complex));
  return group->forward && group->inverse ? HR_SUCCESS : HR_ERR_FFT_PLAN;
}

HrStatus
hr_stream_group_init(HrStreamGroup*             group,
                     const HrParams*            params,
                     const HrStreamGroupLayout* layout,
                     HrStreamScratch*           scratch,
                     unsigned                   plan_flags)
{
  memset(group, 0, sizeof(*group));
  group->layout   = *layout;
  group->spectrum = fftwf_alloc_complex((size_t)layout->size / 2 + 1);
  HrStatus status =
    group->spectrum ? init_bands(group, params) : HR_ERR_NO_MEMORY;
  if (status == HR_SUCCESS) {
    status = init_plans(group, scratch, plan_flags);
  }
  if (status != HR_SUCCESS) {
    hr_stream_group_free(group);
    return status;
  }
  hr_stream_group_reset(group);
  return HR_SUCCESS;
}

void
hr_stream_group_free(HrStreamGroup* group)
{
  if (group->forward || group->inverse) {
    hr_fft_lock();
    if (group->forward) {
      fftwf_destroy_plan(group->forward);
    }
    if (group->inverse) {
      fftwf_destroy_plan(group->inverse);
    }
    hr_fft_unlock();
  }
  fftwf_free(group->spectrum);
  free(group->bands);
  free(group->coefs);
  free(group->carry);
  memset(group, 0, sizeof(*group));
}

size_t
hr_stream_group_memory(const HrStreamGroup* group)
{
  const size_t n = (size_t)group->layout.n_filters;
  return n * (sizeof(HrStreamBand) + sizeof(HrStreamPoint)) +
         group->n_coefs * sizeof(float) +
         ((size_t)group->layout.size / 2 + 1) * sizeof(fftwf_complex);
}

void
hr_stream_group_reset(HrStreamGroup* group)
{
  for (int i = 0; i < group->layout.n_filters; ++i) {
    group->carry[i] = no_point;
  }
  /* The first hop ends at the phase: it covers sample 0 when the phase
     is 0 as well. */
  group->next_start  = group->layout.phase - group->layout.hop;
  group->next_filter = 0;
  group->next_chunk  = 0;
}

/* Copy the hop's input [start - lead, start - lead + size) from the
   history ring; return its energy. */
static double
read_input(const HrStreamGroup* group,
           float*               real,
           const float*         history,
           size_t               mask)
{
  const size_t first = (size_t)(group->next_start - group->layout.lead) & mask;
  const size_t size  = (size_t)group->layout.size;
  const size_t head  = mask + 1 - first < size ? mask + 1 - first : size;
  memcpy(real, history + first, head * sizeof(float));
  memcpy(real + head, history, (size - head) * sizeof(float));
  double energy = 0.0;
  for (size_t i = 0; i < size; ++i) {
    energy += (double)real[i] * real[i];
  }
  return energy;
}

/* G X and D X of one band, moved down by `shift` bins. */
static void
place_band(const HrStreamBand*  band,
           const float*         coefs,
           const fftwf_complex* spectrum,
           fftwf_complex*       xi_in,
           fftwf_complex*       eta_in,
           int                  grid)
{
  const float* g = coefs + band->coef;
  const float* d = g + band->n_bins;
  /* A band as wide as the grid, shifted by more than half of it (q below
     0.5 near Nyquist), reaches past one period: wrap fully, once, then
     step. */
  int b = (band->first_bin - band->shift) % grid;
  b     = b < 0 ? b + grid : b;
  for (int i = 0; i < band->n_bins; ++i) {
    const int   k  = band->first_bin + i;
    const float re = k >= 0 ? spectrum[k][0] : spectrum[-k][0];
    const float im = k >= 0 ? spectrum[k][1] : -spectrum[-k][1];
    xi_in[b][0]    = g[i] * re;
    xi_in[b][1]    = g[i] * im;
    eta_in[b][0]   = d[i] * re;
    eta_in[b][1]   = d[i] * im;
    b              = b + 1 == grid ? 0 : b + 1;
  }
}

static void
clear_band(const HrStreamBand* band,
           fftwf_complex*      xi_in,
           fftwf_complex*      eta_in,
           int                 grid)
{
  int b = (band->first_bin - band->shift) % grid;
  b     = b < 0 ? b + grid : b;
  for (int i = 0; i < band->n_bins; ++i) {
    xi_in[b][0] = xi_in[b][1] = 0.0f;
    eta_in[b][0] = eta_in[b][1] = 0.0f;
    b                           = b + 1 == grid ? 0 : b + 1;
  }
}

/* Hop-dependent fields of `accum`: the column base keeps u >= 0 for
   every point the hop can keep. */
static void
set_hop_time(const HrStreamGroup* group, HrStreamAccum* accum)
{
  const HrStreamGroupLayout* layout = &group->layout;
  const int64_t first = group->next_start - layout->step; /* point 0 */
  const int64_t low   = first - layout->time_reach;
  const int64_t tdeci = (int64_t)accum->tdeci;
  const int64_t base =
    (low >= 0 ? low / tdeci : -((-low + tdeci - 1) / tdeci)) - 1;
  accum->col_base    = base;
  accum->step        = layout->step;
  accum->u_first     = (double)(first + 1 - base * tdeci);
  accum->u_min       = (double)(1 - base * tdeci);
  accum->check_start = low < 1;
}

/* Start a hop: its input's FFT and energy. */
static void
start_hop(HrStreamGroup*   group,
          HrStreamScratch* scratch,
          const float*     history,
          size_t           mask)
{
  group->energy = read_input(group, scratch->real, history, mask);
  fftwf_execute(group->forward);
  group->next_chunk = hr_stream_group_trigger(group);
}

/* Filter i of the hop under way. */
static void
run_filter(HrStreamGroup*   group,
           int              i,
           HrStreamScratch* scratch,
           HrStreamAccum*   accum)
{
  const HrStreamGroupLayout* layout   = &group->layout;
  const int                  grid     = layout->grid;
  const int                  n_points = layout->hop / layout->step;
  const int                  first    = layout->lead / layout->step;
  const HrStreamBand*        band     = &group->bands[i];
  place_band(band,
             group->coefs,
             group->spectrum,
             scratch->band_in,
             scratch->band_in + grid,
             grid);
  fftwf_execute(group->inverse);
  clear_band(band, scratch->band_in, scratch->band_in + grid, grid);
  const float noise = (float)(band->noise_gain * group->energy);
  const float floor =
    noise > HR_STREAM_TINY_ENERGY ? noise : HR_STREAM_TINY_ENERGY;
  accum->f0       = band->f0;
  accum->sigma    = band->sigma;
  accum->time_std = 1.0 / (2.0 * HR_PI * band->sigma);
  if (layout->step == 1) {
    hr_stream_accum_direct(accum,
                           scratch->band_out[first],
                           scratch->band_out[grid + first],
                           n_points,
                           floor);
    return;
  }
  scratch->points[0] = group->carry[i];
  accum->kernels->decimate(scratch->band_out[first],
                           scratch->band_out[grid + first],
                           n_points,
                           floor,
                           HR_STREAM_BIG_MU,
                           scratch->points + 1);
  hr_stream_accum_run(accum, scratch->points, n_points + 1);
  group->carry[i] = scratch->points[n_points];
}

void
hr_stream_group_run(HrStreamGroup*   group,
                    HrStreamScratch* scratch,
                    const float*     history,
                    size_t           mask,
                    HrStreamAccum*   accum)
{
  const HrStreamGroupLayout* layout = &group->layout;
  if (group->next_filter == 0) {
    start_hop(group, scratch, history, mask);
  }
  set_hop_time(group, accum);
  const int end = group->next_filter + layout->chunk < layout->n_filters
                    ? group->next_filter + layout->chunk
                    : layout->n_filters;
  for (int i = group->next_filter; i < end; ++i) {
    run_filter(group, i, scratch, accum);
  }
  group->next_filter = end;
  group->next_chunk += layout->spacing;
  if (end == layout->n_filters) {
    group->next_filter = 0;
    group->next_start += layout->hop;
  }
}
