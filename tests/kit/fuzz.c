/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "fuzz.h"

#include "check.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define HR_ASAN 1
#endif

#ifndef HR_FUZZ_REGRESSIONS
#define HR_FUZZ_REGRESSIONS "tests/fuzz_regressions"
#endif

#ifdef HR_LIBFUZZER

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  if (hr_fuzzer()->target(data, size) < 0) {
    abort(); /* a broken invariant: libFuzzer saves the input */
  }
  return 0;
}

#else

#define MAX_CORPUS 1024
#define KEEP_PER_OUTCOME 8

typedef struct {
  uint8_t* data;
  size_t   size;
} Input;

static const HrFuzzer* g_fuzzer;
static Input           g_corpus[MAX_CORPUS];
static size_t          g_n_corpus;
static long            g_outcomes[HR_FUZZ_OUTCOMES];
static const uint8_t*  g_current; /* the input being run */
static size_t          g_current_size;
static char            g_crash_dir[512];

/* ---- saving inputs (also from a dying process: only write(2)) ---- */

static int g_stderr = 2; /* the real stderr while libraries' is muted */

static void
say(const char* text)
{
  const ssize_t ignored = write(g_stderr, text, strlen(text));
  (void)ignored;
}

/* Decoders print notes about bad input on stderr by the thousand: send
   them to /dev/null, the sanitizers' reports and ours to the real one. */
static void
mute_libraries(void)
{
#ifdef HR_ASAN
  const int saved = dup(2);
  const int null  = open("/dev/null", O_WRONLY);
  if (saved >= 0 && null >= 0) {
    fflush(stderr);
    __sanitizer_set_report_fd((void*)(intptr_t)saved);
    dup2(null, 2);
    g_stderr = saved;
  }
  if (null >= 0) {
    close(null);
  }
#endif
}

static uint64_t
hash(const uint8_t* data, size_t size)
{
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < size; ++i) {
    h = (h ^ data[i]) * 1099511628211ULL;
  }
  return h;
}

static void
save_current(const char* why)
{
  if (!g_current) {
    return;
  }
  char              path[700];
  const uint64_t    h     = hash(g_current, g_current_size);
  static const char hex[] = "0123456789abcdef";
  char              name[17];
  for (int i = 0; i < 16; ++i) {
    name[i] = hex[(h >> (60 - 4 * i)) & 15];
  }
  name[16] = '\0';
  snprintf(
    path, sizeof(path), "%s/%s-%s-%s", g_crash_dir, g_fuzzer->name, why, name);
  const int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    const ssize_t ignored = write(fd, g_current, g_current_size);
    (void)ignored;
    close(fd);
  }
  say("fuzz: the input is saved as ");
  say(path);
  say("\nfuzz: copy it into tests/fuzz_regressions/ to replay it every run\n");
}

static void
on_death(void)
{
  save_current("crash");
}

static void
on_alarm(int sig)
{
  (void)sig;
  say("fuzz: an input runs far too long (hang)\n");
  save_current("hang");
  _exit(1);
}

static int
run_input(const uint8_t* data, size_t size)
{
  g_current      = data;
  g_current_size = size;
  const int r    = g_fuzzer->target(data, size);
  g_current      = NULL;
  return r;
}

/* ---- the corpus ---- */

static void
keep(const uint8_t* data, size_t size)
{
  if (g_n_corpus == MAX_CORPUS || size > g_fuzzer->max_size) {
    return;
  }
  Input* in = &g_corpus[g_n_corpus];
  in->data  = (uint8_t*)malloc(size ? size : 1);
  if (!in->data) {
    return;
  }
  memcpy(in->data, data, size);
  in->size = size;
  ++g_n_corpus;
}

static uint32_t g_rng  = 1;
static uint32_t g_seed = 1;

static uint32_t
rnd(uint32_t n)
{
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 17;
  g_rng ^= g_rng << 5;
  return n ? (uint32_t)(((uint64_t)g_rng * n) >> 32) : 0;
}

