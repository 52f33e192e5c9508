/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Consensus over bandwidths: the agreement window against direct sums,
   the exact consensus against its definition, and the streaming consensus
   against the exact one (the agreement metrics of test_stream) in random
   blocks. */

#include "tests/kit/agreement.h"
#include "tests/kit/check.h"
#include "core/hr_consensus.h"
#include "core/hr_consensus_stream.h"
#include "core/hr_consensus_window.h"
#include "tests/kit/signals.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SAMPLE_RATE 48000.0

static void
report(int ok, const char* what, const char* detail)
{
  hr_check(ok, "%s: %s", what, detail);
}

static void*
need(void* pointer)
{
  if (!pointer) {
    fprintf(stderr, "test_consensus_stream: out of memory\n");
    exit(2);
  }
  return pointer;
}

static HrParams
test_params(void)
{
  HrParams params = hr_params_default();
  params.noct     = 36;
  params.over     = 2;
  params.tdeci    = 48;
  params.fmin     = 100.0 / SAMPLE_RATE;
  params.fmax     = 16000.0 / SAMPLE_RATE;
  return params;
}

/* The window's score against direct sums, over a small random picture
   pair fed column by column (rows outside and columns after the end are
   zeros). */
static void
test_window_score(void)
{
  enum { ROWS = 9, COLS = 40, HALF_R = 2, HALF_C = 3 };
  HrTestRng         rng = { 99 };
  double            a[COLS][ROWS];
  double            b[COLS][ROWS];
  HrConsensusWindow window;
  need((void*)(uintptr_t)(hr_consensus_window_init(
                            &window, ROWS, HALF_R, HALF_C) == HR_SUCCESS));
  for (int c = 0; c < COLS; ++c) {
    for (int r = 0; r < ROWS; ++r) {
      a[c][r] = (double)(hr_test_rng_next(&rng) % 1000) / 100.0;
      b[c][r] = c > 25 ? 0.0 : (double)(hr_test_rng_next(&rng) % 1000) / 100.0;
    }
  }
  double worst = 0.0;
  for (int j = 0; j < COLS + HALF_C; ++j) {
    hr_consensus_window_push(
      &window, j < COLS ? a[j] : NULL, j < COLS ? b[j] : NULL);
    const int c = j - HALF_C;
    for (int r = 0; c >= 0 && r < ROWS; ++r) {
      double shared = 0.0;
      double mean   = 0.0;
      for (int cc = c - HALF_C; cc <= c + HALF_C; ++cc) {
        for (int rr = r - HALF_R; rr <= r + HALF_R; ++rr) {
          if (cc >= 0 && cc < COLS && rr >= 0 && rr < ROWS) {
            shared += fmin(a[cc][rr], b[cc][rr]);
            mean += 0.5 * (a[cc][rr] + b[cc][rr]);
          }
        }
      }
      const double want = mean > 0.0 ? shared / mean : 0.0;
      worst = fmax(worst, fabs(hr_consensus_window_score(&window, r) - want));
    }
  }
  hr_consensus_window_free(&window);
  char text[120];
  snprintf(text, sizeof(text), "largest difference %.3g", worst);
  report(worst < 1e-12, "window score = direct sums", text);

  HrLadder ladder = hr_ladder_doubling(1.0, 3);
  HrLadder bad    = ladder;
  bad.q[2]        = 1.5;
  report(hr_ladder_check(&bad) == HR_ERR_BAD_LADDER &&
           hr_ladder_check(&ladder) == HR_SUCCESS,
         "ladder check",
         "decreasing q refused, 1,2,4 accepted");
}

/* Direct agreement of pictures `a` and `b` (scaled) around cell (r, c). */
static double
direct_score(const HrHist* a,
             double        scale_a,
             const HrHist* b,
             double        scale_b,
             int           r,
             long          c,
             int           half_r,
             long          half_c)
{
  double shared = 0.0;
  double mean   = 0.0;
  for (int rr = r - half_r; rr <= r + half_r; ++rr) {
    for (long cc = c - half_c; cc <= c + half_c; ++cc) {
      if (rr >= 0 && rr < a->rows && cc >= 0 && cc < (long)a->cols) {
        const size_t i = (size_t)rr * a->cols + (size_t)cc;
        const double x = scale_a * a->energy[i];
        const double y = scale_b * b->energy[i];
        shared += fmin(x, y);
        mean += 0.5 * (x + y);
      }
    }
  }
  return mean > 1e-300 && shared > 0.0 ? shared / mean : 0.0;
}

