/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_exact.h"
#include "hr_exact_pass.h"
#include "hr_exact_points.h"
#include "hr_fft.h"
#include "hr_filterbank.h"
#include "hr_rowmap.h"

#include <fftw3.h>

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Beyond 40 sigma exp(-d^2/2) underflows to 0.0 in double precision, so
   the band below holds every non-zero value of the Gaussian. */
#define HR_BAND_SIGMAS 12.33

/* State shared by the threads of one computation. */
typedef struct {
  const HrParams* params;
  size_t          n_samples;   /* transform length: the signal or a segment */
  size_t          n_total;     /* length of the whole signal */
  long            offset;      /* signal index of transform sample 0 */
  size_t          first_point; /* transform samples reassigned: */
  size_t          end_point;   /* [first_point, end_point) */
  size_t          col_base;    /* signal column of hist column 0 */
  size_t          cols;
  int             n_filters;
  int             max_span;
  const HrExactPointsKernels* kernels; /* the per-point work's path */
  const fftw_complex*   spectrum; /* FFT of the signal or segment, N bins */
  fftw_plan             inverse;  /* N-point backward, out of place */
  HrHist*               hist;
  HrComplexHist*        complex_hist; /* NULL: energy and count only */
  const HrNyquistTerms* nyquist;      /* NULL: no filter gets the terms */
  int                   nyquist_filter;
  pthread_mutex_t       mutex;
  pthread_cond_t        merged;
  int                   next_filter; /* next filter to take */
  int                   next_merge;  /* next filter to add to hist */
  HrProgressFunc        progress;
  void*                 progress_data;
} ExactJob;

/* One thread's buffers. */
typedef struct {
  ExactJob*        job;
  fftw_complex*    in_xi; /* G*X on the filter's band, zero elsewhere */
  fftw_complex*    in_eta;
  fftw_complex*    xi;
  fftw_complex*    eta;
  double*          band_energy; /* the filter's own histogram, span x cols */
  double*          band_count;
  double*          band_complex; /* (re, im) pairs, span x cols; or NULL */
  HrRowMap         rowmap;
  HrExactPointsOut points; /* one chunk's per-point results */
  pthread_t        thread;
} ExactWorker;

/* FFT of the real signal, as N complex bins (the upper half by
   conjugate symmetry). */
HrStatus
hr_exact_forward_spectrum(const double* x,
                          size_t        n_samples,
                          fftw_complex* spectrum)
{
  double* real_in = fftw_alloc_real(n_samples);
  if (!real_in) {
    return HR_ERR_NO_MEMORY;
  }
  hr_fft_lock();
  fftw_plan plan = fftw_plan_dft_r2c_1d(
    (int)n_samples, real_in, spectrum, FFTW_ESTIMATE | FFTW_DESTROY_INPUT);
  hr_fft_unlock();
  if (!plan) {
    fftw_free(real_in);
    return HR_ERR_FFT_PLAN;
  }
  memcpy(real_in, x, n_samples * sizeof(double));
  fftw_execute(plan);
  for (size_t k = n_samples / 2 + 1; k < n_samples; ++k) {
    spectrum[k][0] = spectrum[n_samples - k][0];
    spectrum[k][1] = -spectrum[n_samples - k][1];
  }
  hr_fft_lock();
  fftw_destroy_plan(plan);
  hr_fft_unlock();
  fftw_free(real_in);
  return HR_SUCCESS;
}

/* Frequency of bin k as the reference computes it: k/N, minus 1 above
   0.5. */
static double
bin_frequency(long k, size_t n_samples)
{
  const double nu = (double)k / (double)n_samples;
  return nu > 0.5 ? nu - 1.0 : nu;
}

/* Index range [*first, *last] (may reach below 0: negative frequencies,
   taken modulo N) of the bins that can lie within the band. */
static void
band_bins(const ExactJob* job, HrFilter filter, long* first, long* last)
{
  const double n       = (double)job->n_samples;
  const double reach   = HR_BAND_SIGMAS * filter.sigma;
  const long   lowest  = -(long)((job->n_samples - 1) / 2);
  const long   highest = (long)(job->n_samples / 2);
  long         low     = (long)floor((filter.f0 - reach) * n) - 1;
  long         high    = (long)ceil((filter.f0 + reach) * n) + 1;
  *first               = low < lowest ? lowest : low;
  *last                = high > highest ? highest : high;
}

