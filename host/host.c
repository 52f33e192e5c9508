/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "host.h"
#include "urid_table.h"

#include <lilv/lilv.h>
#include <lv2/atom/util.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/options/options.h>
#include <lv2/parameters/parameters.h>
#include <lv2/presets/presets.h>
#include <lv2/resize-port/resize-port.h>
#include <lv2/worker/worker.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONTROL_CAPACITY 65536
#define NOTIFY_MIN_CAPACITY (4u << 20)
#define MAX_WORK 16
#define MAX_WORK_SIZE 4096

/* A worker request or response, copied. */
typedef struct {
  uint32_t size;
  uint8_t  data[MAX_WORK_SIZE];
} WorkItem;

typedef struct {
  WorkItem items[MAX_WORK];
  uint32_t count;
} WorkQueue;

struct HrHostImpl {
  LilvWorld*                  world;
  const LilvPlugin*           plugin;
  LilvInstance*               instance;
  const LV2_Worker_Interface* worker;
  HrUridTable                 urids;
  LV2_URID_Map                map;
  LV2_URID_Unmap              unmap;
  LV2_Worker_Schedule         schedule;
  LV2_Options_Option          options[5];
  int32_t                     min_block;
  int32_t                     max_block;
  int32_t                     sequence_size;
  float                       sample_rate;
  uint32_t                    n_ports;
  float*                      controls; /* one per port (controls only) */
  uint32_t*                   audio_in;
  uint32_t*                   audio_out;
  uint32_t                    n_audio_in;
  uint32_t                    n_audio_out;
  LV2_Atom_Sequence*          control_buffer;
  LV2_Atom_Sequence*          notify_buffer;
  uint32_t                    notify_capacity;
  int                         active;
  WorkQueue                   requests;
  WorkQueue                   responses;
};

static int
queue_push(WorkQueue* queue, uint32_t size, const void* data)
{
  if (queue->count >= MAX_WORK || size > MAX_WORK_SIZE) {
    return -1;
  }
  queue->items[queue->count].size = size;
  memcpy(queue->items[queue->count].data, data, size);
  ++queue->count;
  return 0;
}

static LV2_Worker_Status
schedule_work(LV2_Worker_Schedule_Handle handle,
              uint32_t                   size,
              const void*                data)
{
  HrHost* host = (HrHost*)handle;
  return queue_push(&host->requests, size, data) ? LV2_WORKER_ERR_NO_SPACE
                                                 : LV2_WORKER_SUCCESS;
}

static LV2_Worker_Status
respond(LV2_Worker_Respond_Handle handle, uint32_t size, const void* data)
{
  HrHost* host = (HrHost*)handle;
  return queue_push(&host->responses, size, data) ? LV2_WORKER_ERR_NO_SPACE
                                                  : LV2_WORKER_SUCCESS;
}

