/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "lv2_host_impl.h"

#include <lv2/atom/util.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/log/log.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/worker/worker.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

HrHostOptions
hr_host_options_default(void)
{
  HrHostOptions options;
  options.plugin_uri = "urn:uuid:f0b0c2a0-ac39-4130-8348-11027bec971e#mono";
  options.rate       = 48000.0;
  options.max_block  = 8192;
  options.notify_capacity = 65536;
  options.with_worker     = true;
  options.extra_feature   = NULL;
  return options;
}

const char*
hr_host_bundle_path(int argc, char** argv)
{
  if (argc > 1) {
    return argv[1];
  }
  const char* env = getenv("HR_LV2_BUNDLE");
  return env && env[0] ? env : HR_TEST_BUNDLE;
}

static int
log_vprintf(LV2_Log_Handle handle, LV2_URID type, const char* fmt, va_list ap)
{
  HrHost* host = (HrHost*)handle;
  (void)type;
  ++host->n_logs;
  fputs("plugin log: ", stderr);
  return vfprintf(stderr, fmt, ap);
}

static int
log_printf(LV2_Log_Handle handle, LV2_URID type, const char* fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  const int ret = log_vprintf(handle, type, fmt, args);
  va_end(args);
  return ret;
}

static void
set_features(HrHost* host)
{
  LV2_URID_Map* map       = &host->map;
  host->rate              = (float)host->options.rate;
  host->min_block         = 1;
  host->max_block         = (int32_t)host->options.max_block;
  host->seq_size          = (int32_t)host->options.notify_capacity;
  const LV2_URID     at_i = map->map(map->handle, LV2_ATOM__Int);
  const LV2_URID     ctx  = LV2_OPTIONS_INSTANCE;
  LV2_Options_Option o[5] = {
    { ctx,
      0,
      map->map(map->handle, LV2_PARAMETERS__sampleRate),
      4,
      map->map(map->handle, LV2_ATOM__Float),
      &host->rate },
    { ctx,
      0,
      map->map(map->handle, LV2_BUF_SIZE__minBlockLength),
      4,
      at_i,
      &host->min_block },
    { ctx,
      0,
      map->map(map->handle, LV2_BUF_SIZE__maxBlockLength),
      4,
      at_i,
      &host->max_block },
    { ctx,
      0,
      map->map(map->handle, LV2_BUF_SIZE__sequenceSize),
      4,
      at_i,
      &host->seq_size },
    { LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL }
  };
  memcpy(host->opts, o, sizeof(o));

  host->schedule.handle        = host;
  host->schedule.schedule_work = hr_host_schedule_work;
  host->log.handle             = host;
  host->log.printf             = log_printf;
  host->log.vprintf            = log_vprintf;

  host->f_map.URI       = LV2_URID__map;
  host->f_map.data      = &host->map;
  host->f_unmap.URI     = LV2_URID__unmap;
  host->f_unmap.data    = &host->unmap;
  host->f_schedule.URI  = LV2_WORKER__schedule;
  host->f_schedule.data = &host->schedule;
  host->f_log.URI       = LV2_LOG__log;
  host->f_log.data      = &host->log;
  host->f_options.URI   = LV2_OPTIONS__options;
  host->f_options.data  = host->opts;
  host->f_bounded.URI   = LV2_BUF_SIZE__boundedBlockLength;
  host->f_bounded.data  = NULL;

  uint32_t n          = 0;
  host->features[n++] = &host->f_map;
  host->features[n++] = &host->f_unmap;
  host->features[n++] = &host->f_log;
  host->features[n++] = &host->f_options;
  host->features[n++] = &host->f_bounded;
  if (host->options.with_worker) {
    host->features[n++] = &host->f_schedule;
  }
  if (host->options.extra_feature) {
    host->features[n++] = host->options.extra_feature;
  }
  host->features[n] = NULL;
}

/* Buffers for every port, connected; controls at their defaults the first
   time (`first`), else buffers and values kept. */