/* Fill the filter's band of in_xi (G*X) and in_eta (D*X). */
static void
fill_band(ExactWorker* worker, HrFilter filter, long first, long last)
{
  const ExactJob* job         = worker->job;
  const double    reach       = HR_BAND_SIGMAS * filter.sigma;
  const double    two_var     = 2 * (filter.sigma * filter.sigma);
  const double    minus_inv_s = -1 / filter.sigma;
  for (long m = first; m <= last; ++m) {
    const size_t k    = m < 0 ? (size_t)(m + (long)job->n_samples) : (size_t)m;
    const double diff = bin_frequency((long)k, job->n_samples) - filter.f0;
    if (!(fabs(diff) < reach)) {
      continue;
    }
    const double g       = exp(-(diff * diff) / two_var);
    const double d       = minus_inv_s * diff * g;
    worker->in_xi[k][0]  = g * job->spectrum[k][0];
    worker->in_xi[k][1]  = g * job->spectrum[k][1];
    worker->in_eta[k][0] = d * job->spectrum[k][0];
    worker->in_eta[k][1] = d * job->spectrum[k][1];
  }
}

static void
clear_band(ExactWorker* worker, long first, long last)
{
  const long n = (long)worker->job->n_samples;
  for (long m = first; m <= last; ++m) {
    const size_t k      = (size_t)(m < 0 ? m + n : m);
    worker->in_xi[k][0] = worker->in_xi[k][1] = 0.0;
    worker->in_eta[k][0] = worker->in_eta[k][1] = 0.0;
  }
}

/* Column of a reassigned time, as the reference computes it:
   round(t/tdeci + 0.5) - 1. The product with the reciprocal decides
   unless it lies within round-off of a column edge. */
static long
time_column(double t_ins, double tdeci, double inv_tdeci)
{
  const double position = t_ins * inv_tdeci;
  const double whole    = floor(position);
  const double fraction = position - whole;
  if (fraction > 1e-9 && fraction < 1.0 - 1e-9) {
    return (long)whole;
  }
  return lround(t_ins / tdeci + 0.5) - 1;
}

/* Add the complex weight of kept point i (doc/COMPLEX.md) to the band
   row `row`, in the column hr_complex_column() gives; a point within
   half a sample of the signal's end has none. */
static void
add_complex_point(ExactWorker* worker,
                  HrFilter     filter,
                  size_t       i,
                  double       t_ins,
                  double       f_ins,
                  long         row)
{
  const ExactJob* job   = worker->job;
  const int       tdeci = job->params->tdeci;
  const long      col   = hr_complex_column(t_ins, tdeci);
  if ((size_t)col >= job->cols) {
    return;
  }
  const double t_ref = hr_complex_column_time(col, tdeci);
  const double phase =
    hr_complex_phase(filter.f0, f_ins, (double)(i + 1), t_ins, t_ref);
  double* cell = worker->band_complex + 2 * ((size_t)row * job->cols + col);
  hr_complex_add(cell,
                 worker->xi[i][0],
                 worker->xi[i][1],
                 phase,
                 1.0 / (double)job->n_samples);
}

/* What the per-point kernels need of one filter. */
static HrExactPointsFilter
points_filter(const ExactWorker* worker, HrFilter filter)
{
  const ExactJob*     job    = worker->job;
  const HrParams*     params = job->params;
  const double        n      = (double)job->n_samples;
  HrExactPointsFilter pf;
  pf.lint2     = params->lint * params->lint;
  pf.f0        = filter.f0;
  pf.sigma     = filter.sigma;
  pf.time_mul  = 1.0 / (2 * HR_PI * filter.sigma);
  pf.fmin      = params->fmin;
  pf.fmax      = params->fmax;
  pf.t_end     = (double)job->n_total;
  pf.inv_n2    = 1.0 / (n * n);
  pf.inv_tdeci = 1.0 / params->tdeci;
  pf.col_base  = (double)job->col_base;
  pf.cols      = (double)job->cols;
  pf.mu_low    = worker->rowmap.mu_low;
  pf.cell_inv  = worker->rowmap.cell_inv;
  pf.n_cells   = HR_ROWMAP_CELLS;
  return pf;
}

/* Add the kept points of one chunk (the kernel's output for the points
   from `start` on) to the worker's band histogram, in point order,
   deciding the columns and rows the kernel left open as
   time_column() and hr_rowmap_row() do. */
