/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The host's set-up: the lilv world and plugin, the features, the
   instance. */

#include "host/host_impl.h"

#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/parameters/parameters.h>
#include <lv2/resize-port/resize-port.h>

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

LV2_URID
hr_host_urid(HrHost* host, const char* uri)
{
  return hr_urid_table_map(&host->urids, uri);
}

void
hr_host_fail(char* error, size_t error_size, const char* format, ...)
{
  va_list args;
  va_start(args, format);
  if (error && error_size) {
    vsnprintf(error, error_size, format, args);
  } else {
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
  }
  va_end(args);
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
set_option(LV2_Options_Option* option,
           LV2_URID            key,
           LV2_URID            type,
           uint32_t            size,
           const void*         value)
{
  option->context = LV2_OPTIONS_INSTANCE;
  option->subject = 0;
  option->key     = key;
  option->size    = size;
  option->type    = type;
  option->value   = value;
}

static void
set_options(HrHost* host)
{
  const LV2_URID atom_int = hr_host_urid(host, LV2_ATOM__Int);
  host->rate              = (float)host->options.rate;
  host->min_block         = 1;
  host->max_block         = (int32_t)host->options.max_block;
  set_option(&host->opts[0],
             hr_host_urid(host, LV2_PARAMETERS__sampleRate),
             hr_host_urid(host, LV2_ATOM__Float),
             sizeof(float),
             &host->rate);
  set_option(&host->opts[1],
             hr_host_urid(host, LV2_BUF_SIZE__minBlockLength),
             atom_int,
             sizeof(int32_t),
             &host->min_block);
  set_option(&host->opts[2],
             hr_host_urid(host, LV2_BUF_SIZE__maxBlockLength),
             atom_int,
             sizeof(int32_t),
             &host->max_block);
  set_option(&host->opts[3],
             hr_host_urid(host, LV2_BUF_SIZE__sequenceSize),
             atom_int,
             sizeof(int32_t),
             &host->sequence_size);
  memset(&host->opts[4], 0, sizeof(host->opts[4]));
}

static void
set_features(HrHost* host)
{
  host->map                    = hr_urid_table_map_feature(&host->urids);
  host->unmap                  = hr_urid_table_unmap_feature(&host->urids);
  host->schedule.handle        = host;
  host->schedule.schedule_work = hr_host_schedule_work;
  host->log.handle             = host;
  host->log.printf             = log_printf;
  host->log.vprintf            = log_vprintf;
  set_options(host);

  const LV2_Feature features[] = {
    { LV2_URID__map, &host->map },
    { LV2_URID__unmap, &host->unmap },
    { LV2_WORKER__schedule, &host->schedule },
    { LV2_LOG__log, &host->log },
    { LV2_OPTIONS__options, host->opts },
    { LV2_BUF_SIZE__boundedBlockLength, NULL },
  };
  host->f_map      = features[0];
  host->f_unmap    = features[1];
  host->f_schedule = features[2];
  host->f_log      = features[3];
  host->f_options  = features[4];
  host->f_bounded  = features[5];

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

/* Fail if the plugin requires a feature this host does not offer. */
static bool
check_required_features(HrHost* host, char* error, size_t error_size)
{
  LilvNodes* required = lilv_plugin_get_required_features(host->plugin);
  bool       ok       = true;
  LILV_FOREACH(nodes, i, required)
  {
    const char* uri   = lilv_node_as_uri(lilv_nodes_get(required, i));
    bool        found = false;
    for (const LV2_Feature* const* f = host->features; *f; ++f) {
      found = found || !strcmp((*f)->URI, uri);
    }
    if (!found) {
      hr_host_fail(error,
                   error_size,
                   "the plugin requires %s, which this host does not offer",
                   uri);
      ok = false;
      break;
    }
  }
  lilv_nodes_free(required);
  return ok;
}

/* The largest rsz:minimumSize of the plugin's ports, at least
   HR_HOST_NOTIFY_MIN_CAPACITY. */
static uint32_t
notify_size_wanted(HrHost* host)
{
  LilvNode* minimum_size =
    lilv_new_uri(host->world, LV2_RESIZE_PORT__minimumSize);
  uint32_t wanted = HR_HOST_NOTIFY_MIN_CAPACITY;
  for (uint32_t i = 0; i < lilv_plugin_get_num_ports(host->plugin); ++i) {
    const LilvPort* port = lilv_plugin_get_port_by_index(host->plugin, i);
    LilvNodes* sizes = lilv_port_get_value(host->plugin, port, minimum_size);
    if (sizes && lilv_nodes_size(sizes) > 0) {
      const int asked = lilv_node_as_int(lilv_nodes_get_first(sizes));
      if (asked > 0 && (uint32_t)asked > wanted) {
        wanted = (uint32_t)asked;
      }
    }
    lilv_nodes_free(sizes);
  }
  lilv_node_free(minimum_size);
  return wanted;
}

/* The notify capacity the options ask for, or the plugin if they leave
   it open: its buffer then holds the header and the body it offers. */
static void
size_notify(HrHost* host)
{
  if (host->options.notify_capacity == HR_HOST_NOTIFY_ASKED) {
    const uint32_t wanted         = notify_size_wanted(host);
    host->options.notify_capacity = wanted - (uint32_t)sizeof(LV2_Atom);
    host->sequence_size           = (int32_t)wanted;
  } else {
    host->sequence_size = (int32_t)host->options.notify_capacity;
  }
  /* the header (holding the capacity) is there even for capacity < 8 */
  host->notify_bytes = host->options.notify_capacity < sizeof(LV2_Atom)
                         ? (uint32_t)sizeof(LV2_Atom)
                         : host->options.notify_capacity;
}

static bool
load_plugin(HrHost* host, const char* bundle_dir, char* error, size_t size)
{
  host->world = lilv_world_new();
  if (!host->world) {
    hr_host_fail(error, size, "cannot start lilv");
    return false;
  }
  if (bundle_dir) {
    const size_t length = strlen(bundle_dir);
    char*        dir    = (char*)malloc(length + 2);
    if (!dir) {
      hr_host_fail(error, size, "out of memory");
      return false;
    }
    snprintf(dir,
             length + 2,
             "%s%s",
             bundle_dir,
             length && bundle_dir[length - 1] == '/' ? "" : "/");
    LilvNode* bundle = lilv_new_file_uri(host->world, NULL, dir);
    free(dir);
    lilv_world_load_bundle(host->world, bundle);
    lilv_node_free(bundle);
  } else {
    lilv_world_load_all(host->world);
  }
  LilvNode* uri = lilv_new_uri(host->world, host->options.plugin_uri);
  host->plugin =
    lilv_plugins_get_by_uri(lilv_world_get_all_plugins(host->world), uri);
  lilv_node_free(uri);
  if (!host->plugin) {
    hr_host_fail(error,
                 size,
                 "plugin %s not found in %s",
                 host->options.plugin_uri,
                 bundle_dir ? bundle_dir : "LV2_PATH");
    return false;
  }
  host->n_ports = lilv_plugin_get_num_ports(host->plugin);
  return true;
}

static bool
make_instance(HrHost* host)
{
  host->instance =
    lilv_plugin_instantiate(host->plugin, host->options.rate, host->features);
  if (!host->instance) {
    return false;
  }
  host->worker = (const LV2_Worker_Interface*)lilv_instance_get_extension_data(
    host->instance, LV2_WORKER__interface);
  return true;
}

HrHost*
hr_host_new(const char*          bundle_dir,
            const HrHostOptions* options,
            char*                error,
            size_t               error_size)
{
  HrHost* host = (HrHost*)calloc(1, sizeof(HrHost));
  if (!host || hr_urid_table_init(&host->urids)) {
    free(host);
    hr_host_fail(error, error_size, "out of memory");
    return NULL;
  }
  host->options      = *options;
  host->control_port = UINT32_MAX;
  host->notify_port  = UINT32_MAX;
  host->requests =
    hr_message_ring_new(HR_HOST_WORK_SLOTS, HR_HOST_WORK_SLOT_BYTES);
  host->responses =
    hr_message_ring_new(HR_HOST_WORK_SLOTS, HR_HOST_WORK_SLOT_BYTES);
  if (!host->requests || !host->responses) {
    hr_host_fail(error, error_size, "out of memory");
    hr_host_free(host);
    return NULL;
  }
  set_features(host);
  if (!load_plugin(host, bundle_dir, error, error_size) ||
      !check_required_features(host, error, error_size)) {
    hr_host_free(host);
    return NULL;
  }
  size_notify(host);
  if (!make_instance(host)) {
    hr_host_fail(error,
                 error_size,
                 "the plugin refused to start at %.0f Hz",
                 host->options.rate);
    hr_host_free(host);
    return NULL;
  }
  if (!hr_host_connect_ports(host, true)) {
    hr_host_fail(error, error_size, "cannot connect the plugin's ports");
    hr_host_free(host);
    return NULL;
  }
  return host;
}

/* Free the instance, letting the plugin free what it sent away. */
static void
free_instance(HrHost* host)
{
  if (host->instance) {
    hr_host_deactivate(host);
    hr_host_do_work(host);
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
  hr_host_free_ports(host);
  hr_message_ring_free(host->requests);
  hr_message_ring_free(host->responses);
  if (host->world) {
    lilv_world_free(host->world);
  }
  hr_urid_table_free(&host->urids);
  free(host);
}

bool
hr_host_reinstantiate(HrHost* host)
{
  free_instance(host);
  if (!make_instance(host)) {
    return false;
  }
  if (!hr_host_connect_ports(host, false)) {
    lilv_instance_free(host->instance);
    host->instance = NULL;
    host->worker   = NULL;
    return false;
  }
  return true;
}

void
hr_host_activate(HrHost* host)
{
  if (!host->active) {
    lilv_instance_activate(host->instance);
    host->active = true;
  }
}

void
hr_host_deactivate(HrHost* host)
{
  if (host->active) {
    lilv_instance_deactivate(host->instance);
    host->active = false;
  }
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
