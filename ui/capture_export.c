/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "capture_export.h"

#include "files/npy.h"
#include "files/npz.h"
#include "numpy_read.h"
#include "files/outfile.h"
#include "protocol/protocol.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest file read back: a capture's cells as float32, and its header. */
#define MOST_BYTES ((size_t)HR_CAPTURE_MAX_CELLS * 4 + 65536)

enum { PATH_SIZE = 4096, PARAMS_SIZE = 2048 };

static const char* const k_channel_names[HR_N_CHANNELS] = { "left",
                                                            "right",
                                                            "mid",
                                                            "side" };

/* `text` as a JSON string body (quotes and backslashes escaped, control
   characters dropped). */
static void
json_escape(const char* text, char* out, size_t out_size)
{
  size_t n = 0;
  for (const char* p = text; *p && n + 3 < out_size; ++p) {
    if (*p == '"' || *p == '\\') {
      out[n++] = '\\';
      out[n++] = *p;
    } else if ((unsigned char)*p >= 0x20) {
      out[n++] = *p;
    }
  }
  out[n] = '\0';
}

static void
params_json(const HrCapture* c, char* json, size_t size)
{
  char info[2 * HR_CAPTURE_INFO_SIZE];
  json_escape(c->info, info, sizeof info);
  snprintf(json,
           size,
           "{\"source\": \"hyperres UI capture\", \"scale\": \"%s\", "
           "\"f_top_hz\": %.17g, \"rows_per_octave\": %.17g, "
           "\"hz_per_row\": %.17g, \"column_seconds\": %.17g, "
           "\"t_start_s\": %.17g, \"channel\": \"%s\", "
           "\"channel_number\": %d, \"taken\": %lld, \"info\": \"%s\", "
           "\"column_frames\": %.17g, \"tempo_bpm\": %.17g, "
           "\"beats_per_bar\": %.17g, \"beat_origin_frame\": %.17g}",
           c->axis.log_scale ? "log" : "linear",
           c->axis.f_top_hz,
           c->axis.rows_per_octave,
           c->axis.hz_per_row,
           c->col_seconds,
           c->t_start_s,
           k_channel_names[c->channel],
           c->channel,
           (long long)c->taken,
           info,
           c->column_frames,
           c->tempo.bpm,
           c->tempo.beats_per_bar,
           c->tempo.origin);
}

/* Row r's centre frequency. */
static double
row_hz(const HrFreqAxis* axis, int row)
{
  return axis->log_scale
           ? axis->f_top_hz * exp2(-(double)row / axis->rows_per_octave)
           : axis->f_top_hz - row * axis->hz_per_row;
}

/* Write rows x cols floats as float32 .npy (via doubles: exact). */
static int
write_floats(const char*  path,
             const float* values,
             int          rows,
             int          cols,
             char*        error,
             size_t       error_size)
{
  const size_t n    = (size_t)rows * (size_t)cols;
  double*      data = (double*)malloc(n * sizeof(double));
  if (!data) {
    snprintf(error, error_size, "out of memory for %s", path);
    return -1;
  }
  for (size_t i = 0; i < n; ++i) {
    data[i] = values[i];
  }
  const int status = hr_npy_write(
    path, data, (size_t)rows, (size_t)cols, HR_NPY_FLOAT32, error, error_size);
  free(data);
  return status;
}

static int
write_axes(const HrCapture* c, const char* path, char* error, size_t size)
{
  HrNpzWriter* npz = hr_npz_open(path, 0, error, size);
  if (!npz) {
    return -1;
  }
  double*  freq  = (double*)malloc((size_t)c->rows * sizeof(double));
  double*  times = (double*)malloc((size_t)c->cols * sizeof(double));
  int32_t* flags = (int32_t*)malloc((size_t)c->cols * sizeof(int32_t));
  char     params[PARAMS_SIZE];
  int      ok = freq && times && flags;
  for (int r = 0; ok && r < c->rows; ++r) {
    freq[r] = row_hz(&c->axis, r);
  }
  for (int col = 0; ok && col < c->cols; ++col) {
    times[col] = c->t_start_s + col * c->col_seconds;
    flags[col] = c->flags[col];
  }
  params_json(c, params, sizeof params);
  const size_t rows[1] = { (size_t)c->rows };
  const size_t cols[1] = { (size_t)c->cols };
  ok                   = ok &&
       hr_npz_member(npz, "freq_hz", HR_NPZ_FLOAT64, 1, rows, freq) == 0 &&
       hr_npz_member(npz, "time_s", HR_NPZ_FLOAT64, 1, cols, times) == 0 &&
       hr_npz_member(npz, "column_flags", HR_NPZ_INT32, 1, cols, flags) == 0 &&
       hr_npz_member(
         npz, "transport_frame", HR_NPZ_FLOAT64, 1, cols, c->transport) == 0 &&
       hr_npz_text(npz, "params", params) == 0;
  free(freq);
  free(times);
  free(flags);
  if (!ok) {
    hr_npz_abort(npz);
    snprintf(error, size, "cannot write %s", path);
    return -1;
  }
  return hr_npz_close(npz, error, size);
}