/* hr_consensus_exact against doc/CONSENSUS.md's rule written out with
   direct window sums from three unfloored single-q pictures (cells whose
   two best pairs agree within 1e-9 may pick either), and a one-q ladder
   against hr_exact_compute. */
static void
test_exact_definition(const double* x, size_t n)
{
  const HrParams params  = test_params();
  HrLadder       ladder  = hr_ladder_doubling(1.0, 3);
  HrExactOptions options = hr_exact_options_default();
  HrHist         single[3];
  HrHist         consensus;
  HrParams       one = params;
  ladder.window      = 0.032 * SAMPLE_RATE;
  options.skip_floor = 1;
  for (int k = 0; k < 3; ++k) {
    one.q = ladder.q[k];
    need((void*)(uintptr_t)(hr_exact_compute(
                              &one, x, n, &options, &single[k]) == HR_SUCCESS));
  }
  options.skip_floor = 0;
  need((void*)(uintptr_t)(hr_consensus_exact(
                            &params, &ladder, x, n, &options, &consensus) ==
                          HR_SUCCESS));
  const int    half_r = hr_consensus_half_rows(&params);
  const int    half_c = hr_consensus_half_cols(&params, &ladder);
  const size_t cells  = (size_t)consensus.rows * consensus.cols;
  double*      want_e = need(calloc(cells, sizeof(double)));
  double*      want_c = need(calloc(cells, sizeof(double)));
  char*        tied   = need(calloc(cells, 1));
  double       max_c  = 0.0;
  for (int r = 0; r < consensus.rows; ++r) {
    for (size_t c = 0; c < consensus.cols; ++c) {
      const size_t i = (size_t)r * consensus.cols + c;
      double       score[2];
      for (int k = 0; k < 2; ++k) {
        score[k] = direct_score(&single[k],
                                ladder.q[k] / ladder.q[0],
                                &single[k + 1],
                                ladder.q[k + 1] / ladder.q[0],
                                r,
                                (long)c,
                                half_r,
                                half_c);
      }
      const int k = score[1] > score[0];
      /* A near tie counts where the two pairs give different cells. */
      tied[i] = fabs(score[1] - score[0]) < 1e-9 &&
                fmin(single[0].energy[i], 2.0 * single[1].energy[i]) !=
                  fmin(2.0 * single[1].energy[i], 4.0 * single[2].energy[i]);
      const double best = score[k] > 0.0 ? score[k] : 1.0;
      want_e[i]         = fmin(single[k].energy[i] * ladder.q[k],
                       single[k + 1].energy[i] * ladder.q[k + 1]) /
                  ladder.q[0] / best;
      want_c[i] = 0.5 * (single[k].count[i] + single[k + 1].count[i]);
      max_c     = fmax(max_c, want_c[i]);
    }
  }
  double worst  = 0.0;
  double total  = 0.0;
  size_t n_tied = 0;
  for (size_t i = 0; i < cells; ++i) {
    const double e = want_c[i] < sqrt(max_c) ? 0.0 : want_e[i];
    total += e;
    n_tied += tied[i] != 0;
    if (!tied[i]) {
      worst = fmax(worst, fabs(consensus.energy[i] - e));
    }
  }
  char text[160];
  snprintf(text,
           sizeof(text),
           "largest difference %.3g of %.3g (%zu near-tied cells of %zu)",
           worst,
           total,
           n_tied,
           cells);
  report(total > 0.0 && worst <= 1e-12 * total && n_tied < cells / 100,
         "exact consensus of q 1,2,4 = its definition",
         text);

  const HrLadder only = hr_ladder_doubling(3.0, 1);
  HrHist         via_ladder;
  HrHist         direct;
  one.q = 3.0;
  need((void*)(uintptr_t)(hr_consensus_exact(
                            &params, &only, x, n, &options, &via_ladder) ==
                          HR_SUCCESS));
  need((void*)(uintptr_t)(hr_exact_compute(&one, x, n, &options, &direct) ==
                          HR_SUCCESS));
  report(!memcmp(via_ladder.energy, direct.energy, cells * sizeof(double)),
         "one-q ladder",
         "identical to the plain exact picture");
  hr_hist_free(&via_ladder);
  hr_hist_free(&direct);
  hr_hist_free(&consensus);
  for (int k = 0; k < 3; ++k) {
    hr_hist_free(&single[k]);
  }
  free(want_e);
  free(want_c);
  free(tied);
}

