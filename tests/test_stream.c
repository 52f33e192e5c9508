/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The streaming core against the exact one: test signals x presets fed
   in random block sizes, measured as doc/ALGORITHM.md says (kit/agreement),
   and every other vector path giving the measured columns bit for bit;
   block partitions give bit-identical columns; non-finite input is
   silence; columns come out exactly hr_stream_latency() late. The
   default run is a subset that fits the sanitizer build; HR_TEST_FULL=1
   runs every signal with every preset. */

#undef NDEBUG

#include "tests/kit/agreement.h"
#include "tests/kit/check.h"
#include "tests/kit/signals.h"
#include "core/hr_exact.h"
#include "core/hr_stream.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SAMPLE_RATE 48000.0

typedef struct {
  const char* name;
  double      q;
  double      noct;
  int         over;
  int         tdeci;
  double      fmin_hz;
  double      fmax_hz;
  double      sigma_hz; /**< > 0: linear scale, ndiv 200 */
} Preset;

/* One streamed histogram, assembled rows x cols like the exact one. */
typedef struct {
  float*  energy;
  float*  count;
  int64_t n_columns; /* columns taken */
  int     in_order;  /* indices came 0, 1, 2, ... */
} Streamed;

static void
report(int ok, const char* what, const char* detail)
{
  hr_check(ok, "%s%s%s", what, *detail ? ": " : "", detail);
}

static void*
need(void* pointer)
{
  if (!pointer) {
    fprintf(stderr, "test_stream: out of memory\n");
    exit(2);
  }
  return pointer;
}

static double
seconds_now(void)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

static const Preset presets[] = {
  { "reference", 2.0, 108.0, 2, 96, 50.0, 20000.0, 0.0 },
  { "light", 2.0, 48.0, 1, 240, 50.0, 20000.0, 0.0 },
  { "voice", 2.0, 108.0, 2, 96, 80.0, 8000.0, 0.0 },
  { "transients", 0.7, 108.0, 2, 96, 50.0, 20000.0, 0.0 },
  { "tonal", 4.0, 108.0, 2, 96, 50.0, 20000.0, 0.0 },
  { "linear", 2.0, 108.0, 2, 96, 50.0, 20000.0, 96.0 },
};

#define N_PRESETS (sizeof(presets) / sizeof(presets[0]))

/* The default subset: {signal, preset} indices. */
static const int quick_cases[][2] = {
  { 0, 0 }, { 1, 0 }, { 2, 0 }, { 4, 0 }, { 5, 0 }, { 6, 0 },
  { 7, 0 }, { 3, 1 }, { 5, 1 }, { 7, 1 }, { 1, 2 }, { 2, 2 },
  { 6, 2 }, { 4, 3 }, { 6, 3 }, { 2, 4 }, { 4, 4 }, { 6, 5 },
};

#define N_QUICK (sizeof(quick_cases) / sizeof(quick_cases[0]))

static double*
make_signal(HrTestSignal signal, size_t n, uint64_t seed)
{
  return need(hr_test_signal_make(signal, n, SAMPLE_RATE, seed));
}

static HrParams
preset_params(const Preset* preset)
{
  HrParams params = hr_params_default();
  params.q        = preset->q;
  params.noct     = preset->noct;
  params.over     = preset->over;
  params.tdeci    = preset->tdeci;
  params.fmin     = preset->fmin_hz / SAMPLE_RATE;
  params.fmax     = preset->fmax_hz / SAMPLE_RATE;
  if (preset->sigma_hz > 0.0) {
    params.scale = HR_SCALE_LIN;
    params.sigma = preset->sigma_hz / SAMPLE_RATE;
    params.ndiv  = 200;
  }
  return params;
}

static float*
to_float(const double* x, size_t n, size_t padded)
{
  float* xf = need(calloc(padded, sizeof(float)));
  for (size_t i = 0; i < n; ++i) {
    xf[i] = (float)x[i];
  }
  return xf;
}

/* ---------------------------------------------------------- streaming */

/* Block sizes: `fixed`, or random in 1..8192. */
typedef struct {
  uint32_t  fixed;
  HrTestRng rng;
} Blocks;

