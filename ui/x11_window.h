/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* An Xlib window drawn with Cairo: embedded in a parent window or top
   level, drawn into an image the size of the window and copied to it
   whole (no flicker; text is drawn client side, so no font caches stay on
   the X display), events handed to one callback. No LV2. Each window has its
   own display connection, used from one thread (the host's UI thread). */

#ifndef HR_X11_WINDOW_H
#define HR_X11_WINDOW_H

#include <cairo.h>

#include <stddef.h>
#include <stdint.h>

/** A window (opaque). */
typedef struct HrWindowImpl HrWindow;

/** What happened. Positions are in device pixels from the top left. */
typedef enum {
  HR_EVENT_PRESS,   /**< a mouse button went down (button 1..3) */
  HR_EVENT_RELEASE, /**< a mouse button went up */
  HR_EVENT_MOTION,  /**< the pointer moved */
  HR_EVENT_SCROLL,  /**< a wheel turned: dy > 0 up, dx > 0 right */
  HR_EVENT_KEY,     /**< a key went down: keysym */
  HR_EVENT_LEAVE,   /**< the pointer left the window */
  HR_EVENT_RESIZE,  /**< the window has a new size: width, height */
  HR_EVENT_CLOSE,   /**< the user asked to close a top-level window */
} HrEventType;

/** Modifier bits. */
typedef enum {
  HR_MOD_SHIFT = 1,
  HR_MOD_CTRL  = 2,
} HrModifier;

/** An event. */
typedef struct {
  HrEventType type;
  double      x;
  double      y;
  int         button;
  double      dx;
  double      dy;
  unsigned    keysym; /**< X keysym (X11/keysym.h) */
  unsigned    mods;   /**< HrModifier bits */
  uint32_t    time;   /**< milliseconds, server time */
  int         width;
  int         height;
} HrEvent;

/** Called for each event. */
typedef void (*HrEventFunc)(void* data, const HrEvent* event);

/** Called to draw the whole window into `cr` (device pixels). */
typedef void (*HrDrawFunc)(void* data, cairo_t* cr, int width, int height);

/** Open a window width x height device pixels, a child of `parent` (an X
    window id) or top level (parent 0, titled `title`, not yet shown).
    NULL with a message in `error` if there is no display. */
HrWindow*
hr_window_new(uintptr_t   parent,
              int         width,
              int         height,
              const char* title,
              HrEventFunc on_event,
              HrDrawFunc  on_draw,
              void*       data,
              char*       error,
              size_t      error_size);

/** Close a window; NULL is fine. */
void
hr_window_free(HrWindow* window);

/** The X window id (for the host's ui:parent embedding). */
uintptr_t
hr_window_id(const HrWindow* window);

/** Map (show) or unmap (hide) the window. */
void
hr_window_show(HrWindow* window, int visible);

/** 1 if the window is mapped. */
int
hr_window_visible(const HrWindow* window);

/** Smallest size the user may give it, in device pixels. */
void
hr_window_set_min_size(HrWindow* window, int width, int height);

/** Ask for a new size (the event follows when it is done). */
void
hr_window_resize(HrWindow* window, int width, int height);

/** The current size in device pixels. */
void
hr_window_size(const HrWindow* window, int* width, int* height);

/** Handle every pending event (callbacks run from here). */
void
hr_window_process(HrWindow* window);

/** Draw now (the draw callback into the back buffer, then copied). */
void
hr_window_draw(HrWindow* window);

/** 1 if the window needs a full draw (exposed or resized). */
int
hr_window_exposed(const HrWindow* window);

#endif /* HR_X11_WINDOW_H */
