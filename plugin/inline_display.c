/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Ardour's inline display (inline_display_lv2.h): a live thumbnail of the
   picture in the mixer strip.

   run() feeds every analyser column into a lock-free ring (thumbnail.h),
   publishes the finished ones at the end of the run and, if any came,
   calls queue_draw at most HR_INLINE_DRAW_RATE times a second. render()
   (GUI thread) brings its picture (inline_view.h) up to date with the
   ring, in the colours the UI's settings ask for. */

#include "plugin.h"

#include "inline_view.h"

#include <math.h>

/** queue_draw calls per second, at most. */
#define HR_INLINE_DRAW_RATE 25

/** Seconds after the last render() in which the display counts as an
    open UI for the analyse port. */
#define HR_INLINE_LINGER_SECONDS 2.0

/* The real-time side */

void
hr_inline_restart(HrPlugin* self)
{
  HrThumbFormat format = { 0, 1, 1, 0.0, 0.0, 0.0, 0 };
  if (self->audio.engine) {
    const HrParams* p   = &self->audio.engine->config.params;
    const double    per = HR_THUMB_STEP_SECONDS * self->rate / p->tdeci;
    format.rows         = self->audio.engine->rows;
    format.per_column   = per > 1.0 ? (uint32_t)lround(per) : 1;
    format.n_slots      = self->audio.engine->n_streams;
    format.fmin         = p->fmin;
    format.fmax         = p->fmax;
    format.noct         = p->noct;
    format.scale        = (int)p->scale;
  }
  hr_thumb_restart(self->shared.thumb, &format, self->audio.column_base);
}

bool
hr_inline_shown(HrPlugin* self, uint32_t n_samples)
{
  HrInlineClock* const clock = &self->audio.display;
  const uint32_t       renders =
    __atomic_load_n(&self->shared.renders, __ATOMIC_RELAXED);
  if (renders != clock->renders_seen) {
    clock->renders_seen  = renders;
    clock->since_render  = 0;
    clock->display_shown = true;
  } else if (clock->since_render <= UINT32_MAX - n_samples) {
    clock->since_render += n_samples;
  }
  return clock->display_shown &&
         clock->since_render < HR_INLINE_LINGER_SECONDS * self->rate;
}

void
hr_inline_end_run(HrPlugin* self, uint32_t n_samples)
{
  HrInlineClock* const clock = &self->audio.display;
  hr_thumb_commit(self->shared.thumb);
  if (!self->queue_draw) {
    return;
  }
  if (clock->since_draw <= UINT32_MAX - n_samples) {
    clock->since_draw += n_samples;
  }
  const int64_t published = hr_thumb_published(self->shared.thumb);
  if (published != clock->drawn &&
      clock->since_draw >= self->rate / HR_INLINE_DRAW_RATE) {
    self->queue_draw->queue_draw(self->queue_draw->handle);
    clock->drawn      = published;
    clock->since_draw = 0;
  }
}

/* The GUI side */

void
hr_inline_free(HrPlugin* self)
{
  hr_inline_view_free(self->gui.view);
  self->gui.view = NULL;
}

static HrInlineSurface*
render(LV2_Handle instance, uint32_t width, uint32_t max_height)
{
  HrPlugin* self = (HrPlugin*)instance;
  if (!self || width == 0 || max_height == 0) {
    return NULL;
  }
  __atomic_add_fetch(&self->shared.renders, 1, __ATOMIC_RELAXED);
  if (!self->gui.view) {
    self->gui.view = hr_inline_view_new();
  }
  const HrUISettings settings = hr_plugin_get_ui_settings(self);
  /* The interface's type has no const; the host only reads it. */
  return (HrInlineSurface*)hr_inline_view_render(
    self->gui.view, self->shared.thumb, &settings, width, max_height);
}

const HrInlineDisplayInterface hr_inline_display_interface = { render };
