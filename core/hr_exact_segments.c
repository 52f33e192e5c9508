/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Exact mode over long signals, in overlapping segments (doc/SEGMENTS.md).
   The reference filters the whole periodic signal at once; a filter's
   output at one sample depends on the samples within its kernel's reach,
   so a segment of `length` samples gives the reference's values on its
   middle `hop` samples when `margin` covers the longest kernel. Segments
   read the signal modulo its length, so the first sees the end as the
   reference's circular transform does. Columns are handed on as soon as
   no later point can reach them. */

#include "hr_exact.h"
#include "hr_exact_nyquist.h"
#include "hr_exact_pass.h"
#include "hr_fft.h"
#include "hr_filterbank.h"

#include <fftw3.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Kernel time stds the margin covers: the Gaussian is exp(-50) ~ 2e-22
   of its peak there. */
#define HR_SEGMENT_STDS 10.0
/* Shortest margin: filters cut at Nyquist have kernels that decay only
   like 1/n, and a longer margin keeps their error small. */
#define HR_SEGMENT_MIN_MARGIN 8192
/* Automatic length: at least this many margins (3/4 of each transform
   is then reassigned), and at least this many samples. */
#define HR_SEGMENT_MARGINS 8
#define HR_SEGMENT_MIN_LENGTH 65536

/* A filter whose response jumps at Nyquist by more than this (G for xi,
   D for eta, relative to the peak of G) gets the terms that give it its
   whole reach (hr_exact_nyquist.h); below it, a filter's 1/n tail beyond
   the margin is far below the agreement asked for. */
#define HR_NYQUIST_JUMP 1e-9

/* Time std, in samples, of the longest filter's kernel. */
static double
longest_kernel_std(const HrParams* params)
{
  if (params->scale == HR_SCALE_LIN) {
    return 1.0 / (2.0 * HR_PI * params->sigma);
  }
  return params->q / params->fmin;
}

/* How far, in samples, reassignment can move a kept point in time:
   |Im(mu)| < lint, moved by Im(mu)/(2 pi sigma). */
static size_t
time_reach(const HrParams* params)
{
  return (size_t)ceil(params->lint * longest_kernel_std(params)) + 2;
}

/* How far a filter's responses jump where the reference cuts them at
   Nyquist: the larger of G's (xi) and D's (eta). */
static double
nyquist_jump(HrFilter filter)
{
  const HrNyquistJumps jumps = hr_nyquist_jumps(filter);
  return fmax(fabs(jumps.xi[0]), fabs(jumps.eta[0]));
}

/* First of the filters (the highest ones) whose jump at Nyquist is above
   HR_NYQUIST_JUMP; n_filters if none. Filters rise in frequency, so
   their jumps grow with the index. */
static int
first_wide_filter(const HrParams* params)
{
  int index = hr_params_n_filters(params);
  while (index > 0 && nyquist_jump(hr_filterbank_filter(params, index - 1)) >
                        HR_NYQUIST_JUMP) {
    --index;
  }
  return index;
}

/* Rows 0 .. (returned) - 1 hold every point of filters `first` and up. */
static int
wide_rows(const HrParams* params, int first)
{
  int rows = 0;
  for (int index = first; index < hr_params_n_filters(params); ++index) {
    int first_row = 0;
    int last_row  = 0;
    hr_filterbank_row_span(
      params, hr_filterbank_filter(params, index), &first_row, &last_row);
    if (last_row + 1 > rows) {
      rows = last_row + 1;
    }
  }
  return rows;
}

/* The filters reaching Nyquist get the terms of hr_exact_nyquist.h:
   in the main pass if its margin holds the smooth parts of their
   responses and keeps the far field's grid within bounds, else in a
   pass of their own with the margin that does, in transforms that give
   it over a whole number of the main pass's hops (or the reference's
   one transform, exact without terms, if the signal fits in it). */
