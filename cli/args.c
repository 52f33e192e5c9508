/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "args.h"
#include "arg_values.h"
#include "index.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
print_commands(void)
{
  printf(
    "usage: hyperres render INPUT... [options]   audio files or folders\n"
    "       hyperres demo [options]              the built-in demo signal\n"
    "       hyperres --help | --version\n"
    "       hyperres render --help | hyperres demo --help\n"
    "\n");
}

static void
print_batch_options(void)
{
  printf(
    "batches:\n"
    "  -r, --recursive  also the audio files in sub-folders of a folder\n"
    "                   input; outputs mirror its tree under -o\n"
    "  --jobs N         analyse N files at once [1]; --threads then\n"
    "                   defaults to cores / N. Outputs, numbers and the\n"
    "                   order of the report are those of --jobs 1\n"
    "  --resume         skip inputs whose outputs are complete for the same\n"
    "                   options (as hyperres_index.jsonl records them, input\n"
    "                   size and time unchanged); redo the rest, replacing\n"
    "                   what an unfinished run left. Outputs made with other\n"
    "                   options are kept (an error) unless --force\n"
    "  --shard K/N      only share K (0 to N-1) of the sorted input list:\n"
    "                   every N-th file from the K-th, so that N processes\n"
    "                   (a Slurm job array) cover it exactly once\n"
    "Every run adds a row per input and channel to DIR/" HR_INDEX_NAME "\n"
    "(JSON lines: input, size, time, channel, samples, rate, parameters,\n"
    "outputs, shape, status, error, seconds) and writes NAME_axes.npz\n"
    "beside each histogram: freq_hz (every row), time_s (every column),\n"
    "params (JSON).\n");
}

static void
print_demo_usage(void)
{
  printf("usage: hyperres demo [options]\n"
         "\n"
         "Renders a built-in 3 s signal (a tone, vibrato, a chirp, clicks;\n"
         "48 kHz) to demo_spec.npy, demo_spec.png and demo_axes.npz, from\n"
         "50 Hz to 16 kHz unless --fmin/--fmax say otherwise. It takes the\n"
         "analysis, output and mode options of `hyperres render` (see\n"
         "hyperres render --help), and no inputs.\n");
}

void
hr_args_print_usage(const char* command)
{
  if (command && !strcmp(command, "demo")) {
    print_demo_usage();
    return;
  }
  print_commands();
  printf(
    "Writes NAME_spec.npy (float32, rows x columns, row 0 = highest\n"
    "frequency), NAME_axes.npz and NAME_spec.png for each input\n"
    "(NAME_chK_* per channel K of a multichannel file).\n"
    "\n"
    "analysis (reference names and defaults):\n"
    "  --q Q            filter quality: >1 sharpens tones, <1 clicks [2]\n"
    "  --tdeci N        samples per column (time step) [96]\n"
    "  --over N         filters per row [2]\n"
    "  --noct N         rows per octave [108]\n"
    "  --lint L         drop points moved further than L [0.5]\n"
    "  --fmin F --fmax F      range in cycles/sample [0.001, 0.5]\n"
    "  --fmin-hz F --fmax-hz F   the same in Hz\n"
    "  --scale log|lin  frequency axis [log]\n"
    "  --sigma S | --sigma-hz S  lin: filter frequency width [0.004]\n"
    "  --ndiv N         lin: number of rows [200]\n"
    "  --consensus Q1,Q2,...  consensus over 2 to 8 increasing q (e.g.\n"
    "                   0.5,1,2,4,8,16): each region drawn by the two\n"
    "                   adjacent q that agree best there, so tones are as\n"
    "                   sharp as large q and clicks as small q make them\n"
    "                   (doc/CONSENSUS.md)\n"
    "input:\n"
    "  --start S --duration S    analyse a part (seconds)\n"
    "  --channel K      one channel (1-based) [every channel]\n"
    "output:\n"
    "  -o, --out-dir DIR   where outputs go [current folder]\n"
    "  --count          also write NAME_count.npy and NAME_count.png: the\n"
    "                   reassigned points per cell, no noise floor; colours\n"
    "                   on a log scale from 1 point to the largest count\n"
    "  --complex        also write NAME_complex.npy: the complex histogram\n"
    "                   (complex64; doc/COMPLEX.md)\n"
    "  --reconstruct    also write NAME_recon.wav, the signal rebuilt from\n"
    "                   it, and its error (needs --tdeci 1)\n"
    "  --no-png         no picture\n"
    "  --float64        .npy in double precision\n"
    "  --no-floor       keep the energy of the cells under the noise floor\n"
    "                   (ALGORITHM.md step 4) [exact]\n"
    "  --colormap NAME  %s [inferno]\n"
    "  --db-range DB    dB shown below the maximum [90]\n"
    "  --size WxH       picture size in pixels [1600x900]\n"
    "  --force          overwrite existing outputs\n"
    "  --sparse, --dense   histograms as NAME_spec.npz (scipy.sparse CSC;\n"
    "                   load with scipy.sparse.load_npz) or .npy [sparse\n"
    "                   above 16M cells: ~35 s at 48 kHz; doc/SEGMENTS.md]\n"
    "  --page-seconds S sparse: pictures in pages of S seconds plus an\n"
    "                   overview NAME_spec.png [60]\n"
    "mode:\n"
    "  --mode exact|plugin  exact: the reference computation; plugin: the\n"
    "                   built LV2 plugin hosted through lilv, as a DAW shows\n"
    "                   it (log scale; --count: only cells above its\n"
    "                   noise floor are counted) [exact]\n"
    "  --block N|random plugin mode: frames per run() [512]\n"
    "  --bundle DIR     plugin mode: the hyperres.lv2 bundle [the build's]\n"
    "  --preset NAME    plugin mode: apply a plugin preset (its label)\n"
    "running:\n"
    "  --threads N      worker threads [all cores]\n"
    "  --max-memory GB  refuse jobs needing more [3/4 of this machine]\n"
    "  -q, --quiet      no progress or summary lines\n",
    hr_colormap_names());
  print_batch_options();
}

