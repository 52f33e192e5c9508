/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "render_job.h"
#include "audio_in.h"
#include "complex_out.h"
#include "core/hr_exact.h"
#include "files/npy.h"
#include "files/outfile.h"
#include "plugin_mode.h"
#include "png_out.h"
#include "progress.h"
#include "sparse_job.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PATH_SIZE 4096

/* The files one signal produces. */
typedef struct {
  char spec_npy[PATH_SIZE];
  char spec_png[PATH_SIZE];
  char count_npy[PATH_SIZE];
  char count_png[PATH_SIZE];
  char complex_npy[PATH_SIZE];
  char recon_wav[PATH_SIZE];
} OutputPaths;

static double
seconds_since(const struct timespec* start)
{
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)(now.tv_sec - start->tv_sec) +
         1e-9 * (double)(now.tv_nsec - start->tv_nsec);
}

int
hr_job_output_stem(const HrCliOptions* options,
                   const HrSignal*     signal,
                   char*               stem,
                   size_t              stem_size)
{
  const char* dir = options->out_dir ? options->out_dir : ".";
  int         length =
    signal->channel
              ? snprintf(
          stem, stem_size, "%s/%s_ch%d", dir, signal->name, signal->channel)
              : snprintf(stem, stem_size, "%s/%s", dir, signal->name);
  return length < 0 || (size_t)length + 32 >= stem_size ? -1 : 0;
}

static int
make_paths(const HrCliOptions* options,
           const HrSignal*     signal,
           OutputPaths*        paths)
{
  char stem[PATH_SIZE - 32];
  if (hr_job_output_stem(options, signal, stem, sizeof(stem))) {
    return -1;
  }
  snprintf(paths->spec_npy, PATH_SIZE, "%s_spec.npy", stem);
  snprintf(paths->spec_png, PATH_SIZE, "%s_spec.png", stem);
  snprintf(paths->count_npy, PATH_SIZE, "%s_count.npy", stem);
  snprintf(paths->count_png, PATH_SIZE, "%s_count.png", stem);
  snprintf(paths->complex_npy, PATH_SIZE, "%s_complex.npy", stem);
  snprintf(paths->recon_wav, PATH_SIZE, "%s_recon.wav", stem);
  return 0;
}

/* The first output that exists and may not be overwritten, or NULL. */
static const char*
existing_output(const HrCliOptions* options, const OutputPaths* paths)
{
  if (options->force) {
    return NULL;
  }
  if (hr_outfile_exists(paths->spec_npy)) {
    return paths->spec_npy;
  }
  if (options->write_png && hr_outfile_exists(paths->spec_png)) {
    return paths->spec_png;
  }
  if (options->write_count && hr_outfile_exists(paths->count_npy)) {
    return paths->count_npy;
  }
  if (options->write_count && options->write_png &&
      hr_outfile_exists(paths->count_png)) {
    return paths->count_png;
  }
  if (options->write_complex && hr_outfile_exists(paths->complex_npy)) {
    return paths->complex_npy;
  }
  if (options->reconstruct && hr_outfile_exists(paths->recon_wav)) {
    return paths->recon_wav;
  }
  return NULL;
}

static int
write_outputs(const HrCliOptions* options,
              const HrSignal*     signal,
              const HrParams*     params,
              const HrHist*       hist,
              const OutputPaths*  paths,
              char*               error,
              size_t              error_size)
{
  const HrNpyType type = options->float64 ? HR_NPY_FLOAT64 : HR_NPY_FLOAT32;
  if (hr_npy_write(paths->spec_npy,
                   hist->energy,
                   (size_t)hist->rows,
                   hist->cols,
                   type,
                   error,
                   error_size)) {
    return -1;
  }
  if (options->write_count && hr_npy_write(paths->count_npy,
                                           hist->count,
                                           (size_t)hist->rows,
                                           hist->cols,
                                           type,
                                           error,
                                           error_size)) {
    return -1;
  }
  if (options->write_png && hr_png_out_write(options,
                                             signal,
                                             params,
                                             hist,
                                             HR_PNG_ENERGY,
                                             paths->spec_png,
                                             error,
                                             error_size)) {
    return -1;
  }
  if (options->write_png && options->write_count &&
      hr_png_out_write(options,
                       signal,
                       params,
                       hist,
                       HR_PNG_COUNT,
                       paths->count_png,
                       error,
                       error_size)) {
    return -1;
  }
  return 0;
}