static void
plan_wide(HrExactSegments*      plan,
          const HrParams*       params,
          size_t                n_samples,
          const HrExactOptions* options)
{
  const int n_filters  = hr_params_n_filters(params);
  const int first      = first_wide_filter(params);
  plan->wide_filter    = n_filters;
  plan->nyquist_filter = n_filters;
  plan->wide_margin    = plan->margin;
  if (first == n_filters || (options && options->nyquist_uncorrected)) {
    return; /* every filter in the main pass, as if compact */
  }
  const size_t asked  = options ? options->nyquist_margin : 0;
  size_t       margin = asked ? asked : hr_nyquist_smooth_margin(params, first);
  if (margin < hr_nyquist_grid_margin(n_samples)) {
    margin = hr_nyquist_grid_margin(n_samples);
  }
  plan->nyquist_filter = first;
  if (margin <= plan->margin) {
    return; /* the main pass gives them their terms */
  }
  plan->wide_filter = first;
  plan->wide_margin = margin;
  /* A wide hop of about two wide margins: half of each wide transform
     is reassigned. */
  size_t hops = (2 * plan->wide_margin + plan->hop / 2) / plan->hop;
  if (hops < 1) {
    hops = 1;
  }
  plan->wide_hop = hops * plan->hop;
  plan->wide_length =
    hr_fft_smooth_length(plan->wide_hop + 2 * plan->wide_margin);
  if (plan->wide_length >= n_samples) {
    plan->wide_length    = n_samples; /* the reference's own transform */
    plan->wide_hop       = n_samples;
    plan->wide_whole     = 1;
    plan->nyquist_filter = n_filters; /* exact as it is */
  }
  plan->wide_rows = wide_rows(params, plan->wide_filter);
  plan->wide_window =
    (plan->wide_hop + 2 * time_reach(params)) / (size_t)params->tdeci + 3;
  const size_t cols = hr_params_cols(params, n_samples);
  if (plan->wide_window > cols) {
    plan->wide_window = cols;
  }
}

HrExactSegments
hr_exact_segments(const HrParams*       params,
                  size_t                n_samples,
                  const HrExactOptions* options)
{
  HrExactSegments plan;
  memset(&plan, 0, sizeof(plan));
  const double kernel = HR_SEGMENT_STDS * longest_kernel_std(params);
  plan.margin         = (size_t)ceil(kernel);
  if (plan.margin < HR_SEGMENT_MIN_MARGIN) {
    plan.margin = HR_SEGMENT_MIN_MARGIN;
  }
  const size_t asked = options ? options->segment_length : 0;
  size_t       least = asked ? asked : HR_SEGMENT_MARGINS * plan.margin;
  if (!asked && least < HR_SEGMENT_MIN_LENGTH) {
    least = HR_SEGMENT_MIN_LENGTH;
  }
  if (least < 3 * plan.margin) {
    least = 3 * plan.margin; /* a hop of at least one margin */
  }
  plan.length     = hr_fft_smooth_length(least);
  plan.hop        = plan.length - 2 * plan.margin;
  const int whole = options && (options->whole_signal || options->complex_hist);
  if (whole || n_samples <= plan.length) {
    memset(&plan, 0, sizeof(plan));
    plan.count  = 1;
    plan.hop    = n_samples;
    plan.window = hr_params_cols(params, n_samples);
    return plan;
  }
  plan.segmented = 1;
  plan.count     = (n_samples + plan.hop - 1) / plan.hop;
  plan_wide(&plan, params, n_samples, options);
  plan.wide_threads = hr_exact_wide_threads(params, &plan, options);
  plan.window = (plan.hop + 2 * time_reach(params)) / (size_t)params->tdeci + 3;
  const size_t cols = hr_params_cols(params, n_samples);
  if (plan.window > cols) {
    plan.window = cols;
  }
  return plan;
}

int
hr_exact_segmented(const HrParams*       params,
                   size_t                n_samples,
                   const HrExactOptions* options)
{
  return hr_exact_segments(params, n_samples, options).segmented;
}

