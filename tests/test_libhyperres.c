/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* libhyperres through its public header only, linked against the shared
   library as a user's program is: settings, checks and their messages,
   the histogram geometry, exact mode (a tone lands on its row; threads
   do not change the numbers; NaN is silence; complex and consensus), the
   streaming mode against exact mode, and bad arguments. */

#undef NDEBUG

#include "tests/kit/check.h"

#include <hyperres/hyperres.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 16000.0
#define TONE_HZ 1000.0
#define N_SAMPLES 8000

/* One check with an optional detail (a message of the library). */
static void
check(int ok, const char* what, const char* detail)
{
  hr_check(
    ok, "%s%s%s", what, detail && *detail ? ": " : "", detail ? detail : "");
}

static double*
make_tone(size_t n)
{
  double* x = malloc(n * sizeof(double));
  for (size_t i = 0; i < n; ++i) {
    x[i] = 0.5 * sin(2.0 * 3.14159265358979323846 * TONE_HZ * (double)i / RATE);
  }
  return x;
}

static HrAnalysis*
tone_analysis(void)
{
  HrAnalysis* analysis = hr_analysis_new();
  hr_analysis_set(analysis, HR_SETTING_RATE, RATE);
  hr_analysis_set(analysis, HR_SETTING_FMIN, 100.0 / RATE);
  hr_analysis_set(analysis, HR_SETTING_NOCT, 24.0);
  hr_analysis_set(analysis, HR_SETTING_TDECI, 64.0);
  return analysis;
}

static void
test_version_and_errors(void)
{
  char expected[32];
  snprintf(expected,
           sizeof(expected),
           "%d.%d.%d",
           HR_VERSION_MAJOR,
           HR_VERSION_MINOR,
           HR_VERSION_MICRO);
  check(!strcmp(hr_version(), expected), "hr_version matches the header", "");
  int all_named = 1;
  for (int e = HR_OK; e <= HR_ERROR_STOPPED; ++e) {
    const char* text = hr_error_string((HrError)e);
    all_named = all_named && text && *text && strcmp(text, "unknown error");
  }
  check(all_named, "every error has a message", "");
  check(!strcmp(hr_error_string(HR_ERROR_BAD_Q),
                "q must be a finite number above 0"),
        "errors use the batch tool's wording",
        hr_error_string(HR_ERROR_BAD_Q));
}

static void
test_settings(void)
{
  HrAnalysis* analysis = hr_analysis_new();
  check(hr_analysis_get(analysis, HR_SETTING_Q) == 2.0 &&
          hr_analysis_get(analysis, HR_SETTING_TDECI) == 96.0 &&
          hr_analysis_get(analysis, HR_SETTING_FMAX) == 0.5,
        "defaults are the batch tool's",
        "");
  hr_analysis_set(analysis, HR_SETTING_RATE, 48000.0);
  check(hr_analysis_get(analysis, HR_SETTING_FMAX) == 0.5 &&
          hr_analysis_get(analysis, HR_SETTING_RATE) == 48000.0,
        "settings read back",
        "");
  check(hr_analysis_rows(analysis) == 970,
        "rows at the defaults (108 per octave, 48 Hz..24 kHz)",
        "");
  check(hr_analysis_columns(analysis, 48000) == 500,
        "columns: ceil(samples / tdeci)",
        "");
  check(hr_analysis_row_frequency(analysis, 0) == 24000.0 &&
          fabs(hr_analysis_row_frequency(analysis, 108) - 12000.0) < 1e-9,
        "row 0 is fmax, an octave every noct rows",
        "");
  check(hr_analysis_column_time(analysis, 500) == 47999.0 / 48000.0,
        "column times in seconds",
        "");
  check(hr_analysis_set(analysis, (HrSetting)99, 1.0) ==
            HR_ERROR_BAD_ARGUMENT &&
          isnan(hr_analysis_get(analysis, (HrSetting)99)),
        "an unknown setting is refused",
        "");
  check(hr_analysis_memory_needed(analysis, 48000, 0) > 48000 * 16,
        "memory needed is stated",
        "");
  hr_analysis_free(analysis);
  hr_analysis_free(NULL);
}

