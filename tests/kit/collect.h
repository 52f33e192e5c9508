/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* What the plugin told a UI, gathered from the notify port after each run
   with the protocol's checking readers: the last Config, column counts and
   gaps per channel, energy per row, anything malformed. */

#ifndef HR_COLLECT_H
#define HR_COLLECT_H

#include "host/host.h"
#include "protocol/protocol.h"
#include "protocol/uris.h"

#include <stdint.h>

/** Most rows a collector sums energy for. */
#define HR_COLLECT_ROWS 8192

/** Messages seen so far. */
typedef struct {
  HrURIs       uris;
  int          n_configs;
  HrConfigMsg  config; /**< the last one */
  int          n_ui_states;
  HrUISettings ui_settings; /**< the last one */
  int          n_messages;  /**< Columns messages */
  int          max_per_run; /**< most Columns messages in one run */
  long         columns[HR_N_CHANNELS];
  long         drops[HR_N_CHANNELS];
  int64_t      next[HR_N_CHANNELS]; /**< expected next column number */
  int64_t      last[HR_N_CHANNELS]; /**< last column number seen */
  int          unexplained_gaps;    /**< jumps in numbering beyond drops */
  int          bad;                 /**< malformed or inconsistent messages */
  int          bad_sequences;       /**< notify sequences that did not parse */
  double       energy[HR_N_CHANNELS][HR_COLLECT_ROWS];   /**< per row */
  double       hits[HR_N_CHANNELS][HR_COLLECT_ROWS];     /**< points per row */
  long         cells[HR_N_CHANNELS][HR_COLLECT_ROWS];    /**< cells per row */
  double       min_hits[HR_N_CHANNELS][HR_COLLECT_ROWS]; /**< fewest points
                                                              of a cell */
  uint64_t clock;        /**< samples run by hr_collect_run_tone */
  int      run_messages; /**< Columns messages in the last run */
} HrCollected;

/** Start collecting (maps the URIs with the host's map). */
void
hr_collect_init(HrCollected* collected, HrHost* host);

/** Read what the last run wrote to notify. */
void
hr_collect(HrCollected* collected, HrHost* host);

/** Forget the energies, hits and cells (keeps the rest). */
void
hr_collect_clear_energy(HrCollected* collected);

/** Row with the most energy of a channel (-1 if none). */
int
hr_collect_peak_row(const HrCollected* collected, int channel);

/** Send a property-less message (hr_UIOn, hr_UIOff, hr_Refresh). */
void
hr_collect_send_command(HrCollected* collected, HrHost* host, LV2_URID otype);

/** Run `seconds` of a sine (`freq` Hz, amplitude 0.5; 0 Hz: silence) into
    every input, `block` samples at a time, collecting after each run.
    Returns false if the output ever differed from the input. */
bool
hr_collect_run_tone(HrCollected* collected,
                    HrHost*      host,
                    double       freq,
                    double       seconds,
                    uint32_t     block);

#endif /* HR_COLLECT_H */