/* State of one segmented computation. */
typedef struct {
  const HrParams* params;
  HrExactSegments plan;
  size_t          n_samples;
  size_t          cols;  /* of the whole histogram */
  size_t          reach; /* time_reach() */
  HrSampleSource  source;
  void*           source_data;
  HrColumnSink    sink;
  void*           sink_data;
  double*         samples;       /* one segment's input (main or wide) */
  fftw_complex*   spectrum;      /* its transform */
  fftw_complex*   wide_spectrum; /* the wide filters' transform */
  HrHist          wide_window;   /* their points: rows 0 .. wide_rows - 1,
                                    columns base .. base + wide_window - 1 */
  size_t wide_done;              /* signal samples the wide passes covered */
  int    n_filters;
  HrHist window; /* columns base .. base + window - 1, rows x
                    window (row-major, as a pass adds them) */
  size_t         base;
  double*        out_energy; /* finished columns, column by column */
  double*        out_count;
  HrProgressFunc progress;
  void*          progress_data;
  size_t         segment; /* the one being computed */
  HrNyquistFar   far;     /* filters reaching Nyquist: their far field */
  HrNyquistTerms terms;   /* and one transform's terms */
} SegmentRun;

/* Read the segment's samples: signal indices from `first` (taken modulo
   the signal's length, as the reference's transform is periodic). */
static int
read_segment(SegmentRun* run, long first, size_t length)
{
  const long n      = (long)run->n_samples;
  size_t     filled = 0;
  long       index  = ((first % n) + n) % n;
  while (filled < length) {
    size_t count = (size_t)(n - index);
    if (count > length - filled) {
      count = length - filled;
    }
    if (run->source(
          run->source_data, (size_t)index, count, run->samples + filled)) {
      return -1;
    }
    filled += count;
    index = 0;
  }
  return 0;
}

/* Drop the first `done` columns of `window`, the rest moving down. */
static void
slide_window(HrHist* window, size_t done)
{
  const size_t width = window->cols;
  for (size_t r = 0; r < (size_t)window->rows; ++r) {
    double* energy = window->energy + r * width;
    double* count  = window->count + r * width;
    memmove(energy, energy + done, (width - done) * sizeof(double));
    memmove(count, count + done, (width - done) * sizeof(double));
    memset(energy + width - done, 0, done * sizeof(double));
    memset(count + width - done, 0, done * sizeof(double));
  }
}

/* Add the wide filters' points of the first `done` columns to the
   columns being handed on. */
static void
add_wide_columns(SegmentRun* run, size_t done)
{
  const size_t rows  = (size_t)run->window.rows;
  const size_t width = run->wide_window.cols;
  for (size_t r = 0; r < (size_t)run->wide_window.rows; ++r) {
    const double* energy = run->wide_window.energy + r * width;
    const double* count  = run->wide_window.count + r * width;
    for (size_t c = 0; c < done; ++c) {
      run->out_energy[c * rows + r] += energy[c];
      run->out_count[c * rows + r] += count[c];
    }
  }
}

/* Hand columns base .. end - 1 to the sink and slide the windows. */
static int
emit_columns(SegmentRun* run, size_t end)
{
  const size_t rows  = (size_t)run->window.rows;
  const size_t width = run->window.cols;
  const size_t done  = end - run->base;
  if (done == 0) {
    return 0;
  }
  for (size_t r = 0; r < rows; ++r) {
    const double* energy = run->window.energy + r * width;
    const double* count  = run->window.count + r * width;
    for (size_t c = 0; c < done; ++c) {
      run->out_energy[c * rows + r] = energy[c];
      run->out_count[c * rows + r]  = count[c];
    }
  }
  add_wide_columns(run, done);
  slide_window(&run->window, done);
  if (run->wide_window.energy) {
    slide_window(&run->wide_window, done);
  }
  HrColumns columns = {
    run->base, done, (int)rows, run->out_energy, run->out_count
  };
  run->base = end;
  return run->sink(run->sink_data, &columns);
}

static void
segment_progress(void* data, double fraction)
{
  SegmentRun* run = (SegmentRun*)data;
  if (run->progress) {
    run->progress(run->progress_data,
                  ((double)run->segment + fraction) / (double)run->plan.count);
  }
}