static uint32_t
next_block(Blocks* blocks)
{
  return blocks->fixed ? blocks->fixed
                       : 1 + (uint32_t)(hr_test_rng_next(&blocks->rng) % 8192);
}

static HrStream*
new_stream_on(const HrParams* params, HrSimd simd)
{
  HrStreamConfig config;
  HrStatus       status = HR_SUCCESS;
  memset(&config, 0, sizeof(config));
  config.simd         = simd;
  config.params       = *params;
  config.max_block    = 8192;
  config.floor_window = 2.0 * SAMPLE_RATE;
  HrStream* stream    = hr_stream_new(&config, &status);
  if (!stream) {
    fprintf(stderr, "test_stream: hr_stream_new: %s\n", hr_strerror(status));
    exit(2);
  }
  return stream;
}

static HrStream*
new_stream(const HrParams* params)
{
  return new_stream_on(params, HR_SIMD_AUTO);
}

/* Input samples after which every column below `cols` is out. */
static size_t
stream_length(const HrStream* stream, size_t cols, int tdeci)
{
  return cols * (size_t)tdeci + hr_stream_latency(stream);
}

static void
streamed_init(Streamed* out, int rows, size_t cols)
{
  out->energy    = need(calloc((size_t)rows * cols, sizeof(float)));
  out->count     = need(calloc((size_t)rows * cols, sizeof(float)));
  out->n_columns = 0;
  out->in_order  = 1;
}

static void
streamed_free(Streamed* out)
{
  free(out->energy);
  free(out->count);
}

/* Take every column out, storing those below `cols`. */
static void
take_columns(HrStream* stream, size_t cols, Streamed* out)
{
  HrColumn column;
  while (hr_stream_next_column(stream, &column)) {
    out->in_order &= column.index == out->n_columns;
    out->n_columns = column.index + 1;
    if (column.index >= 0 && (size_t)column.index < cols) {
      for (int r = 0; r < column.rows; ++r) {
        const size_t cell = (size_t)r * cols + (size_t)column.index;
        out->energy[cell] = column.energy[r];
        out->count[cell]  = column.count[r];
      }
    }
  }
}

/* Feed `x` (padded with zeros to stream_length()) in blocks. */
static void
stream_signal(HrStream*    stream,
              const float* x,
              size_t       length,
              size_t       cols,
              Blocks*      blocks,
              Streamed*    out)
{
  streamed_init(out, hr_stream_rows(stream), cols);
  for (size_t pos = 0; pos < length;) {
    uint32_t block = next_block(blocks);
    block          = pos + block > length ? (uint32_t)(length - pos) : block;
    hr_stream_process(stream, x + pos, block);
    pos += block;
    take_columns(stream, cols, out);
  }
}

/* ---------------------------------------------------------- agreement */

static HrAgreeSpec
agree_spec(const HrParams* params, size_t cols)
{
  HrAgreeSpec spec = hr_agree_spec(hr_params_rows(params),
                                   cols,
                                   params->q,
                                   params->tdeci,
                                   params->noct,
                                   params->fmin,
                                   params->fmax,
                                   2.0 * SAMPLE_RATE);
  if (params->scale == HR_SCALE_LIN) {
    spec.sigma = params->sigma;
  }
  return spec;
}

/* The near-Nyquist rows, compared on their own (not asserted). */
static void
describe_nyquist(const HrAgreeSpec* main_spec,
                 const Streamed*    streamed,
                 const HrHist*      hist,
                 char*              text,
                 size_t             size)
{
  HrAgreeSpec spec = *main_spec;
  HrAgreement near;
  spec.region = HR_AGREE_NYQUIST;
  if (hr_agree_compute(
        &spec, streamed->energy, hist->energy, hist->count, &near) !=
      HR_AGREE_OK) {
    snprintf(text, size, "near-Nyquist rows: none");
    return;
  }
  snprintf(text,
           size,
           "near-Nyquist rows 0..%d (not asserted): jaccard=%.4f "
           "logcorr=%.4f energy=%.4f",
           near.last_row,
           near.jaccard,
           near.logcorr,
           near.energy_ratio);
}

