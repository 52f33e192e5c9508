/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_stream.h"
#include "hr_stream_accum.h"
#include "hr_stream_cols.h"
#include "hr_stream_group.h"
#include "hr_stream_layout.h"
#include "hr_stream_rows.h"

#include <fftw3.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define HR_STREAM_HAVE_MXCSR 1
#endif

/* Largest hop of any group but the lowest: bounds the work of one
   hop (a burst in one hr_stream_process() call). */
#define HR_STREAM_MAX_HOP 4096

/* Samples are clamped to +-this and flushed to 0 below 1e-15: far
   outside audio, keeps every sum finite and every product normal. */
#define HR_STREAM_CLAMP 1e9f
#define HR_STREAM_FLUSH 1e-15f

/* Largest max_block accepted. */
#define HR_STREAM_MAX_BLOCK (1u << 24)

struct HrStreamImpl {
  HrParams        params;
  int             rows;
  int             n_groups;
  HrStreamGroup*  groups;
  HrStreamScratch scratch;
  HrStreamRows    row_map;
  HrStreamCols    cols;
  HrStreamAccum   accum;   /* analysis fields; hop fields set per hop */
  float*          history; /* last mask + 1 input samples */
  size_t          mask;
  int64_t         n_input; /* samples analysed since reset */
  int             latency;
  size_t          memory;
  HrSimd          simd; /* the per-point kernels' vector path */
};

static HrStatus
check_config(const HrStreamConfig* config)
{
  const HrStatus status = hr_params_check(&config->params);
  if (status != HR_SUCCESS) {
    return status;
  }
  if (config->max_block > HR_STREAM_MAX_BLOCK) {
    return HR_ERR_TOO_LARGE;
  }
  if (config->grid_over != 0.0 &&
      !(config->grid_over >= 1.0 && config->grid_over <= 16.0)) {
    return HR_ERR_TOO_LARGE;
  }
  return HR_SUCCESS;
}

static void
init_accum(HrStream* stream)
{
  HrStreamAccum* accum = &stream->accum;
  memset(accum, 0, sizeof(*accum));
  accum->lint2     = stream->params.lint * stream->params.lint;
  accum->fmin      = stream->params.fmin;
  accum->fmax      = stream->params.fmax;
  accum->tdeci     = stream->params.tdeci;
  accum->inv_tdeci = 1.0 / stream->params.tdeci;
  accum->rows      = &stream->row_map;
  accum->cols      = &stream->cols;
  accum->kernels   = hr_points_kernels(stream->simd);
  accum->per_point = &stream->scratch.per_point;
}

/* History ring: at least twice the largest analysis size, so that hops
   reaching before sample 0 read zeros. */
static HrStatus
init_history(HrStream* stream, const HrStreamGroupLayout* layouts)
{
  size_t size = 2;
  for (int g = 0; g < stream->n_groups; ++g) {
    while (size < 2 * (size_t)layouts[g].size) {
      size *= 2;
    }
  }
  stream->mask    = size - 1;
  stream->history = calloc(size, sizeof(float));
  stream->memory += size * sizeof(float);
  return stream->history ? HR_SUCCESS : HR_ERR_NO_MEMORY;
}

static int
max_time_reach(const HrStreamGroupLayout* layouts, int n_groups)
{
  int reach = 0;
  for (int g = 0; g < n_groups; ++g) {
    reach = layouts[g].time_reach > reach ? layouts[g].time_reach : reach;
  }
  return reach;
}

