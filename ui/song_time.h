/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Song time: the host transport's frame that each column of a capture
   carries (protocol.h, "Song time"), shown as time or bars and beats, and
   the comparison of two captures by it: B's columns laid onto A's at the
   same transport frame, so that two passes over the same bars line up
   whenever they were played. Pure logic: no Cairo, no X, no LV2 calls.

   A capture may hold a transport range more than once (a loop, or a
   relocation back): A is shown as it was taken, and each of its columns
   gets the column of B's LAST pass over that frame (the newest take of
   it). Columns taken while the transport stood still, or from a host that
   sends no position, have no song time and get nothing from B. */

#ifndef HR_SONG_TIME_H
#define HR_SONG_TIME_H

#include <stddef.h>

/** The host's tempo grid (bpm 0: none). */
typedef struct {
  double bpm;           /**< beats per minute, > 0; 0: no tempo */
  double beats_per_bar; /**< > 0 */
  double origin;        /**< transport frame of bar 0, beat 0 */
} HrTempoGrid;

/** What an alignment found. */
typedef struct {
  int a_timed;   /**< columns of A with a transport frame */
  int b_timed;   /**< columns of B with a transport frame */
  int matched;   /**< columns of A given a column of B */
  int max_shift; /**< most columns a matched B column moved (|j - i|) */
} HrAlignStats;

/** Bar (counted from 1, as hosts show them) and beat (from 1, with its
    fraction) at transport frame `frame`, `rate` frames per second. 0, or
    -1 if the grid has no tempo or the frame is not a number. */
int
hr_tempo_bar_beat(const HrTempoGrid* grid,
                  double             frame,
                  double             rate,
                  int*               bar,
                  double*            beat);

/** `frame` as text: "bar 9 beat 1.50" with a tempo grid, else seconds of
    song time "12.345 s song", or "" if `frame` is not a number. */
void
hr_song_time_text(const HrTempoGrid* grid,
                  double             frame,
                  double             rate,
                  char*              text,
                  size_t             size);

/** A column's transport frame and its index, for searching by frame. */
typedef struct {
  double frame;
  int    col;
} HrSongTimeKey;

/** The columns of `frames[0 .. n)` that have a frame (a number), sorted by
    frame then index, into `keys`; their count. */
int
hr_song_time_keys(const double* frames, int n, HrSongTimeKey* keys);

/** The column of `keys` that covers transport frame `frame` (-half <=
    its frame - `frame` < half of `column_frames`), the last such column
    if several do (the last pass); -1 if none. */
int
hr_song_time_find(const HrSongTimeKey* keys,
                  int                  n_keys,
                  double               frame,
                  double               column_frames);

#endif /* HR_SONG_TIME_H */