static void
set_defaults(HrCliOptions* options)
{
  memset(options, 0, sizeof(*options));
  options->params       = hr_params_default();
  options->duration_s   = -1.0;
  options->write_png    = 1;
  options->colormap     = HR_COLORMAP_INFERNO;
  options->db_range     = 90.0;
  options->page_seconds = 60.0;
  options->png_width    = 1600;
  options->png_height   = 900;
  options->block        = 512;
  options->n_jobs       = 1;
}

static int*
flag_field(HrCliOptions* options, const char* name)
{
  if (!strcmp(name, "--count")) {
    return &options->write_count;
  }
  if (!strcmp(name, "--complex")) {
    return &options->write_complex;
  }
  if (!strcmp(name, "--reconstruct")) {
    return &options->reconstruct;
  }
  if (!strcmp(name, "--float64")) {
    return &options->float64;
  }
  if (!strcmp(name, "--no-floor")) {
    return &options->no_floor;
  }
  if (!strcmp(name, "--force")) {
    return &options->force;
  }
  if (!strcmp(name, "-q") || !strcmp(name, "--quiet")) {
    return &options->quiet;
  }
  if (!strcmp(name, "-r") || !strcmp(name, "--recursive")) {
    return &options->recursive;
  }
  if (!strcmp(name, "--resume")) {
    return &options->resume;
  }
  if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
    return &options->help;
  }
  return NULL;
}

/* One argument (and its value); returns how many were used, or -1. */
static int
parse_one(int           argc,
          char**        argv,
          int           index,
          HrCliOptions* options,
          char*         error,
          size_t        error_size)
{
  const char* arg  = argv[index];
  int*        flag = flag_field(options, arg);
  if (flag) {
    *flag = 1;
    return 1;
  }
  if (!strcmp(arg, "--no-png")) {
    options->write_png = 0;
    return 1;
  }
  if (!strcmp(arg, "--sparse") || !strcmp(arg, "--dense")) {
    options->sparse = !strcmp(arg, "--sparse") ? 1 : -1;
    return 1;
  }
  const HrValueOption* option = hr_find_value_option(arg);
  if (!option) {
    snprintf(
      error, error_size, "unknown option '%s' (see hyperres --help)", arg);
    return -1;
  }
  if (index + 1 >= argc) {
    snprintf(error, error_size, "%s needs a value", arg);
    return -1;
  }
  return option->parse(options, argv[index + 1], error, error_size) ? -1 : 2;
}

/* What the plugin's q and Bandwidths controls can ask for. */
static int
is_plugin_ladder(const HrLadder* ladder)
{
  if (ladder->n_q > 4 || ladder->q[0] > 8.0) {
    return 0;
  }
  for (int k = 1; k < ladder->n_q; ++k) {
    if (fabs(ladder->q[k] - 2.0 * ladder->q[k - 1]) > 1e-9 * ladder->q[k]) {
      return 0;
    }
  }
  return 1;
}