/* Stream `x` in random blocks; the columns below `cols` into `energy`. */
static int
stream_consensus(HrConsensusStream* stream,
                 const float*       x,
                 size_t             length,
                 size_t             cols,
                 float*             energy,
                 size_t*            n_columns)
{
  HrTestRng rng      = { 12345 };
  int       in_order = 1;
  *n_columns         = 0;
  for (size_t pos = 0; pos < length;) {
    uint32_t block = 1 + (uint32_t)(hr_test_rng_next(&rng) % 8192);
    block          = pos + block > length ? (uint32_t)(length - pos) : block;
    hr_consensus_stream_process(stream, x + pos, block);
    pos += block;
    HrColumn column;
    while (hr_consensus_stream_next_column(stream, &column)) {
      in_order &= column.index == (int64_t)*n_columns;
      *n_columns = (size_t)column.index + 1;
      for (int r = 0; r < column.rows && (size_t)column.index < cols; ++r) {
        energy[(size_t)r * cols + (size_t)column.index] = column.energy[r];
      }
    }
  }
  return in_order;
}

static void
test_stream_agreement(HrTestSignal signal, double duration)
{
  const HrParams params  = test_params();
  const HrLadder ladder  = hr_ladder_doubling(1.0, 3);
  const size_t   n       = (size_t)(duration * SAMPLE_RATE);
  const size_t   cols    = hr_params_cols(&params, n);
  double*        x       = need(hr_test_signal_make(signal, n, SAMPLE_RATE, 3));
  HrExactOptions options = hr_exact_options_default();
  HrHist         exact;
  char           what[96];
  snprintf(
    what, sizeof(what), "stream vs exact, %s", hr_test_signal_name(signal));
  need((void*)(uintptr_t)(hr_consensus_exact(
                            &params, &ladder, x, n, &options, &exact) ==
                          HR_SUCCESS));

  HrStreamConfig config;
  HrStatus       status = HR_SUCCESS;
  memset(&config, 0, sizeof(config));
  config.params       = params;
  config.max_block    = 8192;
  config.floor_window = 2.0 * SAMPLE_RATE;
  HrConsensusStream* stream =
    hr_consensus_stream_new(&config, &ladder, &status);
  if (!stream) {
    report(0, what, hr_strerror(status));
    exit(1);
  }
  const size_t length =
    cols * (size_t)params.tdeci + hr_consensus_stream_latency(stream);
  float* xf     = need(calloc(length, sizeof(float)));
  float* energy = need(calloc((size_t)exact.rows * cols, sizeof(float)));
  for (size_t i = 0; i < n; ++i) {
    xf[i] = (float)x[i];
  }
  size_t    n_columns = 0;
  const int in_order =
    stream_consensus(stream, xf, length, cols, energy, &n_columns);

  HrAgreeSpec         spec = hr_agree_spec(exact.rows,
                                   cols,
                                   ladder.q[ladder.n_q - 1],
                                   params.tdeci,
                                   params.noct,
                                   params.fmin,
                                   params.fmax,
                                   2.0 * SAMPLE_RATE);
  HrAgreement         result;
  const HrAgreeStatus agree =
    hr_agree_compute(&spec, energy, exact.energy, exact.count, &result);
  HrAgreeLimits limits = hr_agree_limits_default();
  char          text[400];
  snprintf(text,
           sizeof(text),
           "jaccard=%.4f logcorr=%.4f energy=%.4f; %zu columns %s; latency "
           "%.0f ms; %.1f MB",
           result.jaccard,
           result.logcorr,
           result.energy_ratio,
           n_columns,
           in_order ? "in order" : "OUT OF ORDER",
           1000.0 * (double)hr_consensus_stream_latency(stream) / SAMPLE_RATE,
           (double)hr_consensus_stream_memory(stream) / 1e6);
  report(agree == HR_AGREE_OK && in_order && n_columns >= cols &&
           hr_agree_pass(&result, &limits, 0),
         what,
         text);
  hr_consensus_stream_free(stream);
  hr_hist_free(&exact);
  free(energy);
  free(xf);
  free(x);
}

int
main(void)
{
  test_window_score();
  const size_t n = (size_t)(0.5 * SAMPLE_RATE);
  double* x = need(hr_test_signal_make(HR_TEST_TONE_CLICKS, n, SAMPLE_RATE, 1));
  test_exact_definition(x, n);
  free(x);
  test_stream_agreement(HR_TEST_TONE_CLICKS, 2.0);
  test_stream_agreement(HR_TEST_TONES, 2.0);
  test_stream_agreement(HR_TEST_SPEECH, 2.0);
  return hr_check_summary();
}