static int
report_error(const HrSignal* signal, const char* message)
{
  if (signal->channel) {
    fprintf(stderr,
            "hyperres: %s (channel %d): %s\n",
            signal->title,
            signal->channel,
            message);
  } else {
    fprintf(stderr, "hyperres: %s: %s\n", signal->title, message);
  }
  return -1;
}

static void
memory_message(const HrCliOptions* options,
               const HrSignal*     signal,
               size_t              needed,
               char*               error,
               size_t              error_size)
{
  snprintf(error,
           error_size,
           "exact mode needs %.2f GB for %.1f s of audio, above the limit of "
           "%.2f GB: analyse a part (--start/--duration), use a shorter file, "
           "raise --max-memory, or use the plugin's streaming mode "
           "(--mode plugin)",
           (double)needed / 1e9,
           (double)signal->frames / signal->sample_rate,
           (double)options->memory_limit / 1e9);
}

double
hr_job_peak_memory_mb(void)
{
  FILE* status = fopen("/proc/self/status", "r");
  char  line[256];
  long  kilobytes = 0;
  while (status && fgets(line, sizeof(line), status)) {
    if (sscanf(line, "VmHWM: %ld kB", &kilobytes) == 1) {
      break;
    }
  }
  if (status) {
    fclose(status);
  }
  return (double)kilobytes / 1024.0;
}

static void
print_summary(const HrCliOptions* options,
              const HrSignal*     signal,
              const HrHist*       hist,
              const OutputPaths*  paths,
              double              seconds,
              const char*         note)
{
  if (options->quiet) {
    return;
  }
  char channel[32] = "";
  if (signal->channel) {
    snprintf(channel, sizeof(channel), " channel %d", signal->channel);
  }
  printf("%s%s: %zu samples at %.0f Hz -> %s (%d x %zu), %.2f s, "
         "%.0f samples/s, peak memory %.0f MB%s\n",
         signal->title,
         channel,
         signal->frames,
         signal->sample_rate,
         paths->spec_npy,
         hist->rows,
         hist->cols,
         seconds,
         (double)signal->frames / seconds,
         hr_job_peak_memory_mb(),
         note);
  fflush(stdout);
}

void
hr_job_segment_options(HrExactOptions* exact)
{
  const char* length  = getenv("HYPERRES_SEGMENT_LENGTH");
  const char* whole   = getenv("HYPERRES_WHOLE_SIGNAL");
  const char* nyquist = getenv("HYPERRES_NYQUIST_MARGIN");
  const char* bare    = getenv("HYPERRES_NYQUIST_UNCORRECTED");
  if (length && *length) {
    exact->segment_length = (size_t)strtoull(length, NULL, 10);
  }
  if (nyquist && *nyquist) {
    exact->nyquist_margin = (size_t)strtoull(nyquist, NULL, 10);
  }
  exact->whole_signal        = whole && *whole && strcmp(whole, "0") != 0;
  exact->nyquist_uncorrected = bare && *bare && strcmp(bare, "0") != 0;
}

static int
compute_exact(const HrCliOptions* options,
              const HrSignal*     signal,
              const HrParams*     params,
              HrHist*             hist,
              HrComplexHist*      complex_hist,
              char*               error,
              size_t              error_size)
{
  HrExactOptions exact = hr_exact_options_default();
  exact.n_threads      = options->n_threads;
  exact.memory_limit   = options->memory_limit;
  exact.complex_hist   = complex_hist;
  hr_job_segment_options(&exact);
  exact.skip_floor       = options->no_floor;
  HrLadder ladder        = options->consensus;
  ladder.window          = HR_CONSENSUS_WINDOW_SECONDS * signal->sample_rate;
  const int    n_threads = hr_exact_thread_count(&exact);
  const size_t needed =
    options->consensus.n_q
      ? hr_consensus_exact_memory(params, &ladder, signal->frames, n_threads)
      : hr_exact_memory_for(params, signal->frames, &exact);
  if (needed > options->memory_limit) {
    memory_message(options, signal, needed, error, error_size);
    return -1;
  }
  HrProgress progress;
  hr_progress_start(&progress, signal->title, options->quiet);
  exact.progress      = hr_progress_show;
  exact.progress_data = &progress;
  const HrStatus status =
    options->consensus.n_q
      ? hr_consensus_exact(
          params, &ladder, signal->samples, signal->frames, &exact, hist)
      : hr_exact_compute(params, signal->samples, signal->frames, &exact, hist);
  hr_progress_end(&progress);
  if (status != HR_SUCCESS) {
    snprintf(error, error_size, "%s", hr_strerror(status));
    return -1;
  }
  return 0;
}

