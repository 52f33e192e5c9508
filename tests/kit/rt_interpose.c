/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "rt_interpose.h"

#include <lilv/lilv.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define HR_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HR_ASAN 1
#endif
#endif

static const char* const kind_names[HR_RT_KINDS] = { "allocations",
                                                     "locks",
                                                     "sleeps",
                                                     "I/O" };

static __thread int  tl_counting;
static __thread long tl_counts[HR_RT_KINDS];

static void
count(HrRtKind kind)
{
  if (tl_counting) {
    ++tl_counts[kind];
  }
}

/* The real function after ours; looked up once (hr_rt_init looks every
   one up before any window opens, so no lookup allocates in one). */
#define REAL(name)                        \
  static name##_fn real;                  \
  if (!real) {                            \
    real = (name##_fn)next_symbol(#name); \
  }

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
  count(HR_RT_ALLOC);
}

static void
free_hook(const volatile void* ptr)
{
  (void)ptr;
  count(HR_RT_ALLOC);
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
  count(HR_RT_ALLOC);
  return __libc_malloc(size);
}

void*
calloc(size_t n, size_t size)
{
  count(HR_RT_ALLOC);
  return __libc_calloc(n, size);
}

void*
realloc(void* ptr, size_t size)
{
  count(HR_RT_ALLOC);
  return __libc_realloc(ptr, size);
}

void
free(void* ptr)
{
  count(HR_RT_ALLOC);
  __libc_free(ptr);
}

int
posix_memalign(void** out, size_t align, size_t size)
{
  count(HR_RT_ALLOC);
  *out = __libc_memalign(align, size);
  return *out ? 0 : 12; /* ENOMEM */
}

void*
aligned_alloc(size_t align, size_t size); /* C11, not declared in C99 */

