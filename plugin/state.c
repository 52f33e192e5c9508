/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* LV2 state: the UI settings (HrUISettings), one key each (hr:colormap
   Int, hr:dbRange, hr:dbTop, hr:history Float, hr:captureKey Long,
   hr:picture Int). The
   analysis settings are control ports, which hosts save and restore
   themselves.

   save() may run while run() does: run() writes the settings under a
   sequence counter (odd while writing), save() copies until it reads the
   same even count before and after. run() never waits. */

#include "plugin.h"

#include <string.h>

void
hr_plugin_set_ui_settings(HrPlugin* self, const HrUISettings* settings)
{
  const uint32_t seq =
    __atomic_load_n(&self->shared.ui_settings_seq, __ATOMIC_RELAXED);
  __atomic_store_n(&self->shared.ui_settings_seq, seq + 1, __ATOMIC_RELAXED);
  __atomic_thread_fence(__ATOMIC_RELEASE);
  self->shared.ui_settings = *settings;
  __atomic_store_n(&self->shared.ui_settings_seq, seq + 2, __ATOMIC_RELEASE);
}

HrUISettings
hr_plugin_get_ui_settings(HrPlugin* self)
{
  HrUISettings copy;
  for (;;) {
    const uint32_t before =
      __atomic_load_n(&self->shared.ui_settings_seq, __ATOMIC_ACQUIRE);
    copy = self->shared.ui_settings;
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    const uint32_t after =
      __atomic_load_n(&self->shared.ui_settings_seq, __ATOMIC_RELAXED);
    if (before == after && !(before & 1U)) {
      return copy;
    }
  }
}

static LV2_State_Status
save(LV2_Handle                instance,
     LV2_State_Store_Function  store,
     LV2_State_Handle          handle,
     uint32_t                  flags,
     const LV2_Feature* const* features)
{
  (void)flags;
  (void)features;
  HrPlugin*          self  = (HrPlugin*)instance;
  const HrURIs*      uris  = &self->uris;
  const HrUISettings s     = hr_plugin_get_ui_settings(self);
  const uint32_t     pod   = LV2_STATE_IS_POD | LV2_STATE_IS_PORTABLE;
  LV2_State_Status   st    = LV2_STATE_SUCCESS;
  LV2_State_Status   worst = LV2_STATE_SUCCESS;

  st    = store(handle, uris->hr_colormap, &s.colormap, 4, uris->atom_Int, pod);
  worst = st ? st : worst;
  st = store(handle, uris->hr_dbRange, &s.db_range, 4, uris->atom_Float, pod);
  worst = st ? st : worst;
  st    = store(handle, uris->hr_dbTop, &s.db_top, 4, uris->atom_Float, pod);
  worst = st ? st : worst;
  st    = store(handle, uris->hr_history, &s.history, 4, uris->atom_Float, pod);
  worst = st ? st : worst;
  st =
    store(handle, uris->hr_captureKey, &s.capture_key, 8, uris->atom_Long, pod);
  worst = st ? st : worst;
  st    = store(handle, uris->hr_picture, &s.picture, 4, uris->atom_Int, pod);
  worst = st ? st : worst;
  return worst;
}

/* Copy a stored `want`-byte value of type `type` into `out`, if it is
   one. */
static void
take_sized(LV2_State_Retrieve_Function retrieve,
           LV2_State_Handle            handle,
           LV2_URID                    key,
           LV2_URID                    type,
           size_t                      want,
           void*                       out)
{
  size_t      size       = 0;
  uint32_t    found_type = 0;
  uint32_t    flags      = 0;
  const void* value      = retrieve(handle, key, &size, &found_type, &flags);
  if (value && size == want && found_type == type) {
    memcpy(out, value, want);
  }
}

/* Copy a stored 4-byte value of type `type` into `out`, if it is one. */
static void
take(LV2_State_Retrieve_Function retrieve,
     LV2_State_Handle            handle,
     LV2_URID                    key,
     LV2_URID                    type,
     void*                       out)
{
  take_sized(retrieve, handle, key, type, 4, out);
}

static LV2_State_Status
restore(LV2_Handle                  instance,
        LV2_State_Retrieve_Function retrieve,
        LV2_State_Handle            handle,
        uint32_t                    flags,
        const LV2_Feature* const*   features)
{
  (void)flags;
  (void)features;
  HrPlugin*     self = (HrPlugin*)instance;
  const HrURIs* uris = &self->uris;
  HrUISettings  s    = hr_plugin_get_ui_settings(self);

  take(retrieve, handle, uris->hr_colormap, uris->atom_Int, &s.colormap);
  take(retrieve, handle, uris->hr_dbRange, uris->atom_Float, &s.db_range);
  take(retrieve, handle, uris->hr_dbTop, uris->atom_Float, &s.db_top);
  take(retrieve, handle, uris->hr_history, uris->atom_Float, &s.history);
  take_sized(retrieve,
             handle,
             uris->hr_captureKey,
             uris->atom_Long,
             sizeof(s.capture_key),
             &s.capture_key);
  take(retrieve, handle, uris->hr_picture, uris->atom_Int, &s.picture);
  if (hr_ui_settings_check(&s) != HR_MSG_OK) {
    return LV2_STATE_ERR_BAD_TYPE; /* out of range: keep what we had */
  }
  hr_plugin_set_ui_settings(self, &s);
  self->audio.link.ui_state_pending = true; /* tell an open UI */
  return LV2_STATE_SUCCESS;
}

const LV2_State_Interface hr_state_interface = { save, restore };