/* The bundle of the build this program belongs to: hyperres.lv2 beside
   the executable, unless LV2_PATH says where to look. */
static const char*
default_bundle(char* path, size_t path_size)
{
  if (getenv("LV2_PATH")) {
    return NULL;
  }
  const ssize_t length = readlink("/proc/self/exe", path, path_size - 16);
  if (length <= 0) {
    return NULL;
  }
  path[length] = '\0';
  char* slash  = strrchr(path, '/');
  if (!slash) {
    return NULL;
  }
  strcpy(slash, "/hyperres.lv2");
  return path;
}

static int
compute(const HrCliOptions* options,
        const HrSignal*     signal,
        HrParams*           params,
        HrHist*             hist,
        HrComplexHist*      complex_hist,
        char*               error,
        size_t              error_size)
{
  if (!options->plugin_mode) {
    return compute_exact(
      options, signal, params, hist, complex_hist, error, error_size);
  }
  char        bundle[PATH_SIZE];
  HrPluginRun run;
  run.bundle_dir = options->bundle_dir ? options->bundle_dir
                                       : default_bundle(bundle, sizeof(bundle));
  run.block      = options->block;
  run.seed       = 1;
  run.preset     = options->preset;
  run.bandwidths = options->consensus.n_q ? options->consensus.n_q : 1;
  return hr_plugin_mode_compute(&run,
                                params,
                                signal->samples,
                                signal->frames,
                                signal->sample_rate,
                                hist,
                                error,
                                error_size);
}

/* The files written for `signal`, in the order they were written. */
static void
list_outputs(const HrCliOptions* options,
             const OutputPaths*  paths,
             HrJobResult*        result)
{
  const char* const written[] = {
    paths->spec_npy,
    options->write_count ? paths->count_npy : NULL,
    options->write_png ? paths->spec_png : NULL,
    options->write_png && options->write_count ? paths->count_png : NULL,
    hr_complex_out_wanted(options) ? paths->complex_npy : NULL,
    options->reconstruct ? paths->recon_wav : NULL,
  };
  result->n_outputs = 0;
  for (size_t i = 0; i < sizeof(written) / sizeof(written[0]); ++i) {
    if (written[i]) {
      result->outputs[result->n_outputs++] = written[i];
    }
  }
}

/* Tell the listener; returns what it returns (0 without one). */
static int
tell(const HrJobListener* listener,
     const HrJobResult*   result,
     char*                error,
     size_t               error_size)
{
  return listener ? listener->report(listener->data, result, error, error_size)
                  : 0;
}

/* Report a failure on stderr and to the listener. */
static int
fail(const HrJobListener* listener,
     const HrSignal*      signal,
     HrJobResult*         result,
     const char*          message)
{
  char ignored[8];
  result->error     = message;
  result->n_outputs = 0;
  tell(listener, result, ignored, sizeof(ignored));
  return report_error(signal, message);
}

static HrJobResult
signal_result(const HrSignal* signal)
{
  HrJobResult result;
  memset(&result, 0, sizeof(result));
  result.input       = signal->title;
  result.channel     = signal->channel;
  result.n_channels  = signal->n_signals > 0 ? signal->n_signals : 1;
  result.frames      = signal->frames;
  result.sample_rate = signal->sample_rate;
  result.start_s     = signal->start_s;
  return result;
}