static uint32_t
interesting_word(size_t size)
{
  static const uint32_t words[] = {
    0,          1,          2,          3,          4,          7,
    8,          12,         16,         24,         63,         64,
    255,        256,        4095,       4096,       65535,      65536,
    0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFFFF8, 0xFFFFFFFC, 0xFFFF,
    0x3F800000, 0x7F800000, 0xFF800000, 0x7FC00000, 0x00000001, 0x80000001,
  };
  switch (rnd(4)) {
    case 0:
      return (uint32_t)size - rnd(24); /* near the input's size */
    case 1:
      return 1 + rnd(64); /* a mapped URID */
    default:
      return words[rnd(sizeof(words) / sizeof(words[0]))];
  }
}

/* One mutation of buf[0, *size) (capacity max). */
static void
mutate(uint8_t* buf, size_t* size, size_t max)
{
  const size_t n = *size;
  switch (rnd(10)) {
    case 0: /* flip a bit */
      if (n) {
        buf[rnd((uint32_t)n)] ^= (uint8_t)(1u << rnd(8));
      }
      break;
    case 1: /* a byte */
      if (n) {
        static const uint8_t bytes[] = { 0, 1, 0x7F, 0x80, 0xFF, 8, 16 };
        buf[rnd((uint32_t)n)]        = bytes[rnd(7)];
      }
      break;
    case 2:
    case 3: /* an aligned 32-bit word */
      if (n >= 4) {
        const uint32_t w = interesting_word(n);
        memcpy(buf + 4 * rnd((uint32_t)(n / 4)), &w, 4);
      }
      break;
    case 4: /* a word nudged */
      if (n >= 4) {
        uint32_t     w;
        const size_t at = 4 * rnd((uint32_t)(n / 4));
        memcpy(&w, buf + at, 4);
        w += rnd(2) ? rnd(17) : -(uint32_t)rnd(17);
        memcpy(buf + at, &w, 4);
      }
      break;
    case 5: /* cut the end */
      *size = n ? rnd((uint32_t)n) : 0;
      break;
    case 6: /* erase a range */
      if (n) {
        const size_t at  = rnd((uint32_t)n);
        const size_t len = 1 + rnd((uint32_t)(n - at));
        memmove(buf + at, buf + at + len, n - at - len);
        *size = n - len;
      }
      break;
    case 7: /* insert random bytes */
    {
      const size_t len = 1 + rnd(16);
      if (n + len <= max) {
        const size_t at = rnd((uint32_t)n + 1);
        memmove(buf + at + len, buf + at, n - at);
        for (size_t i = 0; i < len; ++i) {
          buf[at + i] = (uint8_t)rnd(256);
        }
        *size = n + len;
      }
      break;
    }
    case 8: /* copy 8 bytes from elsewhere (swap properties, headers) */
      if (n >= 16) {
        memmove(buf + 8 * rnd((uint32_t)(n / 8)),
                buf + 8 * rnd((uint32_t)(n / 8)),
                8);
      }
      break;
    default: /* splice with another input */
    {
      const Input* other = &g_corpus[rnd((uint32_t)g_n_corpus)];
      const size_t at    = n ? rnd((uint32_t)n) : 0;
      const size_t from  = other->size ? rnd((uint32_t)other->size) : 0;
      size_t       len   = other->size - from;
      len                = at + len > max ? max - at : len;
      memcpy(buf + at, other->data + from, len);
      *size = at + len > n ? at + len : n;
      break;
    }
  }
}

/* ---- the three stages ---- */

static void
replay_regressions(void)
{
  const char*  env    = getenv("HR_FUZZ_REGRESSIONS");
  const char*  dir    = env && env[0] ? env : HR_FUZZ_REGRESSIONS;
  DIR*         d      = opendir(dir);
  const size_t prefix = strlen(g_fuzzer->name);
  int          n = 0, bad = 0;
  for (struct dirent* e; d && (e = readdir(d));) {
    if (strncmp(e->d_name, g_fuzzer->name, prefix) ||
        e->d_name[prefix] != '-') {
      continue;
    }
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    FILE* f = fopen(path, "rb");
    if (!f) {
      continue;
    }
    uint8_t*     data = (uint8_t*)malloc(1 << 20);
    const size_t size = data ? fread(data, 1, 1 << 20, f) : 0;
    fclose(f);
    if (data) {
      const int r = run_input(data, size);
      if (r < 0) {
        ++bad;
        hr_check(0, "regression %s: invariant broken again", e->d_name);
      }
      ++n;
      keep(data, size);
      free(data);
    }
  }
  if (d) {
    closedir(d);
  }
  hr_check(bad == 0,
           "fuzz %s: %d regression inputs from %s/%s-* replayed",
           g_fuzzer->name,
           n,
           dir,
           g_fuzzer->name);
}

