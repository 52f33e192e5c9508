/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The UI instance, shared by the files of the UI: hyperres_ui.c (LV2
   glue, messages), ui_controls.c (tool bar), ui_input.c (keys, mouse),
   ui_captures.c (A and B), ui_draw.c and ui_status.c (the picture). */

#ifndef HR_UI_APP_H
#define HR_UI_APP_H

#include "capture.h"
#include "compare.h"
#include "live_image.h"
#include "measure.h"
#include "protocol/ports.h"
#include "protocol/protocol.h"
#include "protocol/uris.h"
#include "slice.h"
#include "view.h"
#include "widgets.h"
#include "x11_window.h"

#include <lv2/atom/forge.h>
#include <lv2/log/logger.h>
#include <lv2/ui/ui.h>
#include <lv2/urid/urid.h>

#include <cairo.h>

#include <stdint.h>

/** Size the UI asks for first, and its smallest, in logical pixels. */
#define HR_UI_WIDTH 960
#define HR_UI_HEIGHT 600
#define HR_UI_MIN_WIDTH 640
#define HR_UI_MIN_HEIGHT 400

/** Frames per second, at most. */
#define HR_UI_FPS 30

/** The captures. */
typedef enum { HR_CAPTURE_A = 0, HR_CAPTURE_B = 1, HR_N_CAPTURES = 2 } HrSlot;

/** Controls of the tool bar (ids = order of creation). */
typedef enum {
  HR_W_FREEZE,
  HR_W_CAPTURE_A,
  HR_W_CAPTURE_B,
  HR_W_COMPARE,
  HR_W_CLEAR,
  HR_W_PNG,
  HR_W_FLOOR,
  HR_W_RANGE,
  HR_W_MAP,
  HR_W_SPAN,
  HR_W_AUTO,
  HR_W_PICTURE, /**< energy or count picture */
  HR_W_Q,
  HR_W_STEP,
  HR_W_RES,
  HR_W_FMIN,
  HR_W_FMAX,
  HR_W_BANDS,   /**< the plugin's Bandwidths: consensus over q .. 8q */
  HR_W_CHANNEL, /**< stereo only */
  HR_W_COUNT
} HrWidgetId;

/** What a part of the window shows. */
typedef enum {
  HR_PANE_LIVE,    /**< a channel, scrolling */
  HR_PANE_CAPTURE, /**< capture A or B */
  HR_PANE_COMPARE, /**< A and B overlaid or their difference */
} HrPaneKind;

/** A picture in the window, for the cursor read-out. */
typedef struct {
  HrPaneKind kind;
  int        channel; /**< LIVE: HrChannel */
  int        capture; /**< CAPTURE: HrSlot */
  int        counts;  /**< shows point counts, not energies */
  HrRect     plot;    /**< user units (logical pixels) */
  int        width;   /**< device pixels across the plot */
  int        height;
} HrPane;

/** Cached capture pictures (colour and index) at one size. */
typedef struct {
  cairo_surface_t* color;
  cairo_surface_t* index;
  int              width;
  int              height;
  unsigned         generation; /**< of the colours and zoom drawn */
} HrCaptureImages;

/** One UI instance. */
typedef struct {
  /* Host */
  LV2UI_Write_Function write;
  LV2UI_Controller     controller;
  LV2_URID_Map*        map;
  LV2_Log_Logger       logger;
  LV2UI_Resize*        host_resize;
  HrURIs               uris;
  LV2_Atom_Forge       forge;
  double               scale; /**< ui:scaleFactor, device px per logical */
  int                  stereo;
  int                  ui_on; /**< UIOn sent, no UIOff since */

  /* Window */
  HrWindow* window;
  int       closed; /**< the user closed a top-level window */

  /* What is shown */
  HrView       view;
  HrUISettings settings;
  HrColorScale colors;
  int          count_mode;    /**< pictures show point counts */
  HrColorScale count_colors;  /**< their scale (hr_render_count_scale):
                                   1 point .. the most shown */
  unsigned        generation; /**< bumped when colours or zoom change */
  HrCompareMode   compare;
  HrCapture*      captures[HR_N_CAPTURES];
  HrCaptureImages capture_images[HR_N_CAPTURES];
  HrCapture*      song_b; /**< B laid onto A by song time (overlay and
                               difference); NULL: compared by seconds ago */
  HrCaptureImages song_b_images;
  int64_t         capture_key; /**< names the capture files, 0: none */
  int keys_kept; /**< the plugin keeps capture_key in its state (UIState
                     carries it): only then are capture files written */
  HrLiveImage      live[HR_N_CHANNELS];
  HrLiveImage      live_index; /**< B live in overlays and differences */
  cairo_surface_t* composed;   /**< the overlay or difference */
  unsigned         live_generation;

  /* Controls and ports */
  HrWidgets widgets;
  int       widget_ids[HR_W_COUNT];
  float     ports[HR_N_PORTS_STEREO];

  /* The spectrum slice beside the picture (ui_slice.c) */
  HrSlice slice;
  double  slice_time; /**< hr_ui_now() of its last update */

  /* Measuring: a box on a live picture (ui_measure.c) */
  int     box_state; /**< 0: none, 1: being dragged, 2: drawn */
  int     box_channel;
  int64_t box_slot[2]; /**< corners: slots and rows */
  int     box_row[2];

  /* Layout and cursor */
  HrPane panes[4];
  int    n_panes;
  double mouse_x; /**< device pixels, < 0: outside */
  double mouse_y;
  int    pan_drag;
  double pan_x;
  char   message[192]; /**< a note for the status bar */
  double message_until;

  /* Counters and timing */
  uint64_t bad_messages;
  uint64_t ignored_messages;
  uint64_t frames;
  double   opened_at;
  double   last_draw;
  double   last_drop_time;
  uint64_t last_drops;
  int      dirty;
} HrUI;

