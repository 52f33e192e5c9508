/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "sparse_job.h"
#include "audio_stream.h"
#include "core/hr_exact.h"
#include "files/outfile.h"
#include "progress.h"
#include "render_job.h"
#include "sparse_out.h"
#include "spill.h"

#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATH_SIZE 4096
/* Inputs whose dense histograms (energy and count, doubles) would take
   more than this many bytes while computing are written sparse unless
   --dense is given: the dense path holds them whole. */
#define HR_SPARSE_ABOVE ((size_t)256 << 20)

static volatile sig_atomic_t stop_requested = 0;

static volatile sig_atomic_t stop_signal = SIGINT;

static void
on_stop_signal(int number)
{
  stop_signal    = number;
  stop_requested = 1;
}

/* Catch SIGINT and SIGTERM while a sparse job runs, so that it can stop
   between columns and leave nothing half written. */
static void
catch_stops(struct sigaction* old_int, struct sigaction* old_term)
{
  struct sigaction action;
  memset(&action, 0, sizeof(action));
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, old_int);
  sigaction(SIGTERM, &action, old_term);
}

int
hr_sparse_job_wanted(const HrCliOptions* options,
                     const char*         path,
                     char*               error,
                     size_t              error_size)
{
  const int needs_whole = options->consensus.n_q || options->write_complex ||
                          options->reconstruct || options->plugin_mode ||
                          options->no_floor;
  if (options->sparse < 0 || (options->sparse == 0 && needs_whole)) {
    return 0;
  }
  if (options->sparse > 0 && needs_whole) {
    snprintf(error,
             error_size,
             "--sparse (long inputs) works with exact mode's energy and "
             "count only: --consensus, --complex, --reconstruct, --no-floor "
             "and --mode plugin need the whole signal in memory (use --start "
             "and --duration, or --dense)");
    return -1;
  }
  if (options->sparse > 0) {
    return 1;
  }
  HrAudioStream stream;
  HrParams      params;
  if (hr_audio_stream_open(&stream,
                           path,
                           options->start_s,
                           options->duration_s,
                           error,
                           error_size)) {
    return 0; /* the dense path reports the problem */
  }
  int sparse = 0;
  if (!hr_args_resolve(
        options, stream.sample_rate, &params, error, error_size)) {
    const size_t cells =
      (size_t)hr_params_rows(&params) * hr_params_cols(&params, stream.frames);
    sparse = cells * 2 * sizeof(double) > HR_SPARSE_ABOVE;
  }
  hr_audio_stream_close(&stream);
  return sparse;
}

/* One channel's computation. */
typedef struct {
  const HrCliOptions* options;
  HrAudioStream*      stream;
  HrSpill             spill;
  double              max_count;
  size_t              cols_done;
  int32_t*            rows;
  double*             energy;
  double*             count;
  int                 read_failed;
} SparseRun;

static int
read_samples(void* data, size_t first, size_t count, double* samples)
{
  SparseRun* run = (SparseRun*)data;
  if (hr_audio_stream_read(run->stream, first, count, samples)) {
    run->read_failed = 1;
    return -1;
  }
  return stop_requested ? -1 : 0;
}

/* Spill finished columns. The noise floor over the whole file is at
   least sqrt of the largest count so far, so energy cells below that can
   go at once (unless the counts are written, which keep every cell). */
static int
take_columns(void* data, const HrColumns* columns)
{
  SparseRun*   run  = (SparseRun*)data;
  const size_t rows = (size_t)columns->rows;
  for (size_t i = 0; i < columns->n_cols * rows; ++i) {
    if (columns->count[i] > run->max_count) {
      run->max_count = columns->count[i];
    }
  }
  const double floor_now = sqrt(run->max_count);
  for (size_t c = 0; c < columns->n_cols; ++c) {
    const double* energy = columns->energy + c * rows;
    const double* count  = columns->count + c * rows;
    int32_t       n      = 0;
    for (size_t r = 0; r < rows; ++r) {
      if (count[r] > 0.0 &&
          (run->options->write_count || count[r] >= floor_now)) {
        run->rows[n]    = (int32_t)r;
        run->energy[n]  = energy[r];
        run->count[n++] = count[r];
      }
    }
    if (hr_spill_write(&run->spill, n, run->rows, run->energy, run->count)) {
      return -1;
    }
  }
  run->cols_done += columns->n_cols;
  return stop_requested ? -1 : 0;
}

static void
say_stopped(const HrSignal* signal, const SparseRun* run, size_t cols)
{
  const double seconds =
    (double)run->cols_done * run->options->params.tdeci / signal->sample_rate;
  fprintf(stderr,
          "hyperres: %s: interrupted after analysing %.1f s of %.1f s "
          "(%zu of %zu columns); no outputs written for it\n",
          signal->title,
          seconds,
          (double)run->stream->frames / signal->sample_rate,
          run->cols_done,
          cols);
}

