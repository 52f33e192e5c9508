/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "axes.h"
#include "files/npz.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
consensus_json(HrJson* json, const HrLadder* ladder)
{
  hr_json_key(json, "consensus");
  hr_json_open(json, '[');
  for (int k = 0; k < ladder->n_q; ++k) {
    hr_json_double(json, NULL, ladder->q[k]);
  }
  hr_json_close(json, ']');
}

void
hr_axes_params_json(HrJson*             json,
                    const HrCliOptions* options,
                    const HrJobResult*  result)
{
  const HrParams* params = result->params;
  const double    rate   = result->sample_rate;
  hr_json_open(json, '{');
  hr_json_string(json, "input", result->input);
  hr_json_long(json, "channel", result->channel);
  hr_json_long(json, "samples", (long long)result->frames);
  hr_json_double(json, "sample_rate", rate);
  hr_json_double(json, "start_s", result->start_s);
  hr_json_string(json, "mode", options->plugin_mode ? "plugin" : "exact");
  hr_json_string(json, "scale", params->scale == HR_SCALE_LOG ? "log" : "lin");
  hr_json_double(json, "q", params->q);
  hr_json_double(json, "noct", params->noct);
  hr_json_double(json, "sigma", params->sigma);
  hr_json_double(json, "sigma_hz", params->sigma * rate);
  hr_json_long(json, "ndiv", params->ndiv);
  hr_json_long(json, "over", params->over);
  hr_json_long(json, "tdeci", params->tdeci);
  hr_json_double(json, "fmin", params->fmin);
  hr_json_double(json, "fmax", params->fmax);
  hr_json_double(json, "fmin_hz", params->fmin * rate);
  hr_json_double(json, "fmax_hz", params->fmax * rate);
  hr_json_double(json, "lint", params->lint);
  consensus_json(json, &options->consensus);
  if (options->plugin_mode) {
    hr_json_long(json, "block", options->block);
    if (options->preset) {
      hr_json_string(json, "preset", options->preset);
    }
  }
  hr_json_string(json, "dtype", options->float64 ? "float64" : "float32");
  hr_json_string(json, "version", HR_VERSION);
  hr_json_close(json, '}');
}

static void
freq_option_json(HrJson* json, const char* key, const HrFreqOption* option)
{
  hr_json_key(json, key);
  if (!option->given) {
    hr_json_raw(json, "null");
    return;
  }
  hr_json_open(json, '[');
  hr_json_double(json, NULL, option->value);
  hr_json_string(json, NULL, option->in_hz ? "Hz" : "cycles/sample");
  hr_json_close(json, ']');
}

void
hr_axes_request_json(HrJson* json, const HrCliOptions* options)
{
  const HrParams* params = &options->params;
  hr_json_open(json, '{');
  hr_json_string(json, "mode", options->plugin_mode ? "plugin" : "exact");
  hr_json_string(json, "scale", params->scale == HR_SCALE_LOG ? "log" : "lin");
  hr_json_double(json, "q", params->q);
  hr_json_double(json, "noct", params->noct);
  hr_json_long(json, "ndiv", params->ndiv);
  hr_json_long(json, "over", params->over);
  hr_json_long(json, "tdeci", params->tdeci);
  hr_json_double(json, "lint", params->lint);
  freq_option_json(json, "fmin", &options->fmin);
  freq_option_json(json, "fmax", &options->fmax);
  freq_option_json(json, "sigma", &options->sigma);
  consensus_json(json, &options->consensus);
  hr_json_double(json, "start_s", options->start_s);
  hr_json_double(json, "duration_s", options->duration_s);
  hr_json_long(json, "channel", options->channel);
  hr_json_long(json, "count", options->write_count);
  hr_json_long(json, "png", options->write_png);
  hr_json_long(json, "float64", options->float64);
  hr_json_long(json, "complex", options->write_complex);
  hr_json_long(json, "reconstruct", options->reconstruct);
  hr_json_string(json, "colormap", hr_colormap_name(options->colormap));
  hr_json_double(json, "db_range", options->db_range);
  hr_json_long(json, "png_width", options->png_width);
  hr_json_long(json, "png_height", options->png_height);
  hr_json_long(json, "block", options->plugin_mode ? (long)options->block : 0);
  hr_json_string(json, "preset", options->preset ? options->preset : "");
  hr_json_close(json, '}');
}

int
hr_axes_path(const char* spec_path, char* path, size_t path_size)
{
  static const char suffix[] = "_spec.np";
  const size_t      length   = strlen(spec_path);
  const size_t      stem     = length - (sizeof(suffix) - 1) - 1;
  if (length < sizeof(suffix) ||
      strncmp(spec_path + stem, suffix, sizeof(suffix) - 1) ||
      stem + sizeof("_axes.npz") > path_size) {
    return -1;
  }
  memcpy(path, spec_path, stem);
  strcpy(path + stem, "_axes.npz");
  return 0;
}

/* Row centres in Hz, row 0 the highest; column starts in seconds: column
   c holds the points reassigned to [c tdeci, (c+1) tdeci) in samples
   counted from 1, so it starts (c tdeci - 1) samples after the first
   sample, which lies at start_s. */
static int
write_axes_members(HrNpzWriter*       writer,
                   const HrJobResult* result,
                   const char*        params_text)
{
  const HrParams* params = result->params;
  const size_t    rows   = (size_t)result->rows;
  const size_t    cols   = result->cols;
  double*         freq   = malloc((rows ? rows : 1) * sizeof(double));
  double*         time   = malloc((cols ? cols : 1) * sizeof(double));
  int             status = freq && time ? 0 : -1;
  for (size_t r = 0; status == 0 && r < rows; ++r) {
    freq[r] = hr_params_row_freq(params, (int)r) * result->sample_rate;
  }
  for (size_t c = 0; status == 0 && c < cols; ++c) {
    time[c] =
      result->start_s + ((double)c * params->tdeci - 1.0) / result->sample_rate;
  }
  if (status == 0) {
    status = hr_npz_member(writer, "freq_hz", HR_NPZ_FLOAT64, 1, &rows, freq);
  }
  if (status == 0) {
    status = hr_npz_member(writer, "time_s", HR_NPZ_FLOAT64, 1, &cols, time);
  }
  if (status == 0) {
    status = hr_npz_text(writer, "params", params_text);
  }
  free(freq);
  free(time);
  return status;
}

int
hr_axes_write(const char*         path,
              const HrCliOptions* options,
              const HrJobResult*  result,
              char*               error,
              size_t              error_size)
{
  HrJson json;
  hr_json_init(&json);
  hr_axes_params_json(&json, options, result);
  HrNpzWriter* writer =
    json.failed ? NULL : hr_npz_open(path, 1, error, error_size);
  if (!writer) {
    if (json.failed) {
      snprintf(error, error_size, "out of memory");
    }
    hr_json_free(&json);
    return -1;
  }
  const int status = write_axes_members(writer, result, json.text);
  hr_json_free(&json);
  if (status) {
    hr_npz_abort(writer);
    snprintf(error, error_size, "cannot write %s", path);
    return -1;
  }
  return hr_npz_close(writer, error, error_size);
}