/* hyperres_ui.c */

/** Seconds on a monotonic clock. */
double
hr_ui_now(void);

/** Send a property-less message (hr_UIOn, hr_UIOff, hr_Refresh). */
void
hr_ui_send_command(HrUI* ui, LV2_URID otype);

/** Send the UI settings (kept in the plugin's state). */
void
hr_ui_send_settings(HrUI* ui);

/** Write a control port's new value to the plugin. */
void
hr_ui_write_port(HrUI* ui, HrPortIndex port, float value);

/** Show `text` in the status bar for `seconds`. */
void
hr_ui_note(HrUI* ui, double seconds, const char* text);

/* ui_controls.c */

/** Make the tool bar. */
void
hr_ui_controls_init(HrUI* ui);

/** Settings or ports changed from outside: show them, apply them. */
void
hr_ui_controls_sync(HrUI* ui);

/** Colours changed: rebuild the colour scale, redraw the pictures. */
void
hr_ui_colors_changed(HrUI* ui);

/** Show point counts (1) or energies (0): live, captures, comparisons,
    read-out and PNGs. */
void
hr_ui_set_count_mode(HrUI* ui, int counts);

/** Freeze the picture or follow the live end again. */
void
hr_ui_set_frozen(HrUI* ui, int frozen);

/** Tool bar control `index` was clicked or changed: act on it. */
void
hr_ui_widget_changed(HrUI* ui, int index);

/** Step control `id` as a wheel turn over it would. */
void
hr_ui_nudge(HrUI* ui, HrWidgetId id, double steps, int fine);

/* ui_input.c */

/** Act on a window event (HrEventFunc). */
void
hr_ui_on_event(void* data, const HrEvent* event);

/* ui_captures.c */

/** Keep the picture shown as capture `slot` (and in its file). */
void
hr_ui_capture(HrUI* ui, HrSlot slot);

/** Read the captures of ui->capture_key from their files, if any. */
void
hr_ui_load_captures(HrUI* ui);

/** Save the captures (or the live picture) as PNG files, each with the
    capture in open formats beside it (STEM_spec.npy, STEM_count.npy,
    STEM_axes.npz). */
void
hr_ui_save_png(HrUI* ui);

/** Open the newest exported capture in the PNG folder as A (as B if A is
    taken). */
void
hr_ui_open_export(HrUI* ui);

/** Drop the captures (and their files). */
void
hr_ui_clear_captures(HrUI* ui);

/** Free what the captures hold (not their files). */
void
hr_ui_captures_free(HrUI* ui);

/* ui_slice.c */

/** Width of the slice panel beside pictures `width` wide (0: none). */
double
hr_ui_slice_width(const HrUI* ui, double width);

/** Update the slice (the column under the cursor, else the newest) and
    draw it in `panel` beside the first picture. */
void
hr_ui_draw_slice(HrUI* ui, cairo_t* cr, const HrRect* panel);

/* ui_measure.c */

/** Start a box at (x, y) device pixels on pane `p` (live only); 1 if. */
int
hr_ui_box_press(HrUI* ui, const HrPane* p, double x, double y);

/** Move the dragged corner to (x, y). */
void
hr_ui_box_motion(HrUI* ui, double x, double y);

/** Finish the box being dragged. */
void
hr_ui_box_release(HrUI* ui);

/** Remove the box; 1 if there was one. */
int
hr_ui_box_clear(HrUI* ui);

/** Draw the box and its read-out over its picture. */
void
hr_ui_draw_box(HrUI* ui, cairo_t* cr);

/* ui_draw.c */

/** Draw the whole window (HrDrawFunc). */
void
hr_ui_draw(void* data, cairo_t* cr, int width, int height);

/** Free the images the drawing keeps. */
void
hr_ui_draw_free(HrUI* ui);

/* ui_status.c */

/** The cursor's cross on the picture under it. */
void
hr_ui_draw_cursor(HrUI* ui, cairo_t* cr);

/** The status bar in `bar`: read-out, notes and warnings, load. */
void
hr_ui_draw_status(HrUI* ui, cairo_t* cr, const HrRect* bar, double font);

#endif /* HR_UI_APP_H */
