/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "x11_window.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/keysym.h>
#include <cairo-xlib.h>
#include <cairo.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct HrWindowImpl {
  Display*         display;
  XErrorHandler    old_handler; /* while errors are trapped */
  int              gone;        /* the window was destroyed under us */
  Window           window;
  Atom             wm_delete;
  int              width;
  int              height;
  int              mapped;
  int              exposed;
  cairo_surface_t* surface; /* the window */
  cairo_surface_t* back;    /* an image of the window's size */
  HrEventFunc      on_event;
  HrDrawFunc       on_draw;
  void*            data;
};

/* Xlib's default error handler ends the process: a host that destroys
   the parent window first would die with the UI's next request. Errors
   of our requests are trapped around each entry point instead (the
   handler is process-wide, so it is put back at once). */
static int
ignore_error(Display* display, XErrorEvent* event)
{
  (void)display;
  (void)event;
  return 0;
}

static void
trap_errors(HrWindow* w)
{
  w->old_handler = XSetErrorHandler(ignore_error);
}

static void
untrap_errors(HrWindow* w)
{
  XSync(w->display, False);
  XSetErrorHandler(w->old_handler);
}

static const long k_event_mask =
  ExposureMask | StructureNotifyMask | ButtonPressMask | ButtonReleaseMask |
  PointerMotionMask | KeyPressMask | LeaveWindowMask | FocusChangeMask;

static void
set_size_hints(HrWindow* w, int min_width, int min_height)
{
  XSizeHints* hints = XAllocSizeHints();
  if (!hints) {
    return;
  }
  hints->flags       = PMinSize | PBaseSize | PSize;
  hints->min_width   = min_width;
  hints->min_height  = min_height;
  hints->base_width  = w->width;
  hints->base_height = w->height;
  hints->width       = w->width;
  hints->height      = w->height;
  XSetWMNormalHints(w->display, w->window, hints);
  XFree(hints);
}