/* The check of one bad setting: its error and a message with `words`. */
static void
check_bad(HrSetting setting, double value, HrError expected, const char* words)
{
  HrAnalysis* analysis = hr_analysis_new();
  char        message[256];
  char        what[128];
  hr_analysis_set(analysis, HR_SETTING_RATE, 48000.0);
  hr_analysis_set(analysis, setting, value);
  const HrError error =
    hr_analysis_check(analysis, 0, message, sizeof(message));
  snprintf(what, sizeof(what), "setting %d = %g is refused", setting, value);
  check(error == expected && strstr(message, words), what, message);
  double  x[4]     = { 0 };
  HrError from_new = HR_OK;
  check(!hr_spectrogram_new(analysis, x, 4, 0, &from_new) &&
          from_new == expected,
        "hr_spectrogram_new refuses it with the same error",
        hr_error_string(from_new));
  hr_analysis_free(analysis);
}

static void
test_checks(void)
{
  check_bad(HR_SETTING_FMAX,
            30000.0 / 48000.0,
            HR_ERROR_BAD_FMAX,
            "fmax 30000 Hz lies above the Nyquist frequency 24000 Hz");
  check_bad(HR_SETTING_FMIN,
            30000.0 / 48000.0,
            HR_ERROR_FMIN_NOT_BELOW_FMAX,
            "fmin (30000 Hz) must be below fmax (24000 Hz)");
  check_bad(HR_SETTING_Q, -1.0, HR_ERROR_BAD_Q, "q must be a finite number");
  check_bad(HR_SETTING_Q, NAN, HR_ERROR_BAD_Q, "(got nan)");
  check_bad(HR_SETTING_TDECI, 0.5, HR_ERROR_BAD_TDECI, "(got 0.5)");
  check_bad(HR_SETTING_OVER, 0.0, HR_ERROR_BAD_OVER, "over must be");
  check_bad(HR_SETTING_NOCT, 0.5, HR_ERROR_BAD_NOCT, "noct");
  check_bad(HR_SETTING_LINT, 0.0, HR_ERROR_BAD_LINT, "lint");
  check_bad(HR_SETTING_SCALE, 2.0, HR_ERROR_BAD_SCALE, "scale");
  check_bad(HR_SETTING_RATE, 0.0, HR_ERROR_BAD_RATE, "sample rate");
  check_bad(HR_SETTING_THREADS, -1.0, HR_ERROR_THREADS, "threads");
  check_bad(HR_SETTING_MEMORY_LIMIT, -1.0, HR_ERROR_MEMORY_LIMIT, "bytes");

  HrAnalysis* analysis = hr_analysis_new();
  char        message[256];
  hr_analysis_set(analysis, HR_SETTING_SCALE, HR_AXIS_LINEAR);
  hr_analysis_set(analysis, HR_SETTING_NDIV, 1.0);
  check(hr_analysis_check(analysis, 0, message, sizeof(message)) ==
          HR_ERROR_BAD_NDIV,
        "ndiv 1 is refused on the linear scale",
        message);
  hr_analysis_set(analysis, HR_SETTING_NDIV, 50.0);
  const double ladder[3] = { 1.0, 2.0, 4.0 };
  hr_analysis_set_consensus(analysis, ladder, 3);
  check(hr_analysis_check(analysis, 0, message, sizeof(message)) ==
            HR_ERROR_BAD_COMBINATION &&
          strstr(message, "log scale"),
        "consensus on the linear scale is refused",
        message);
  hr_analysis_set(analysis, HR_SETTING_SCALE, HR_AXIS_LOG);
  check(hr_analysis_check(analysis, HR_COMPUTE_COMPLEX, message, 256) ==
            HR_ERROR_BAD_COMBINATION &&
          strstr(message, "one q"),
        "consensus with the complex histogram is refused",
        message);
  const double unordered[2] = { 4.0, 2.0 };
  hr_analysis_set_consensus(analysis, unordered, 2);
  check(hr_analysis_check(analysis, 0, message, sizeof(message)) ==
            HR_ERROR_BAD_CONSENSUS &&
          strstr(message, "got 4, 2"),
        "a decreasing ladder is refused",
        message);
  check(
    hr_analysis_set_consensus(analysis, NULL, 2) == HR_ERROR_BAD_CONSENSUS &&
      hr_analysis_set_consensus(analysis, ladder, 9) == HR_ERROR_BAD_CONSENSUS,
    "a ladder without values or too long is refused",
    "");
  check(hr_analysis_check(analysis, 4, message, sizeof(message)) ==
          HR_ERROR_BAD_ARGUMENT,
        "unknown flags are refused",
        message);
  check(hr_analysis_check(NULL, 0, NULL, 0) == HR_ERROR_BAD_ARGUMENT,
        "a NULL analysis is refused",
        "");
  hr_analysis_free(analysis);
}

