/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Port indices of the two plugins. Each value equals the port's lv2:index
   in ttl/hyperres.ttl.in. The mono plugin has ports 0 .. HR_PORT_OUT_1,
   the stereo plugin every port. */

#ifndef HR_PORTS_H
#define HR_PORTS_H

/** Every port; the value is the lv2:index. */
typedef enum {
  HR_PORT_CONTROL         = 0,  /**< atom in: UIOn, UIOff, Refresh, UIState */
  HR_PORT_NOTIFY          = 1,  /**< atom out: Config, Columns, UIState */
  HR_PORT_Q               = 2,  /**< filter quality */
  HR_PORT_TIME_STEP       = 3,  /**< ms per column */
  HR_PORT_ROWS_PER_OCTAVE = 4,  /**< histogram rows per octave */
  HR_PORT_FILTERS_PER_ROW = 5,  /**< filters per row (over) */
  HR_PORT_FMIN            = 6,  /**< lowest frequency, Hz */
  HR_PORT_FMAX            = 7,  /**< highest frequency, Hz */
  HR_PORT_LINT            = 8,  /**< reassignment limit */
  HR_PORT_ANALYSE         = 9,  /**< HrAnalyse: when to analyse */
  HR_PORT_BANDWIDTHS      = 10, /**< consensus over q, 2q, ...: how many */
  HR_PORT_LATENCY         = 11, /**< out: picture latency, ms */
  HR_PORT_LOAD            = 12, /**< out: analysis time / audio time, % */
  HR_PORT_DROPS           = 13, /**< out: columns dropped since activate */
  HR_PORT_IN_1            = 14, /**< audio in (mono) or left in */
  HR_PORT_OUT_1           = 15, /**< audio out (mono) or left out */
  HR_PORT_IN_2            = 16, /**< stereo: right in */
  HR_PORT_OUT_2           = 17, /**< stereo: right out */
  HR_PORT_CHANNEL         = 18, /**< stereo: HrChannelMode */
} HrPortIndex;

/** Number of ports of the mono plugin. */
#define HR_N_PORTS_MONO 16

/** Number of ports of the stereo plugin. */
#define HR_N_PORTS_STEREO 19

/** First and last input control port (the ones presets store). */
#define HR_FIRST_CONTROL HR_PORT_Q
#define HR_LAST_CONTROL HR_PORT_BANDWIDTHS

/** Values of the analyse port. */
typedef enum {
  HR_ANALYSE_ALWAYS  = 0, /**< analyse all the time (default) */
  HR_ANALYSE_WITH_UI = 1, /**< analyse only while a UI is open */
} HrAnalyse;

/** Values of the stereo plugin's channel port. */
typedef enum {
  HR_CHANNEL_MODE_LEFT  = 0, /**< analyse the left input only */
  HR_CHANNEL_MODE_RIGHT = 1, /**< analyse the right input only */
  HR_CHANNEL_MODE_SUM   = 2, /**< analyse (left + right) / 2 (default) */
  HR_CHANNEL_MODE_BOTH  = 3, /**< analyse each input: two pictures */
} HrChannelMode;

#endif /* HR_PORTS_H */