static void
add_chunk(ExactWorker* worker,
          HrFilter     filter,
          size_t       start,
          int          first_row,
          int          span)
{
  const ExactJob*         job       = worker->job;
  const HrParams*         params    = job->params;
  const HrExactPointsOut* out       = &worker->points;
  const long              col_base  = (long)job->col_base;
  const double            tdeci     = params->tdeci;
  const double            inv_tdeci = 1.0 / tdeci;
  for (int k = 0; k < out->n_kept; ++k) {
    const int  j   = out->kept[k];
    const long col = out->col[j] != HR_EXACT_POINTS_SLOW_COL
                       ? out->col[j]
                       : time_column(out->t[j], tdeci, inv_tdeci) - col_base;
    const int  mapped =
      out->cell[j] >= 0 ? worker->rowmap.row[out->cell[j]] : -1;
    const long row =
      (mapped >= 0 ? mapped : hr_params_freq_row(params, out->f[j])) -
      first_row;
    if (col < 0 || (size_t)col >= job->cols || row < 0 || row >= span) {
      continue; /* unreachable: the span holds every kept point */
    }
    const size_t cell = (size_t)row * job->cols + (size_t)col;
    worker->band_energy[cell] += out->e[j];
    worker->band_count[cell] += 1.0;
    if (worker->band_complex) {
      add_complex_point(
        worker, filter, start + (size_t)j, out->t[j], out->f[j], row);
    }
  }
}

/* Reassign every point of one filter into the worker's band histogram
   (rows first_row .. first_row + span - 1). doc/ALGORITHM.md step 3:
   mu = eta/xi, t_ins = n + 1 + Im(mu)/(2 pi sigma), f_ins = f0 -
   Re(mu)*sigma, kept if |mu| < lint, fmin < f_ins < fmax and
   1 <= t_ins < N. mu does not depend on the IFFT's 1/N scale, so only
   the energy is scaled. The per-point arithmetic runs in the vector
   kernels (hr_exact_points.h), a chunk at a time. */
static void
reassign_points(ExactWorker* worker, HrFilter filter, int first_row, int span)
{
  const ExactJob* job = worker->job;
  hr_rowmap_init(&worker->rowmap, job->params, filter);
  const HrExactPointsFilter pf = points_filter(worker, filter);
  for (size_t start = job->first_point; start < job->end_point;
       start += HR_EXACT_POINTS_CHUNK) {
    const size_t left = job->end_point - start;
    const int    n =
      left < HR_EXACT_POINTS_CHUNK ? (int)left : HR_EXACT_POINTS_CHUNK;
    job->kernels->reassign(&pf,
                           &worker->xi[start][0],
                           &worker->eta[start][0],
                           n,
                           (double)((long)start + job->offset + 1),
                           &worker->points);
    add_chunk(worker, filter, start, first_row, span);
  }
}

/* Add the worker's band histogram to the shared one (the caller holds
   the turn for this filter) and clear it. */
static void
merge_band(ExactWorker* worker, int first_row, int span)
{
  const ExactJob* job   = worker->job;
  const size_t    cells = (size_t)span * job->cols;
  const size_t    start = (size_t)first_row * job->cols;
  for (size_t c = 0; c < cells; ++c) {
    job->hist->energy[start + c] += worker->band_energy[c];
    job->hist->count[start + c] += worker->band_count[c];
    worker->band_energy[c] = 0.0;
    worker->band_count[c]  = 0.0;
  }
  if (worker->band_complex) {
    double* shared = job->complex_hist->values + 2 * start;
    for (size_t v = 0; v < 2 * cells; ++v) {
      shared[v] += worker->band_complex[v];
      worker->band_complex[v] = 0.0;
    }
  }
}

static void
process_filter(ExactWorker* worker, int index)
{
  ExactJob*      job       = worker->job;
  const HrFilter filter    = hr_filterbank_filter(job->params, index);
  long           first     = 0;
  long           last      = 0;
  int            first_row = 0;
  int            last_row  = 0;
  band_bins(job, filter, &first, &last);
  fill_band(worker, filter, first, last);
  fftw_execute_dft(job->inverse, worker->in_xi, worker->xi);
  fftw_execute_dft(job->inverse, worker->in_eta, worker->eta);
  clear_band(worker, first, last);
  if (job->nyquist && index >= job->nyquist_filter) {
    hr_nyquist_terms_apply(job->nyquist,
                           hr_nyquist_jumps(filter),
                           worker->xi,
                           worker->eta,
                           job->end_point);
  }
  hr_filterbank_row_span(job->params, filter, &first_row, &last_row);
  reassign_points(worker, filter, first_row, last_row - first_row + 1);

  /* Filters are added in index order whatever thread ran them, so the
     sums (and the result) do not depend on the thread count. */
  pthread_mutex_lock(&job->mutex);
  while (job->next_merge != index) {
    pthread_cond_wait(&job->merged, &job->mutex);
  }
  merge_band(worker, first_row, last_row - first_row + 1);
  job->next_merge = index + 1;
  if (job->progress) {
    job->progress(job->progress_data, (double)job->next_merge / job->n_filters);
  }
  pthread_cond_broadcast(&job->merged);
  pthread_mutex_unlock(&job->mutex);
}