int
hr_job_render_signal(const HrCliOptions*  options,
                     const HrSignal*      signal,
                     const HrJobListener* listener)
{
  HrJobResult result = signal_result(signal);
  char        error[PATH_SIZE + 256];
  HrParams    params;
  OutputPaths paths;
  if (hr_args_resolve(
        options, signal->sample_rate, &params, error, sizeof(error))) {
    return fail(listener, signal, &result, error);
  }
  result.params = &params;
  if (make_paths(options, signal, &paths)) {
    return fail(listener, signal, &result, "output path too long");
  }
  const char* existing = existing_output(options, &paths);
  if (existing) {
    snprintf(error,
             sizeof(error),
             "%s exists (--force overwrites it; --resume skips inputs done "
             "with the same options)",
             existing);
    result.refused = 1;
    return fail(listener, signal, &result, error);
  }
  struct timespec started;
  clock_gettime(CLOCK_MONOTONIC, &started);
  HrHist         hist;
  HrComplexHist  complex_hist = { 0, 0, NULL };
  HrComplexHist* wanted = hr_complex_out_wanted(options) ? &complex_hist : NULL;
  if (compute(options, signal, &params, &hist, wanted, error, sizeof(error))) {
    return fail(listener, signal, &result, error);
  }
  const double seconds  = seconds_since(&started);
  HrReconError measured = { NAN, 0, 0 };
  char         note[256];
  int          written = write_outputs(
    options, signal, &params, &hist, &paths, error, sizeof(error));
  if (written == 0 && wanted) {
    written = hr_complex_out_write(options,
                                   signal,
                                   &params,
                                   wanted,
                                   paths.complex_npy,
                                   paths.recon_wav,
                                   &measured,
                                   error,
                                   sizeof(error));
  }
  hr_complex_out_describe(options, &measured, note, sizeof(note));
  result.rows = hist.rows;
  result.cols = hist.cols;
  if (written == 0) {
    list_outputs(options, &paths, &result);
    result.seconds = seconds_since(&started);
    written        = tell(listener, &result, error, sizeof(error));
  }
  if (written == 0) {
    print_summary(options, signal, &hist, &paths, seconds, note);
  }
  hr_hist_free(&hist);
  hr_complex_free(&complex_hist);
  return written == 0 ? 0 : fail(listener, signal, &result, error);
}

static int
render_channels(const HrCliOptions*  options,
                const HrAudio*       audio,
                const char*          path,
                const char*          name,
                const HrJobListener* listener)
{
  int status = 0;
  for (int c = 0; c < audio->channels; ++c) {
    HrSignal signal;
    signal.name        = name;
    signal.title       = path;
    signal.samples     = audio->data[c];
    signal.frames      = audio->frames;
    signal.sample_rate = audio->sample_rate;
    signal.start_s     = (double)audio->start_frame / audio->sample_rate;
    signal.channel   = audio->file_channels > 1 ? audio->first_channel + c : 0;
    signal.n_signals = audio->channels;
    if (hr_job_render_signal(options, &signal, listener)) {
      status = -1;
    }
  }
  return status;
}

/* A file that gave no signal to analyse. */
static int
file_failed(const HrJobListener* listener,
            const char*          path,
            const char*          message)
{
  HrJobResult result;
  char        ignored[8];
  memset(&result, 0, sizeof(result));
  result.input = path;
  result.error = message;
  tell(listener, &result, ignored, sizeof(ignored));
  fprintf(stderr, "hyperres: %s\n", message);
  return -1;
}

int
hr_job_render_file(const HrCliOptions*  options,
                   const char*          path,
                   const char*          name,
                   const HrJobListener* listener)
{
  char           error[PATH_SIZE + 256];
  HrAudio        audio;
  HrAudioRequest request;
  request.start_seconds    = options->start_s;
  request.duration_seconds = options->duration_s;
  request.channel          = options->channel;
  request.memory_limit     = options->memory_limit;
  const int sparse = hr_sparse_job_wanted(options, path, error, sizeof(error));
  if (sparse < 0) {
    char message[sizeof(error) + PATH_SIZE];
    snprintf(message, sizeof(message), "%s: %s", path, error);
    return file_failed(listener, path, message);
  }
  if (sparse) {
    return hr_sparse_job_render(options, path, name, listener);
  }
  if (hr_audio_read(path, &request, &audio, error, sizeof(error))) {
    return file_failed(listener, path, error);
  }
  if (audio.truncated) {
    fprintf(stderr,
            "hyperres: %s: the header claims more audio than the file holds "
            "(truncated?); analysing the %zu frames present\n",
            path,
            audio.file_frames);
  }
  if (audio.nonfinite) {
    fprintf(stderr,
            "hyperres: %s: %zu NaN/Inf sample(s) found, analysed as silence\n",
            path,
            audio.nonfinite);
  }
  int status = 0;
  if (audio.frames < 2) {
    snprintf(error,
             sizeof(error),
             "%s: only %zu sample(s) to analyse; need at least 2",
             path,
             audio.frames);
    status = file_failed(listener, path, error);
  } else {
    status = render_channels(options, &audio, path, name, listener);
  }
  hr_audio_free(&audio);
  return status;
}
