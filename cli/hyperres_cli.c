/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* hyperres: the batch tool. `render` turns audio files or folders into
   hyper-resolution histograms (.npy) and pictures (.png); `demo` does
   the same for a built-in signal. Exit status: 0 all inputs done, 1 some
   failed, 2 usage error. */

#include "args.h"
#include "demo.h"
#include "core/hr_exact.h"
#include "inputs.h"
#include "render_job.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define HR_VERSION "0.1.0"

enum { EXIT_ALL_DONE = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

static int
usage_error(const char* message)
{
  fprintf(stderr, "hyperres: %s\n", message);
  return EXIT_USAGE;
}

/* Make the output folder if it is not there yet (one level, like a
   user's `mkdir`). Returns 0, or -1 after saying why. */
static int
ensure_out_dir(const char* out_dir)
{
  struct stat info;
  if (!out_dir || stat(out_dir, &info) == 0) {
    return 0;
  }
  if (mkdir(out_dir, 0777) != 0) {
    fprintf(stderr,
            "hyperres: cannot make output folder %s: %s\n",
            out_dir,
            strerror(errno));
    return -1;
  }
  return 0;
}

static void
apply_machine_defaults(HrCliOptions* options)
{
  if (options->memory_limit == 0) {
    options->memory_limit = hr_exact_options_default().memory_limit;
  }
}

static int
run_demo(HrCliOptions* options)
{
  double* samples = malloc(HR_DEMO_FRAMES * sizeof(double));
  if (!samples) {
    return usage_error("out of memory");
  }
  hr_demo_signal(samples);
  if (!options->fmin.given) {
    options->fmin.value = 50.0;
    options->fmin.in_hz = 1;
    options->fmin.given = 1;
  }
  if (!options->fmax.given) {
    options->fmax.value = 16000.0;
    options->fmax.in_hz = 1;
    options->fmax.given = 1;
  }
  const size_t first = (size_t)(options->start_s * HR_DEMO_SAMPLE_RATE + 0.5);
  if (first >= HR_DEMO_FRAMES) {
    free(samples);
    return usage_error("--start lies beyond the end of the 3 s demo signal");
  }
  size_t frames = HR_DEMO_FRAMES - first;
  if (options->duration_s > 0.0) {
    const size_t wanted =
      (size_t)(options->duration_s * HR_DEMO_SAMPLE_RATE + 0.5);
    frames = wanted < frames ? wanted : frames;
  }
  HrSignal  signal = { "demo",
                       "hyperres demo: tone, vibrato, chirp, clicks",
                       samples + first,
                       frames,
                       HR_DEMO_SAMPLE_RATE,
                       (double)first / HR_DEMO_SAMPLE_RATE,
                       0 };
  const int status = hr_job_render_signal(options, &signal);
  free(samples);
  if (status == 0 && !options->quiet) {
    const char* dir = options->out_dir ? options->out_dir : ".";
    printf("demo picture: %s/demo_spec.png, histogram: %s/demo_spec.npy\n",
           dir,
           dir);
  }
  return status == 0 ? EXIT_ALL_DONE : EXIT_SOME_FAILED;
}

static int
run_render(const HrCliOptions* options)
{
  HrInputList list;
  if (hr_inputs_collect(options->inputs, options->n_inputs, &list)) {
    return usage_error("out of memory");
  }
  int failed = list.n_failed;
  for (int i = 0; i < list.n_files; ++i) {
    const char* clash = hr_inputs_name_clash(&list, i);
    if (clash) {
      fprintf(stderr,
              "hyperres: %s: its outputs would have the same names as those "
              "of %s; skipped (render it on its own or with another -o)\n",
              list.files[i],
              clash);
      ++failed;
    } else if (hr_job_render_file(options, list.files[i])) {
      ++failed;
    }
  }
  if (list.n_files == 0 && list.n_failed == 0) {
    fprintf(stderr, "hyperres: no audio files found in the given folders\n");
    failed = 1;
  }
  if (failed && !options->quiet) {
    fprintf(stderr, "hyperres: %d input(s) failed\n", failed);
  }
  hr_inputs_free(&list);
  return failed ? EXIT_SOME_FAILED : EXIT_ALL_DONE;
}

int
main(int argc, char** argv)
{
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
      !strcmp(argv[1], "help")) {
    hr_args_print_usage();
    return argc < 2 ? EXIT_USAGE : EXIT_ALL_DONE;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("hyperres %s\n", HR_VERSION);
    return EXIT_ALL_DONE;
  }
  const int is_demo = !strcmp(argv[1], "demo");
  if (!is_demo && strcmp(argv[1], "render")) {
    fprintf(stderr,
            "hyperres: unknown command '%s' (render, demo, --help)\n",
            argv[1]);
    return EXIT_USAGE;
  }
  HrCliOptions options;
  char         error[512];
  if (hr_args_parse(argc, argv, 2, is_demo, &options, error, sizeof(error))) {
    hr_args_free(&options);
    return usage_error(error);
  }
  apply_machine_defaults(&options);
  if (ensure_out_dir(options.out_dir)) {
    hr_args_free(&options);
    return EXIT_SOME_FAILED;
  }
  const int status = is_demo ? run_demo(&options) : run_render(&options);
  hr_args_free(&options);
  return status;
}