/* Serve the worker synchronously: offline, nobody waits for real time. */
static void
serve_worker(HrHost* host)
{
  if (!host->worker) {
    host->requests.count = 0;
    return;
  }
  LV2_Handle handle = lilv_instance_get_handle(host->instance);
  for (uint32_t i = 0; i < host->requests.count; ++i) {
    host->worker->work(handle,
                       respond,
                       host,
                       host->requests.items[i].size,
                       host->requests.items[i].data);
  }
  host->requests.count = 0;
  for (uint32_t i = 0; i < host->responses.count; ++i) {
    host->worker->work_response(
      handle, host->responses.items[i].size, host->responses.items[i].data);
  }
  host->responses.count = 0;
  if (host->worker->end_run) {
    host->worker->end_run(handle);
  }
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
init_features(HrHost* host)
{
  host->map                    = hr_urid_table_map_feature(&host->urids);
  host->unmap                  = hr_urid_table_unmap_feature(&host->urids);
  host->schedule.handle        = host;
  host->schedule.schedule_work = schedule_work;
  const LV2_URID atom_int      = hr_host_map(host, LV2_ATOM__Int);
  set_option(&host->options[0],
             hr_host_map(host, LV2_BUF_SIZE__minBlockLength),
             atom_int,
             sizeof(int32_t),
             &host->min_block);
  set_option(&host->options[1],
             hr_host_map(host, LV2_BUF_SIZE__maxBlockLength),
             atom_int,
             sizeof(int32_t),
             &host->max_block);
  set_option(&host->options[2],
             hr_host_map(host, LV2_BUF_SIZE__sequenceSize),
             atom_int,
             sizeof(int32_t),
             &host->sequence_size);
  set_option(&host->options[3],
             hr_host_map(host, LV2_PARAMETERS__sampleRate),
             hr_host_map(host, LV2_ATOM__Float),
             sizeof(float),
             &host->sample_rate);
  memset(&host->options[4], 0, sizeof(host->options[4]));
}

/* Fail if the plugin requires a feature this host lacks. */
static int
check_required_features(HrHost*            host,
                        const char* const* supported,
                        char*              error,
                        size_t             error_size)
{
  LilvNodes* required = lilv_plugin_get_required_features(host->plugin);
  int        status   = 0;
  LILV_FOREACH(nodes, i, required)
  {
    const char* uri   = lilv_node_as_uri(lilv_nodes_get(required, i));
    int         found = 0;
    for (const char* const* s = supported; *s; ++s) {
      found = found || !strcmp(*s, uri);
    }
    if (!found) {
      snprintf(error,
               error_size,
               "the plugin requires %s, which this host "
               "does not offer",
               uri);
      status = -1;
      break;
    }
  }
  lilv_nodes_free(required);
  return status;
}

/* The buffer an atom port gets: its rsz:minimumSize, at least
   NOTIFY_MIN_CAPACITY. */
static uint32_t
notify_size_wanted(HrHost* host, const LilvPort* port)
{
  LilvNode* minimum_size =
    lilv_new_uri(host->world, LV2_RESIZE_PORT__minimumSize);
  LilvNodes* sizes  = lilv_port_get_value(host->plugin, port, minimum_size);
  uint32_t   wanted = NOTIFY_MIN_CAPACITY;
  if (sizes && lilv_nodes_size(sizes) > 0) {
    const int asked = lilv_node_as_int(lilv_nodes_get_first(sizes));
    if (asked > 0 && (uint32_t)asked > wanted) {
      wanted = (uint32_t)asked;
    }
  }
  lilv_nodes_free(sizes);
  lilv_node_free(minimum_size);
  return wanted;
}

typedef struct {
  LilvNode* audio;
  LilvNode* control;
  LilvNode* atom;
  LilvNode* input;
  LilvNode* output;
} PortClasses;

static int
connect_port(HrHost* host, uint32_t index, const PortClasses* classes)
{
  const LilvPort* port  = lilv_plugin_get_port_by_index(host->plugin, index);
  const int       input = lilv_port_is_a(host->plugin, port, classes->input);
  if (lilv_port_is_a(host->plugin, port, classes->control)) {
    lilv_instance_connect_port(host->instance, index, &host->controls[index]);
  } else if (lilv_port_is_a(host->plugin, port, classes->audio)) {
    if (input) {
      host->audio_in[host->n_audio_in++] = index;
    } else {
      host->audio_out[host->n_audio_out++] = index;
    }
  } else if (lilv_port_is_a(host->plugin, port, classes->atom)) {
    if (input && !host->control_buffer) {
      host->control_buffer = calloc(1, CONTROL_CAPACITY);
      lilv_instance_connect_port(host->instance, index, host->control_buffer);
    } else if (!input && !host->notify_buffer) {
      host->notify_capacity = notify_size_wanted(host, port);
      host->notify_buffer   = calloc(1, host->notify_capacity);
      lilv_instance_connect_port(host->instance, index, host->notify_buffer);
    }
    if ((input && !host->control_buffer) || (!input && !host->notify_buffer)) {
      return -1;
    }
  }
  return 0; /* other kinds of port stay unconnected (NULL) */
}

static int
connect_ports(HrHost* host, char* error, size_t error_size)
{
  PortClasses classes = {
    lilv_new_uri(host->world, LV2_CORE__AudioPort),
    lilv_new_uri(host->world, LV2_CORE__ControlPort),
    lilv_new_uri(host->world, LV2_ATOM__AtomPort),
    lilv_new_uri(host->world, LV2_CORE__InputPort),
    lilv_new_uri(host->world, LV2_CORE__OutputPort),
  };
  host->n_ports   = lilv_plugin_get_num_ports(host->plugin);
  host->controls  = calloc(host->n_ports, sizeof(float));
  host->audio_in  = calloc(host->n_ports, sizeof(uint32_t));
  host->audio_out = calloc(host->n_ports, sizeof(uint32_t));
  int status = (host->controls && host->audio_in && host->audio_out) ? 0 : -1;
  if (status == 0) {
    lilv_plugin_get_port_ranges_float(host->plugin, NULL, NULL, host->controls);
    for (uint32_t i = 0; i < host->n_ports && status == 0; ++i) {
      host->controls[i] = isnan(host->controls[i]) ? 0.0f : host->controls[i];
      status            = connect_port(host, i, &classes);
    }
  }
  lilv_node_free(classes.audio);
  lilv_node_free(classes.control);
  lilv_node_free(classes.atom);
  lilv_node_free(classes.input);
  lilv_node_free(classes.output);
  if (status) {
    snprintf(error, error_size, "cannot connect the plugin's ports");
  }
  return status;
}

static int
load_plugin(HrHost*     host,
            const char* bundle_dir,
            const char* uri,
            char*       error,
            size_t      error_size)
{
  host->world = lilv_world_new();
  if (!host->world) {
    snprintf(error, error_size, "cannot start lilv");
    return -1;
  }
  if (bundle_dir) {
    char path[4096];
    snprintf(path, sizeof(path), "%s/", bundle_dir);
    LilvNode* bundle = lilv_new_file_uri(host->world, NULL, path);
    lilv_world_load_bundle(host->world, bundle);
    lilv_node_free(bundle);
  } else {
    lilv_world_load_all(host->world);
  }
  LilvNode* plugin_uri = lilv_new_uri(host->world, uri);
  host->plugin         = lilv_plugins_get_by_uri(
    lilv_world_get_all_plugins(host->world), plugin_uri);
  lilv_node_free(plugin_uri);
  if (!host->plugin) {
    snprintf(error,
             error_size,
             "plugin %s not found in %s",
             uri,
             bundle_dir ? bundle_dir : "LV2_PATH");
    return -1;
  }
  return 0;
}

HrHost*
hr_host_new(const char* bundle_dir,
            const char* uri,
            double      sample_rate,
            uint32_t    max_block,
            char*       error,
            size_t      error_size)
{
  static const char* const supported[] = { LV2_URID__map,
                                           LV2_URID__unmap,
                                           LV2_WORKER__schedule,
                                           LV2_OPTIONS__options,
                                           LV2_BUF_SIZE__boundedBlockLength,
                                           NULL };
  HrHost*                  host        = calloc(1, sizeof(HrHost));
  if (!host || hr_urid_table_init(&host->urids)) {
    free(host);
    snprintf(error, error_size, "out of memory");
    return NULL;
  }
  host->min_block   = 1;
  host->max_block   = (int32_t)max_block;
  host->sample_rate = (float)sample_rate;
  init_features(host);
  if (load_plugin(host, bundle_dir, uri, error, error_size) ||
      check_required_features(host, supported, error, error_size)) {
    hr_host_free(host);
    return NULL;
  }
  host->sequence_size = (int32_t)NOTIFY_MIN_CAPACITY;
  for (uint32_t i = 0; i < lilv_plugin_get_num_ports(host->plugin); ++i) {
    const uint32_t wanted =
      notify_size_wanted(host, lilv_plugin_get_port_by_index(host->plugin, i));
    if (wanted > (uint32_t)host->sequence_size) {
      host->sequence_size = (int32_t)wanted;
    }
  }
  const LV2_Feature  map_feature      = { LV2_URID__map, &host->map };
  const LV2_Feature  unmap_feature    = { LV2_URID__unmap, &host->unmap };
  const LV2_Feature  schedule_feature = { LV2_WORKER__schedule,
                                          &host->schedule };
  const LV2_Feature  options_feature  = { LV2_OPTIONS__options, host->options };
  const LV2_Feature  bounded_feature  = { LV2_BUF_SIZE__boundedBlockLength,
                                          NULL };
  const LV2_Feature* features[]       = { &map_feature,      &unmap_feature,
                                          &schedule_feature, &options_feature,
                                          &bounded_feature,  NULL };
  host->instance = lilv_plugin_instantiate(host->plugin, sample_rate, features);
  if (!host->instance) {
    snprintf(
      error, error_size, "the plugin refused to start at %.0f Hz", sample_rate);
    hr_host_free(host);
    return NULL;
  }
  host->worker = (const LV2_Worker_Interface*)lilv_instance_get_extension_data(
    host->instance, LV2_WORKER__interface);
  if (connect_ports(host, error, error_size)) {
    hr_host_free(host);
    return NULL;
  }
  return host;
}

void
hr_host_free(HrHost* host)
{
  if (!host) {
    return;
  }
  if (host->instance) {
    if (host->active) {
      lilv_instance_deactivate(host->instance);
    }
    lilv_instance_free(host->instance);
  }
  free(host->controls);
  free(host->audio_in);
  free(host->audio_out);
  free(host->control_buffer);
  free(host->notify_buffer);
  if (host->world) {
    lilv_world_free(host->world);
  }
  hr_urid_table_free(&host->urids);
  free(host);
}

static const LilvPort*
find_port(const HrHost* host, const char* symbol)
{
  LilvNode*       name = lilv_new_string(host->world, symbol);
  const LilvPort* port = lilv_plugin_get_port_by_symbol(host->plugin, name);
  lilv_node_free(name);
  return port;
}

int
hr_host_set_control(HrHost*     host,
                    const char* symbol,
                    float       value,
                    char*       error,
                    size_t      error_size)
{
  const LilvPort* port = find_port(host, symbol);
  if (!port) {
    snprintf(error, error_size, "the plugin has no control '%s'", symbol);
    return -1;
  }
  LilvNode* minimum = NULL;
  LilvNode* maximum = NULL;
  lilv_port_get_range(host->plugin, port, NULL, &minimum, &maximum);
  const float low  = minimum ? lilv_node_as_float(minimum) : -INFINITY;
  const float high = maximum ? lilv_node_as_float(maximum) : INFINITY;
  lilv_node_free(minimum);
  lilv_node_free(maximum);
  if (!(value >= low && value <= high)) {
    snprintf(error,
             error_size,
             "plugin mode: %s %g is outside the plugin's range %g to %g",
             symbol,
             value,
             low,
             high);
    return -1;
  }
  host->controls[lilv_port_get_index(host->plugin, port)] = value;
  return 0;
}

float
hr_host_get_control(const HrHost* host, const char* symbol)
{
  const LilvPort* port = find_port(host, symbol);
  return port ? host->controls[lilv_port_get_index(host->plugin, port)] : NAN;
}

LV2_URID
hr_host_map(HrHost* host, const char* uri)
{
  return hr_urid_table_map(&host->urids, uri);
}

LV2_URID_Map*
hr_host_urid_map(HrHost* host)
{
  return &host->map;
}

void
hr_host_activate(HrHost* host)
{
  if (!host->active) {
    lilv_instance_activate(host->instance);
    host->active = 1;
    serve_worker(host);
  }
}

static void
reset_control_buffer(HrHost* host)
{
  host->control_buffer->atom.type = hr_host_map(host, LV2_ATOM__Sequence);
  host->control_buffer->atom.size = sizeof(LV2_Atom_Sequence_Body);
  host->control_buffer->body.unit = 0;
  host->control_buffer->body.pad  = 0;
}

int
hr_host_send(HrHost* host, const LV2_Atom* atom)
{
  if (!host->control_buffer) {
    return -1;
  }
  if (host->control_buffer->atom.type == 0) {
    reset_control_buffer(host);
  }
  const uint32_t used = sizeof(LV2_Atom) + host->control_buffer->atom.size;
  const uint32_t need = lv2_atom_pad_size(sizeof(LV2_Atom_Event) + atom->size);
  if (used + need > CONTROL_CAPACITY) {
    return -1;
  }
  LV2_Atom_Event* event =
    (LV2_Atom_Event*)((uint8_t*)host->control_buffer + used);
  event->time.frames = 0;
  memcpy(&event->body, atom, sizeof(LV2_Atom) + atom->size);
  host->control_buffer->atom.size += need;
  return 0;
}

const LV2_Atom_Sequence*
hr_host_run(HrHost*             host,
            const float* const* in,
            float* const*       out,
            uint32_t            n_frames)
{
  for (uint32_t i = 0; i < host->n_audio_in; ++i) {
    lilv_instance_connect_port(host->instance, host->audio_in[i], (void*)in[i]);
  }
  for (uint32_t i = 0; i < host->n_audio_out; ++i) {
    lilv_instance_connect_port(host->instance, host->audio_out[i], out[i]);
  }
  if (host->control_buffer && host->control_buffer->atom.type == 0) {
    reset_control_buffer(host);
  }
  if (host->notify_buffer) {
    /* An output sequence starts as a Chunk holding the capacity. */
    host->notify_buffer->atom.type = hr_host_map(host, LV2_ATOM__Chunk);
    host->notify_buffer->atom.size = host->notify_capacity - sizeof(LV2_Atom);
  }
  lilv_instance_run(host->instance, n_frames);
  serve_worker(host);
  if (host->control_buffer) {
    reset_control_buffer(host);
  }
  return host->notify_buffer;
}

uint32_t
hr_host_n_audio_inputs(const HrHost* host)
{
  return host->n_audio_in;
}

static void
set_port_value(const char* symbol,
               void*       data,
               const void* value,
               uint32_t    size,
               uint32_t    type)
{
  HrHost* host = (HrHost*)data;
  if (size == sizeof(float) &&
      type == hr_urid_table_map(&host->urids, LV2_ATOM__Float)) {
    const LilvPort* port = find_port(host, symbol);
    if (port) {
      host->controls[lilv_port_get_index(host->plugin, port)] =
        *(const float*)value;
    }
  }
}

/* The label of a preset node, loading its resource first. */
static const char*
preset_label(HrHost* host, const LilvNode* preset, LilvNode** label)
{
  LilvNode* label_uri = lilv_new_uri(host->world, LILV_NS_RDFS "label");
  lilv_world_load_resource(host->world, preset);
  *label = lilv_world_get(host->world, preset, label_uri, NULL);
  lilv_node_free(label_uri);
  return *label ? lilv_node_as_string(*label) : "";
}

static int
restore_preset(HrHost* host, const LilvNode* preset)
{
  LilvState* state = lilv_state_new_from_world(host->world, &host->map, preset);
  if (!state) {
    return -1;
  }
  lilv_state_restore(state, host->instance, set_port_value, host, 0, NULL);
  lilv_state_free(state);
  return 0;
}

int
hr_host_apply_preset(HrHost*     host,
                     const char* name,
                     char*       error,
                     size_t      error_size)
{
  LilvNode*  preset_class = lilv_new_uri(host->world, LV2_PRESETS__Preset);
  LilvNodes* presets      = lilv_plugin_get_related(host->plugin, preset_class);
  int        status       = -1;
  char       known[512]   = "";
  LILV_FOREACH(nodes, i, presets)
  {
    const LilvNode* preset = lilv_nodes_get(presets, i);
    LilvNode*       label  = NULL;
    const char*     text   = preset_label(host, preset, &label);
    if (status != 0 &&
        (!strcasecmp(text, name) || !strcmp(lilv_node_as_uri(preset), name))) {
      status = restore_preset(host, preset);
    }
    snprintf(known + strlen(known),
             sizeof(known) - strlen(known),
             "%s%s",
             known[0] ? ", " : "",
             text);
    lilv_node_free(label);
  }
  lilv_nodes_free(presets);
  lilv_node_free(preset_class);
  if (status != 0) {
    snprintf(
      error, error_size, "no preset '%s' (the plugin has: %s)", name, known);
  }
  return status;
}