static void
report_agreement(const char*        what,
                 HrTestSignal       signal,
                 HrAgreeStatus      status,
                 const HrAgreement* result,
                 const char*        nyquist)
{
  const HrAgreeLimits limits = hr_agree_limits_default();
  char                text[512];
  if (status != HR_AGREE_OK) {
    report(0, what, hr_agree_strerror(status));
    return;
  }
  snprintf(text,
           sizeof(text),
           "jaccard=%.4f logcorr=%.4f energy=%.4f ridge=%.3f%s "
           "(floor band left out: %.2f%% exact / %.2f%% stream energy); %s",
           result->jaccard,
           result->logcorr,
           result->energy_ratio,
           result->ridge_err,
           hr_test_signal_single_ridge(signal) ? "" : " (not asserted)",
           100.0 * result->left_out_exact,
           100.0 * result->left_out_stream,
           nyquist);
  report(hr_agree_pass(result, &limits, hr_test_signal_single_ridge(signal)),
         what,
         text);
}

static int
same_columns(const Streamed* a, const Streamed* b, size_t cells)
{
  return a->n_columns == b->n_columns && a->in_order && b->in_order &&
         !memcmp(a->energy, b->energy, cells * sizeof(float)) &&
         !memcmp(a->count, b->count, cells * sizeof(float));
}

/* Whether `path` streams `xf` (in random blocks from `seed`) into the
   columns of `expected`, bit for bit. */
static int
path_gives(const HrParams* params,
           HrSimd          path,
           const float*    xf,
           size_t          length,
           size_t          cols,
           uint64_t        seed,
           const Streamed* expected)
{
  HrStream*    stream = new_stream_on(params, path);
  const size_t cells  = (size_t)hr_stream_rows(stream) * cols;
  Blocks       blocks = { 0, { seed } };
  Streamed     other;
  stream_signal(stream, xf, length, cols, &blocks, &other);
  const int same =
    hr_stream_simd(stream) == path && same_columns(expected, &other, cells);
  streamed_free(&other);
  hr_stream_free(stream);
  return same;
}

/* What the agreement measured holds on every vector path: each other
   path this processor runs gives the measured columns bit for bit, in
   random blocks of its own. */
static void
test_agreement_paths(const char*     what,
                     const HrParams* params,
                     const float*    xf,
                     size_t          length,
                     size_t          cols,
                     const Streamed* measured,
                     uint64_t        seed)
{
  const HrSimd measured_path = hr_simd_resolve(HR_SIMD_AUTO);
  for (int path = HR_SIMD_PORTABLE; path <= HR_SIMD_AVX512; ++path) {
    if (path == (int)measured_path || !hr_simd_available((HrSimd)path)) {
      continue;
    }
    char text[200];
    snprintf(text,
             sizeof(text),
             "%s, on the %s path: the same columns",
             what,
             hr_simd_name((HrSimd)path));
    report(path_gives(params,
                      (HrSimd)path,
                      xf,
                      length,
                      cols,
                      seed * 31 + (uint64_t)path,
                      measured),
           text,
           "");
  }
}

static void
test_agreement(HrTestSignal  signal,
               const Preset* preset,
               double        duration,
               uint64_t      seed)
{
  const HrParams params  = preset_params(preset);
  const size_t   n       = (size_t)(duration * SAMPLE_RATE);
  const size_t   cols    = hr_params_cols(&params, n);
  double*        x       = make_signal(signal, n, seed);
  HrExactOptions options = hr_exact_options_default();
  HrHist         hist;
  char           what[128];
  snprintf(what,
           sizeof(what),
           "agreement %s / %s",
           hr_test_signal_name(signal),
           preset->name);
  if (hr_exact_compute(&params, x, n, &options, &hist) != HR_SUCCESS) {
    report(0, what, "exact computation failed");
    free(x);
    return;
  }
  HrStream*    stream = new_stream(&params);
  const size_t length = stream_length(stream, cols, params.tdeci);
  float*       xf     = to_float(x, n, length);
  Blocks       blocks = { 0, { seed * 7919 + 1 } };
  Streamed     streamed;
  stream_signal(stream, xf, length, cols, &blocks, &streamed);

  const HrAgreeSpec   spec = agree_spec(&params, cols);
  HrAgreement         result;
  char                nyquist[200];
  const HrAgreeStatus status =
    hr_agree_compute(&spec, streamed.energy, hist.energy, hist.count, &result);
  describe_nyquist(&spec, &streamed, &hist, nyquist, sizeof(nyquist));
  report_agreement(what, signal, status, &result, nyquist);
  test_agreement_paths(what, &params, xf, length, cols, &streamed, seed);

  streamed_free(&streamed);
  hr_stream_free(stream);
  hr_hist_free(&hist);
  free(xf);
  free(x);
}

