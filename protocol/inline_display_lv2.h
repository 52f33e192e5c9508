/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Ardour's inline-display extension (http://harrisonconsoles.com/lv2/
   inlinedisplay), declared here from its public interface, since lv2-dev
   does not ship it: the host shows a small picture the plugin renders in
   its mixer strip. The plugin offers `interface` as extension data; the
   host may offer `queue_draw` as a feature, which run() calls to ask for
   a new render(). The layouts below are the extension's ABI. */

#ifndef HR_INLINE_DISPLAY_LV2_H
#define HR_INLINE_DISPLAY_LV2_H

#include <lv2/core/lv2.h>

#include <stdint.h>

#define HR_INLINEDISPLAY_URI "http://harrisonconsoles.com/lv2/inlinedisplay"
#define HR_INLINEDISPLAY_PREFIX HR_INLINEDISPLAY_URI "#"

/** Extension data: an HrInlineDisplayInterface. */
#define HR_INLINEDISPLAY__interface HR_INLINEDISPLAY_PREFIX "interface"

/** Feature: an HrInlineDisplayFeature. */
#define HR_INLINEDISPLAY__queue_draw HR_INLINEDISPLAY_PREFIX "queue_draw"

/** Feature (a hint): also show the picture in the host's generic UI. */
#define HR_INLINEDISPLAY__in_gui HR_INLINEDISPLAY_PREFIX "in_gui"

/** A picture in Cairo's ARGB32 layout (native-endian 32-bit pixels,
    premultiplied alpha), owned by the plugin and valid until the next
    render() or cleanup. */
typedef struct {
  unsigned char* data;
  int            width;
  int            height;
  int            stride; /**< bytes from one row to the next */
} HrInlineSurface;

/** The feature the host offers. */
typedef struct {
  void* handle; /**< the host's, passed back to queue_draw */
  /** Ask the host to call render() soon; callable from run(). */
  void (*queue_draw)(void* handle);
} HrInlineDisplayFeature;

/** The extension data the plugin offers. */
typedef struct {
  /** Render a picture at most `width` wide and `max_height` high (GUI
      thread, never concurrently with itself). NULL: nothing to show. */
  HrInlineSurface* (*render)(LV2_Handle instance,
                             uint32_t   width,
                             uint32_t   max_height);
} HrInlineDisplayInterface;

#endif /* HR_INLINE_DISPLAY_LV2_H */
