/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* run() (and work_response) never allocate, lock, sleep, print or do I/O.

   This program defines those functions itself, so that every call from
   the plugin (loaded by lilv into this process) comes here first; each
   counts, while a flag is set, and passes on to the real one (RTLD_NEXT).
   The flag is set only around the plugin's audio-thread calls. Memory:
   under AddressSanitizer, which owns malloc, its allocator hooks count;
   otherwise malloc and friends are defined here on top of glibc's
   __libc_* entry points. A self-check first proves that a malloc, a lock
   and a print inside the window are caught. */

#undef NDEBUG

#include "collect.h"
#include "lv2_host.h"
#include "ports.h"
#include "uris.h"

#include <dlfcn.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define HR_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HR_ASAN 1
#endif
#endif

/* What is counted, by kind. */
typedef enum {
  K_ALLOC,
  K_LOCK,
  K_SLEEP,
  K_IO,
  K_KINDS,
} Kind;

static const char* const kind_names[K_KINDS] = { "allocations",
                                                 "locks",
                                                 "sleeps",
                                                 "prints/I-O" };

static volatile int g_counting = 0;
static long         g_counts[K_KINDS];

static void
count(Kind kind)
{
  if (g_counting) {
    __atomic_add_fetch(&g_counts[kind], 1, __ATOMIC_RELAXED);
  }
}

#define NEXT(name) ((name##_fn)next_symbol(#name))

static void*
next_symbol(const char* name)
{
  void* fn = dlsym(RTLD_NEXT, name);
  if (!fn) {
    abort();
  }
  return fn;
}

/* ---- memory ---- */

#ifdef HR_ASAN
/* From the sanitizers' allocator_interface.h (not shipped with gcc). */
int
__sanitizer_install_malloc_and_free_hooks(
  void (*malloc_hook)(const volatile void*, size_t),
  void (*free_hook)(const volatile void*));

static void
malloc_hook(const volatile void* ptr, size_t size)
{
  (void)ptr;
  (void)size;
  count(K_ALLOC);
}

static void
free_hook(const volatile void* ptr)
{
  (void)ptr;
  count(K_ALLOC);
}

static void
install_memory_hooks(void)
{
  __sanitizer_install_malloc_and_free_hooks(malloc_hook, free_hook);
}
#else
extern void*
__libc_malloc(size_t size);
extern void*
__libc_calloc(size_t n, size_t size);
extern void*
__libc_realloc(void* ptr, size_t size);
extern void*
__libc_memalign(size_t align, size_t size);
extern void
__libc_free(void* ptr);

void*
malloc(size_t size)
{
  count(K_ALLOC);
  return __libc_malloc(size);
}

void*
calloc(size_t n, size_t size)
{
  count(K_ALLOC);
  return __libc_calloc(n, size);
}

void*
realloc(void* ptr, size_t size)
{
  count(K_ALLOC);
  return __libc_realloc(ptr, size);
}

void
free(void* ptr)
{
  count(K_ALLOC);
  __libc_free(ptr);
}

int
posix_memalign(void** out, size_t align, size_t size)
{
  count(K_ALLOC);
  *out = __libc_memalign(align, size);
  return *out ? 0 : 12; /* ENOMEM */
}

void*
aligned_alloc(size_t align, size_t size); /* C11, not declared in C99 */

void*
aligned_alloc(size_t align, size_t size)
{
  count(K_ALLOC);
  return __libc_memalign(align, size);
}

static void
install_memory_hooks(void)
{
}
#endif

/* ---- locks, sleeps, I/O ---- */

typedef int (*pthread_mutex_lock_fn)(pthread_mutex_t*);
typedef int (*pthread_mutex_trylock_fn)(pthread_mutex_t*);
typedef int (*pthread_rwlock_rdlock_fn)(pthread_rwlock_t*);
typedef int (*pthread_rwlock_wrlock_fn)(pthread_rwlock_t*);
typedef int (*pthread_cond_wait_fn)(pthread_cond_t*, pthread_mutex_t*);
typedef int (*sem_wait_fn)(sem_t*);
typedef int (*nanosleep_fn)(const struct timespec*, struct timespec*);
typedef int (*clock_nanosleep_fn)(clockid_t,
                                  int,
                                  const struct timespec*,
                                  struct timespec*);