static void*
worker_main(void* data)
{
  ExactWorker* worker = (ExactWorker*)data;
  ExactJob*    job    = worker->job;
  for (;;) {
    pthread_mutex_lock(&job->mutex);
    const int index = job->next_filter++;
    pthread_mutex_unlock(&job->mutex);
    if (index >= job->n_filters) {
      return NULL;
    }
    process_filter(worker, index);
  }
}

static void
worker_free(ExactWorker* worker)
{
  fftw_free(worker->in_xi);
  fftw_free(worker->in_eta);
  fftw_free(worker->xi);
  fftw_free(worker->eta);
  free(worker->band_energy);
  free(worker->band_count);
  free(worker->band_complex);
}

static HrStatus
worker_init(ExactWorker* worker, ExactJob* job)
{
  const size_t n          = job->n_samples;
  const size_t band_cells = (size_t)job->max_span * job->cols;
  memset(worker, 0, sizeof(*worker));
  worker->job         = job;
  worker->in_xi       = fftw_alloc_complex(n);
  worker->in_eta      = fftw_alloc_complex(n);
  worker->xi          = fftw_alloc_complex(n);
  worker->eta         = fftw_alloc_complex(n);
  worker->band_energy = calloc(band_cells, sizeof(double));
  worker->band_count  = calloc(band_cells, sizeof(double));
  if (job->complex_hist) {
    worker->band_complex = calloc(2 * band_cells, sizeof(double));
  }
  if (!worker->in_xi || !worker->in_eta || !worker->xi || !worker->eta ||
      !worker->band_energy || !worker->band_count ||
      (job->complex_hist && !worker->band_complex)) {
    worker_free(worker);
    return HR_ERR_NO_MEMORY;
  }
  memset(worker->in_xi, 0, n * sizeof(fftw_complex));
  memset(worker->in_eta, 0, n * sizeof(fftw_complex));
  return HR_SUCCESS;
}

/* Run the workers: the calling thread is worker 0. */
static HrStatus
run_workers(ExactWorker* workers, int n_threads)
{
  int started = 1;
  for (; started < n_threads; ++started) {
    if (pthread_create(
          &workers[started].thread, NULL, worker_main, &workers[started])) {
      break; /* fewer threads: the others take the remaining filters */
    }
  }
  worker_main(&workers[0]);
  for (int t = 1; t < started; ++t) {
    pthread_join(workers[t].thread, NULL);
  }
  return HR_SUCCESS;
}

static HrStatus
plan_inverse(ExactJob* job, ExactWorker* worker)
{
  hr_fft_lock();
  job->inverse = fftw_plan_dft_1d((int)job->n_samples,
                                  worker->in_xi,
                                  worker->xi,
                                  FFTW_BACKWARD,
                                  FFTW_ESTIMATE);
  hr_fft_unlock();
  return job->inverse ? HR_SUCCESS : HR_ERR_FFT_PLAN;
}

static HrStatus
compute_with_workers(ExactJob* job, int n_threads)
{
  ExactWorker* workers = calloc((size_t)n_threads, sizeof(ExactWorker));
  HrStatus     status  = workers ? HR_SUCCESS : HR_ERR_NO_MEMORY;
  int          ready   = 0;
  for (; status == HR_SUCCESS && ready < n_threads; ++ready) {
    status = worker_init(&workers[ready], job);
    if (status != HR_SUCCESS) {
      break;
    }
  }
  if (status == HR_SUCCESS) {
    status = plan_inverse(job, &workers[0]);
  }
  if (status == HR_SUCCESS) {
    status = run_workers(workers, n_threads);
    hr_fft_lock();
    fftw_destroy_plan(job->inverse);
    hr_fft_unlock();
  }
  for (int t = 0; t < ready; ++t) {
    worker_free(&workers[t]);
  }
  free(workers);
  return status;
}