static int
compute_channel(SparseRun*      run,
                const HrSignal* signal,
                const HrParams* params,
                HrProgress*     progress,
                char*           error,
                size_t          error_size)
{
  const HrCliOptions* options = run->options;
  HrExactOptions      exact   = hr_exact_options_default();
  exact.n_threads             = options->n_threads;
  exact.memory_limit          = options->memory_limit;
  hr_job_segment_options(&exact);
  exact.progress      = hr_progress_show;
  exact.progress_data = progress;
  const int rows      = hr_params_rows(params);
  run->rows           = malloc((size_t)rows * sizeof(int32_t));
  run->energy         = malloc((size_t)rows * sizeof(double));
  run->count          = malloc((size_t)rows * sizeof(double));
  if (!run->rows || !run->energy || !run->count ||
      hr_spill_open(
        &run->spill, options->out_dir ? options->out_dir : ".", rows)) {
    snprintf(error,
             error_size,
             "cannot make a temporary file in the output "
             "folder");
    return -1;
  }
  const HrStatus status = hr_exact_compute_columns(
    params, read_samples, run, run->stream->frames, &exact, take_columns, run);
  hr_progress_end(progress);
  if (status == HR_SUCCESS) {
    return 0;
  }
  if (stop_requested) {
    say_stopped(signal, run, hr_params_cols(params, run->stream->frames));
    snprintf(error, error_size, "interrupted");
  } else if (run->read_failed) {
    snprintf(error,
             error_size,
             "reading the audio failed (file shorter "
             "than its header says?)");
  } else {
    snprintf(error, error_size, "%s", hr_strerror(status));
  }
  return -1;
}

/* The first output that exists and may not be overwritten, or -1. */
static int
existing_output(const HrCliOptions* options, const char* stem, char* path)
{
  for (int k = 0; k < 4 && !options->force; ++k) {
    const int wanted = k == 0 || (k == 1 && options->write_count) ||
                       (k == 2 && options->write_png) ||
                       (k == 3 && options->write_png && options->write_count);
    hr_sparse_out_path(stem, k, path, PATH_SIZE);
    if (wanted && hr_outfile_exists(path)) {
      return k;
    }
  }
  return -1;
}

static int
write_outputs(SparseRun*      run,
              const HrSignal* signal,
              const HrParams* params,
              const char*     stem,
              double          seconds,
              char*           error,
              size_t          error_size)
{
  HrSparseOut out;
  memset(&out, 0, sizeof(out));
  out.options   = run->options;
  out.signal    = signal;
  out.params    = params;
  out.spill     = &run->spill;
  out.cols      = run->cols_done;
  out.threshold = sqrt(run->max_count);
  out.stem      = stem;
  out.stop      = &stop_requested;
  if (hr_sparse_out_npz(&out, error, error_size) ||
      (run->options->write_png &&
       hr_sparse_out_pictures(&out, error, error_size))) {
    hr_sparse_out_remove(&out); /* all of this input's outputs or none */
    if (stop_requested) {
      fprintf(stderr,
              "hyperres: %s: interrupted while writing its outputs (the "
              "analysis was finished); none kept\n",
              signal->title);
    }
    return -1;
  }
  if (!run->options->quiet) {
    printf("%s%s: %zu samples at %.0f Hz -> %s_spec.npz (%d x %zu, %zu cells "
           "stored), %.2f s, %.0f samples/s, peak memory %.0f MB\n",
           signal->title,
           signal->channel ? " (one channel)" : "",
           run->stream->frames,
           signal->sample_rate,
           stem,
           hr_params_rows(params),
           out.cols,
           out.stored,
           seconds,
           (double)run->stream->frames / seconds,
           hr_job_peak_memory_mb());
    fflush(stdout);
  }
  return 0;
}

/* Tell the listener (if any) what became of one channel or file; on
   success it writes the axes file and the index row, and may fail. */
static int
tell(const HrJobListener* listener,
     const HrJobResult*   result,
     char*                error,
     size_t               error_size)
{
  return listener ? listener->report(listener->data, result, error, error_size)
                  : 0;
}

static void
tell_failure(const HrJobListener* listener,
             HrJobResult*         result,
             const char*          message)
{
  char ignored[8];
  result->error     = message;
  result->n_outputs = 0;
  tell(listener, result, ignored, sizeof(ignored));
}

static HrJobResult
channel_result(const HrSignal* signal, const HrParams* params)
{
  HrJobResult result;
  memset(&result, 0, sizeof(result));
  result.input       = signal->title;
  result.channel     = signal->channel;
  result.n_channels  = signal->n_signals;
  result.frames      = signal->frames;
  result.sample_rate = signal->sample_rate;
  result.start_s     = signal->start_s;
  result.params      = params;
  return result;
}

