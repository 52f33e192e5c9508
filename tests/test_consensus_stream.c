/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Consensus over bandwidths: the pair rule on known numbers, the exact
   consensus against its definition, and the streaming consensus against
   the exact one (the agreement metrics of test_stream) in random blocks. */

#include "tests/kit/agreement.h"
#include "tests/kit/check.h"
#include "core/hr_consensus.h"
#include "core/hr_consensus_stream.h"
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

static void
test_pair_rule(void)
{
  const HrLadder ladder       = hr_ladder_doubling(1.0, 3); /* 1, 2, 4 */
  const double   energy[3][2] = { { 4.0, 1.0 }, { 2.0, 0.0 }, { 0.5, 3.0 } };
  const double   count[3][2]  = { { 9.0, 1.0 }, { 4.0, 0.0 }, { 1.0, 5.0 } };
  double         out_e[2]     = { 0.0, 0.0 };
  double         out_c[2]     = { 0.0, 0.0 };
  for (int k = 0; k < 2; ++k) {
    hr_consensus_add_pair(&ladder,
                          k,
                          energy[k],
                          count[k],
                          energy[k + 1],
                          count[k + 1],
                          2,
                          out_e,
                          out_c);
  }
  /* Cell 0: (sqrt(4*1 * 2*2) + sqrt(2*2 * 0.5*4)) / 2 = (4 + 2*sqrt(2)) / 2;
     cell 1: the middle picture is empty there, so nothing. */
  const double want_e = (4.0 + 2.0 * sqrt(2.0)) / 2.0;
  const double want_c = (6.0 + 2.0) / 2.0;
  char         text[160];
  snprintf(text,
           sizeof(text),
           "energy %.6f (want %.6f), count %.3f (want %.3f), empty cell %.3g",
           out_e[0],
           want_e,
           out_c[0],
           want_c,
           out_e[1] + out_c[1]);
  report(fabs(out_e[0] - want_e) < 1e-12 && fabs(out_c[0] - want_c) < 1e-12 &&
           out_e[1] == 0.0 && out_c[1] == 0.0,
         "pair rule on known numbers",
         text);

  HrLadder bad = ladder;
  bad.q[2]     = 1.5;
  report(hr_ladder_check(&bad) == HR_ERR_BAD_LADDER &&
           hr_ladder_check(&ladder) == HR_SUCCESS,
         "ladder check",
         "decreasing q refused, 1,2,4 accepted");
}

/* hr_consensus_exact against the definition from two unfloored single-q
   pictures, and a one-q ladder against hr_exact_compute. */
static void
test_exact_definition(const double* x, size_t n)
{
  const HrParams params  = test_params();
  const HrLadder ladder  = hr_ladder_doubling(2.0, 2);
  HrExactOptions options = hr_exact_options_default();
  HrHist         single[2];
  HrHist         consensus;
  HrParams       one = params;
  options.skip_floor = 1;
  for (int k = 0; k < 2; ++k) {
    one.q = ladder.q[k];
    need((void*)(uintptr_t)(hr_exact_compute(
                              &one, x, n, &options, &single[k]) == HR_SUCCESS));
  }
  options.skip_floor = 0;
  need((void*)(uintptr_t)(hr_consensus_exact(
                            &params, &ladder, x, n, &options, &consensus) ==
                          HR_SUCCESS));
  const size_t cells = (size_t)consensus.rows * consensus.cols;
  double       max_c = 0.0;
  double       worst = 0.0;
  double       total = 0.0;
  for (size_t i = 0; i < cells; ++i) {
    const double c = sqrt(single[0].count[i] * single[1].count[i]);
    max_c          = c > max_c ? c : max_c;
  }
  for (size_t i = 0; i < cells; ++i) {
    const double c = sqrt(single[0].count[i] * single[1].count[i]);
    const double e = c < sqrt(max_c)
                       ? 0.0
                       : sqrt(single[0].energy[i] * single[1].energy[i] * 2.0);
    worst          = fmax(worst, fabs(consensus.energy[i] - e));
    total += e;
  }
  char text[160];
  snprintf(text, sizeof(text), "largest difference %.3g of %.3g", worst, total);
  report(total > 0.0 && worst <= 1e-12 * total,
         "exact consensus of q 2,4 = its definition",
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
  hr_hist_free(&single[0]);
  hr_hist_free(&single[1]);
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
  test_pair_rule();
  const size_t n = (size_t)(0.5 * SAMPLE_RATE);
  double* x = need(hr_test_signal_make(HR_TEST_TONE_CLICKS, n, SAMPLE_RATE, 1));
  test_exact_definition(x, n);
  free(x);
  test_stream_agreement(HR_TEST_TONE_CLICKS, 2.0);
  test_stream_agreement(HR_TEST_TONES, 2.0);
  test_stream_agreement(HR_TEST_SPEECH, 2.0);
  return hr_check_summary();
}
