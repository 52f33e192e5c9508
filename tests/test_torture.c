/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The torture test: our own lilv host puts both plugins through hostile
   conditions under AddressSanitizer/UBSan (torture_case.h says what each
   case checks). The cases:
   - pairwise: every pair of values of any two dimensions (plugin and
     channel mode x preset x block size x sample rate x notify capacity x
     control garbage x input signal x parameter mode) comes in at least
     one case, from a seeded greedy covering array;
   - full sweeps: every sample rate with both plugins, the rates it must
     refuse, every control port through its extremes while running;
   - lifecycles: instantiate/cleanup, activate/deactivate, ports
     connected to NULL, late worker replies, UI on and off;
   - threads: several instances at once, rebuilding (FFTW plans).
   One line per case; passes only if every case passes. Each case runs in
   a child process (a crash fails that case, not the table);
   HR_TORTURE_JOBS (default 2) at once. HR_TORTURE_ONLY=N runs case N
   alone, HR_TORTURE_VERBOSE=1 says on stderr when each starts. */

#undef NDEBUG

#include "torture_case.h"
#include "torture_sweeps.h"

#include "tests/kit/check.h"
#include "host/host.h"
#include "tests/kit/bundle.h"
#include "protocol/ports.h"
#include "tests/kit/rt_interpose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define N_DIMS 8
#define MAX_VALUES 9
#define MAX_CASES 256

static const uint32_t blocks[]     = { 1, 2, 63, 64, 1000, 8192, 0 };
static const double   rates[]      = { 8000,  22050, 44100,  48000,
                                       88200, 96000, 192000, 384000 };
static const uint32_t capacities[] = { 0, 8, 64, 1024, 65536 };

static const int dim_sizes[N_DIMS] = {
  HR_PLUG_COUNT, HR_N_PRESETS,    7, 8, 5, HR_GARBAGE_COUNT,
  HR_SIG_COUNT,  HR_PARAMS_COUNT,
};

/* ---- a pairwise covering array ---- */

typedef struct {
  bool     covered[N_DIMS][N_DIMS][MAX_VALUES][MAX_VALUES];
  long     uncovered;
  uint32_t rng;
} Cover;

static long
new_pairs(const Cover* cover, const int* row, int d, int v)
{
  long n = 0;
  for (int e = 0; e < N_DIMS; ++e) {
    if (e != d && row[e] >= 0) {
      const int a = d < e ? d : e, b = d < e ? e : d;
      const int va = d < e ? v : row[e], vb = d < e ? row[e] : v;
      n += !cover->covered[a][b][va][vb];
    }
  }
  return n;
}

/* A row covering an uncovered pair and, greedily, as many more as it can. */
static long
candidate(Cover* cover, int* row)
{
  for (int d = 0; d < N_DIMS; ++d) {
    row[d] = -1;
  }
  const uint32_t skip  = hr_rand_below(&cover->rng, (uint32_t)cover->uncovered);
  uint32_t       seen  = 0;
  bool           found = false;
  for (int a = 0; a < N_DIMS && !found; ++a) {
    for (int b = a + 1; b < N_DIMS && !found; ++b) {
      for (int va = 0; va < dim_sizes[a] && !found; ++va) {
        for (int vb = 0; vb < dim_sizes[b] && !found; ++vb) {
          if (!cover->covered[a][b][va][vb] && seen++ == skip) {
            row[a] = va;
            row[b] = vb;
            found  = true;
          }
        }
      }
    }
  }
  int order[N_DIMS];
  for (int d = 0; d < N_DIMS; ++d) {
    const int j = (int)hr_rand_below(&cover->rng, (uint32_t)d + 1);
    order[d]    = order[j];
    order[j]    = d;
  }
  long gained = 1;
  for (int step = 0; step < N_DIMS; ++step) {
    const int d = order[step];
    if (row[d] >= 0) {
      continue;
    }
    int  best = 0;
    long most = -1;
    for (int v = 0; v < dim_sizes[d]; ++v) {
      const long n =
        new_pairs(cover, row, d, v) * 16 + (long)hr_rand_below(&cover->rng, 16);
      if (n > most) {
        most = n;
        best = v;
      }
    }
    row[d] = best;
    gained += most / 16;
  }
  return gained;
}

static void
mark(Cover* cover, const int* row)
{
  for (int a = 0; a < N_DIMS; ++a) {
    for (int b = a + 1; b < N_DIMS; ++b) {
      bool* cell = &cover->covered[a][b][row[a]][row[b]];
      cover->uncovered -= !*cell;
      *cell = true;
    }
  }
}

