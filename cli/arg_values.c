/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "arg_values.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
parse_number(const char* text, double* value)
{
  char* end = NULL;
  errno     = 0;
  *value    = strtod(text, &end);
  return (end == text || *end != '\0' || errno == ERANGE || !isfinite(*value))
           ? -1
           : 0;
}

static int
parse_integer(const char* text, long minimum, long maximum, int* value)
{
  char* end   = NULL;
  errno       = 0;
  long parsed = strtol(text, &end, 10);
  if (end == text || *end != '\0' || errno == ERANGE || parsed < minimum ||
      parsed > maximum) {
    return -1;
  }
  *value = (int)parsed;
  return 0;
}

static int
parse_q(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_number(t, &o->params.q) || !(o->params.q > 0.0)) {
    snprintf(e, n, "--q must be a number above 0 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_consensus(HrCliOptions* o, const char* t, char* e, size_t n)
{
  HrLadder    ladder = { 0, { 0 }, 0.0 };
  const char* start  = t;
  while (ladder.n_q < HR_LADDER_MAX) {
    char* end      = NULL;
    errno          = 0;
    const double q = strtod(start, &end);
    if (end == start || errno == ERANGE || (*end != ',' && *end != '\0')) {
      break;
    }
    ladder.q[ladder.n_q++] = q;
    if (*end == '\0') {
      start = end;
      break;
    }
    start = end + 1;
  }
  const size_t length = strlen(t);
  if (*start != '\0' || ladder.n_q < 2 || (length && t[length - 1] == ',') ||
      hr_ladder_check(&ladder) != HR_SUCCESS) {
    snprintf(e,
             n,
             "--consensus wants 2 to %d increasing q values in (0, %g] "
             "separated by commas, e.g. 1,2,4,8 (got '%s')",
             HR_LADDER_MAX,
             HR_LADDER_MAX_Q,
             t);
    return -1;
  }
  o->consensus = ladder;
  o->params.q  = ladder.q[0]; /* what plugin mode sets its q control to */
  return 0;
}

static int
parse_tdeci(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_integer(t, 1, 1L << 24, &o->params.tdeci)) {
    snprintf(
      e, n, "--tdeci must be a whole number of samples >= 1 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_over(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_integer(t, 1, 64, &o->params.over)) {
    snprintf(e, n, "--over must be a whole number from 1 to 64 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_noct(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_number(t, &o->params.noct) || !(o->params.noct >= 1.0) ||
      o->params.noct > 10000.0) {
    snprintf(e, n, "--noct must be a number from 1 to 10000 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_lint(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_number(t, &o->params.lint) || !(o->params.lint > 0.0)) {
    snprintf(e, n, "--lint must be a number above 0 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_ndiv(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_integer(t, 2, 100000, &o->params.ndiv)) {
    snprintf(
      e, n, "--ndiv must be a whole number from 2 to 100000 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_freq(HrFreqOption* option,
           int           in_hz,
           const char*   name,
           const char*   t,
           char*         e,
           size_t        n)
{
  if (parse_number(t, &option->value) || !(option->value >= 0.0)) {
    snprintf(e, n, "%s must be a frequency of 0 or more (got '%s')", name, t);
    return -1;
  }
  if (option->given && option->in_hz != in_hz) {
    snprintf(
      e, n, "%s: give a frequency either in Hz or normalised, not both", name);
    return -1;
  }
  option->in_hz = in_hz;
  option->given = 1;
  return 0;
}

static int
parse_fmin(HrCliOptions* o, const char* t, char* e, size_t n)
{
  return parse_freq(&o->fmin, 0, "--fmin", t, e, n);
}

static int
parse_fmin_hz(HrCliOptions* o, const char* t, char* e, size_t n)
{
  return parse_freq(&o->fmin, 1, "--fmin-hz", t, e, n);
}

static int
parse_fmax(HrCliOptions* o, const char* t, char* e, size_t n)
{
  return parse_freq(&o->fmax, 0, "--fmax", t, e, n);
}

static int
parse_fmax_hz(HrCliOptions* o, const char* t, char* e, size_t n)
{
  return parse_freq(&o->fmax, 1, "--fmax-hz", t, e, n);
}

static int
parse_sigma(HrCliOptions* o, const char* t, char* e, size_t n)
{
  return parse_freq(&o->sigma, 0, "--sigma", t, e, n);
}

static int
parse_sigma_hz(HrCliOptions* o, const char* t, char* e, size_t n)
{
  return parse_freq(&o->sigma, 1, "--sigma-hz", t, e, n);
}

static int
parse_scale(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (!strcmp(t, "log")) {
    o->params.scale = HR_SCALE_LOG;
  } else if (!strcmp(t, "lin")) {
    o->params.scale = HR_SCALE_LIN;
  } else {
    snprintf(e, n, "--scale must be log or lin (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_threads(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_integer(t, 1, 256, &o->n_threads)) {
    snprintf(
      e, n, "--threads must be a whole number from 1 to 256 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_jobs(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_integer(t, 1, 256, &o->n_jobs)) {
    snprintf(e, n, "--jobs must be a whole number from 1 to 256 (got '%s')", t);
    return -1;
  }
  return 0;
}

/* K/N with 0 <= K < N: Slurm's task id and count as they come. */
static int
parse_shard(HrCliOptions* o, const char* t, char* e, size_t n)
{
  char         index[32];
  const char*  slash  = strchr(t, '/');
  const size_t length = slash ? (size_t)(slash - t) : 0;
  int          ok     = length > 0 && length < sizeof(index);
  if (ok) {
    memcpy(index, t, length);
    index[length] = '\0';
    ok            = !parse_integer(index, 0, 1000000, &o->shard_index) &&
         !parse_integer(slash + 1, 1, 1000000, &o->shard_count) &&
         o->shard_index < o->shard_count;
  }
  if (!ok) {
    snprintf(
      e, n, "--shard must be K/N with 0 <= K < N, e.g. 0/4 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_start(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_number(t, &o->start_s) || o->start_s < 0.0) {
    snprintf(e, n, "--start must be a time of 0 s or later (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_duration(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_number(t, &o->duration_s) || !(o->duration_s > 0.0)) {
    snprintf(e, n, "--duration must be a time above 0 s (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_channel(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_integer(t, 1, 1024, &o->channel)) {
    snprintf(e, n, "--channel must be a channel number from 1 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_out_dir(HrCliOptions* o, const char* t, char* e, size_t n)
{
  (void)e;
  (void)n;
  o->out_dir = t;
  return 0;
}

static int
parse_colormap(HrCliOptions* o, const char* t, char* e, size_t n)
{
  const int id = hr_colormap_from_name(t);
  if (id < 0) {
    snprintf(
      e, n, "--colormap must be one of %s (got '%s')", hr_colormap_names(), t);
    return -1;
  }
  o->colormap = (HrColormapId)id;
  return 0;
}

static int
parse_db_range(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_number(t, &o->db_range) || o->db_range < 1.0 ||
      o->db_range > 400.0) {
    snprintf(
      e, n, "--db-range must be a number of dB from 1 to 400 (got '%s')", t);
    return -1;
  }
  return 0;
}

static int
parse_size(HrCliOptions* o, const char* t, char* e, size_t n)
{
  char extra = 0;
  if (sscanf(t, "%dx%d%c", &o->png_width, &o->png_height, &extra) != 2 ||
      o->png_width < 320 || o->png_height < 200 || o->png_width > 16384 ||
      o->png_height > 16384) {
    snprintf(e,
             n,
             "--size must be WIDTHxHEIGHT in pixels, 320x200 to "
             "16384x16384 (got '%s')",
             t);
    return -1;
  }
  return 0;
}

static int
parse_max_memory(HrCliOptions* o, const char* t, char* e, size_t n)
{
  double gigabytes = 0.0;
  if (parse_number(t, &gigabytes) || !(gigabytes > 0.0) || gigabytes > 1e6) {
    snprintf(e, n, "--max-memory must be a number of GB above 0 (got '%s')", t);
    return -1;
  }
  o->memory_limit = (size_t)(gigabytes * 1e9);
  return 0;
}

static int
parse_page_seconds(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (parse_number(t, &o->page_seconds) || !(o->page_seconds >= 1.0) ||
      o->page_seconds > 1e6) {
    snprintf(e,
             n,
             "--page-seconds must be a number of seconds, at least 1 "
             "(got '%s')",
             t);
    return -1;
  }
  return 0;
}

static int
parse_mode(HrCliOptions* o, const char* t, char* e, size_t n)
{
  if (!strcmp(t, "exact") || !strcmp(t, "plugin")) {
    o->plugin_mode = !strcmp(t, "plugin");
    return 0;
  }
  snprintf(e, n, "--mode must be exact or plugin (got '%s')", t);
  return -1;
}

static int
parse_block(HrCliOptions* o, const char* t, char* e, size_t n)
{
  int block = 0;
  if (!strcmp(t, "random")) {
    o->block = 0;
    return 0;
  }
  if (parse_integer(t, 1, 8192, &block)) {
    snprintf(e, n, "--block must be 1 to 8192 frames or random (got '%s')", t);
    return -1;
  }
  o->block = (unsigned)block;
  return 0;
}

static int
parse_preset(HrCliOptions* o, const char* t, char* e, size_t n)
{
  (void)e;
  (void)n;
  o->preset = t;
  return 0;
}

static int
parse_bundle(HrCliOptions* o, const char* t, char* e, size_t n)
{
  (void)e;
  (void)n;
  o->bundle_dir = t;
  return 0;
}

static const HrValueOption value_options[] = {
  { "--q", parse_q },
  { "--consensus", parse_consensus },
  { "--tdeci", parse_tdeci },
  { "--over", parse_over },
  { "--noct", parse_noct },
  { "--lint", parse_lint },
  { "--ndiv", parse_ndiv },
  { "--fmin", parse_fmin },
  { "--fmin-hz", parse_fmin_hz },
  { "--fmax", parse_fmax },
  { "--fmax-hz", parse_fmax_hz },
  { "--sigma", parse_sigma },
  { "--sigma-hz", parse_sigma_hz },
  { "--scale", parse_scale },
  { "--threads", parse_threads },
  { "--jobs", parse_jobs },
  { "--shard", parse_shard },
  { "--start", parse_start },
  { "--duration", parse_duration },
  { "--channel", parse_channel },
  { "-o", parse_out_dir },
  { "--out-dir", parse_out_dir },
  { "--colormap", parse_colormap },
  { "--db-range", parse_db_range },
  { "--size", parse_size },
  { "--max-memory", parse_max_memory },
  { "--page-seconds", parse_page_seconds },
  { "--mode", parse_mode },
  { "--block", parse_block },
  { "--bundle", parse_bundle },
  { "--preset", parse_preset },
};

const HrValueOption*
hr_find_value_option(const char* name)
{
  const size_t count = sizeof(value_options) / sizeof(value_options[0]);
  for (size_t i = 0; i < count; ++i) {
    if (!strcmp(value_options[i].name, name)) {
      return &value_options[i];
    }
  }
  return NULL;
}