/* Columns no point after signal sample `done` can reach. */
static size_t
finished_columns(const SegmentRun* run, size_t done)
{
  if (done >= run->n_samples) {
    return run->cols;
  }
  if (done + 1 <= run->reach) {
    return 0;
  }
  const size_t end = (done + 1 - run->reach) / (size_t)run->params->tdeci;
  return end > run->cols ? run->cols : end;
}

/* Read `length` samples from signal index `offset` and transform them
   into `spectrum`. */
static HrStatus
transform_segment(SegmentRun*   run,
                  long          offset,
                  size_t        length,
                  fftw_complex* spectrum)
{
  if (read_segment(run, offset, length)) {
    return HR_ERR_STOPPED;
  }
  return hr_exact_forward_spectrum(run->samples, length, spectrum);
}

/* The terms of the filters reaching Nyquist for a pass over `spectrum`,
   if this pass is the one that runs them. */
static HrStatus
add_terms(SegmentRun*         run,
          HrExactPass*        pass,
          const fftw_complex* spectrum,
          int                 wide)
{
  const HrExactSegments* plan = &run->plan;
  if (plan->nyquist_filter >= run->n_filters ||
      wide != (plan->wide_filter < run->n_filters)) {
    return HR_SUCCESS;
  }
  pass->nyquist        = &run->terms;
  pass->nyquist_filter = plan->nyquist_filter;
  return hr_nyquist_terms_compute(&run->terms,
                                  &run->far,
                                  spectrum,
                                  pass->n_fft,
                                  pass->offset,
                                  pass->first_point,
                                  pass->end_point);
}

/* The filters reaching Nyquist, with their wider margin, over the next
   wide hop (or the whole signal): run before the segment that starts
   it, so that their points are in their window before its columns are
   handed on. */
static HrStatus
run_wide_pass(SegmentRun* run)
{
  const HrExactSegments* plan  = &run->plan;
  const size_t           first = run->wide_done;
  size_t                 last  = first + plan->wide_hop;
  if (last > run->n_samples) {
    last = run->n_samples;
  }
  size_t length = plan->wide_length;
  long   offset = 0;
  if (!plan->wide_whole) {
    length = hr_fft_smooth_length(last - first + 2 * plan->wide_margin);
    if (length > plan->wide_length) {
      length = plan->wide_length;
    }
    offset = (long)first - (long)plan->wide_margin;
  }
  HrStatus status = transform_segment(run, offset, length, run->wide_spectrum);
  if (status != HR_SUCCESS) {
    return status;
  }
  HrExactPass pass;
  memset(&pass, 0, sizeof(pass));
  pass.spectrum     = (const fftw_complex*)run->wide_spectrum;
  pass.n_fft        = length;
  pass.n_total      = run->n_samples;
  pass.offset       = offset;
  pass.first_point  = (size_t)((long)first - offset);
  pass.end_point    = (size_t)((long)last - offset);
  pass.col_base     = run->base;
  pass.hist         = &run->wide_window;
  pass.first_filter = plan->wide_filter;
  pass.end_filter   = run->n_filters;
  run->wide_done    = last;
  status            = add_terms(run, &pass, run->wide_spectrum, 1);
  if (status != HR_SUCCESS) {
    return status;
  }
  return hr_exact_run_pass(run->params, &pass, plan->wide_threads);
}