static bool
connect_ports(HrHost* host, bool first)
{
  LilvNode* audio = lilv_new_uri(host->world, LV2_CORE__AudioPort);
  LilvNode* atom  = lilv_new_uri(host->world, LV2_ATOM__AtomPort);
  LilvNode* input = lilv_new_uri(host->world, LV2_CORE__InputPort);
  bool      ok    = host->n_ports <= MAX_PORTS;
  float     mins[MAX_PORTS], maxs[MAX_PORTS], defs[MAX_PORTS];
  if (ok) {
    lilv_plugin_get_port_ranges_float(host->plugin, mins, maxs, defs);
  }
  for (uint32_t i = 0; ok && i < host->n_ports; ++i) {
    const LilvPort* port = lilv_plugin_get_port_by_index(host->plugin, i);
    if (lilv_port_is_a(host->plugin, port, audio)) {
      if (!host->audio[i]) {
        host->audio[i] = (float*)calloc(host->options.max_block, sizeof(float));
      }
      ok = host->audio[i] != NULL;
      lilv_instance_connect_port(host->instance, i, host->audio[i]);
    } else if (lilv_port_is_a(host->plugin, port, atom)) {
      if (lilv_port_is_a(host->plugin, port, input)) {
        lilv_instance_connect_port(host->instance, i, host->control);
      } else {
        lilv_instance_connect_port(host->instance, i, host->notify);
      }
    } else {
      if (first) {
        host->controls[i] = defs[i] == defs[i] ? defs[i] : 0.0f;
      }
      lilv_instance_connect_port(host->instance, i, &host->controls[i]);
    }
  }
  lilv_node_free(audio);
  lilv_node_free(atom);
  lilv_node_free(input);
  return ok;
}

HrHost*
hr_host_new(const char* bundle_path, const HrHostOptions* options)
{
  HrHost* host = (HrHost*)calloc(1, sizeof(HrHost));
  if (!host) {
    return NULL;
  }
  host->options = *options;
  /* the header (holding the capacity) is there even for capacity < 8 */
  host->notify_bytes = options->notify_capacity < sizeof(LV2_Atom)
                         ? (uint32_t)sizeof(LV2_Atom)
                         : options->notify_capacity;
  if (hr_urid_table_init(&host->urids)) {
    free(host);
    return NULL;
  }
  host->map   = hr_urid_table_map_feature(&host->urids);
  host->unmap = hr_urid_table_unmap_feature(&host->urids);
  set_features(host);

  const size_t capacity = host->notify_bytes;
  host->notify          = (uint8_t*)malloc(capacity + GUARD_BYTES);
  host->control         = (LV2_Atom_Sequence*)calloc(1, CONTROL_CAPACITY);
  host->world           = lilv_world_new();
  if (!host->notify || !host->control || !host->world) {
    hr_host_free(host);
    return NULL;
  }
  memset(host->notify, GUARD_VALUE, capacity + GUARD_BYTES);
  host->control->atom.type =
    host->map.map(host->map.handle, LV2_ATOM__Sequence);

  char* dir = (char*)malloc(strlen(bundle_path) + 2);
  sprintf(dir,
          "%s%s",
          bundle_path,
          bundle_path[strlen(bundle_path) - 1] == '/' ? "" : "/");
  LilvNode* bundle = lilv_new_file_uri(host->world, NULL, dir);
  free(dir);
  lilv_world_load_bundle(host->world, bundle);
  lilv_node_free(bundle);

  LilvNode* uri = lilv_new_uri(host->world, options->plugin_uri);
  host->plugin =
    lilv_plugins_get_by_uri(lilv_world_get_all_plugins(host->world), uri);
  lilv_node_free(uri);
  if (!host->plugin) {
    fprintf(stderr, "no plugin <%s> in %s\n", options->plugin_uri, bundle_path);
    hr_host_free(host);
    return NULL;
  }
  host->n_ports = lilv_plugin_get_num_ports(host->plugin);
  host->instance =
    lilv_plugin_instantiate(host->plugin, options->rate, host->features);
  if (!host->instance || !connect_ports(host, true)) {
    hr_host_free(host);
    return NULL;
  }
  host->worker = (const LV2_Worker_Interface*)lilv_instance_get_extension_data(
    host->instance, LV2_WORKER__interface);
  return host;
}

/* Free the instance the way hr_host_free does. */
static void
free_instance(HrHost* host)
{
  if (host->instance) {
    hr_host_deactivate(host);
    hr_host_do_work(host); /* let the plugin free what it sent away */
    hr_host_deliver_responses(host);
    hr_host_do_work(host);
    lilv_instance_free(host->instance);
    host->instance = NULL;
    host->worker   = NULL;
  }
}