void*
aligned_alloc(size_t align, size_t size)
{
  count(HR_RT_ALLOC);
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
typedef int (*pthread_mutex_timedlock_fn)(pthread_mutex_t*,
                                          const struct timespec*);
typedef int (*pthread_rwlock_rdlock_fn)(pthread_rwlock_t*);
typedef int (*pthread_rwlock_wrlock_fn)(pthread_rwlock_t*);
typedef int (*pthread_spin_lock_fn)(pthread_spinlock_t*);
typedef int (*pthread_cond_wait_fn)(pthread_cond_t*, pthread_mutex_t*);
typedef int (*pthread_cond_timedwait_fn)(pthread_cond_t*,
                                         pthread_mutex_t*,
                                         const struct timespec*);
typedef int (*sem_wait_fn)(sem_t*);
typedef int (*sem_timedwait_fn)(sem_t*, const struct timespec*);
typedef int (*nanosleep_fn)(const struct timespec*, struct timespec*);
typedef int (*clock_nanosleep_fn)(clockid_t,
                                  int,
                                  const struct timespec*,
                                  struct timespec*);
typedef int (*sched_yield_fn)(void);
typedef int (*poll_fn)(struct pollfd*, nfds_t, int);
typedef ssize_t (*write_fn)(int, const void*, size_t);
typedef ssize_t (*read_fn)(int, void*, size_t);
typedef int (*open_fn)(const char*, int, ...);
typedef int (*close_fn)(int);
typedef void* (*mmap_fn)(void*, size_t, int, int, int, off_t);
typedef int (*munmap_fn)(void*, size_t);
typedef FILE* (*fopen_fn)(const char*, const char*);
typedef int (*vfprintf_fn)(FILE*, const char*, va_list);
typedef int (*fputs_fn)(const char*, FILE*);
typedef int (*fputc_fn)(int, FILE*);
typedef int (*puts_fn)(const char*);
typedef int (*fflush_fn)(FILE*);
typedef size_t (*fwrite_fn)(const void*, size_t, size_t, FILE*);

int
pthread_mutex_lock(pthread_mutex_t* m)
{
  REAL(pthread_mutex_lock);
  count(HR_RT_LOCK);
  return real(m);
}

int
pthread_mutex_trylock(pthread_mutex_t* m)
{
  REAL(pthread_mutex_trylock);
  count(HR_RT_LOCK);
  return real(m);
}

int
pthread_mutex_timedlock(pthread_mutex_t* m, const struct timespec* t)
{
  REAL(pthread_mutex_timedlock);
  count(HR_RT_LOCK);
  return real(m, t);
}

int
pthread_rwlock_rdlock(pthread_rwlock_t* l)
{
  REAL(pthread_rwlock_rdlock);
  count(HR_RT_LOCK);
  return real(l);
}

int
pthread_rwlock_wrlock(pthread_rwlock_t* l)
{
  REAL(pthread_rwlock_wrlock);
  count(HR_RT_LOCK);
  return real(l);
}

int
pthread_spin_lock(pthread_spinlock_t* l)
{
  REAL(pthread_spin_lock);
  count(HR_RT_LOCK);
  return real(l);
}

int
pthread_cond_wait(pthread_cond_t* c, pthread_mutex_t* m)
{
  REAL(pthread_cond_wait);
  count(HR_RT_LOCK);
  return real(c, m);
}

int
pthread_cond_timedwait(pthread_cond_t*        c,
                       pthread_mutex_t*       m,
                       const struct timespec* t)
{
  REAL(pthread_cond_timedwait);
  count(HR_RT_LOCK);
  return real(c, m, t);
}

int
sem_wait(sem_t* s)
{
  REAL(sem_wait);
  count(HR_RT_LOCK);
  return real(s);
}

int
sem_timedwait(sem_t* s, const struct timespec* t)
{
  REAL(sem_timedwait);
  count(HR_RT_LOCK);
  return real(s, t);
}

int
nanosleep(const struct timespec* t, struct timespec* rem)
{
  REAL(nanosleep);
  count(HR_RT_SLEEP);
  return real(t, rem);
}

int
clock_nanosleep(clockid_t              clock,
                int                    flags,
                const struct timespec* t,
                struct timespec*       rem)
{
  REAL(clock_nanosleep);
  count(HR_RT_SLEEP);
  return real(clock, flags, t, rem);
}

int
sched_yield(void)
{
  REAL(sched_yield);
  count(HR_RT_SLEEP);
  return real();
}

int
poll(struct pollfd* fds, nfds_t n, int timeout)
{
  REAL(poll);
  count(HR_RT_SLEEP);
  return real(fds, n, timeout);
}

ssize_t
write(int fd, const void* buf, size_t n)
{
  REAL(write);
  count(HR_RT_IO);
  return real(fd, buf, n);
}

ssize_t
read(int fd, void* buf, size_t n)
{
  REAL(read);
  count(HR_RT_IO);
  return real(fd, buf, n);
}

int
open(const char* path, int flags, ...)
{
  REAL(open);
  va_list args;
  va_start(args, flags);
  const int mode = (flags & O_CREAT) ? va_arg(args, int) : 0;
  va_end(args);
  count(HR_RT_IO);
  return real(path, flags, mode);
}

int
close(int fd)
{
  REAL(close);
  count(HR_RT_IO);
  return real(fd);
}

void*
mmap(void* addr, size_t length, int prot, int flags, int fd, off_t offset)
{
  REAL(mmap);
  count(HR_RT_IO);
  return real(addr, length, prot, flags, fd, offset);
}

int
munmap(void* addr, size_t length)
{
  REAL(munmap);
  count(HR_RT_IO);
  return real(addr, length);
}

FILE*
fopen(const char* path, const char* mode)
{
  REAL(fopen);
  count(HR_RT_IO);
  return real(path, mode);
}

int
vfprintf(FILE* f, const char* format, va_list args)
{
  REAL(vfprintf);
  count(HR_RT_IO);
  return real(f, format, args);
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
  REAL(fputs);
  count(HR_RT_IO);
  return real(s, f);
}

int
fputc(int c, FILE* f)
{
  REAL(fputc);
  count(HR_RT_IO);
  return real(c, f);
}

int
puts(const char* s)
{
  REAL(puts);
  count(HR_RT_IO);
  return real(s);
}

int
fflush(FILE* f)
{
  REAL(fflush);
  count(HR_RT_IO);
  return real(f);
}

size_t
fwrite(const void* p, size_t size, size_t n, FILE* f)
{
  REAL(fwrite);
  count(HR_RT_IO);
  return real(p, size, n, f);
}

/* ---- windows ---- */

void
hr_rt_init(void)
{
  static const char* const names[] = {
    "pthread_mutex_lock",
    "pthread_mutex_trylock",
    "pthread_mutex_timedlock",
    "pthread_rwlock_rdlock",
    "pthread_rwlock_wrlock",
    "pthread_spin_lock",
    "pthread_cond_wait",
    "pthread_cond_timedwait",
    "sem_wait",
    "sem_timedwait",
    "nanosleep",
    "clock_nanosleep",
    "sched_yield",
    "poll",
    "write",
    "read",
    "open",
    "close",
    "mmap",
    "munmap",
    "fopen",
    "vfprintf",
    "fputs",
    "fputc",
    "puts",
    "fflush",
    "fwrite",
  };
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); ++i) {
    next_symbol(names[i]); /* abort now, not in a window, if one is missing */
  }
  /* Resolve each wrapper's cached pointer outside any window. */
  pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&mutex);
  pthread_mutex_unlock(&mutex);
  if (pthread_mutex_trylock(&mutex) == 0) {
    pthread_mutex_unlock(&mutex);
  }
  sched_yield();
  fflush(stdout);
  install_memory_hooks();
}