static int
make_surface(HrWindow* w)
{
  Visual* visual = DefaultVisual(w->display, DefaultScreen(w->display));
  w->surface     = cairo_xlib_surface_create(
    w->display, w->window, visual, w->width, w->height);
  return cairo_surface_status(w->surface) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

HrWindow*
hr_window_new(uintptr_t   parent,
              int         width,
              int         height,
              const char* title,
              HrEventFunc on_event,
              HrDrawFunc  on_draw,
              void*       data,
              char*       error,
              size_t      error_size)
{
  HrWindow* w = (HrWindow*)calloc(1, sizeof(HrWindow));
  if (!w) {
    snprintf(error, error_size, "out of memory");
    return NULL;
  }
  w->display = XOpenDisplay(NULL);
  if (!w->display) {
    snprintf(error, error_size, "cannot open the X display");
    free(w);
    return NULL;
  }
  w->width                    = width > 0 ? width : 1;
  w->height                   = height > 0 ? height : 1;
  w->on_event                 = on_event;
  w->on_draw                  = on_draw;
  w->data                     = data;
  const int            screen = DefaultScreen(w->display);
  const Window         root   = RootWindow(w->display, screen);
  XWindowAttributes    current;
  XSetWindowAttributes attributes;
  memset(&attributes, 0, sizeof attributes);
  trap_errors(w);
  attributes.event_mask       = k_event_mask;
  attributes.background_pixel = BlackPixel(w->display, screen);
  w->window                   = XCreateWindow(w->display,
                            parent ? (Window)parent : root,
                            0,
                            0,
                            (unsigned)w->width,
                            (unsigned)w->height,
                            0,
                            CopyFromParent,
                            InputOutput,
                            CopyFromParent,
                            CWEventMask | CWBackPixel,
                            &attributes);
  const int made = XGetWindowAttributes(w->display, w->window, &current);
  untrap_errors(w);
  if (!made) {
    snprintf(error,
             error_size,
             "cannot make a window in parent 0x%lx",
             (unsigned long)parent);
    w->gone = 1;
    hr_window_free(w);
    return NULL;
  }
  XStoreName(w->display, w->window, title ? title : "");
  w->wm_delete = XInternAtom(w->display, "WM_DELETE_WINDOW", False);
  XSetWMProtocols(w->display, w->window, &w->wm_delete, 1);
  set_size_hints(w, 1, 1);
  if (make_surface(w) != 0) {
    snprintf(error, error_size, "cannot make a Cairo surface");
    hr_window_free(w);
    return NULL;
  }
  w->exposed = 1;
  return w;
}

void
hr_window_free(HrWindow* w)
{
  if (!w) {
    return;
  }
  /* Cairo keeps a device (caches, SHM) per display: finish it before the
     display closes, or it outlives the window. */
  cairo_device_t* device =
    w->surface ? cairo_device_reference(cairo_surface_get_device(w->surface))
               : NULL;
  if (w->back) {
    cairo_surface_destroy(w->back);
  }
  if (w->surface) {
    cairo_surface_destroy(w->surface);
  }
  if (device) {
    cairo_device_finish(device);
    cairo_device_destroy(device);
  }
  trap_errors(w);
  if (!w->gone) {
    XDestroyWindow(w->display, w->window);
  }
  untrap_errors(w);
  XCloseDisplay(w->display);
  free(w);
}

uintptr_t
hr_window_id(const HrWindow* w)
{
  return (uintptr_t)w->window;
}

void
hr_window_show(HrWindow* w, int visible)
{
  if (w->gone) {
    return;
  }
  trap_errors(w);
  if (visible && !w->mapped) {
    XMapRaised(w->display, w->window);
  } else if (!visible && w->mapped) {
    XUnmapWindow(w->display, w->window);
  }
  w->mapped = visible;
  untrap_errors(w);
}

int
hr_window_visible(const HrWindow* w)
{
  return w->mapped;
}

void
hr_window_set_min_size(HrWindow* w, int width, int height)
{
  set_size_hints(w, width, height);
}

void
hr_window_resize(HrWindow* w, int width, int height)
{
  if (!w->gone && width > 0 && height > 0) {
    trap_errors(w);
    XResizeWindow(w->display, w->window, (unsigned)width, (unsigned)height);
    untrap_errors(w);
  }
}

void
hr_window_size(const HrWindow* w, int* width, int* height)
{
  *width  = w->width;
  *height = w->height;
}

int
hr_window_exposed(const HrWindow* w)
{
  return w->exposed;
}

static unsigned
modifiers(unsigned state)
{
  return ((state & ShiftMask) ? HR_MOD_SHIFT : 0u) |
         ((state & ControlMask) ? HR_MOD_CTRL : 0u);
}

static void
emit(HrWindow* w, HrEvent* event)
{
  if (w->on_event) {
    w->on_event(w->data, event);
  }
}

static void
button_event(HrWindow* w, const XButtonEvent* xb, int press)
{
  HrEvent e;
  memset(&e, 0, sizeof e);
  e.x    = xb->x;
  e.y    = xb->y;
  e.mods = modifiers(xb->state);
  e.time = (uint32_t)xb->time;
  if (xb->button >= 4 && xb->button <= 7) {
    if (!press) {
      return;
    }
    e.type = HR_EVENT_SCROLL;
    e.dy   = xb->button == 4 ? 1.0 : xb->button == 5 ? -1.0 : 0.0;
    e.dx   = xb->button == 7 ? 1.0 : xb->button == 6 ? -1.0 : 0.0;
  } else {
    e.type   = press ? HR_EVENT_PRESS : HR_EVENT_RELEASE;
    e.button = (int)xb->button;
    if (press) {
      XSetInputFocus(w->display, w->window, RevertToParent, CurrentTime);
    }
  }
  emit(w, &e);
}

static void
key_event(HrWindow* w, XKeyEvent* xk)
{
  char    text[8];
  KeySym  sym = NoSymbol;
  HrEvent e;
  memset(&e, 0, sizeof e);
  XLookupString(xk, text, sizeof text, &sym, NULL);
  e.type   = HR_EVENT_KEY;
  e.keysym = (unsigned)sym;
  e.mods   = modifiers(xk->state);
  e.time   = (uint32_t)xk->time;
  emit(w, &e);
}

static void
configure_event(HrWindow* w, const XConfigureEvent* xc)
{
  if (xc->width == w->width && xc->height == w->height) {
    return;
  }
  w->width  = xc->width;
  w->height = xc->height;
  cairo_xlib_surface_set_size(w->surface, w->width, w->height);
  w->exposed = 1;
  HrEvent e;
  memset(&e, 0, sizeof e);
  e.type   = HR_EVENT_RESIZE;
  e.width  = w->width;
  e.height = w->height;
  emit(w, &e);
}

static void
dispatch(HrWindow* w, XEvent* x)
{
  HrEvent e;
  memset(&e, 0, sizeof e);
  switch (x->type) {
    case Expose:
      w->exposed = 1;
      break;
    case ConfigureNotify:
      configure_event(w, &x->xconfigure);
      break;
    case MapNotify:
      w->mapped  = 1;
      w->exposed = 1;
      break;
    case UnmapNotify:
      w->mapped = 0;
      break;
    case DestroyNotify:
      w->gone = x->xdestroywindow.window == w->window;
      break;
    case ButtonPress:
    case ButtonRelease:
      button_event(w, &x->xbutton, x->type == ButtonPress);
      break;
    case MotionNotify:
      e.type = HR_EVENT_MOTION;
      e.x    = x->xmotion.x;
      e.y    = x->xmotion.y;
      e.mods = modifiers(x->xmotion.state);
      emit(w, &e);
      break;
    case LeaveNotify:
      e.type = HR_EVENT_LEAVE;
      emit(w, &e);
      break;
    case KeyPress:
      key_event(w, &x->xkey);
      break;
    case ClientMessage:
      if ((Atom)x->xclient.data.l[0] == w->wm_delete) {
        e.type = HR_EVENT_CLOSE;
        emit(w, &e);
      }
      break;
    default:
      break;
  }
}

void
hr_window_process(HrWindow* w)
{
  trap_errors(w);
  while (XPending(w->display) > 0) {
    XEvent x;
    XNextEvent(w->display, &x);
    dispatch(w, &x);
  }
  untrap_errors(w);
}

void
hr_window_draw(HrWindow* w)
{
  if (w->gone || !w->mapped) {
    return;
  }
  trap_errors(w);
  if (!w->back || cairo_image_surface_get_width(w->back) != w->width ||
      cairo_image_surface_get_height(w->back) != w->height) {
    if (w->back) {
      cairo_surface_destroy(w->back);
    }
    w->back =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, w->width, w->height);
  }
  cairo_t* cr = cairo_create(w->back);
  if (w->on_draw) {
    w->on_draw(w->data, cr, w->width, w->height);
  }
  cairo_destroy(cr);
  cr = cairo_create(w->surface);
  cairo_set_source_surface(cr, w->back, 0.0, 0.0);
  cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint(cr);
  cairo_destroy(cr);
  cairo_surface_flush(w->surface);
  untrap_errors(w);
  w->exposed = 0;
}