/* Columns, floor window, history and groups. */
static HrStatus
init_parts(HrStream*                  stream,
           const HrStreamConfig*      config,
           const HrStreamGroupLayout* layouts)
{
  const int tdeci     = stream->params.tdeci;
  const int max_block = config->max_block ? (int)config->max_block : 8192;
  const int reach     = max_time_reach(layouts, stream->n_groups);
  const int slots = (stream->latency + max_block + reach + tdeci) / tdeci + 6;
  const double longest_std = 1.0 / (2.0 * HR_PI * layouts[0].sigma_low);
  HrStatus     status      = hr_stream_cols_init(&stream->cols,
                                        stream->rows,
                                        slots,
                                        tdeci,
                                        config->floor_window,
                                        longest_std);
  stream->cols.skip_floor  = config->skip_floor;
  if (status == HR_SUCCESS) {
    status = init_history(stream, layouts);
  }
  if (status == HR_SUCCESS) {
    status =
      hr_stream_scratch_init(&stream->scratch, layouts, stream->n_groups);
  }
  stream->groups = calloc((size_t)stream->n_groups, sizeof(HrStreamGroup));
  if (status == HR_SUCCESS && !stream->groups) {
    status = HR_ERR_NO_MEMORY;
  }
  /* FFTW_ESTIMATE, never FFTW_MEASURE: a measured plan is picked by
     timing, so two processes (or a loaded machine) get different
     algorithms and columns that differ in their last bits, which the
     noise floor turns into cells that come and go. */
  for (int g = 0; status == HR_SUCCESS && g < stream->n_groups; ++g) {
    status = hr_stream_group_init(&stream->groups[g],
                                  &stream->params,
                                  &layouts[g],
                                  &stream->scratch,
                                  FFTW_ESTIMATE);
  }
  return status;
}

static size_t
scratch_memory(const HrStreamGroupLayout* layouts, int n_groups)
{
  size_t bytes = 0;
  for (int g = 0; g < n_groups; ++g) {
    const size_t size =
      (size_t)layouts[g].size * sizeof(float) +
      (size_t)layouts[g].grid * 4 * sizeof(fftwf_complex) +
      (size_t)(layouts[g].hop / layouts[g].step + 1) * sizeof(HrStreamPoint) +
      (size_t)layouts[g].hop * hr_stream_scratch_point_bytes();
    bytes = size > bytes ? size : bytes;
  }
  return bytes;
}

static void
count_memory(HrStream* stream, const HrStreamGroupLayout* layouts)
{
  stream->memory += sizeof(HrStream) + hr_stream_rows_memory(&stream->row_map) +
                    hr_stream_cols_memory(&stream->cols) +
                    scratch_memory(layouts, stream->n_groups) +
                    (size_t)stream->n_groups * sizeof(HrStreamGroup);
  for (int g = 0; g < stream->n_groups; ++g) {
    stream->memory += hr_stream_group_memory(&stream->groups[g]);
  }
}

HrStream*
hr_stream_new(const HrStreamConfig* config, HrStatus* status)
{
  HrStatus  result = check_config(config);
  HrStream* stream = NULL;
  if (result == HR_SUCCESS) {
    stream = calloc(1, sizeof(HrStream));
    result = stream ? HR_SUCCESS : HR_ERR_NO_MEMORY;
  }
  HrStreamGroupLayout* layouts = NULL;
  if (result == HR_SUCCESS) {
    stream->params   = config->params;
    stream->simd     = hr_simd_resolve(config->simd);
    stream->rows     = hr_params_rows(&config->params);
    stream->n_groups = hr_stream_layout_n_groups(&config->params);
    layouts = calloc((size_t)stream->n_groups, sizeof(HrStreamGroupLayout));
    result  = layouts ? HR_SUCCESS : HR_ERR_NO_MEMORY;
  }
  if (result == HR_SUCCESS) {
    const double grid_over = config->grid_over != 0.0
                               ? config->grid_over
                               : HR_STREAM_GRID_OVER_DEFAULT;
    hr_stream_layout_make(
      &config->params, grid_over, HR_STREAM_MAX_HOP, layouts);
    stream->latency = hr_stream_layout_latency(layouts, stream->n_groups);
    result          = hr_stream_rows_init(&stream->row_map, &config->params);
  }
  if (result == HR_SUCCESS) {
    result = init_parts(stream, config, layouts);
  }
  if (result == HR_SUCCESS) {
    count_memory(stream, layouts);
    init_accum(stream);
    hr_stream_reset(stream);
  } else {
    hr_stream_free(stream);
    stream = NULL;
  }
  free(layouts);
  if (status) {
    *status = result;
  }
  return stream;
}

void
hr_stream_free(HrStream* stream)
{
  if (!stream) {
    return;
  }
  for (int g = 0; stream->groups && g < stream->n_groups; ++g) {
    hr_stream_group_free(&stream->groups[g]);
  }
  free(stream->groups);
  hr_stream_scratch_free(&stream->scratch);
  hr_stream_rows_free(&stream->row_map);
  hr_stream_cols_free(&stream->cols);
  free(stream->history);
  free(stream);
}

