/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Presets, applied the way hosts do: the plugin's related pset:Preset
   nodes, lilv_state_new_from_world, lilv_state_restore. */

#include "host/host_impl.h"

#include <lv2/presets/presets.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

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
  float* control = &host->controls[lilv_port_get_index(host->plugin, port)];
  if (type == hr_host_urid(host, LV2_ATOM__Float) && size == 4) {
    *control = *(const float*)value;
  } else if (type == hr_host_urid(host, LV2_ATOM__Double) && size == 8) {
    *control = (float)*(const double*)value;
  } else if (type == hr_host_urid(host, LV2_ATOM__Int) && size == 4) {
    *control = (float)*(const int32_t*)value;
  } else {
    fprintf(stderr, "preset value of '%s' has an odd type\n", symbol);
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

static bool
restore_preset(HrHost* host, const LilvNode* preset)
{
  LilvState* state = lilv_state_new_from_world(host->world, &host->map, preset);
  if (!state) {
    return false;
  }
  lilv_state_restore(
    state, host->instance, set_port_value, host, 0, host->features);
  lilv_state_free(state);
  return true;
}

bool
hr_host_apply_preset(HrHost*     host,
                     const char* name,
                     char*       error,
                     size_t      error_size)
{
  LilvNode*  preset_class = lilv_new_uri(host->world, LV2_PRESETS__Preset);
  LilvNodes* presets      = lilv_plugin_get_related(host->plugin, preset_class);
  bool       found        = false;
  bool       applied      = false;
  char       known[512]   = "";
  LILV_FOREACH(nodes, i, presets)
  {
    const LilvNode* preset = lilv_nodes_get(presets, i);
    LilvNode*       label  = NULL;
    const char*     text   = preset_label(host, preset, &label);
    if (!found &&
        (!strcmp(lilv_node_as_uri(preset), name) || !strcasecmp(text, name))) {
      found   = true;
      applied = restore_preset(host, preset);
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
  if (!found) {
    hr_host_fail(
      error, error_size, "no preset '%s' (the plugin has: %s)", name, known);
  } else if (!applied) {
    hr_host_fail(error, error_size, "preset '%s' does not load", name);
  }
  return applied;
}