static int
paths(const char* stem, char spec[], char count[], char axes[])
{
  return snprintf(spec, PATH_SIZE, "%s_spec.npy", stem) < PATH_SIZE &&
             snprintf(count, PATH_SIZE, "%s_count.npy", stem) < PATH_SIZE &&
             snprintf(axes, PATH_SIZE, "%s_axes.npz", stem) < PATH_SIZE
           ? 0
           : -1;
}

int
hr_capture_export(const HrCapture* capture,
                  const char*      stem,
                  char*            error,
                  size_t           error_size)
{
  char spec[PATH_SIZE], count[PATH_SIZE], axes[PATH_SIZE];
  if (paths(stem, spec, count, axes) != 0) {
    snprintf(error, error_size, "path too long: %s", stem);
    return -1;
  }
  const char* taken = hr_outfile_exists(spec)    ? spec
                      : hr_outfile_exists(count) ? count
                      : hr_outfile_exists(axes)  ? axes
                                                 : NULL;
  if (taken) {
    snprintf(error, error_size, "%s exists: not replaced", taken);
    return -1;
  }
  const HrCapture* c = capture;
  if (write_floats(spec, c->cells, c->rows, c->cols, error, error_size) != 0) {
    return -1;
  }
  if (write_floats(count, c->hits, c->rows, c->cols, error, error_size) != 0) {
    remove(spec);
    return -1;
  }
  if (write_axes(c, axes, error, error_size) != 0) {
    remove(spec);
    remove(count);
    return -1;
  }
  return 0;
}

/* ---- reading back ---- */

/* The number after "key": in `json`; NAN if missing. */
static double
json_number(const char* json, const char* key)
{
  char quoted[64];
  snprintf(quoted, sizeof quoted, "\"%s\": ", key);
  const char* at = strstr(json, quoted);
  return at ? strtod(at + strlen(quoted), NULL) : NAN;
}

/* The string after "key": in `json` into `out` (escapes undone). */
static void
json_string(const char* json, const char* key, char* out, size_t out_size)
{
  char quoted[64];
  snprintf(quoted, sizeof quoted, "\"%s\": \"", key);
  const char* at = strstr(json, quoted);
  size_t      n  = 0;
  for (at = at ? at + strlen(quoted) : ""; *at && *at != '"'; ++at) {
    if (*at == '\\' && at[1]) {
      ++at;
    }
    if (n + 1 < out_size) {
      out[n++] = *at;
    }
  }
  out[n] = '\0';
}

/* A number of the params that may be missing (older exports): 0 then. */
static double
json_optional(const char* json, const char* key)
{
  const double x = json_number(json, key);
  return isnan(x) ? 0.0 : x;
}

/* Song time from the axes file (none in older exports), checked. */
static int
song_time_from_axes(const uint8_t* zip,
                    size_t         size,
                    const char*    json,
                    HrCapture*     c)
{
  HrNpArray frames;
  if (hr_np_member(zip, size, "transport_frame", &frames) == 0) {
    if (frames.type != HR_NP_FLOAT64 || frames.count != (size_t)c->cols) {
      return -1;
    }
    for (int col = 0; col < c->cols; ++col) {
      c->transport[col] = hr_np_get(&frames, (size_t)col);
      if (isinf(c->transport[col])) {
        return -1;
      }
    }
  }
  c->column_frames       = json_optional(json, "column_frames");
  c->tempo.bpm           = json_optional(json, "tempo_bpm");
  c->tempo.beats_per_bar = json_optional(json, "beats_per_bar");
  c->tempo.origin        = json_optional(json, "beat_origin_frame");
  const int tempo        = isfinite(c->tempo.bpm) && c->tempo.bpm > 0.0 &&
                    isfinite(c->tempo.beats_per_bar) &&
                    c->tempo.beats_per_bar > 0.0 && isfinite(c->tempo.origin);
  if (!tempo) {
    memset(&c->tempo, 0, sizeof c->tempo);
  }
  return isfinite(c->column_frames) && c->column_frames >= 0.0 ? 0 : -1;
}