void
hr_rt_begin(void* unused)
{
  (void)unused;
  tl_counting = 1;
}

void
hr_rt_end(void* unused)
{
  (void)unused;
  tl_counting = 0;
}

HrRtCounts
hr_rt_take(void)
{
  HrRtCounts counts;
  for (int k = 0; k < HR_RT_KINDS; ++k) {
    counts.n[k]  = tl_counts[k];
    tl_counts[k] = 0;
  }
  return counts;
}

long
hr_rt_total(const HrRtCounts* counts)
{
  long total = 0;
  for (int k = 0; k < HR_RT_KINDS; ++k) {
    total += counts->n[k];
  }
  return total;
}

const char*
hr_rt_kind_name(HrRtKind kind)
{
  return (unsigned)kind < HR_RT_KINDS ? kind_names[kind] : "?";
}

bool
hr_rt_self_check(void)
{
  void* (*volatile alloc)(size_t)         = malloc;
  int (*volatile put)(const char*, FILE*) = fputs;
  pthread_mutex_t mutex                   = PTHREAD_MUTEX_INITIALIZER;
  hr_rt_take();
  hr_rt_begin(NULL);
  void* p = alloc(64);
  pthread_mutex_lock(&mutex);
  pthread_mutex_unlock(&mutex);
  put("", stderr);
  hr_rt_end(NULL);
  free(p);
  const HrRtCounts direct = hr_rt_take();

  LilvWorld* world = lilv_world_new();
  hr_rt_begin(NULL);
  LilvNode* node = lilv_new_uri(world, "urn:hyperres:self-check");
  hr_rt_end(NULL);
  lilv_node_free(node);
  lilv_world_free(world);
  const HrRtCounts library = hr_rt_take();

  const bool ok = direct.n[HR_RT_ALLOC] > 0 && direct.n[HR_RT_LOCK] > 0 &&
                  direct.n[HR_RT_IO] > 0 && library.n[HR_RT_ALLOC] > 0;
  if (!ok) {
    printf("rt_interpose: self-check failed: %ld %ld %ld %ld\n",
           direct.n[HR_RT_ALLOC],
           direct.n[HR_RT_LOCK],
           direct.n[HR_RT_IO],
           library.n[HR_RT_ALLOC]);
  }
  return ok;
}