typedef ssize_t (*write_fn)(int, const void*, size_t);
typedef ssize_t (*read_fn)(int, void*, size_t);
typedef FILE* (*fopen_fn)(const char*, const char*);
typedef int (*vfprintf_fn)(FILE*, const char*, va_list);
typedef int (*fputs_fn)(const char*, FILE*);
typedef int (*puts_fn)(const char*);
typedef size_t (*fwrite_fn)(const void*, size_t, size_t, FILE*);

int
pthread_mutex_lock(pthread_mutex_t* m)
{
  count(K_LOCK);
  return NEXT(pthread_mutex_lock)(m);
}

int
pthread_mutex_trylock(pthread_mutex_t* m)
{
  count(K_LOCK);
  return NEXT(pthread_mutex_trylock)(m);
}

int
pthread_rwlock_rdlock(pthread_rwlock_t* l)
{
  count(K_LOCK);
  return NEXT(pthread_rwlock_rdlock)(l);
}

int
pthread_rwlock_wrlock(pthread_rwlock_t* l)
{
  count(K_LOCK);
  return NEXT(pthread_rwlock_wrlock)(l);
}

int
pthread_cond_wait(pthread_cond_t* c, pthread_mutex_t* m)
{
  count(K_LOCK);
  return NEXT(pthread_cond_wait)(c, m);
}

int
sem_wait(sem_t* s)
{
  count(K_LOCK);
  return NEXT(sem_wait)(s);
}

int
nanosleep(const struct timespec* t, struct timespec* rem)
{
  count(K_SLEEP);
  return NEXT(nanosleep)(t, rem);
}

int
clock_nanosleep(clockid_t              clock,
                int                    flags,
                const struct timespec* t,
                struct timespec*       rem)
{
  count(K_SLEEP);
  return NEXT(clock_nanosleep)(clock, flags, t, rem);
}

ssize_t
write(int fd, const void* buf, size_t n)
{
  count(K_IO);
  return NEXT(write)(fd, buf, n);
}

ssize_t
read(int fd, void* buf, size_t n)
{
  count(K_IO);
  return NEXT(read)(fd, buf, n);
}

FILE*
fopen(const char* path, const char* mode)
{
  count(K_IO);
  return NEXT(fopen)(path, mode);
}

int
vfprintf(FILE* f, const char* format, va_list args)
{
  count(K_IO);
  return NEXT(vfprintf)(f, format, args);
}

int
fprintf(FILE* f, const char* format, ...)
{
  va_list args;
  va_start(args, format);
  const int ret = vfprintf(f, format, args);
  va_end(args);
  return ret;
}

int
printf(const char* format, ...)
{
  va_list args;
  va_start(args, format);
  const int ret = vfprintf(stdout, format, args);
  va_end(args);
  return ret;
}

int
fputs(const char* s, FILE* f)
{
  count(K_IO);
  return NEXT(fputs)(s, f);
}

int
puts(const char* s)
{
  count(K_IO);
  return NEXT(puts)(s);
}

size_t
fwrite(const void* p, size_t size, size_t n, FILE* f)
{
  count(K_IO);
  return NEXT(fwrite)(p, size, n, f);
}

/* ---- the checks ---- */

static void
start_counting(void* data)
{
  (void)data;
  g_counting = 1;
}

static void
stop_counting(void* data)
{
  (void)data;
  g_counting = 0;
}

static long
total_and_reset(long* out)
{
  long total = 0;
  for (int k = 0; k < K_KINDS; ++k) {
    out[k] = g_counts[k];
    total += g_counts[k];
    g_counts[k] = 0;
  }
  return total;
}

static void
report(const char* what, bool expect_zero)
{
  long       counts[K_KINDS];
  const long total = total_and_reset(counts);
  hr_check(expect_zero
             ? total == 0
             : counts[K_ALLOC] > 0 && counts[K_LOCK] > 0 && counts[K_IO] > 0,
           "%s: %ld %s, %ld %s, %ld %s, %ld %s",
           what,
           counts[K_ALLOC],
           kind_names[K_ALLOC],
           counts[K_LOCK],
           kind_names[K_LOCK],
           counts[K_SLEEP],
           kind_names[K_SLEEP],
           counts[K_IO],
           kind_names[K_IO]);
}