static HrStatus
run_segment(SegmentRun* run, int n_threads)
{
  const size_t first = run->segment * run->plan.hop;
  size_t       last  = first + run->plan.hop;
  if (last > run->n_samples) {
    last = run->n_samples;
  }
  /* The last segment may be shorter: a 5-smooth length that holds
     what is left and its margins. */
  size_t length = hr_fft_smooth_length(last - first + 2 * run->plan.margin);
  if (length > run->plan.length) {
    length = run->plan.length;
  }
  const long offset = (long)first - (long)run->plan.margin;
  HrStatus   status = HR_SUCCESS;
  if (run->plan.wide_filter < run->n_filters && last > run->wide_done) {
    status = run_wide_pass(run);
  }
  if (status == HR_SUCCESS && run->plan.wide_filter > 0) {
    status = transform_segment(run, offset, length, run->spectrum);
  }
  if (status != HR_SUCCESS) {
    return status;
  }
  HrExactPass pass;
  memset(&pass, 0, sizeof(pass));
  pass.spectrum      = (const fftw_complex*)run->spectrum;
  pass.n_fft         = length;
  pass.n_total       = run->n_samples;
  pass.offset        = offset;
  pass.first_point   = run->plan.margin;
  pass.end_point     = run->plan.margin + (last - first);
  pass.col_base      = run->base;
  pass.hist          = &run->window;
  pass.end_filter    = run->plan.wide_filter;
  pass.progress      = segment_progress;
  pass.progress_data = run;
  if (run->plan.wide_filter > 0) {
    status = add_terms(run, &pass, run->spectrum, 0);
  }
  if (status == HR_SUCCESS && run->plan.wide_filter > 0) {
    status = hr_exact_run_pass(run->params, &pass, n_threads);
  }
  if (status != HR_SUCCESS) {
    return status;
  }
  return emit_columns(run, finished_columns(run, last)) ? HR_ERR_STOPPED
                                                        : HR_SUCCESS;
}

static void
free_run(SegmentRun* run)
{
  fftw_free(run->samples);
  fftw_free(run->spectrum);
  fftw_free(run->wide_spectrum);
  hr_hist_free(&run->window);
  hr_hist_free(&run->wide_window);
  hr_nyquist_far_free(&run->far);
  hr_nyquist_terms_free(&run->terms);
  free(run->out_energy);
  free(run->out_count);
}

static HrStatus
compute_segments(SegmentRun* run, const HrExactOptions* options)
{
  const size_t rows  = (size_t)hr_params_rows(run->params);
  const size_t cells = rows * run->plan.window;
  run->reach         = time_reach(run->params);
  run->cols          = hr_params_cols(run->params, run->n_samples);
  const size_t wide  = run->plan.wide_length;
  run->n_filters     = hr_params_n_filters(run->params);
  run->samples =
    fftw_alloc_real(wide > run->plan.length ? wide : run->plan.length);
  run->spectrum      = fftw_alloc_complex(run->plan.length);
  run->wide_spectrum = wide ? fftw_alloc_complex(wide) : NULL;
  run->out_energy    = malloc(cells * sizeof(double));
  run->out_count     = malloc(cells * sizeof(double));
  run->progress      = options ? options->progress : NULL;
  run->progress_data = options ? options->progress_data : NULL;
  HrStatus status    = hr_hist_init(&run->window, (int)rows, run->plan.window);
  if (status == HR_SUCCESS && wide) {
    status = hr_hist_init(
      &run->wide_window, run->plan.wide_rows, run->plan.wide_window);
  }
  if (!run->samples || !run->spectrum || (wide && !run->wide_spectrum) ||
      !run->out_energy || !run->out_count) {
    status = HR_ERR_NO_MEMORY;
  }
  if (status == HR_SUCCESS && run->plan.nyquist_filter < run->n_filters) {
    /* One read of the whole signal, before the segments. */
    const int    own    = run->plan.wide_filter < run->n_filters;
    const size_t margin = own ? run->plan.wide_margin : run->plan.margin;
    status =
      hr_nyquist_far_build(&run->far,
                           run->n_samples,
                           margin,
                           run->source,
                           run->source_data,
                           run->samples,
                           wide > run->plan.length ? wide : run->plan.length);
  }
  const int n_threads = hr_exact_thread_count(options);
  for (run->segment = 0; status == HR_SUCCESS && run->segment < run->plan.count;
       ++run->segment) {
    status = run_segment(run, n_threads);
  }
  free_run(run);
  return status;
}