HR_REALTIME void
hr_stream_reset(HrStream* stream)
{
  memset(stream->history, 0, (stream->mask + 1) * sizeof(float));
  for (int g = 0; g < stream->n_groups; ++g) {
    hr_stream_group_reset(&stream->groups[g]);
  }
  hr_stream_cols_reset(&stream->cols);
  stream->n_input = 0;
}

/* floor(a / b) for b > 0. */
static int64_t
floor_div(int64_t a, int64_t b)
{
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* Copy samples into the history: non-finite ones as 0, huge ones
   clamped, tiny ones flushed. */
static void
write_history(HrStream* stream, const float* samples, size_t n)
{
  for (size_t i = 0; i < n; ++i) {
    float x = samples[i];
    if (!isfinite(x) || fabsf(x) < HR_STREAM_FLUSH) {
      x = 0.0f;
    }
    x = x < -HR_STREAM_CLAMP  ? -HR_STREAM_CLAMP
        : x > HR_STREAM_CLAMP ? HR_STREAM_CLAMP
                              : x;
    stream->history[(size_t)(stream->n_input + (int64_t)i) & stream->mask] = x;
  }
  stream->n_input += (int64_t)n;
}

static int64_t
next_trigger(const HrStream* stream)
{
  int64_t trigger = INT64_MAX;
  for (int g = 0; g < stream->n_groups; ++g) {
    const int64_t t = hr_stream_group_trigger(&stream->groups[g]);
    trigger         = t < trigger ? t : trigger;
  }
  return trigger;
}

/* Run the groups whose next hop is due, then make final the columns no
   later point can reach. */
static void
run_due_groups(HrStream* stream)
{
  const int64_t tdeci = stream->params.tdeci;
  int64_t       final = INT64_MAX;
  for (int g = 0; g < stream->n_groups; ++g) {
    HrStreamGroup* group = &stream->groups[g];
    if (hr_stream_group_trigger(group) == stream->n_input) {
      const HrStreamGroupLayout* layout = &group->layout;
      const int64_t              last_t =
        group->next_start + layout->hop - layout->step + layout->time_reach;
      if (hr_stream_group_starts_hop(group)) {
        hr_stream_cols_open(&stream->cols, floor_div(last_t, tdeci) + 1);
      }
      hr_stream_group_run(
        group, &stream->scratch, stream->history, stream->mask, &stream->accum);
    }
    const int64_t ready =
      floor_div(hr_stream_group_done(group) - group->layout.time_reach, tdeci);
    final = ready < final ? ready : final;
  }
  hr_stream_cols_finish(&stream->cols, final);
}

HR_REALTIME void
hr_stream_process(HrStream* stream, const float* samples, uint32_t n_samples)
{
#ifdef HR_STREAM_HAVE_MXCSR
  const unsigned int saved_csr = _mm_getcsr();
  _mm_setcsr(saved_csr | 0x8040); /* flush-to-zero, denormals-are-zero */
#endif
  size_t done = 0;
  while (done < n_samples) {
    const int64_t trigger = next_trigger(stream);
    const int64_t room    = trigger - stream->n_input;
    const size_t  chunk =
      (size_t)room < n_samples - done ? (size_t)room : n_samples - done;
    write_history(stream, samples + done, chunk);
    done += chunk;
    if (stream->n_input == trigger) {
      run_due_groups(stream);
    }
  }
#ifdef HR_STREAM_HAVE_MXCSR
  _mm_setcsr(saved_csr);
#endif
}

/* Columns below this may be handed out. */
static int64_t
ready_limit(const HrStream* stream)
{
  return floor_div(stream->n_input - stream->latency, stream->params.tdeci);
}

HR_REALTIME int64_t
hr_stream_next_index(const HrStream* stream)
{
  const int64_t k = stream->cols.next_out;
  return (k < stream->cols.next_final && k < ready_limit(stream)) ? k : -1;
}

HR_REALTIME int
hr_stream_next_column(HrStream* stream, HrColumn* column)
{
  return hr_stream_cols_take(&stream->cols, ready_limit(stream), column);
}

size_t
hr_stream_latency(const HrStream* stream)
{
  return (size_t)stream->latency;
}

size_t
hr_stream_memory(const HrStream* stream)
{
  return stream->memory;
}

HrSimd
hr_stream_simd(const HrStream* stream)
{
  return stream->simd;
}

int
hr_stream_rows(const HrStream* stream)
{
  return stream->rows;
}
