/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The host's port buffers and control values. */

#include "host/host_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The notify buffer and the control sequence (empty). */
static bool
make_atom_buffers(HrHost* host)
{
  const size_t notify_size = host->notify_bytes + HR_HOST_GUARD_BYTES;
  host->notify             = (uint8_t*)malloc(notify_size);
  host->control = (LV2_Atom_Sequence*)calloc(1, HR_HOST_CONTROL_CAPACITY);
  if (!host->notify || !host->control) {
    return false;
  }
  memset(host->notify, HR_HOST_GUARD_VALUE, notify_size);
  host->control->atom.type = hr_host_urid(host, LV2_ATOM__Sequence);
  return true;
}

static bool
make_buffers(HrHost* host)
{
  const uint32_t n = host->n_ports;
  host->controls   = (float*)calloc(n, sizeof(float));
  host->audio      = (float**)calloc(n, sizeof(float*));
  host->audio_in   = (uint32_t*)calloc(n, sizeof(uint32_t));
  host->audio_out  = (uint32_t*)calloc(n, sizeof(uint32_t));
  return host->controls && host->audio && host->audio_in && host->audio_out &&
         make_atom_buffers(host);
}

void
hr_host_free_ports(HrHost* host)
{
  for (uint32_t i = 0; host->audio && i < host->n_ports; ++i) {
    free(host->audio[i]);
  }
  free(host->audio);
  free(host->controls);
  free(host->audio_in);
  free(host->audio_out);
  free(host->notify);
  free(host->control);
}

typedef struct {
  LilvNode* audio;
  LilvNode* control;
  LilvNode* atom;
  LilvNode* input;
} PortClasses;

/* Connect port `i` to its buffer, which the first time is made, and
   whose value then is the default (NaN: 0); other ports: NULL. */
static bool
connect_port(HrHost* host, uint32_t i, const PortClasses* is, bool first)
{
  const LilvPlugin* plugin = host->plugin;
  const LilvPort*   port   = lilv_plugin_get_port_by_index(plugin, i);
  const bool        input  = lilv_port_is_a(plugin, port, is->input);
  void*             buffer = NULL;
  if (lilv_port_is_a(plugin, port, is->audio)) {
    if (first) {
      host->audio[i] = (float*)calloc(host->options.max_block, sizeof(float));
      if (input) {
        host->audio_in[host->n_audio_in++] = i;
      } else {
        host->audio_out[host->n_audio_out++] = i;
      }
    }
    buffer = host->audio[i];
    if (!buffer) {
      return false;
    }
  } else if (lilv_port_is_a(plugin, port, is->atom)) {
    if (first && input && host->control_port == UINT32_MAX) {
      host->control_port = i;
    } else if (first && !input && host->notify_port == UINT32_MAX) {
      host->notify_port = i;
    }
    buffer = i == host->control_port  ? (void*)host->control
             : i == host->notify_port ? (void*)host->notify
                                      : NULL;
  } else if (lilv_port_is_a(plugin, port, is->control)) {
    buffer = &host->controls[i];
  }
  lilv_instance_connect_port(host->instance, i, buffer);
  return true;
}

bool
hr_host_connect_ports(HrHost* host, bool first)
{
  if (first && !make_buffers(host)) {
    return false;
  }
  PortClasses is = {
    lilv_new_uri(host->world, LV2_CORE__AudioPort),
    lilv_new_uri(host->world, LV2_CORE__ControlPort),
    lilv_new_uri(host->world, LV2_ATOM__AtomPort),
    lilv_new_uri(host->world, LV2_CORE__InputPort),
  };
  if (first) {
    lilv_plugin_get_port_ranges_float(host->plugin, NULL, NULL, host->controls);
    for (uint32_t i = 0; i < host->n_ports; ++i) {
      host->controls[i] = isnan(host->controls[i]) ? 0.0f : host->controls[i];
    }
  }
  bool ok = true;
  for (uint32_t i = 0; ok && i < host->n_ports; ++i) {
    ok = connect_port(host, i, &is, first);
  }
  lilv_node_free(is.audio);
  lilv_node_free(is.control);
  lilv_node_free(is.atom);
  lilv_node_free(is.input);
  return ok;
}

uint32_t
hr_host_n_ports(const HrHost* host)
{
  return host->n_ports;
}

void
hr_host_set_control(HrHost* host, uint32_t index, float value)
{
  if (index < host->n_ports) {
    host->controls[index] = value;
  }
}

float
hr_host_get_control(const HrHost* host, uint32_t index)
{
  return index < host->n_ports ? host->controls[index] : 0.0f;
}

static const LilvPort*
find_port(const HrHost* host, const char* symbol)
{
  LilvNode*       name = lilv_new_string(host->world, symbol);
  const LilvPort* port = lilv_plugin_get_port_by_symbol(host->plugin, name);
  lilv_node_free(name);
  return port;
}

bool
hr_host_set_control_by_symbol(HrHost*     host,
                              const char* symbol,
                              float       value,
                              char*       error,
                              size_t      error_size)
{
  const LilvPort* port = find_port(host, symbol);
  if (!port) {
    hr_host_fail(error, error_size, "the plugin has no control '%s'", symbol);
    return false;
  }
  LilvNode* minimum = NULL;
  LilvNode* maximum = NULL;
  lilv_port_get_range(host->plugin, port, NULL, &minimum, &maximum);
  const float low  = minimum ? lilv_node_as_float(minimum) : -INFINITY;
  const float high = maximum ? lilv_node_as_float(maximum) : INFINITY;
  lilv_node_free(minimum);
  lilv_node_free(maximum);
  if (!(value >= low && value <= high)) {
    hr_host_fail(error,
                 error_size,
                 "plugin mode: %s %g is outside the plugin's range %g to %g",
                 symbol,
                 value,
                 low,
                 high);
    return false;
  }
  host->controls[lilv_port_get_index(host->plugin, port)] = value;
  return true;
}

float
hr_host_get_control_by_symbol(const HrHost* host, const char* symbol)
{
  const LilvPort* port = find_port(host, symbol);
  return port ? host->controls[lilv_port_get_index(host->plugin, port)] : NAN;
}

float*
hr_host_audio(HrHost* host, uint32_t index)
{
  return index < host->n_ports ? host->audio[index] : NULL;
}

void
hr_host_connect_audio(HrHost* host, uint32_t index, float* buffer)
{
  if (index < host->n_ports) {
    lilv_instance_connect_port(
      host->instance, index, buffer ? buffer : host->audio[index]);
  }
}

void
hr_host_connect_raw(HrHost* host, uint32_t index, void* data)
{
  lilv_instance_connect_port(host->instance, index, data);
}

void
hr_host_reconnect(HrHost* host)
{
  hr_host_connect_ports(host, false);
}
