/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A small bounded fuzzer for the test suite: replays the saved regression
   inputs, then mutates valid seeds (bit flips, interesting 32-bit words,
   sizes, cuts, inserts, splices) for a fixed time, keeping inputs that
   reach rare outcomes as new seeds. A crash (AddressSanitizer, UBSan)
   saves the input being run; so does a broken invariant (the target
   returns < 0). Saved inputs go to $HR_FUZZ_CRASH_DIR (default /tmp);
   copied into tests/fuzz_regressions/ as NAME-*, they are replayed on
   every run.

   Environment: HR_FUZZ_SECONDS (default: the fuzzer's own), HR_FUZZ_SEED
   (default 1), HR_FUZZ_REGRESSIONS (default: the source tree's folder).

   Built with -DHR_LIBFUZZER and clang -fsanitize=fuzzer,address instead,
   the same target runs under libFuzzer (LLVMFuzzerTestOneInput). */

#ifndef HR_FUZZ_H
#define HR_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/** Outcomes a target reports: < 0 a broken invariant, else an outcome
    number in [0, HR_FUZZ_OUTCOMES) (inputs reaching rare ones are kept). */
#define HR_FUZZ_OUTCOMES 64

/** What a fuzz test gives the driver. */
typedef struct {
  const char* name; /**< "protocol", "audio": prefix of regression files */
  /** Run one input. */
  int (*target)(const uint8_t* data, size_t size);
  /** Make the seeds: call `add` for each valid input. */
  void (*seed)(void (*add)(const uint8_t* data, size_t size));
  size_t max_size;        /**< longest input made */
  double default_seconds; /**< when HR_FUZZ_SECONDS is not set */
} HrFuzzer;

/** The fuzz test's fuzzer (defined by each test program). */
const HrFuzzer*
hr_fuzzer(void);

#endif /* HR_FUZZ_H */
