/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A capture in open formats, as `hyperres render` writes its outputs,
   so that it can be taken elsewhere (numpy, any tool reading .npy/.npz)
   and opened again in the UI:

     STEM_spec.npy   float32, rows x cols: energies, row 0 = the highest
                     frequency, column 0 = the oldest
     STEM_count.npy  float32, rows x cols: reassigned points per cell
     STEM_axes.npz   freq_hz (float64, one per row: each row's centre),
                     time_s (float64, one per column: its start, seconds
                     relative to the newest column's end, as the UI's time
                     axis shows it), column_flags (int32, one per column:
                     HrSlotFlag bits, 1 = data came, 2 = columns were
                     lost), transport_frame (float64, one per column: the
                     host transport's frame at its start, NaN: none; song
                     time, song_time.h), params (JSON
                     text, a 0-d unicode array: the axis, column seconds,
                     channel, when it was taken, the analysis settings,
                     column_frames and the tempo grid: tempo_bpm (0:
                     none), beats_per_bar, beat_origin_frame)

   The PNG comes from the UI's PNG button (ui_captures.c) with the same
   stem. Files appear whole or not at all; existing ones are not
   replaced. */

#ifndef HR_CAPTURE_EXPORT_H
#define HR_CAPTURE_EXPORT_H

#include "capture.h"

#include <stddef.h>

/** Write `capture` as STEM_spec.npy, STEM_count.npy and STEM_axes.npz.
    0, or -1 with a message in `error` (files written before a failure
    are removed: all or none). */
int
hr_capture_export(const HrCapture* capture,
                  const char*      stem,
                  char*            error,
                  size_t           error_size);

/** Read the files hr_capture_export() wrote for `stem` (STEM_count.npy
    may be missing: no points), checked; NULL with a message in `error`. */
HrCapture*
hr_capture_import(const char* stem, char* error, size_t error_size);

#endif /* HR_CAPTURE_EXPORT_H */
