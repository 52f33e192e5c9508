/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A capture: a still copy of the picture shown (one channel, every row,
   the visible span of history, energies and point counts) kept as A or B
   to compare takes, saved as a file so that it outlives the UI, or as a
   PNG through render/render. */

#ifndef HR_CAPTURE_H
#define HR_CAPTURE_H

#include "render/render.h"
#include "song_time.h"
#include "view.h"

#include <stddef.h>
#include <stdint.h>

/** Bytes of a capture's description, with its terminating zero. */
#define HR_CAPTURE_INFO_SIZE 96

/** Most cells (rows x cols) a capture has. */
#define HR_CAPTURE_MAX_CELLS (HR_VIEW_MAX_CELLS)

/** A still picture. */
typedef struct {
  int        rows;
  int        cols;
  int        channel;     /**< HrChannel it was taken from */
  float*     cells;       /**< rows x cols, row-major as in HrPicture */
  float*     hits;        /**< rows x cols reassigned points per cell */
  uint8_t*   flags;       /**< cols HrSlotFlag bits */
  HrFreqAxis axis;        /**< all rows */
  double     col_seconds; /**< seconds per column */
  double     t_start_s;   /**< time of the left edge as it was shown */
  int64_t    taken;       /**< when, seconds since 1970 */
  char       info[HR_CAPTURE_INFO_SIZE]; /**< analysis settings */
  double*    transport;      /**< cols: the host transport's frame at each
                                  column's start, NAN: none (song_time.h) */
  double      column_frames; /**< transport frames per column at speed 1 */
  HrTempoGrid tempo;         /**< the host's tempo grid (bpm 0: none) */
} HrCapture;

/** A capture of rows x cols zeros; NULL if out of memory or too big. */
HrCapture*
hr_capture_new(int rows, int cols);

/** Free a capture; NULL is fine. */
void
hr_capture_free(HrCapture* capture);

/** The visible span of `channel` in `view`; NULL if there is none. */
HrCapture*
hr_capture_from_view(const HrView* view, int channel);

/** `picture` showing the rows of `capture` that the zoom of `view`
    selects: its energies, or its point counts if `counts` (title,
    colours and dB left for the caller). */
void
hr_capture_picture(const HrCapture* capture,
                   const HrView*    view,
                   int              counts,
                   HrPicture*       picture);

/** Fill `readout` for pixel (x, y) of a width x height picture of the
    capture, zoomed as `view`. 0, or -1 if outside. */
int
hr_capture_readout(const HrCapture* capture,
                   const HrView*    view,
                   int              width,
                   int              height,
                   double           x,
                   double           y,
                   HrReadout*       readout);

/** True if any column of `capture` has a transport frame. */
int
hr_capture_has_song_time(const HrCapture* capture);

/** The song time of column 0's start, in seconds of the transport, if
    every column with song time lies on one straight run of it (no stop,
    jump or loop in between): 0 and `*t_start_s`, else -1. */
int
hr_capture_song_start(const HrCapture* capture, double* t_start_s);

/** B laid onto A by song time (song_time.h): a capture shaped as `a`
    (its columns, axis, times and transport frames) whose column i is the
    column of `b` at A's column i's transport frame (B's last pass over
    it), empty (no data) where B has none. NULL if the two cannot be
    aligned so (a capture without song time, other rows or frequencies)
    or out of memory: then compare them by "seconds ago". `stats` (may be
    NULL) says how many columns matched. */
HrCapture*
hr_capture_align(const HrCapture* a, const HrCapture* b, HrAlignStats* stats);

/** Write `capture` to `path` (sparse, replaced whole; energies and
    counts). 0, or -1 with a message in `error`. */
int
hr_capture_save(const HrCapture* capture,
                const char*      path,
                char*            error,
                size_t           error_size);

/** Read a capture written by hr_capture_save(), checked; NULL with a
    message in `error` if the file is missing, damaged or hostile. Files
    of the first format (energies only) read with counts of 0, files of
    the first two formats without song time. */
HrCapture*
hr_capture_load(const char* path, char* error, size_t error_size);

#endif /* HR_CAPTURE_H */