/* The files written (pages, named after these, are not listed). */
static void
list_outputs(const HrCliOptions* options,
             const char*         stem,
             char (*paths)[PATH_SIZE],
             HrJobResult* result)
{
  for (int k = 0; k < 4; ++k) {
    const int written = k == 0 || (k == 1 && options->write_count) ||
                        (k == 2 && options->write_png) ||
                        (k == 3 && options->write_png && options->write_count);
    if (written) {
      hr_sparse_out_path(stem, k, paths[k], PATH_SIZE);
      result->outputs[result->n_outputs++] = paths[k];
    }
  }
}

static int
render_channel(const HrCliOptions*  options,
               HrAudioStream*       stream,
               const HrSignal*      signal,
               const HrParams*      params,
               const HrJobListener* listener,
               char*                error,
               size_t               error_size)
{
  char        stem[PATH_SIZE];
  char        existing[PATH_SIZE];
  HrJobResult result = channel_result(signal, params);
  if (hr_job_output_stem(options, signal, stem, sizeof(stem) - 32)) {
    snprintf(error, error_size, "output path too long");
    tell_failure(listener, &result, error);
    return -1;
  }
  if (existing_output(options, stem, existing) >= 0) {
    snprintf(error,
             error_size,
             "%s exists (--force overwrites it; --resume skips inputs done "
             "with the same options)",
             existing);
    result.refused = 1;
    tell_failure(listener, &result, error);
    return -1;
  }
  SparseRun run;
  memset(&run, 0, sizeof(run));
  run.options = options;
  run.stream  = stream;
  HrProgress progress;
  hr_progress_start(&progress, signal->title, options->quiet);
  int status =
    compute_channel(&run, signal, params, &progress, error, error_size);
  if (status == 0) {
    status = write_outputs(&run,
                           signal,
                           params,
                           stem,
                           hr_progress_elapsed(&progress),
                           error,
                           error_size);
  }
  char paths[4][PATH_SIZE];
  if (status == 0) {
    result.rows    = hr_params_rows(params);
    result.cols    = run.cols_done;
    result.seconds = hr_progress_elapsed(&progress);
    list_outputs(options, stem, paths, &result);
    status = tell(listener, &result, error, error_size);
  }
  if (status != 0) {
    tell_failure(listener, &result, error);
  }
  hr_spill_close(&run.spill);
  free(run.rows);
  free(run.energy);
  free(run.count);
  return status;
}

static int
render_channels(const HrCliOptions*  options,
                const char*          path,
                const char*          name,
                const HrJobListener* listener,
                char*                error,
                size_t               error_size)
{
  HrAudioStream stream;
  HrParams      params;
  if (hr_audio_stream_open(&stream,
                           path,
                           options->start_s,
                           options->duration_s,
                           error,
                           error_size)) {
    HrJobResult result;
    memset(&result, 0, sizeof(result));
    result.input = path;
    tell_failure(listener, &result, error);
    return -1;
  }
  int status = 0;
  if (stream.frames < 2) {
    snprintf(error,
             error_size,
             "only %zu sample(s) to analyse; need at "
             "least 2",
             stream.frames);
    status = -1;
  } else if (hr_args_resolve(
               options, stream.sample_rate, &params, error, error_size)) {
    status = -1;
  }
  if (status) {
    HrJobResult result;
    memset(&result, 0, sizeof(result));
    result.input       = path;
    result.frames      = stream.frames;
    result.sample_rate = stream.sample_rate;
    tell_failure(listener, &result, error);
  }
  const int first = options->channel ? options->channel - 1 : 0;
  const int last  = options->channel ? options->channel : stream.file_channels;
  for (int c = first; status == 0 && c < last; ++c) {
    HrSignal signal;
    memset(&signal, 0, sizeof(signal));
    signal.name        = name;
    signal.title       = path;
    signal.frames      = stream.frames;
    signal.sample_rate = stream.sample_rate;
    signal.start_s     = (double)stream.start_frame / stream.sample_rate;
    signal.channel     = stream.file_channels > 1 ? c + 1 : 0;
    signal.n_signals   = last - first;
    stream.channel     = c;
    status             = render_channel(
      options, &stream, &signal, &params, listener, error, error_size);
  }
  if (stream.nonfinite) {
    fprintf(stderr,
            "hyperres: %s: NaN/Inf samples found, analysed as "
            "silence\n",
            path);
  }
  hr_audio_stream_close(&stream);
  return status;
}

int
hr_sparse_job_render(const HrCliOptions*  options,
                     const char*          path,
                     const char*          name,
                     const HrJobListener* listener)
{
  char             error[PATH_SIZE + 256];
  struct sigaction old_int;
  struct sigaction old_term;
  if (stop_requested) {
    return -1;
  }
  catch_stops(&old_int, &old_term);
  const int status =
    render_channels(options, path, name, listener, error, sizeof(error));
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  if (status) {
    fprintf(stderr, "hyperres: %s: %s\n", path, error);
  }
  if (stop_requested) {
    /* as the default action would, now that nothing is half written */
    signal(stop_signal, SIG_DFL);
    raise(stop_signal);
  }
  return status;
}