/* The capture's description from the axes file, checked. */
static HrCapture*
capture_from_axes(const uint8_t* zip, size_t size, size_t rows, size_t cols)
{
  HrNpArray freq, times, flags, params;
  char      json[PARAMS_SIZE];
  if (hr_np_member(zip, size, "freq_hz", &freq) != 0 ||
      hr_np_member(zip, size, "time_s", &times) != 0 ||
      hr_np_member(zip, size, "params", &params) != 0 ||
      hr_np_text(&params, json, sizeof json) != 0 || freq.count != rows ||
      times.count != cols || freq.type != HR_NP_FLOAT64 ||
      times.type != HR_NP_FLOAT64 || rows > INT32_MAX || cols > INT32_MAX) {
    return NULL;
  }
  const int has_flags = hr_np_member(zip, size, "column_flags", &flags) == 0;
  if (has_flags && (flags.type != HR_NP_INT32 || flags.count != cols)) {
    return NULL;
  }
  HrCapture* c = hr_capture_new((int)rows, (int)cols);
  if (!c) {
    return NULL;
  }
  char scale[16];
  json_string(json, "scale", scale, sizeof scale);
  json_string(json, "info", c->info, sizeof c->info);
  const double channel    = json_number(json, "channel_number");
  const double taken      = json_number(json, "taken");
  c->axis.log_scale       = strcmp(scale, "log") == 0;
  c->axis.f_top_hz        = json_number(json, "f_top_hz");
  c->axis.rows_per_octave = json_number(json, "rows_per_octave");
  c->axis.hz_per_row      = json_number(json, "hz_per_row");
  c->col_seconds          = json_number(json, "column_seconds");
  c->t_start_s            = json_number(json, "t_start_s");
  c->channel = channel >= 0 && channel < HR_N_CHANNELS ? (int)channel : -1;
  c->taken   = isfinite(taken) ? (int64_t)taken : 0;
  int ok = c->channel >= 0 && (c->axis.log_scale || !strcmp(scale, "linear")) &&
           hr_freq_axis_valid(&c->axis) && isfinite(c->col_seconds) &&
           c->col_seconds > 0.0 && isfinite(c->t_start_s);
  for (size_t col = 0; ok && has_flags && col < cols; ++col) {
    const double flag = hr_np_get(&flags, col);
    ok                = flag >= 0 && flag <= 3;
    c->flags[col]     = (uint8_t)flag;
  }
  if (!ok || song_time_from_axes(zip, size, json, c) != 0) {
    hr_capture_free(c);
    return NULL;
  }
  return c;
}

/* Fill `out` (rows x cols) from a float32 .npy of that shape whose
   values are finite and >= 0. */
static int
read_cells(const uint8_t* npy, size_t size, HrCapture* c, float* out)
{
  HrNpArray a;
  if (hr_np_parse(npy, size, &a) != 0 || a.type != HR_NP_FLOAT32 ||
      a.n_dims != 2 || a.shape[0] != (size_t)c->rows ||
      a.shape[1] != (size_t)c->cols) {
    return -1;
  }
  for (size_t i = 0; i < a.count; ++i) {
    const float value = (float)hr_np_get(&a, i);
    if (!(value >= 0.0f) || !isfinite(value)) {
      return -1;
    }
    out[i] = value;
  }
  return 0;
}

/* The shape of a 2-D .npy image; -1 if it is not one. */
static int
npy_shape(const uint8_t* npy, size_t size, size_t* rows, size_t* cols)
{
  HrNpArray a;
  if (hr_np_parse(npy, size, &a) != 0 || a.n_dims != 2) {
    return -1;
  }
  *rows = a.shape[0];
  *cols = a.shape[1];
  return 0;
}

HrCapture*
hr_capture_import(const char* stem, char* error, size_t error_size)
{
  char spec[PATH_SIZE], count[PATH_SIZE], axes[PATH_SIZE];
  if (paths(stem, spec, count, axes) != 0) {
    snprintf(error, error_size, "path too long: %s", stem);
    return NULL;
  }
  size_t     spec_size = 0, count_size = 0, axes_size = 0, rows = 0, cols = 0;
  HrCapture* c = NULL;
  uint8_t*   spec_data =
    hr_np_read_file(spec, MOST_BYTES, &spec_size, error, error_size);
  uint8_t* axes_data =
    spec_data ? hr_np_read_file(axes, 1 << 26, &axes_size, error, error_size)
              : NULL;
  uint8_t* count_data = NULL;
  if (axes_data && hr_outfile_exists(count)) {
    count_data =
      hr_np_read_file(count, MOST_BYTES, &count_size, error, error_size);
  }
  if (axes_data && (!hr_outfile_exists(count) || count_data)) {
    if (npy_shape(spec_data, spec_size, &rows, &cols) == 0) {
      c = capture_from_axes(axes_data, axes_size, rows, cols);
    }
    if (!c || read_cells(spec_data, spec_size, c, c->cells) != 0 ||
        (count_data && read_cells(count_data, count_size, c, c->hits) != 0)) {
      hr_capture_free(c);
      c = NULL;
      snprintf(error, error_size, "%s: not a hyperres capture export", stem);
    }
  }
  free(spec_data);
  free(axes_data);
  free(count_data);
  return c;
}
