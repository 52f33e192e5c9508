/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "plugin_mode.h"
#include "host/host.h"
#include "protocol/protocol.h"
#include "protocol/uris.h"

#include <lv2/atom/util.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCK 8192

/* What the messages have told so far. */
typedef struct {
  HrURIs      uris;
  HrHist*     hist;
  int         have_config;
  HrConfigMsg config;
  int64_t     next_column; /* one past the highest column received */
  long        drops;
  long        bad_messages;
} Collector;

static int
set_controls(HrHost*         host,
             const HrParams* params,
             int             bandwidths,
             double          rate,
             char*           error,
             size_t          error_size)
{
  const struct {
    const char* symbol;
    double      value;
  } controls[] = {
    { "q", params->q },
    { "time_step", params->tdeci * 1000.0 / rate },
    { "rows_per_octave", params->noct },
    { "filters_per_row", params->over },
    { "fmin", params->fmin * rate },
    { "fmax", params->fmax * rate },
    { "lint", params->lint },
    { "analyse", 0.0 },
    { "bandwidths", bandwidths < 1 ? 1 : bandwidths },
  };
  for (size_t i = 0; i < sizeof(controls) / sizeof(controls[0]); ++i) {
    if (!hr_host_set_control_by_symbol(host,
                                       controls[i].symbol,
                                       (float)controls[i].value,
                                       error,
                                       error_size)) {
      return -1;
    }
  }
  if (params->noct != floor(params->noct)) {
    snprintf(
      error, error_size, "plugin mode: rows per octave must be a whole number");
    return -1;
  }
  return 0;
}

/* The analysis a preset sets, converted as the plugin converts its
   controls (plugin/settings.c): fmax at most Nyquist, fmin at most half
   of fmax, the time step rounded to whole samples. */
static int
apply_preset(HrHost*     host,
             const char* preset,
             HrParams*   params,
             double      rate,
             char*       error,
             size_t      error_size)
{
  if (!hr_host_apply_preset(host, preset, error, error_size)) {
    return -1;
  }
  const double fmax_hz =
    fmin(hr_host_get_control_by_symbol(host, "fmax"), rate / 2);
  const double fmin_hz =
    fmin(hr_host_get_control_by_symbol(host, "fmin"), fmax_hz / 2);
  const long tdeci =
    lround(hr_host_get_control_by_symbol(host, "time_step") * rate / 1000.0);
  params->q     = hr_host_get_control_by_symbol(host, "q");
  params->noct  = hr_host_get_control_by_symbol(host, "rows_per_octave");
  params->over  = (int)hr_host_get_control_by_symbol(host, "filters_per_row");
  params->lint  = hr_host_get_control_by_symbol(host, "lint");
  params->tdeci = tdeci < 1 ? 1 : (int)tdeci;
  params->fmin  = fmin_hz / rate;
  params->fmax  = fmax_hz >= rate / 2 ? 0.5 : fmax_hz / rate;
  return 0;
}

static void
store_columns(Collector* collector, const HrColumnsMsg* columns)
{
  HrHist*  hist = collector->hist;
  uint32_t cell = 0;
  collector->drops += columns->drops;
  for (uint32_t j = 0; j < columns->n_columns; ++j) {
    const int64_t number = columns->first + (int64_t)j;
    const int32_t count  = columns->cell_count[j];
    for (int32_t k = 0; k < count; ++k, ++cell) {
      const int32_t row = columns->cell_row[cell];
      if (number >= 0 && (size_t)number < hist->cols && row < hist->rows) {
        const size_t index  = (size_t)row * hist->cols + (size_t)number;
        hist->energy[index] = columns->cell_energy[cell];
        hist->count[index]  = columns->cell_hits[cell];
      }
    }
    if (number + 1 > collector->next_column) {
      collector->next_column = number + 1;
    }
  }
}

static void
collect(Collector* collector, const LV2_Atom_Sequence* notify)
{
  LV2_ATOM_SEQUENCE_FOREACH (notify, event) {
    const LV2_Atom* atom = &event->body;
    const LV2_URID  type = hr_message_type(&collector->uris, atom);
    if (type == collector->uris.hr_Config) {
      if (hr_read_config(&collector->uris, atom, &collector->config) ==
          HR_MSG_OK) {
        collector->have_config = 1;
      } else {
        ++collector->bad_messages;
      }
    } else if (type == collector->uris.hr_Columns) {
      HrColumnsMsg columns;
      if (hr_read_columns(&collector->uris, atom, &columns) == HR_MSG_OK &&
          columns.channel == HR_CHANNEL_LEFT) {
        store_columns(collector, &columns);
      } else {
        ++collector->bad_messages;
      }
    }
  }
}