static size_t g_n_seeds;

static void
add_seed(const uint8_t* data, size_t size)
{
  const int r = run_input(data, size);
  if (r < 0) {
    hr_check(0,
             "fuzz %s: seed %zu (%zu bytes) breaks an invariant",
             g_fuzzer->name,
             g_n_seeds,
             size);
  }
  ++g_n_seeds;
  keep(data, size);
}

static double
now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void
fuzz(double seconds)
{
  uint8_t*     buf     = (uint8_t*)malloc(g_fuzzer->max_size);
  const double start   = now();
  long         n       = 0;
  int          broken  = 0;
  double       elapsed = 0.0;
  while (buf && !broken && g_n_corpus && elapsed < seconds) {
    for (int i = 0; i < 64 && !broken; ++i, ++n) {
      const Input* base = &g_corpus[rnd((uint32_t)g_n_corpus)];
      size_t       size = base->size;
      memcpy(buf, base->data, size);
      for (uint32_t m = 1 + rnd(4); m > 0; --m) {
        mutate(buf, &size, g_fuzzer->max_size);
      }
      /* the target gets an exact-size copy: reading past it is caught */
      uint8_t* exact = (uint8_t*)malloc(size ? size : 1);
      memcpy(exact, buf, size);
      const int r = run_input(exact, size);
      if (r < 0) {
        g_current      = exact;
        g_current_size = size;
        save_current("invariant");
        g_current = NULL;
        broken    = 1;
      } else if (r < HR_FUZZ_OUTCOMES && ++g_outcomes[r] <= KEEP_PER_OUTCOME) {
        keep(exact, size);
      }
      free(exact);
    }
    elapsed = now() - start;
  }
  int outcomes = 0;
  for (int i = 0; i < HR_FUZZ_OUTCOMES; ++i) {
    outcomes += g_outcomes[i] > 0;
  }
  hr_check(!broken,
           "fuzz %s: %ld inputs in %.1f s (seed %u), %zu seeds, %zu kept, %d "
           "outcomes seen, %d invariants broken, 0 crashes",
           g_fuzzer->name,
           n,
           elapsed,
           g_seed,
           g_n_seeds,
           g_n_corpus,
           outcomes,
           broken);
  free(buf);
}

int
main(void)
{
  g_fuzzer             = hr_fuzzer();
  const char*  crash   = getenv("HR_FUZZ_CRASH_DIR");
  const char*  secs    = getenv("HR_FUZZ_SECONDS");
  const char*  seed    = getenv("HR_FUZZ_SEED");
  const double seconds = secs ? atof(secs) : g_fuzzer->default_seconds;
  snprintf(
    g_crash_dir, sizeof(g_crash_dir), "%s", crash && crash[0] ? crash : "/tmp");
  g_rng  = seed ? (uint32_t)strtoul(seed, NULL, 10) : 1;
  g_rng  = g_rng ? g_rng : 1;
  g_seed = g_rng;
#ifdef HR_ASAN
  __sanitizer_set_death_callback(on_death);
#else
  (void)on_death;
#endif
  signal(SIGALRM, on_alarm);
  alarm((unsigned)seconds + 60);

  mute_libraries();
  replay_regressions();
  g_fuzzer->seed(add_seed);
  hr_check(
    g_n_seeds > 0, "fuzz %s: %zu valid seeds made", g_fuzzer->name, g_n_seeds);
  fuzz(seconds);
  for (size_t i = 0; i < g_n_corpus; ++i) {
    free(g_corpus[i].data);
  }
  return hr_check_summary();
}

#endif /* HR_LIBFUZZER */