/* Row of the largest energy summed over the columns. */
static int
peak_row(const double* energy, int rows, size_t cols)
{
  int    best     = 0;
  double best_sum = -1.0;
  for (int r = 0; r < rows; ++r) {
    double sum = 0.0;
    for (size_t c = 0; c < cols; ++c) {
      sum += energy[(size_t)r * cols + c];
    }
    if (sum > best_sum) {
      best_sum = sum;
      best     = r;
    }
  }
  return best;
}

static int
same_values(const double* a, const double* b, size_t n)
{
  return memcmp(a, b, n * sizeof(double)) == 0;
}

static void
test_exact(void)
{
  HrAnalysis* analysis = tone_analysis();
  double*     x        = make_tone(N_SAMPLES);
  HrError     error    = HR_ERROR_BAD_ARGUMENT;
  hr_analysis_set(analysis, HR_SETTING_THREADS, 1.0);
  HrSpectrogram* one = hr_spectrogram_new(analysis, x, N_SAMPLES, 0, &error);
  check(one && error == HR_OK, "exact mode runs", hr_error_string(error));
  if (!one) {
    return;
  }
  const int    rows = hr_spectrogram_rows(one);
  const size_t cols = hr_spectrogram_columns(one);
  check(rows == hr_analysis_rows(analysis) &&
          cols == hr_analysis_columns(analysis, N_SAMPLES),
        "its shape is the analysis's",
        "");
  const int row = peak_row(hr_spectrogram_energy(one), rows, cols);
  char      detail[64];
  snprintf(detail, sizeof(detail), "row %d", row);
  check(fabs(hr_analysis_row_frequency(analysis, row) / TONE_HZ - 1.0) < 0.02,
        "a 1 kHz tone peaks on the 1 kHz row",
        detail);
  check(hr_spectrogram_count(one) && !hr_spectrogram_complex(one) &&
          hr_spectrogram_nonfinite(one) == 0,
        "count always, complex only when asked",
        "");

  hr_analysis_set(analysis, HR_SETTING_THREADS, 2.0);
  HrSpectrogram* two = hr_spectrogram_new(analysis, x, N_SAMPLES, 0, NULL);
  check(two && same_values(hr_spectrogram_energy(one),
                           hr_spectrogram_energy(two),
                           (size_t)rows * cols),
        "two threads give the same numbers as one",
        "");
  hr_spectrogram_free(two);

  x[100]                  = NAN;
  x[200]                  = INFINITY;
  HrSpectrogram* with_nan = hr_spectrogram_new(analysis, x, N_SAMPLES, 0, NULL);
  x[100] = x[200] = 0.0;
  HrSpectrogram* with_zero =
    hr_spectrogram_new(analysis, x, N_SAMPLES, 0, NULL);
  check(with_nan && with_zero && hr_spectrogram_nonfinite(with_nan) == 2 &&
          same_values(hr_spectrogram_energy(with_nan),
                      hr_spectrogram_energy(with_zero),
                      (size_t)rows * cols),
        "NaN/Inf are counted and analysed as silence",
        "");
  hr_spectrogram_free(with_nan);
  hr_spectrogram_free(with_zero);
  hr_spectrogram_free(one);
  hr_spectrogram_free(NULL);
  free(x);
  hr_analysis_free(analysis);
}

static void
test_complex_and_consensus(void)
{
  HrAnalysis*    analysis = tone_analysis();
  double*        x        = make_tone(N_SAMPLES);
  HrSpectrogram* complex_spec =
    hr_spectrogram_new(analysis, x, N_SAMPLES, HR_COMPUTE_COMPLEX, NULL);
  const double* values = hr_spectrogram_complex(complex_spec);
  double        sum    = 0.0;
  const size_t  cells  = (size_t)hr_spectrogram_rows(complex_spec) *
                       hr_spectrogram_columns(complex_spec);
  for (size_t i = 0; values && i < 2 * cells; ++i) {
    sum += fabs(values[i]);
  }
  check(values && sum > 0.0, "the complex histogram is made when asked", "");
  hr_spectrogram_free(complex_spec);

  const double ladder[3] = { 1.0, 2.0, 4.0 };
  hr_analysis_set_consensus(analysis, ladder, 3);
  double copy[8] = { 0 };
  check(hr_analysis_consensus(analysis, copy, 8) == 3 && copy[2] == 4.0,
        "the ladder reads back",
        "");
  HrSpectrogram* consensus =
    hr_spectrogram_new(analysis, x, N_SAMPLES, 0, NULL);
  const int row = consensus ? peak_row(hr_spectrogram_energy(consensus),
                                       hr_spectrogram_rows(consensus),
                                       hr_spectrogram_columns(consensus))
                            : -1;
  check(consensus &&
          fabs(hr_analysis_row_frequency(analysis, row) / TONE_HZ - 1.0) < 0.02,
        "the consensus puts the tone on its row",
        "");
  hr_spectrogram_free(consensus);
  free(x);
  hr_analysis_free(analysis);
}