/* ------------------------------------------------------- block sizes */

/* The same input in any partition (and again after a reset) gives the
   same columns, bit for bit. */
static void
test_partitions(void)
{
  static const uint32_t fixed[] = { 0, 1, 63, 512, 8192 };
  const HrParams        params  = preset_params(&presets[1]);
  const size_t          n       = (size_t)(1.0 * SAMPLE_RATE);
  const size_t          cols    = hr_params_cols(&params, n);
  double*               x       = make_signal(HR_TEST_TONE_CLICKS, n, 11);
  HrStream*             stream  = new_stream(&params);
  const size_t          length  = stream_length(stream, cols, params.tdeci);
  const size_t          cells   = (size_t)hr_stream_rows(stream) * cols;
  float*                xf      = to_float(x, n, length);
  Blocks                first   = { 0, { 1 } };
  Streamed              base;
  stream_signal(stream, xf, length, cols, &first, &base);
  for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); ++i) {
    Blocks   blocks = { fixed[i], { 2 } };
    Streamed other;
    char     what[128];
    hr_stream_reset(stream);
    stream_signal(stream, xf, length, cols, &blocks, &other);
    snprintf(what,
             sizeof(what),
             "blocks %s%u give bit-identical columns (%lld columns, after "
             "reset)",
             fixed[i] ? "of " : "random, seed ",
             fixed[i] ? fixed[i] : 2u,
             (long long)other.n_columns);
    report(same_columns(&base, &other, cells), what, "");
    streamed_free(&other);
  }
  streamed_free(&base);
  hr_stream_free(stream);
  free(xf);
  free(x);
}

/* ------------------------------------------------------ vector paths */

/* Each vector path of the per-point work that this processor runs gives
   the portable path's columns bit for bit, in its own random blocks. */
static void
test_simd_paths(const Preset* preset, HrTestSignal signal)
{
  const HrParams params = preset_params(preset);
  const size_t   n      = (size_t)(1.0 * SAMPLE_RATE);
  const size_t   cols   = hr_params_cols(&params, n);
  double*        x      = make_signal(signal, n, 17);
  HrStream*      stream = new_stream_on(&params, HR_SIMD_PORTABLE);
  const size_t   length = stream_length(stream, cols, params.tdeci);
  float*         xf     = to_float(x, n, length);
  Blocks         first  = { 0, { 1 } };
  Streamed       base;
  stream_signal(stream, xf, length, cols, &first, &base);
  hr_stream_free(stream);
  for (int path = HR_SIMD_AVX2; path <= HR_SIMD_AVX512; ++path) {
    char what[160];
    snprintf(what,
             sizeof(what),
             "%s / %s: the %s path gives the portable path's columns",
             hr_test_signal_name(signal),
             preset->name,
             hr_simd_name((HrSimd)path));
    if (!hr_simd_available((HrSimd)path)) {
      printf("SKIP %s: not on this processor\n", what);
      continue;
    }
    report(
      path_gives(
        &params, (HrSimd)path, xf, length, cols, 2 + (uint64_t)path, &base),
      what,
      "");
  }
  streamed_free(&base);
  free(xf);
  free(x);
}

/* -------------------------------------------------- non-finite input */

static int
all_finite(const Streamed* s, size_t cells)
{
  for (size_t i = 0; i < cells; ++i) {
    if (!isfinite(s->energy[i]) || !isfinite(s->count[i])) {
      return 0;
    }
  }
  return 1;
}

/* NaN and Inf are analysed as silence: the columns equal those of the
   same input with zeros there, so the analysis recovers right after. */
