/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A small offline LV2 host over lilv, for `hyperres render --mode
   plugin`: one plugin instance fed in host-sized blocks, with URID
   mapping, options, a synchronous worker and atom ports. */

#ifndef HR_HOST_H
#define HR_HOST_H

#include <lv2/atom/atom.h>
#include <lv2/urid/urid.h>

#include <stddef.h>
#include <stdint.h>

/** A hosted plugin instance (opaque). */
typedef struct HrHostImpl HrHost;

/** Load the plugin `uri` from the bundles on LV2_PATH (or `bundle_dir`
    when not NULL) and instantiate it at `sample_rate` for blocks of at
    most `max_block` frames. NULL with a message in `error` on failure. */
HrHost*
hr_host_new(const char* bundle_dir,
            const char* uri,
            double      sample_rate,
            uint32_t    max_block,
            char*       error,
            size_t      error_size);

/** Deactivate (if active) and free; NULL is fine. */
void
hr_host_free(HrHost* host);

/** Set the input control port `symbol` to `value`. Returns 0, or -1 with
    a message when there is no such port or the value is outside the
    port's range (the range is named). */
int
hr_host_set_control(HrHost*     host,
                    const char* symbol,
                    float       value,
                    char*       error,
                    size_t      error_size);

/** Apply the plugin's preset whose label (case-insensitive) or URI is
    `name`. Returns 0, or -1 with a message listing the presets. */
int
hr_host_apply_preset(HrHost*     host,
                     const char* name,
                     char*       error,
                     size_t      error_size);

/** Read the control port `symbol` (input or output); NAN if none. */
float
hr_host_get_control(const HrHost* host, const char* symbol);

/** Map a URI with the host's map. */
LV2_URID
hr_host_map(HrHost* host, const char* uri);

/** The host's URID map feature data. */
LV2_URID_Map*
hr_host_urid_map(HrHost* host);

/** Activate the instance (before the first run). */
void
hr_host_activate(HrHost* host);

/** Queue an atom (type and body) for the control input port at frame 0
    of the next run. Returns -1 if the control buffer is full. */
int
hr_host_send(HrHost* host, const LV2_Atom* atom);

/** Run one block: `in` holds `n_frames` samples per audio input (in[0],
    in[1] …), `out` receives the audio outputs. Worker requests are
    served right after the run. Returns the notify port's sequence. */
const LV2_Atom_Sequence*
hr_host_run(HrHost*             host,
            const float* const* in,
            float* const*       out,
            uint32_t            n_frames);

/** Number of audio inputs of the plugin. */
uint32_t
hr_host_n_audio_inputs(const HrHost* host);

#endif /* HR_HOST_H */