void
hr_host_free(HrHost* host)
{
  if (!host) {
    return;
  }
  free_instance(host);
  for (uint32_t i = 0; i < MAX_PORTS; ++i) {
    free(host->audio[i]);
  }
  hr_urid_table_free(&host->urids);
  free(host->notify);
  free(host->control);
  if (host->world) {
    lilv_world_free(host->world);
  }
  free(host);
}

LV2_URID_Map*
hr_host_map(HrHost* host)
{
  return &host->map;
}

double
hr_host_rate(const HrHost* host)
{
  return host->options.rate;
}

uint32_t
hr_host_n_ports(const HrHost* host)
{
  return host->n_ports;
}

void
hr_host_activate(HrHost* host)
{
  lilv_instance_activate(host->instance);
  host->active = true;
}

void
hr_host_deactivate(HrHost* host)
{
  if (host->active) {
    lilv_instance_deactivate(host->instance);
    host->active = false;
  }
}

bool
hr_host_reinstantiate(HrHost* host)
{
  free_instance(host);
  host->instance =
    lilv_plugin_instantiate(host->plugin, host->options.rate, host->features);
  if (!host->instance) {
    return false;
  }
  if (!connect_ports(host, false)) {
    lilv_instance_free(host->instance);
    host->instance = NULL;
    return false;
  }
  host->worker = (const LV2_Worker_Interface*)lilv_instance_get_extension_data(
    host->instance, LV2_WORKER__interface);
  return true;
}

void
hr_host_connect_raw(HrHost* host, uint32_t index, void* data)
{
  lilv_instance_connect_port(host->instance, index, data);
}

void
hr_host_reconnect(HrHost* host)
{
  connect_ports(host, false);
}

void
hr_host_set_control(HrHost* host, uint32_t index, float value)
{
  if (index < MAX_PORTS) {
    host->controls[index] = value;
  }
}

float
hr_host_get_control(const HrHost* host, uint32_t index)
{
  return index < MAX_PORTS ? host->controls[index] : 0.0f;
}

float*
hr_host_audio(HrHost* host, uint32_t index)
{
  return index < MAX_PORTS ? host->audio[index] : NULL;
}

void
hr_host_connect_audio(HrHost* host, uint32_t index, float* buffer)
{
  lilv_instance_connect_port(
    host->instance, index, buffer ? buffer : host->audio[index]);
}

static void
set_port_value(const char* symbol,
               void*       user_data,
               const void* value,
               uint32_t    size,
               uint32_t    type)
{
  HrHost*         host = (HrHost*)user_data;
  LilvNode*       sym  = lilv_new_string(host->world, symbol);
  const LilvPort* port = lilv_plugin_get_port_by_symbol(host->plugin, sym);
  lilv_node_free(sym);
  if (!port) {
    fprintf(stderr, "preset sets unknown port '%s'\n", symbol);
    return;
  }
  const uint32_t index = lilv_port_get_index(host->plugin, port);
  LV2_URID_Map*  map   = &host->map;
  if (type == map->map(map->handle, LV2_ATOM__Float) && size == 4) {
    host->controls[index] = *(const float*)value;
  } else if (type == map->map(map->handle, LV2_ATOM__Double) && size == 8) {
    host->controls[index] = (float)*(const double*)value;
  } else if (type == map->map(map->handle, LV2_ATOM__Int) && size == 4) {
    host->controls[index] = (float)*(const int32_t*)value;
  } else {
    fprintf(stderr, "preset value of '%s' has an odd type\n", symbol);
  }
}

bool
hr_host_apply_preset(HrHost* host, const char* preset_uri)
{
  LilvNode* uri = lilv_new_uri(host->world, preset_uri);
  lilv_world_load_resource(host->world, uri);
  LilvState* state = lilv_state_new_from_world(host->world, &host->map, uri);
  lilv_node_free(uri);
  if (!state) {
    return false;
  }
  lilv_state_restore(
    state, host->instance, set_port_value, host, 0, host->features);
  lilv_state_free(state);
  return true;
}

LilvWorld*
hr_host_world(HrHost* host)
{
  return host->world;
}

const LilvPlugin*
hr_host_plugin(HrHost* host)
{
  return host->plugin;
}

LilvInstance*
hr_host_instance(HrHost* host)
{
  return host->instance;
}