static void
self_check(void)
{
  void* (*volatile alloc)(size_t)         = malloc;
  int (*volatile put)(const char*, FILE*) = fputs;
  pthread_mutex_t mutex                   = PTHREAD_MUTEX_INITIALIZER;
  start_counting(NULL);
  void* p = alloc(64);
  pthread_mutex_lock(&mutex);
  pthread_mutex_unlock(&mutex);
  put("", stderr);
  stop_counting(NULL);
  free(p);
  report("self-check: a malloc, a lock and a print in the window are caught",
         false);

  /* the same from inside a shared library, as the plugin's calls are */
  LilvWorld* world = lilv_world_new();
  start_counting(NULL);
  LilvNode* node = lilv_new_uri(world, "urn:hyperres:self-check");
  stop_counting(NULL);
  lilv_node_free(node);
  lilv_world_free(world);
  long counts[K_KINDS];
  total_and_reset(counts);
  hr_check(counts[K_ALLOC] > 0,
           "self-check: a library's allocation (lilv_new_uri) is caught: %ld",
           counts[K_ALLOC]);
}

static void
send_ui_state(HrCollected* c, HrHost* host)
{
  uint8_t            buf[256];
  LV2_Atom_Forge     forge;
  const HrUISettings s = { 2, 70.0f, -3.0f, 5.0f, 0 };
  lv2_atom_forge_init(&forge, hr_host_map(host));
  lv2_atom_forge_set_buffer(&forge, buf, sizeof(buf));
  hr_write_ui_settings(&forge, &c->uris, &s);
  hr_host_send(host, (const LV2_Atom*)buf);
}

/* Everything run() does: UI on and off, messages, reconfigurations, odd
   block sizes, a notify port too small, the analysis paused. */
static void
exercise(const char* uri, uint32_t capacity, int channel_mode)
{
  HrHostOptions options   = hr_host_options_default();
  options.plugin_uri      = uri;
  options.notify_capacity = capacity;
  HrHost* host            = hr_host_new(hr_host_bundle_path(0, NULL), &options);
  if (!host) {
    hr_check(false, "instantiate <%s>", uri);
    return;
  }
  HrCollected* c = (HrCollected*)calloc(1, sizeof(HrCollected));
  hr_host_set_control(host, HR_PORT_FMIN, 100.0f);
  if (channel_mode >= 0) {
    hr_host_set_control(host, HR_PORT_CHANNEL, (float)channel_mode);
  }
  hr_host_activate(host);
  hr_collect_init(c, host);
  hr_host_set_hooks(host, start_counting, stop_counting, NULL);

  hr_collect_run_tone(c, host, 440.0, 0.3, 512); /* no UI yet */
  hr_collect_send_command(c, host, c->uris.hr_UIOn);
  hr_collect_run_tone(c, host, 440.0, 0.5, 1000);
  send_ui_state(c, host);
  hr_collect_run_tone(c, host, 440.0, 0.1, 64);
  hr_host_set_control(host, HR_PORT_Q, 3.0f); /* worker rebuild */
  hr_collect_run_tone(c, host, 440.0, 0.3, 4096);
  hr_host_set_control(host, HR_PORT_TIME_STEP, 1.0f);
  hr_host_set_control(host, HR_PORT_ROWS_PER_OCTAVE, 60.0f);
  hr_collect_run_tone(c, host, 440.0, 0.3, 8192);
  hr_collect_send_command(c, host, c->uris.hr_Refresh);
  hr_collect_run_tone(c, host, 440.0, 0.1, 1);
  hr_collect_send_command(c, host, c->uris.hr_UIOff);
  hr_host_set_control(host, HR_PORT_ANALYSE, HR_ANALYSE_WITH_UI);
  hr_collect_run_tone(c, host, 440.0, 0.2, 333);
  hr_collect_send_command(c, host, c->uris.hr_UIOn);
  hr_collect_run_tone(c, host, 440.0, 0.3, 777);

  hr_host_set_hooks(host, NULL, NULL, NULL);
  report(uri, true);
  printf("  (notify %u bytes, %d Configs, %ld columns, %d messages)\n",
         capacity,
         c->n_configs,
         c->columns[0] + c->columns[1] + c->columns[2],
         c->n_messages);
  hr_host_free(host);
  free(c);
}

int
main(int argc, char** argv)
{
  (void)argc;
  (void)argv;
  install_memory_hooks();
  self_check();
  exercise(HR__mono, 65536, -1);
  exercise(HR__mono, 8, -1);
  exercise(HR__stereo, 1024, HR_CHANNEL_MODE_BOTH);
  exercise(HR__stereo, 65536, HR_CHANNEL_MODE_SUM);
  return hr_check_summary();
}