static HrStatus
check_request(const HrParams*       params,
              size_t                n_samples,
              const HrExactOptions* options)
{
  HrStatus status = hr_params_check(params);
  if (status != HR_SUCCESS) {
    return status;
  }
  if (n_samples < 2) {
    return HR_ERR_TOO_SHORT;
  }
  if (n_samples > (size_t)0x7fffffff) {
    return HR_ERR_TOO_LARGE; /* FFTW sizes are int */
  }
  if (options && options->memory_limit &&
      hr_exact_memory_for(params, n_samples, options) > options->memory_limit) {
    return HR_ERR_MEMORY_LIMIT;
  }
  return HR_SUCCESS;
}

HrStatus
hr_exact_run_pass(const HrParams*    params,
                  const HrExactPass* pass,
                  int                n_threads)
{
  ExactJob job;
  memset(&job, 0, sizeof(job));
  job.params         = params;
  job.n_samples      = pass->n_fft;
  job.n_total        = pass->n_total;
  job.offset         = pass->offset;
  job.first_point    = pass->first_point;
  job.end_point      = pass->end_point;
  job.col_base       = pass->col_base;
  job.cols           = pass->hist->cols;
  job.n_filters      = hr_params_n_filters(params);
  job.max_span       = hr_filterbank_max_span(params);
  job.kernels        = hr_exact_points_kernels(HR_SIMD_AUTO);
  job.spectrum       = pass->spectrum;
  job.hist           = pass->hist;
  job.complex_hist   = pass->complex_hist;
  job.nyquist        = pass->nyquist;
  job.nyquist_filter = pass->nyquist_filter;
  job.progress       = pass->progress;
  job.progress_data  = pass->progress_data;
  if (pass->end_filter) {
    job.n_filters = pass->end_filter; /* only some of the bank */
  }
  job.next_filter = pass->first_filter;
  job.next_merge  = pass->first_filter;
  pthread_mutex_init(&job.mutex, NULL);
  pthread_cond_init(&job.merged, NULL);
  const HrStatus status = compute_with_workers(&job, n_threads);
  pthread_cond_destroy(&job.merged);
  pthread_mutex_destroy(&job.mutex);
  return status;
}

/* The whole signal in one transform: the reference computation. */
static HrStatus
compute_whole(const HrParams*       params,
              const double*         x,
              size_t                n_samples,
              const HrExactOptions* options,
              HrHist*               hist,
              HrComplexHist*        complex_out)
{
  HrExactPass pass;
  memset(&pass, 0, sizeof(pass));
  fftw_complex* spectrum = fftw_alloc_complex(n_samples);
  HrStatus      status   = spectrum ? hr_hist_init(hist,
                                            hr_params_rows(params),
                                            hr_params_cols(params, n_samples))
                                    : HR_ERR_NO_MEMORY;
  if (status == HR_SUCCESS && complex_out) {
    status = hr_complex_init(complex_out, hr_params_rows(params), hist->cols);
  }
  if (status == HR_SUCCESS) {
    status = hr_exact_forward_spectrum(x, n_samples, spectrum);
  }
  if (status == HR_SUCCESS) {
    pass.spectrum      = (const fftw_complex*)spectrum;
    pass.n_fft         = n_samples;
    pass.n_total       = n_samples;
    pass.end_point     = n_samples;
    pass.hist          = hist;
    pass.complex_hist  = complex_out;
    pass.progress      = options ? options->progress : NULL;
    pass.progress_data = options ? options->progress_data : NULL;
    status = hr_exact_run_pass(params, &pass, hr_exact_thread_count(options));
  }
  fftw_free(spectrum);
  return status;
}

HrStatus
hr_exact_compute(const HrParams*       params,
                 const double*         x,
                 size_t                n_samples,
                 const HrExactOptions* options,
                 HrHist*               hist)
{
  HrComplexHist* complex_out = options ? options->complex_hist : NULL;
  memset(hist, 0, sizeof(*hist));
  if (complex_out) {
    memset(complex_out, 0, sizeof(*complex_out));
  }
  HrStatus status = check_request(params, n_samples, options);
  if (status != HR_SUCCESS) {
    return status;
  }
  status = hr_exact_segmented(params, n_samples, options)
             ? hr_exact_compute_segmented(params, x, n_samples, options, hist)
             : compute_whole(params, x, n_samples, options, hist, complex_out);
  if (status != HR_SUCCESS) {
    hr_hist_free(hist);
    if (complex_out) {
      hr_complex_free(complex_out);
    }
    return status;
  }
  if (!options || !options->skip_floor) {
    hr_hist_apply_floor(hist);
  }
  return HR_SUCCESS;
}
