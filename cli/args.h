/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Command-line options of `hyperres render` and `hyperres demo`. */

#ifndef HR_ARGS_H
#define HR_ARGS_H

#include "render/colormap.h"
#include "core/hr_consensus.h"
#include "core/hr_params.h"

#include <stddef.h>

/** A frequency given either in cycles/sample or in Hz. */
typedef struct {
  double value;
  int    in_hz; /**< 1: value is Hz, converted per file */
  int    given; /**< 0: the default applies */
} HrFreqOption;

/** Everything the command line sets. */
typedef struct {
  HrParams     params; /**< fmin, fmax, sigma in cycles/sample once known */
  HrFreqOption fmin;
  HrFreqOption fmax;
  HrFreqOption sigma;
  const char** inputs;
  int          n_inputs;
  const char*  out_dir;   /**< NULL: the current folder */
  int          n_threads; /**< 0: all cores */
  double       start_s;
  double       duration_s;  /**< < 0: to the end */
  int          channel;     /**< 0: every channel */
  int          write_count; /**< --count */
  int          write_png;   /**< 0 with --no-png */
  int          float64;     /**< --float64: .npy in double precision */
  int          no_floor;    /**< --no-floor: energy without the noise floor */
  int          force;       /**< overwrite existing outputs */
  int          quiet;
  size_t       memory_limit; /**< bytes */
  HrColormapId colormap;
  double       db_range;
  int          png_width;
  int          png_height;
  int          plugin_mode; /**< --mode plugin: analyse with the LV2 plugin */
  unsigned     block;       /**< plugin mode: frames per run; 0: random */
  const char*  bundle_dir;  /**< plugin mode: NULL: LV2_PATH or the build */
  const char*  preset;      /**< plugin mode: a preset's label, or NULL */
  HrLadder     consensus;   /**< --consensus; n_q 0: a single q */

  int write_complex; /**< --complex: also NAME_complex.npy */
  int reconstruct;   /**< --reconstruct: also NAME_recon.wav */

  int recursive;   /**< -r: walk sub-folders of folder inputs */
  int n_jobs;      /**< --jobs: files analysed at once [1] */
  int resume;      /**< --resume: skip inputs done with these options */
  int shard_index; /**< --shard K/N: this process's share K ... */
  int shard_count; /**< ... of N (0: the whole list) */
  int help;        /**< --help: print the usage and do nothing else */

  int    sparse;       /**< --sparse: 1, --dense: -1, 0: by size */
  double page_seconds; /**< --page-seconds: picture pages of long inputs */
} HrCliOptions;

/** Parse argv[first..argc-1] of the `render` or `demo` command (`demo`
    takes no inputs). Returns 0, or -1 with a one-line message in
    `error`. Parameter checks that need no sample rate are done here. */
int
hr_args_parse(int           argc,
              char**        argv,
              int           first,
              int           is_demo,
              HrCliOptions* options,
              char*         error,
              size_t        error_size);

/** Free what hr_args_parse() allocated. */
void
hr_args_free(HrCliOptions* options);

/** Resolve fmin, fmax and sigma for a file at `sample_rate` into
    `params`, and check them. Returns 0, or -1 with a message. */
int
hr_args_resolve(const HrCliOptions* options,
                double              sample_rate,
                HrParams*           params,
                char*               error,
                size_t              error_size);

/** Print the usage text of `command` ("render", "demo", or NULL for the
    overview) to stdout. */
void
hr_args_print_usage(const char* command);

#endif /* HR_ARGS_H */