static int
check_combination(const HrCliOptions* options,
                  int                 is_demo,
                  char*               error,
                  size_t              error_size)
{
  if (is_demo && (options->recursive || options->resume ||
                  options->n_jobs > 1 || options->shard_count)) {
    snprintf(error,
             error_size,
             "demo renders one signal: no -r, --jobs, --resume or --shard");
    return -1;
  }
  if (!is_demo && options->n_inputs == 0) {
    snprintf(error,
             error_size,
             "no input: give audio files or folders (see hyperres --help)");
    return -1;
  }
  if (options->params.scale == HR_SCALE_LOG && options->sigma.given) {
    snprintf(
      error, error_size, "--sigma belongs to --scale lin (log scale uses --q)");
    return -1;
  }
  if (options->plugin_mode && options->params.scale != HR_SCALE_LOG) {
    snprintf(error,
             error_size,
             "--mode plugin analyses on the log scale (no --scale lin)");
    return -1;
  }
  if (options->consensus.n_q && options->params.scale != HR_SCALE_LOG) {
    snprintf(error, error_size, "--consensus works on the log scale");
    return -1;
  }
  if (options->consensus.n_q && options->plugin_mode &&
      !is_plugin_ladder(&options->consensus)) {
    snprintf(error,
             error_size,
             "--mode plugin: the plugin's Bandwidths control gives q, 2q, "
             "4q, 8q (2 to 4 values, q up to 8): --consensus 2,4,8 for "
             "example");
    return -1;
  }
  if (options->no_floor && options->plugin_mode) {
    snprintf(error, error_size, "--no-floor needs --mode exact");
    return -1;
  }
  if (options->consensus.n_q &&
      (options->write_complex || options->reconstruct)) {
    snprintf(error,
             error_size,
             "--complex and --reconstruct analyse with one q (no "
             "--consensus)");
    return -1;
  }
  if (options->plugin_mode &&
      (options->write_complex || options->reconstruct)) {
    snprintf(error,
             error_size,
             "--complex and --reconstruct need --mode exact (the plugin "
             "makes no complex histogram)");
    return -1;
  }
  if (options->reconstruct && options->params.tdeci != 1) {
    snprintf(error,
             error_size,
             "--reconstruct needs --tdeci 1: one column per sample (got "
             "--tdeci %d)",
             options->params.tdeci);
    return -1;
  }
  if (options->preset && !options->plugin_mode) {
    snprintf(error, error_size, "--preset belongs to --mode plugin");
    return -1;
  }
  if (options->fmin.given && options->fmax.given &&
      options->fmin.in_hz == options->fmax.in_hz &&
      options->fmin.value >= options->fmax.value) {
    snprintf(error,
             error_size,
             "fmin (%g) must be below fmax (%g)",
             options->fmin.value,
             options->fmax.value);
    return -1;
  }
  return 0;
}

int
hr_args_parse(int           argc,
              char**        argv,
              int           first,
              int           is_demo,
              HrCliOptions* options,
              char*         error,
              size_t        error_size)
{
  set_defaults(options);
  options->inputs = calloc((size_t)(argc > 0 ? argc : 1), sizeof(char*));
  if (!options->inputs) {
    snprintf(error, error_size, "out of memory");
    return -1;
  }
  int only_inputs = 0;
  for (int i = first; i < argc;) {
    if (!only_inputs && !strcmp(argv[i], "--")) {
      only_inputs = 1;
      ++i;
    } else if (!only_inputs && argv[i][0] == '-' && argv[i][1] != '\0') {
      const int used = parse_one(argc, argv, i, options, error, error_size);
      if (used < 0) {
        return -1;
      }
      if (options->help) {
        return 0;
      }
      i += used;
    } else if (is_demo) {
      snprintf(
        error, error_size, "demo takes no input files (got '%s')", argv[i]);
      return -1;
    } else {
      options->inputs[options->n_inputs++] = argv[i++];
    }
  }
  return check_combination(options, is_demo, error, error_size);
}

void
hr_args_free(HrCliOptions* options)
{
  free((void*)options->inputs);
  options->inputs = NULL;
}

static double
resolve_freq(const HrFreqOption* option, double fallback, double sample_rate)
{
  if (!option->given) {
    return fallback;
  }
  return option->in_hz ? option->value / sample_rate : option->value;
}

int
hr_args_resolve(const HrCliOptions* options,
                double              sample_rate,
                HrParams*           params,
                char*               error,
                size_t              error_size)
{
  const HrParams defaults = hr_params_default();
  *params                 = options->params;
  params->fmin  = resolve_freq(&options->fmin, defaults.fmin, sample_rate);
  params->fmax  = resolve_freq(&options->fmax, defaults.fmax, sample_rate);
  params->sigma = resolve_freq(&options->sigma, defaults.sigma, sample_rate);
  const double nyquist = sample_rate / 2.0;
  if (params->fmax > 0.5) {
    snprintf(error,
             error_size,
             "fmax %g Hz lies above the Nyquist frequency %g Hz of this file",
             params->fmax * sample_rate,
             nyquist);
    return -1;
  }
  if (params->fmin >= params->fmax) {
    snprintf(error,
             error_size,
             "fmin (%g Hz) must be below fmax (%g Hz) at this file's rate",
             params->fmin * sample_rate,
             params->fmax * sample_rate);
    return -1;
  }
  const HrStatus status = hr_params_check(params);
  if (status != HR_SUCCESS) {
    snprintf(error, error_size, "%s", hr_strerror(status));
    return -1;
  }
  return 0;
}