/* Next block length: fixed, or random in 1 .. MAX_BLOCK. */
static uint32_t
next_block(const HrPluginRun* run, uint64_t* state)
{
  if (run->block) {
    return run->block;
  }
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return 1 + (uint32_t)((*state >> 33) % MAX_BLOCK);
}

static void
send_ui_on(HrHost* host, const HrURIs* uris)
{
  LV2_Atom_Object message;
  message.atom.type  = uris->atom_Object;
  message.atom.size  = sizeof(LV2_Atom_Object_Body);
  message.body.id    = 0;
  message.body.otype = uris->hr_UIOn;
  hr_host_send(host, &message.atom);
}

/* Feed the signal, then silence until the last column has come out (or
   far longer than the plugin's latency). */
static void
feed(HrHost*            host,
     const HrPluginRun* run,
     Collector*         collector,
     const double*      samples,
     size_t             frames,
     double             rate)
{
  float        in[MAX_BLOCK];
  float        out[MAX_BLOCK];
  const float* inputs[1]  = { in };
  float*       outputs[1] = { out };
  uint64_t     state      = run->seed;
  size_t       done       = 0;
  const size_t give_up    = frames + (size_t)(60.0 * rate);
  while (done < give_up &&
         collector->next_column < (int64_t)collector->hist->cols) {
    uint32_t block = next_block(run, &state);
    for (uint32_t i = 0; i < block; ++i) {
      in[i] = done + i < frames ? (float)samples[done + i] : 0.0f;
    }
    hr_host_run_buffers(host, inputs, outputs, block);
    collect(collector, hr_host_notify(host));
    done += block;
  }
}

static int
check_geometry(const Collector* collector,
               const HrParams*  params,
               char*            error,
               size_t           error_size)
{
  if (!collector->have_config) {
    snprintf(error, error_size, "plugin mode: the plugin sent no Config");
    return -1;
  }
  if (collector->config.rows != hr_params_rows(params) ||
      collector->config.column_samples != params->tdeci) {
    snprintf(error,
             error_size,
             "plugin mode: the plugin analysed %d rows of %d samples, not "
             "%d rows of %d",
             collector->config.rows,
             collector->config.column_samples,
             hr_params_rows(params),
             params->tdeci);
    return -1;
  }
  if (collector->next_column < (int64_t)collector->hist->cols ||
      collector->drops) {
    snprintf(error,
             error_size,
             "plugin mode: %ld column(s) dropped, %lld of %zu received",
             collector->drops,
             (long long)collector->next_column,
             collector->hist->cols);
    return -1;
  }
  return 0;
}

int
hr_plugin_mode_compute(const HrPluginRun* run,
                       HrParams*          params,
                       const double*      samples,
                       size_t             frames,
                       double             sample_rate,
                       HrHist*            hist,
                       char*              error,
                       size_t             error_size)
{
  memset(hist, 0, sizeof(*hist));
  HrHostOptions options   = hr_host_options_default();
  options.plugin_uri      = HR__mono;
  options.rate            = sample_rate;
  options.max_block       = MAX_BLOCK;
  options.notify_capacity = HR_HOST_NOTIFY_ASKED;
  HrHost* host = hr_host_new(run->bundle_dir, &options, error, error_size);
  if (!host) {
    return -1;
  }
  Collector collector;
  memset(&collector, 0, sizeof(collector));
  hr_uris_map(&collector.uris, hr_host_map(host));
  int status =
    run->preset
      ? apply_preset(host, run->preset, params, sample_rate, error, error_size)
      : set_controls(
          host, params, run->bandwidths, sample_rate, error, error_size);
  if (status == 0 && hr_hist_init(hist,
                                  hr_params_rows(params),
                                  hr_params_cols(params, frames))) {
    snprintf(error, error_size, "out of memory");
    status = -1;
  }
  if (status == 0) {
    collector.hist = hist;
    hr_host_activate(host);
    send_ui_on(host, &collector.uris);
    feed(host, run, &collector, samples, frames, sample_rate);
    status = check_geometry(&collector, params, error, error_size);
  }
  hr_host_free(host);
  if (status != 0) {
    hr_hist_free(hist);
  }
  return status;
}
