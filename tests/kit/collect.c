/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "collect.h"

#include "protocol/ports.h"

#include <lv2/atom/forge.h>

#include <math.h>
#include <string.h>

#define TWO_PI 6.28318530717958647692

void
hr_collect_init(HrCollected* c, HrHost* host)
{
  memset(c, 0, sizeof(*c));
  hr_uris_map(&c->uris, hr_host_map(host));
  for (int ch = 0; ch < HR_N_CHANNELS; ++ch) {
    c->next[ch] = -1;
    c->last[ch] = -1;
  }
}

static void
take_columns(HrCollected* c, const HrColumnsMsg* m)
{
  const int ch = m->channel;
  if (c->n_configs == 0 || m->rows != c->config.rows ||
      !(c->config.channel_mask & (1 << ch))) {
    ++c->bad; /* columns before or against the Config */
    return;
  }
  const int64_t expected =
    c->next[ch] < c->config.first_column ? c->config.first_column : c->next[ch];
  if (m->first < expected || m->first - expected > m->drops) {
    ++c->unexplained_gaps;
  }
  c->next[ch] = m->first + m->n_columns;
  c->last[ch] = c->next[ch] - 1;
  c->columns[ch] += m->n_columns;
  c->drops[ch] += m->drops;
  for (uint32_t i = 0; i < m->n_cells; ++i) {
    if (m->cell_row[i] < HR_COLLECT_ROWS) {
      const int32_t row = m->cell_row[i];
      c->energy[ch][row] += m->cell_energy[i];
      c->hits[ch][row] += m->cell_hits[i];
      if (c->cells[ch][row] == 0 || m->cell_hits[i] < c->min_hits[ch][row]) {
        c->min_hits[ch][row] = m->cell_hits[i];
      }
      ++c->cells[ch][row];
    }
  }
}

static void
take(void* data, const LV2_Atom* atom)
{
  HrCollected*   c     = (HrCollected*)data;
  const LV2_URID otype = hr_message_type(&c->uris, atom);
  if (otype == c->uris.hr_Config) {
    if (hr_read_config(&c->uris, atom, &c->config) == HR_MSG_OK) {
      ++c->n_configs;
    } else {
      ++c->bad;
    }
  } else if (otype == c->uris.hr_Columns) {
    HrColumnsMsg m;
    if (hr_read_columns(&c->uris, atom, &m) == HR_MSG_OK) {
      take_columns(c, &m);
      ++c->n_messages;
      ++c->run_messages;
    } else {
      ++c->bad;
    }
  } else if (otype == c->uris.hr_UIState) {
    if (hr_read_ui_settings(&c->uris, atom, &c->ui_settings) == HR_MSG_OK) {
      ++c->n_ui_states;
    } else {
      ++c->bad;
    }
  } else {
    ++c->bad;
  }
}

void
hr_collect(HrCollected* c, HrHost* host)
{
  c->run_messages = 0;
  if (hr_host_each_message(host, take, c) < 0) {
    ++c->bad_sequences;
  }
  if (c->run_messages > c->max_per_run) {
    c->max_per_run = c->run_messages;
  }
}

void
hr_collect_clear_energy(HrCollected* c)
{
  memset(c->energy, 0, sizeof(c->energy));
  memset(c->hits, 0, sizeof(c->hits));
  memset(c->cells, 0, sizeof(c->cells));
  memset(c->min_hits, 0, sizeof(c->min_hits));
}

int
hr_collect_peak_row(const HrCollected* c, int channel)
{
  int    peak = -1;
  double most = 0.0;
  for (int row = 0; row < HR_COLLECT_ROWS; ++row) {
    if (c->energy[channel][row] > most) {
      most = c->energy[channel][row];
      peak = row;
    }
  }
  return peak;
}

void
hr_collect_send_command(HrCollected* c, HrHost* host, LV2_URID otype)
{
  uint8_t        buf[64];
  LV2_Atom_Forge forge;
  lv2_atom_forge_init(&forge, hr_host_map(host));
  lv2_atom_forge_set_buffer(&forge, buf, sizeof(buf));
  hr_write_command(&forge, &c->uris, otype);
  hr_host_send(host, (const LV2_Atom*)buf);
}

bool
hr_collect_run_tone(HrCollected* c,
                    HrHost*      host,
                    double       freq,
                    double       seconds,
                    uint32_t     block)
{
  const bool     stereo = hr_host_n_ports(host) == HR_N_PORTS_STEREO;
  const uint32_t in[2]  = { HR_PORT_IN_1, HR_PORT_IN_2 };
  const uint32_t out[2] = { HR_PORT_OUT_1, HR_PORT_OUT_2 };
  const double   rate   = hr_host_rate(host);
  const uint64_t total  = (uint64_t)(seconds * rate);
  bool           same   = true;
  for (uint64_t done = 0; done < total; done += block) {
    const uint32_t n = total - done < block ? (uint32_t)(total - done) : block;
    for (int ch = 0; ch < (stereo ? 2 : 1); ++ch) {
      float* buf = hr_host_audio(host, in[ch]);
      for (uint32_t i = 0; i < n; ++i) {
        const double t = (double)(c->clock + i) / rate;
        buf[i] = freq > 0 ? (float)(0.5 * sin(TWO_PI * freq * t)) : 0.0f;
      }
    }
    hr_host_run(host, n);
    c->clock += n;
    for (int ch = 0; ch < (stereo ? 2 : 1); ++ch) {
      same = same && !memcmp(hr_host_audio(host, in[ch]),
                             hr_host_audio(host, out[ch]),
                             n * sizeof(float));
    }
    hr_collect(c, host);
  }
  return same;
}