static void
test_bad_calls(void)
{
  HrAnalysis*    analysis = tone_analysis();
  double         x[1]     = { 0.0 };
  HrError        error    = HR_OK;
  HrSpectrogram* made     = hr_spectrogram_new(analysis, x, 1, 0, &error);
  check(!made && error == HR_ERROR_TOO_SHORT,
        "one sample is too short",
        hr_error_string(error));
  made = hr_spectrogram_new(analysis, NULL, 100, 0, &error);
  check(!made && error == HR_ERROR_BAD_ARGUMENT,
        "NULL samples are refused",
        hr_error_string(error));
  hr_analysis_set(analysis, HR_SETTING_MEMORY_LIMIT, 1000.0);
  double* tone = make_tone(N_SAMPLES);
  made         = hr_spectrogram_new(analysis, tone, N_SAMPLES, 0, &error);
  check(!made && error == HR_ERROR_MEMORY_LIMIT,
        "the memory limit is kept",
        hr_error_string(error));
  free(tone);
  check(hr_spectrogram_rows(NULL) == 0 && !hr_spectrogram_energy(NULL) &&
          hr_streamer_rows(NULL) == 0,
        "accessors take NULL",
        "");
  hr_analysis_free(analysis);
}

/* Stream the tone in blocks of 100; the column a tone of one row should
   match exact mode's peak row. */
static void
test_streamer(void)
{
  HrAnalysis* analysis = tone_analysis();
  HrError     error    = HR_ERROR_BAD_ARGUMENT;
  HrStreamer* streamer = hr_streamer_new(analysis, 512, &error);
  check(streamer && error == HR_OK, "a streamer is made", "");
  if (!streamer) {
    hr_analysis_free(analysis);
    return;
  }
  const int rows = hr_streamer_rows(streamer);
  double*   sums = calloc((size_t)rows, sizeof(double));
  float     block[100];
  int64_t   expected  = 0;
  int       in_order  = 1;
  size_t    n_columns = 0;
  for (size_t start = 0; start < 4 * N_SAMPLES; start += 100) {
    for (size_t i = 0; i < 100; ++i) {
      block[i] = (float)(0.5 * sin(2.0 * 3.14159265358979323846 * TONE_HZ *
                                   (double)(start + i) / RATE));
    }
    hr_streamer_process(streamer, block, 100);
    int64_t      index  = 0;
    const float* energy = NULL;
    while (hr_streamer_next_column(streamer, &index, &energy, NULL)) {
      in_order = in_order && index == expected++;
      ++n_columns;
      for (int r = 0; r < rows; ++r) {
        sums[r] += energy[r];
      }
    }
  }
  int best = 0;
  for (int r = 1; r < rows; ++r) {
    best = sums[r] > sums[best] ? r : best;
  }
  check(in_order && n_columns > 0, "columns come in order", "");
  check(rows == hr_analysis_rows(analysis) &&
          fabs(hr_analysis_row_frequency(analysis, best) / TONE_HZ - 1.0) <
            0.02,
        "the streamed tone lies on its row",
        "");
  check(hr_streamer_latency(streamer) > 0, "its latency is stated", "");
  hr_streamer_reset(streamer);
  check(!hr_streamer_next_column(streamer, NULL, NULL, NULL),
        "reset forgets the input",
        "");
  hr_streamer_free(streamer);
  hr_streamer_free(NULL);

  const double ladder[2] = { 2.0, 4.0 };
  hr_analysis_set_consensus(analysis, ladder, 2);
  streamer = hr_streamer_new(analysis, 0, &error);
  check(streamer && error == HR_OK && hr_streamer_rows(streamer) == rows,
        "a consensus streamer is made",
        hr_error_string(error));
  hr_streamer_free(streamer);
  hr_analysis_set(analysis, HR_SETTING_Q, -2.0);
  hr_analysis_set_consensus(analysis, NULL, 0);
  streamer = hr_streamer_new(analysis, 0, &error);
  check(!streamer && error == HR_ERROR_BAD_Q,
        "a streamer with bad settings is refused",
        "");
  free(sums);
  hr_analysis_free(analysis);
}

int
main(void)
{
  test_version_and_errors();
  test_settings();
  test_checks();
  test_exact();
  test_complex_and_consensus();
  test_bad_calls();
  test_streamer();
  return hr_check_summary();
}