/* Rows of a pairwise covering array; returns how many. */
static int
pairwise(int rows[][N_DIMS], int max_rows)
{
  Cover* cover = (Cover*)calloc(1, sizeof(Cover));
  cover->rng   = 20260101u;
  for (int a = 0; a < N_DIMS; ++a) {
    for (int b = a + 1; b < N_DIMS; ++b) {
      cover->uncovered += (long)dim_sizes[a] * dim_sizes[b];
    }
  }
  int n = 0;
  while (cover->uncovered > 0 && n < max_rows) {
    int  best[N_DIMS];
    long most = -1;
    for (int tries = 0; tries < 40; ++tries) {
      int        row[N_DIMS];
      const long gained = candidate(cover, row);
      if (gained > most) {
        most = gained;
        memcpy(best, row, sizeof(best));
      }
    }
    mark(cover, best);
    memcpy(rows[n++], best, sizeof(best));
  }
  free(cover);
  return n;
}

/* ---- running cases, each in a child process ---- */

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define LEAK_CHECK() __lsan_do_recoverable_leak_check()
#else
#define LEAK_CHECK() 0
#endif

/* A case in a child: a crash there (ASan's report goes to stderr) fails
   that case only. The result comes back through a pipe. */
typedef struct {
  pid_t pid;
  int   fd;
  int   index;
} Child;

static void
describe(const HrTortureCase* k, char* out, size_t size)
{
  char block[16], port[24] = "";
  snprintf(block, sizeof(block), k->block ? "%u" : "rand", k->block);
  if (k->sweep_port >= 0) {
    snprintf(port, sizeof(port), " port=%d", k->sweep_port);
  }
  snprintf(out,
           size,
           "%-8s %-14s blk=%-4s rate=%-6g cap=%-5u garbage=%-9s sig=%-8s "
           "params=%-6s%s",
           hr_plug_name(k->plug),
           hr_preset_name(k->preset),
           block,
           k->rate,
           k->capacity,
           hr_garbage_name(k->garbage),
           hr_signal_name(k->signal),
           hr_params_name(k->params),
           port);
}

static Child
start_child(const char* bundle, const HrTortureCase* k, int index, bool verbose)
{
  Child child = { -1, -1, index };
  int   fds[2];
  if (pipe(fds)) {
    return child;
  }
  fflush(stdout);
  fflush(stderr);
  child.pid = fork();
  if (child.pid == 0) {
    close(fds[0]);
    if (verbose) {
      char text[256];
      describe(k, text, sizeof(text));
      fprintf(stderr, "start case %d: %s\n", index + 1, text);
    }
    HrTortureResult result;
    hr_torture_run(bundle, k, &result);
    if (LEAK_CHECK()) {
      result.ok = false;
      snprintf(result.why, sizeof(result.why), "memory leaked (LSan above)");
    }
    const ssize_t written = write(fds[1], &result, sizeof(result));
    _exit(written == (ssize_t)sizeof(result) ? 0 : 3);
  }
  close(fds[1]);
  child.fd = fds[0];
  if (child.pid < 0) {
    close(child.fd);
    child.fd = -1;
  }
  return child;
}