static void
test_non_finite(void)
{
  const HrParams params = preset_params(&presets[0]);
  const size_t   n      = (size_t)(1.0 * SAMPLE_RATE);
  const size_t   cols   = hr_params_cols(&params, n);
  double*        x      = make_signal(HR_TEST_TONES, n, 5);
  HrStream*      stream = new_stream(&params);
  const size_t   length = stream_length(stream, cols, params.tdeci);
  const size_t   cells  = (size_t)hr_stream_rows(stream) * cols;
  float*         clean  = to_float(x, n, length);
  float*         dirty  = to_float(x, n, length);
  for (size_t i = 20000; i < 20100; ++i) {
    clean[i] = 0.0f;
    dirty[i] = NAN;
  }
  clean[30000] = clean[30001] = clean[30002] = 0.0f;
  dirty[30000]                               = INFINITY;
  dirty[30001]                               = -INFINITY;
  dirty[30002]                               = NAN;
  Blocks   blocks_a                          = { 0, { 3 } };
  Blocks   blocks_b                          = { 0, { 3 } };
  Streamed a;
  Streamed b;
  stream_signal(stream, clean, length, cols, &blocks_a, &a);
  hr_stream_reset(stream);
  stream_signal(stream, dirty, length, cols, &blocks_b, &b);
  report(all_finite(&b, cells) && same_columns(&a, &b, cells),
         "NaN and Inf input: finite columns, equal to zeros in their place",
         "");
  streamed_free(&b);
  dirty[40000] = 3e38f;
  dirty[40001] = -3e38f;
  hr_stream_reset(stream);
  Blocks blocks_c = { 0, { 3 } };
  stream_signal(stream, dirty, length, cols, &blocks_c, &b);
  report(all_finite(&b, cells), "huge finite input: finite columns", "");
  streamed_free(&a);
  streamed_free(&b);
  hr_stream_free(stream);
  free(clean);
  free(dirty);
  free(x);
}

/* Seconds to stream `length` samples of `x` in blocks of 512. */
static double
stream_seconds(HrStream* stream, const float* x, size_t length, size_t cols)
{
  Blocks   blocks = { 512, { 1 } };
  Streamed out;
  hr_stream_reset(stream);
  const double start = seconds_now();
  stream_signal(stream, x, length, cols, &blocks, &out);
  const double elapsed = seconds_now() - start;
  streamed_free(&out);
  return elapsed;
}

/* Tiny (denormal) input costs no more than loud input. */
static void
test_denormals(void)
{
  const HrParams params = preset_params(&presets[1]);
  const size_t   n      = (size_t)(1.0 * SAMPLE_RATE);
  const size_t   cols   = hr_params_cols(&params, n);
  double*        x      = make_signal(HR_TEST_NOISE, n, 9);
  HrStream*      stream = new_stream(&params);
  const size_t   length = stream_length(stream, cols, params.tdeci);
  float*         loud   = to_float(x, n, length);
  float*         tiny   = to_float(x, n, length);
  float*         faint  = to_float(x, n, length);
  for (size_t i = 0; i < n; ++i) {
    tiny[i]  = (float)(x[i] * 1e-39); /* denormal floats */
    faint[i] = (float)(x[i] * 1e-13); /* normal, tiny products */
  }
  const double t_loud  = stream_seconds(stream, loud, length, cols);
  const double t_tiny  = stream_seconds(stream, tiny, length, cols);
  const double t_faint = stream_seconds(stream, faint, length, cols);
  const double worst   = t_tiny > t_faint ? t_tiny : t_faint;
  char         text[160];
  snprintf(text,
           sizeof(text),
           "%.3f s loud, %.3f s denormal, %.3f s at 1e-13 (limit 3x)",
           t_loud,
           t_tiny,
           t_faint);
  report(worst < 3.0 * t_loud, "tiny and denormal input cost no more", text);
  hr_stream_free(stream);
  free(loud);
  free(tiny);
  free(faint);
  free(x);
}

/* ------------------------------------------------- latency and cost */

/* Column k comes out right after the call that brings the input to
   (k+1)*tdeci + latency samples, in order, each once. */
