/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The columns of the inline display, handed from the audio thread to the
   GUI thread without locks: a ring of small columns, each the maximum of
   a few analyser columns (about HR_THUMB_STEP_SECONDS) and of groups of
   rows (at most HR_THUMB_ROWS), over every analysed channel.

   One producer (run(), work_response(), activate()) adds columns and
   publishes the finished ones with a release store of a counter; one
   consumer (render()) copies the newest ones after an acquire load. The
   producer never waits: it overwrites the oldest slot, announcing the
   slot's new number first (a release fence after a second counter), and
   the consumer drops any copy that may have been overwritten meanwhile
   (the seqlock pattern of state.c). */

#ifndef HR_THUMBNAIL_H
#define HR_THUMBNAIL_H

#include "core/hr_realtime.h"

#include <stdbool.h>
#include <stdint.h>

/** Most rows of a thumbnail column. */
#define HR_THUMB_ROWS 128

/** Columns the ring holds. */
#define HR_THUMB_COLUMNS 512

/** Seconds of audio a thumbnail column spans, at least one analyser
    column. */
#define HR_THUMB_STEP_SECONDS 0.02

/** Most analysed channels merged into one column. */
#define HR_THUMB_MAX_STREAMS 2

/** The analyser the columns come from; a change of anything but
    `per_column` and `n_streams` starts a new generation, whose columns
    are not drawn together with older ones. */
typedef struct {
  int      rows;       /**< rows of an analyser column; 0: none come */
  uint32_t per_column; /**< analyser columns per thumbnail column, >= 1 */
  uint32_t n_streams;  /**< analysed channels, 1 .. HR_THUMB_MAX_STREAMS */
  double   fmin;       /**< frequency range and scale: what a row means */
  double   fmax;
  double   noct;
  int      scale;
} HrThumbFormat;

/** One thumbnail column. */
typedef struct {
  int64_t  number;     /**< position in time; -1: none */
  uint32_t generation; /**< format it was made with */
  int      rows;       /**< rows in use, <= HR_THUMB_ROWS; row 0 = fmax */
  float    peak;       /**< largest value */
  float    value[HR_THUMB_ROWS]; /**< energies (linear power) */
} HrThumbColumn;

/** The ring (opaque). */
typedef struct HrThumbnailImpl HrThumbnail;

/** A new, empty ring (allocates). NULL if out of memory. */
HrThumbnail*
hr_thumb_new(void);

/** Free a ring; NULL is fine. */
void
hr_thumb_free(HrThumbnail* thumb);

/** Producer: analyser columns from `first_column` on (their numbers)
    come in `format` from now on; whatever is open is published. */
HR_REALTIME void
hr_thumb_restart(HrThumbnail*         thumb,
                 const HrThumbFormat* format,
                 int64_t              first_column);

/** Producer: analyser column `number` of analysed stream `stream`, `rows`
   values (row 0 = fmax). Columns of a stream come in rising order; ones before
    the restart, of another row count or already published are ignored. */
HR_REALTIME void
hr_thumb_add(HrThumbnail* thumb,
             uint32_t     stream,
             int64_t      number,
             const float* energy,
             int          rows);

/** Producer: publish the columns every stream has finished. */
HR_REALTIME void
hr_thumb_commit(HrThumbnail* thumb);

/** Number of columns published so far: columns 0 .. this - 1 (any
    thread). */
HR_REALTIME int64_t
hr_thumb_published(const HrThumbnail* thumb);

/** Consumer: copy columns `first` .. `first + count - 1` into `out`. A
    column not published yet, never made, or overwritten while being
    copied comes out with number -1. */
void
hr_thumb_snapshot(const HrThumbnail* thumb,
                  int64_t            first,
                  uint32_t           count,
                  HrThumbColumn*     out);

#endif /* HR_THUMBNAIL_H */