static void
finish_child(Child* child, HrTortureResult* result)
{
  int status = 0;
  waitpid(child->pid, &status, 0);
  memset(result, 0, sizeof(*result));
  if (read(child->fd, result, sizeof(*result)) != (ssize_t)sizeof(*result)) {
    result->ok   = false;
    result->peak = -2;
    snprintf(result->why,
             sizeof(result->why),
             "crashed: %s %d (report above)",
             WIFSIGNALED(status) ? "signal" : "exit status",
             WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
  }
  close(child->fd);
}

/* Run the cases (only case `only` if > 0), `jobs` at a time. */
static void
run_all(const char*          bundle,
        const HrTortureCase* cases,
        HrTortureResult*     results,
        int                  n)
{
  const char* env     = getenv("HR_TORTURE_JOBS");
  const char* only    = getenv("HR_TORTURE_ONLY");
  const bool  verbose = getenv("HR_TORTURE_VERBOSE") != NULL;
  int         jobs    = env ? atoi(env) : 2;
  jobs                = jobs < 1 ? 1 : jobs > 16 ? 16 : jobs;
  Child running[16];
  int   n_running = 0;
  for (int i = 0; i <= n; ++i) {
    while (n_running == jobs || (i == n && n_running > 0)) {
      finish_child(&running[0], &results[running[0].index]);
      memmove(running, running + 1, (size_t)--n_running * sizeof(Child));
    }
    if (i == n) {
      break;
    }
    if (only && atoi(only) != i + 1) {
      results[i].peak = -3; /* not run */
      continue;
    }
    running[n_running] = start_child(bundle, &cases[i], i, verbose);
    if (running[n_running].pid < 0) {
      results[i].ok = false;
      snprintf(results[i].why, sizeof(results[i].why), "fork failed");
    } else {
      ++n_running;
    }
  }
}

static void
report(int number, const HrTortureCase* k, const HrTortureResult* r)
{
  char text[384], tone[32] = "tone -";
  describe(k, text, sizeof(text));
  if (k->label) {
    snprintf(text + strlen(text),
             sizeof(text) - strlen(text),
             " regression: %s",
             k->label);
  }
  if (r->peak != -2) {
    snprintf(tone, sizeof(tone), "tone %d/%d", r->peak, r->want);
  }
  hr_check(r->ok,
           "case %3d: %s | %5.2f s, %ld cols, %d cfg, %g drops, %s%s%s",
           number,
           text,
           r->wall,
           r->columns,
           r->configs,
           r->drops,
           tone,
           r->ok ? "" : " | ",
           r->ok ? "" : r->why);
}

static HrTortureCase
plain_case(HrPlug plug, int preset, double rate, uint32_t seed)
{
  HrTortureCase k;
  memset(&k, 0, sizeof(k));
  k.plug       = plug;
  k.preset     = preset;
  k.block      = 0;
  k.rate       = rate;
  k.capacity   = 65536;
  k.garbage    = HR_GARBAGE_NONE;
  k.signal     = HR_SIG_NOISE;
  k.params     = HR_PARAMS_PRESET;
  k.seconds    = 0.2;
  k.seed       = seed;
  k.sweep_port = -1;
  return k;
}

int
main(int argc, char** argv)
{
  hr_rt_init();
  const char* bundle = hr_test_bundle_path(argc, argv);
  printf("bundle: %s\n", bundle);
  hr_check(hr_rt_self_check(),
           "self-check: allocations, locks and prints in a window are caught");

  HrTortureCase*   cases = (HrTortureCase*)calloc(MAX_CASES, sizeof(*cases));
  HrTortureResult* results =
    (HrTortureResult*)calloc(MAX_CASES, sizeof(*results));
  int(*rows)[N_DIMS] = calloc(MAX_CASES, sizeof(*rows));
  const int n_pairs  = pairwise(rows, MAX_CASES - 64);
  int       n        = 0;
  for (int i = 0; i < n_pairs; ++i, ++n) {
    const int* row = rows[i];
    cases[n] =
      plain_case((HrPlug)row[0], row[1], rates[row[3]], 1000u + (uint32_t)i);
    cases[n].block    = blocks[row[2]];
    cases[n].capacity = capacities[row[4]];
    cases[n].garbage  = (HrGarbage)row[5];
    cases[n].signal   = (HrSignal)row[6];
    cases[n].params   = (HrParamMode)row[7];
  }
  printf("pairwise: %d cases cover every pair of values of 8 dimensions\n",
         n_pairs);
  /* full sweeps: every rate, both plugins, a tone checked at each */
  for (int r = 0; r < 8; ++r) {
    cases[n++] = plain_case(HR_PLUG_MONO, 1, rates[r], 3000u + (uint32_t)r);
    cases[n++] = plain_case(HR_PLUG_BOTH, 1, rates[r], 3100u + (uint32_t)r);
  }
  /* every control port through its extremes while running */
  for (int port = HR_FIRST_CONTROL; port <= HR_LAST_CONTROL; ++port) {
    cases[n]            = plain_case(HR_PLUG_MONO, 1, 48000, 3200u + port);
    cases[n].sweep_port = port;
    cases[n++].seconds  = 1.0;
  }
  cases[n]            = plain_case(HR_PLUG_BOTH, 1, 48000, 3300u);
  cases[n].sweep_port = HR_PORT_CHANNEL;
  cases[n++].seconds  = 1.0;
  /* regressions: bugs this test found */
  cases[n]              = plain_case(HR_PLUG_MONO, 1, 48000, 3400u);
  cases[n].n_set        = 2;
  cases[n].set[0].port  = HR_PORT_Q;
  cases[n].set[0].value = 0.3f;
  cases[n].set[1].port  = HR_PORT_FMAX;
  cases[n].set[1].value = 24000.0f;
  cases[n++].label      = "q 0.3, fmax at Nyquist: filters above 0.5 "
                          "(core/hr_stream_group.c place_band wraps once)";
  run_all(bundle, cases, results, n);
  for (int i = 0; i < n; ++i) {
    if (results[i].peak != -3) {
      report(i + 1, &cases[i], &results[i]);
    }
  }
  free(rows);
  free(cases);
  free(results);

  hr_torture_refusals(bundle);
  hr_torture_lifecycles(bundle);
  hr_torture_threads(bundle);
  return hr_check_summary();
}