static void
test_latency(void)
{
  const HrParams params  = preset_params(&presets[0]);
  const size_t   n       = (size_t)(1.0 * SAMPLE_RATE);
  double*        x       = make_signal(HR_TEST_CLICKS, n, 4);
  HrStream*      stream  = new_stream(&params);
  const size_t   latency = hr_stream_latency(stream);
  const size_t   length  = n + latency;
  float*         xf      = to_float(x, n, length);
  Blocks         blocks  = { 0, { 4 } };
  int64_t        next    = 0;
  int            ok      = 1;
  HrColumn       column;
  for (size_t pos = 0; pos < length;) {
    uint32_t block = next_block(&blocks);
    block          = pos + block > length ? (uint32_t)(length - pos) : block;
    hr_stream_process(stream, xf + pos, block);
    while (hr_stream_next_column(stream, &column)) {
      const size_t due =
        (size_t)(column.index + 1) * (size_t)params.tdeci + latency;
      ok &= column.index == next++ && due > pos && due <= pos + block;
    }
    pos += block;
  }
  char text[200];
  snprintf(text,
           sizeof(text),
           "latency %zu samples = %.2f q/fmin = %.0f ms at 48 kHz; %lld "
           "columns",
           latency,
           (double)latency * params.fmin / params.q,
           1e3 * (double)latency / SAMPLE_RATE,
           (long long)next);
  report(
    ok && next > 0, "columns come out exactly hr_stream_latency() late", text);
  hr_stream_free(stream);
  free(xf);
  free(x);
}

/* Memory within 64 MB; time to build and to stream (informational:
   sanitizer builds are several times slower). */
static void
test_cost(const Preset* preset)
{
  const HrParams params = preset_params(preset);
  const size_t   n      = (size_t)(2.0 * SAMPLE_RATE);
  const size_t   cols   = hr_params_cols(&params, n);
  double*        x      = make_signal(HR_TEST_NOISE, n, 8);
  const double   start  = seconds_now();
  HrStream*      stream = new_stream(&params);
  const double   t_new  = seconds_now() - start;
  const size_t   length = stream_length(stream, cols, params.tdeci);
  float*         xf     = to_float(x, n, length);
  const double   t_run  = stream_seconds(stream, xf, length, cols);
  const double   memory = (double)hr_stream_memory(stream) / 1048576.0;
  char           what[80];
  char           text[200];
  snprintf(what, sizeof(what), "memory within 64 MB, %s", preset->name);
  snprintf(text,
           sizeof(text),
           "%.1f MB; hr_stream_new %.2f s; %.1fx real time on noise in "
           "512-sample blocks (this build)",
           memory,
           t_new,
           (double)length / SAMPLE_RATE / t_run);
  report(memory <= 64.0, what, text);
  hr_stream_free(stream);
  free(xf);
  free(x);
}

int
main(void)
{
  const char*  full_env = getenv("HR_TEST_FULL");
  const int    full     = full_env && atoi(full_env) != 0;
  const double duration = 2.0;
  test_latency();
  test_partitions();
  printf("vector paths: best here %s, HR_SIMD picks %s\n",
         hr_simd_name(hr_simd_best()),
         hr_simd_name(hr_simd_resolve(HR_SIMD_AUTO)));
  test_simd_paths(&presets[0], HR_TEST_NOISE);
  test_simd_paths(&presets[1], HR_TEST_TONE_CLICKS);
  test_simd_paths(&presets[5], HR_TEST_TONES);
  test_non_finite();
  test_denormals();
  test_cost(&presets[0]);
  test_cost(&presets[1]);
  if (full) {
    for (size_t p = 0; p < N_PRESETS; ++p) {
      for (int s = 0; s < HR_TEST_N_SIGNALS; ++s) {
        test_agreement(
          (HrTestSignal)s, &presets[p], duration, 100 + (uint64_t)s);
      }
    }
  } else {
    for (size_t c = 0; c < N_QUICK; ++c) {
      const int s = quick_cases[c][0];
      test_agreement((HrTestSignal)s,
                     &presets[quick_cases[c][1]],
                     duration,
                     100 + (uint64_t)s);
    }
  }
  return hr_check_summary();
}