/* The whole signal in one transform, its columns handed on at once. */
static HrStatus
compute_whole_columns(SegmentRun* run, const HrExactOptions* options)
{
  double* x = malloc(run->n_samples * sizeof(double));
  if (!x) {
    return HR_ERR_NO_MEMORY;
  }
  HrExactOptions whole = options ? *options : hr_exact_options_default();
  whole.skip_floor     = 1;
  whole.whole_signal   = 1;
  whole.memory_limit   = 0;
  HrHist   hist;
  HrStatus status =
    run->source(run->source_data, 0, run->n_samples, x)
      ? HR_ERR_STOPPED
      : hr_exact_compute(run->params, x, run->n_samples, &whole, &hist);
  free(x);
  if (status != HR_SUCCESS) {
    return status;
  }
  run->window        = hist;
  run->base          = 0;
  const size_t cells = (size_t)hist.rows * hist.cols;
  run->out_energy    = malloc((cells ? cells : 1) * sizeof(double));
  run->out_count     = malloc((cells ? cells : 1) * sizeof(double));
  if (!run->out_energy || !run->out_count) {
    status = HR_ERR_NO_MEMORY;
  } else if (emit_columns(run, hist.cols)) {
    status = HR_ERR_STOPPED;
  }
  free_run(run);
  return status;
}

HrStatus
hr_exact_compute_columns(const HrParams*       params,
                         HrSampleSource        source,
                         void*                 source_data,
                         size_t                n_samples,
                         const HrExactOptions* options,
                         HrColumnSink          sink,
                         void*                 sink_data)
{
  HrStatus status = hr_params_check(params);
  if (status != HR_SUCCESS) {
    return status;
  }
  if (n_samples < 2) {
    return HR_ERR_TOO_SHORT;
  }
  if (options && options->complex_hist) {
    return HR_ERR_TOO_LARGE;
  }
  if (options && options->memory_limit &&
      hr_exact_columns_memory(params, n_samples, options) >
        options->memory_limit) {
    return HR_ERR_MEMORY_LIMIT;
  }
  SegmentRun run;
  memset(&run, 0, sizeof(run));
  run.plan        = hr_exact_segments(params, n_samples, options);
  run.params      = params;
  run.n_samples   = n_samples;
  run.source      = source;
  run.source_data = source_data;
  run.sink        = sink;
  run.sink_data   = sink_data;
  if (!run.plan.segmented) {
    return compute_whole_columns(&run, options);
  }
  return compute_segments(&run, options);
}

/* A signal in memory as an HrSampleSource. */
static int
read_memory(void* data, size_t first, size_t count, double* samples)
{
  memcpy(samples, (const double*)data + first, count * sizeof(double));
  return 0;
}

/* Columns into a whole histogram (rows x cols, row-major). */
static int
store_columns(void* data, const HrColumns* columns)
{
  HrHist*      hist = (HrHist*)data;
  const size_t rows = (size_t)columns->rows;
  for (size_t c = 0; c < columns->n_cols; ++c) {
    const size_t col = columns->first_col + c;
    for (size_t r = 0; r < rows; ++r) {
      hist->energy[r * hist->cols + col] = columns->energy[c * rows + r];
      hist->count[r * hist->cols + col]  = columns->count[c * rows + r];
    }
  }
  return 0;
}

HrStatus
hr_exact_compute_segmented(const HrParams*       params,
                           const double*         x,
                           size_t                n_samples,
                           const HrExactOptions* options,
                           HrHist*               hist)
{
  HrStatus status = hr_hist_init(
    hist, hr_params_rows(params), hr_params_cols(params, n_samples));
  if (status != HR_SUCCESS) {
    return status;
  }
  HrExactOptions inner = options ? *options : hr_exact_options_default();
  inner.memory_limit   = 0; /* checked by the caller, with the histogram */
  SegmentRun run;
  memset(&run, 0, sizeof(run));
  run.plan        = hr_exact_segments(params, n_samples, options);
  run.params      = params;
  run.n_samples   = n_samples;
  run.source      = read_memory;
  run.source_data = (void*)x;
  run.sink        = store_columns;
  run.sink_data   = hist;
  return compute_segments(&run, &inner);
}
