/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* What the UI shows, as pure logic (no Cairo, no X, no LV2 calls): the
   Config in force, a column ring per channel, the span of history shown,
   freeze and pan, frequency zoom, the mapping of pixels to slots and rows
   and the cursor read-out (time, Hz, note and cents, dB). */

#ifndef HR_VIEW_H
#define HR_VIEW_H

#include "render/axes.h"
#include "col_ring.h"
#include "protocol/protocol.h"
#include "song_time.h"

#include <stdint.h>

/** Most slots a ring holds, and most floats (slots x rows) per ring. */
#define HR_VIEW_MAX_SLOTS 8192
#define HR_VIEW_MAX_CELLS (8 << 20)

/** Shown history, seconds (the protocol's hr:history range). */
#define HR_VIEW_MIN_HISTORY 0.1
#define HR_VIEW_MAX_HISTORY 3600.0

/** Fewest rows a frequency zoom shows. */
#define HR_VIEW_MIN_ZOOM_ROWS 12

/** Counters of what came in. */
typedef struct {
  uint64_t messages; /**< Columns messages taken */
  uint64_t columns;  /**< columns stored */
  uint64_t old;      /**< columns not after the last one: dropped */
  uint64_t held;     /**< columns dropped to keep a frozen picture */
  uint64_t drops;    /**< columns the plugin reported dropped */
  uint64_t bad;      /**< messages rejected (any reason) */
  uint64_t restarts; /**< times the column numbers went back: restarted */
} HrViewStats;

/** The view (fields are read-only outside view.c). */
typedef struct {
  int         have_config;
  HrConfigMsg config;
  HrFreqAxis  axis;      /**< all rows of the Config */
  double      history_s; /**< span asked for */
  int         group;     /**< analysis columns per slot */
  int         visible;   /**< slots across the picture */
  int         capacity;  /**< slots per ring */
  HrRing*     rings[HR_N_CHANNELS];
  int         frozen;
  int64_t     pin;     /**< right edge (slot, exclusive) while frozen */
  int64_t     origin;  /**< slot at time 0 while frozen */
  double      zoom_hi; /**< top of the zoom, Hz; 0: no zoom */
  double      zoom_lo; /**< bottom of the zoom, Hz */
  HrViewStats stats;
  HrTempoGrid tempo; /**< the host's tempo grid, last sent (bpm 0: none) */
} HrView;

/** What lies under a pixel. */
typedef struct {
  double time_s; /**< centre of the columns, s (0 = newest) */
  double hz;     /**< frequency at the cursor */
  int    midi;   /**< nearest note, MIDI number */
  double cents;  /**< hz from that note, -50 .. 50 */
  char   note[8];
  double db;           /**< loudest cell under the pixel, dB; -INFINITY: none */
  double hits;         /**< most reassigned points of a cell under the pixel,
                            0: none */
  unsigned flags;      /**< HrSlotFlag bits of the columns */
  double   song_frame; /**< host transport frame of the first column, NAN:
                            none (song_time.h) */
  char song[32];       /**< it as text: bar and beat, or song seconds; "" */
} HrReadout;

/** An empty view showing `history_s` seconds. */
void
hr_view_init(HrView* view, double history_s);

/** Free the rings; the view is then as after hr_view_init(). */
void
hr_view_clear(HrView* view);

/** Take a Config. Rings are kept when the picture's layout is unchanged,
    else made anew. 0, or -1 (no config then) if they cannot be made. */
int
hr_view_set_config(HrView* view, const HrConfigMsg* config);

/** Show `seconds` (clamped) of history; rings are made anew only when the
    columns per slot change. 0, or -1 if out of memory. */
int
hr_view_set_history(HrView* view, double seconds);

/** Store a checked Columns message. 0, or -1 (counted as bad) if there
    is no Config or it does not match it. A message wholly behind the
    columns stored restarts the ring (the numbering went back). */
int
hr_view_add(HrView* view, const HrColumnsMsg* columns);

/** The ring of `channel`, NULL if the Config has none. */
const HrRing*
hr_view_ring(const HrView* view, int channel);

/** Channels of the Config in display order into `channels`; count. */
int
hr_view_channels(const HrView* view, int channels[HR_N_CHANNELS]);

/** Seconds per slot (0 without a Config). */
double
hr_view_slot_seconds(const HrView* view);

/** One past the newest complete slot of any channel. */
int64_t
hr_view_live_end(const HrView* view);

/** One past the slot at the right edge of the picture. */
int64_t
hr_view_right(const HrView* view);

/** Freeze (stop scrolling, keep the picture) or follow the live end. */
void
hr_view_set_frozen(HrView* view, int frozen);

/** Move a frozen picture by `slots` (negative: back in time), kept
    inside what the rings hold. */
void
hr_view_pan(HrView* view, int64_t slots);

/** Zoom the frequency axis by `factor` (> 1: in) around `hz`. */
void
hr_view_zoom(HrView* view, double factor, double hz);

/** Show every row again. */
void
hr_view_zoom_reset(HrView* view);

/** Rows [*begin, *end) of `rows` rows on `axis` that the zoom shows. */
void
hr_view_zoom_rows(const HrView*     view,
                  const HrFreqAxis* axis,
                  int               rows,
                  int*              begin,
                  int*              end);

/** `axis` shifted so that row `begin` becomes row 0. */
HrFreqAxis
hr_axis_from_row(const HrFreqAxis* axis, int begin);

/** Cells [*begin, *end) that pixel `pixel` of a line of `pixels` pixels
    shows out of `cells` cells (as render/render.c maps them: the nearest cell
    when enlarging, all it covers when reducing). Works on absolute pixel
    numbers of an endless line too. */
void
hr_span(int64_t  pixel,
        int64_t  pixels,
        int64_t  cells,
        int64_t* begin,
        int64_t* end);

/** Absolute pixel number one past the right edge of a picture `width`
    pixels wide: pixel P shows slots hr_span(P, width, visible). */
int64_t
hr_view_pixel_end(const HrView* view, int width);

/** Time of the left and right edges of a `width` pixels wide picture. */
void
hr_view_time_span(const HrView* view, int width, double* left, double* right);

/** Fill `readout` for pixel (x, y), in device pixels from the top left of
    a width x height picture of `channel`. 0, or -1 if outside or there
    is nothing to read. */
int
hr_view_readout(const HrView* view,
                int           channel,
                int           width,
                int           height,
                double        x,
                double        y,
                HrReadout*    readout);

/** The first slot pixel column `x` (device pixels from the left) of a
    `width` pixels wide picture shows; -1 if x is outside. */
int64_t
hr_view_slot_at(const HrView* view, int width, double x);

/** The slot at time 0 of the time axis (the live end, or where a frozen
    picture was stopped). */
int64_t
hr_view_time_origin(const HrView* view);

/** Set hz, midi, cents and note of `readout` from `hz`. */
void
hr_readout_pitch(HrReadout* readout, double hz);

#endif /* HR_VIEW_H */
