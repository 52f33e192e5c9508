/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The messages between the plugin and its UI: writers (each writes a
   whole message or nothing) and checking readers, shared by both.

   Every message is an atom:Object (readers accept atom:Blank too) with
   a type under HR_NS and typed properties (URIs in uris.h).

   UI -> plugin, on the control port:
     hr:UIOn     no properties. A UI listens: the plugin sends Config and
                 UIState, then Columns.
     hr:UIOff    no properties. Send after a last UIState.
     hr:Refresh  no properties. Send Config and UIState again.
     hr:UIState  the UI settings (HrUISettings), kept in the plugin's
                 state; missing properties keep their values.

   plugin -> UI, on the notify port:
     hr:Config   HrConfigMsg: after UIOn, Refresh and every
                 reconfiguration, before any Columns it applies to.
     hr:Columns  HrColumnsMsg: the columns of one channel finished since
                 the last message, as many of the oldest as fit (the rest
                 come with the next one); at most one per channel every
                 1/30 s (or every run, for longer runs).
     hr:UIState  the stored UI settings, after UIOn, Refresh, restore.

   Columns encoding (sparse, exact): only cells whose energy is positive
   and finite are sent. hr:cellCount (Vector of Int, one per column) says
   how many cells each column has; hr:cellRow (Vector of Int) and
   hr:cellEnergy (Vector of Float) hold, column after column, each cell's
   row (0 = fmax, rising rows go down in frequency, strictly rising
   within a column) and its energy. Energies are linear (summed |xi|^2
   with the noise floor applied, as in `hyperres render`'s _spec.npy),
   float32, not quantised: a column rebuilt by zeroing `rows` floats and
   storing the cells is the analyser's column bit for bit. hr:cellHits
   (Vector of Float, parallel to hr:cellEnergy, required since version 2)
   holds each sent cell's count of reassigned points (the analyser's
   unthresholded count, finite and >= 0; cells not sent are not counted).
   A Columns without hr:cellHits (version 1) is refused as HR_MSG_MISSING:
   plugin and UI ship in one bundle, and Config's version already tells a
   mismatched pair apart. Column numbers
   rise by one per column of `column_samples` samples and keep rising
   across Configs; a jump in `first` (with `drops`) marks columns that were
   lost.

   Song time (optional in Columns, since version 4): hr:transportFrame
   (Vector of Double, one per column) is the host transport's frame at
   the start of each column's span of audio, NaN where the host sent no
   time:Position or its transport was stopped; absent when no column of
   the message has one. hr:tempo (beats per minute), hr:beatsPerBar and
   hr:beatOrigin (the transport frame of bar 0, beat 0; LV2 counts both
   from 0), all Double, come together when the host gave a tempo: the
   grid in force when the message was sent.

   Versions: 2 added hr:cellHits; 3 added channel 3, HR_CHANNEL_SIDE
   (the stereo plugin's Side mode), so channel numbers and channel_mask
   bits may be 0..3; 4 added the optional song time of Columns. */

#ifndef HR_PROTOCOL_H
#define HR_PROTOCOL_H

#include "uris.h"

#include "core/hr_realtime.h"

#include <lv2/atom/atom.h>
#include <lv2/atom/forge.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Version carried by Config. */
#define HR_PROTOCOL_VERSION 4

/** Channel numbers in Columns (bit numbers of Config's channel_mask). */
typedef enum {
  HR_CHANNEL_LEFT  = 0, /**< left input, or the mono plugin's input */
  HR_CHANNEL_RIGHT = 1, /**< right input */
  HR_CHANNEL_SUM   = 2, /**< (left + right) / 2: Mid */
  HR_CHANNEL_SIDE  = 3, /**< (left - right) / 2: Side (since version 3) */
} HrChannel;

/** Number of channel numbers. */
#define HR_N_CHANNELS 4

/** What a reader found. */
typedef enum {
  HR_MSG_OK = 0,     /**< read and checked */
  HR_MSG_NOT_OBJECT, /**< not an atom:Object/Blank, or truncated */
  HR_MSG_WRONG_TYPE, /**< an object of another type */
  HR_MSG_MISSING,    /**< a required property is missing */
  HR_MSG_BAD_TYPE,   /**< a property has the wrong type or size */
  HR_MSG_BAD_VALUE,  /**< a value is out of range or inconsistent */
} HrMsgStatus;

/** hr:Config: what the Columns that follow mean. Frequencies in Hz,
    times in seconds. */
typedef struct {
  int32_t version;         /**< hr:version Int, HR_PROTOCOL_VERSION */
  double  rate;            /**< hr:rate Double, sample rate, Hz */
  int32_t scale;           /**< hr:scale Int, 0 = log (HrScale) */
  double  fmin;            /**< hr:fmin Double, Hz, as analysed */
  double  fmax;            /**< hr:fmax Double, Hz (<= rate / 2) */
  int32_t rows;            /**< hr:rows Int, rows per column */
  double  rows_per_octave; /**< hr:rowsPerOctave Double (log scale) */
  double  q;               /**< hr:q Double, filter quality */
  int32_t over;            /**< hr:over Int, filters per row */
  double  lint;            /**< hr:lint Double */
  int32_t column_samples;  /**< hr:columnSamples Int (tdeci) */
  double  column_seconds;  /**< hr:columnSeconds Double */
  double  latency;         /**< hr:latency Double, seconds from the end of
                                a column's time span to its analysis */
  int32_t channel_mask;    /**< hr:channelMask Int, bit c: channel c comes */
  int64_t first_column;    /**< hr:firstColumn Long, first column number
                                analysed with this Config */
} HrConfigMsg;

/** hr:Columns: consecutive columns of one channel, sparse. */
typedef struct {
  int32_t channel;            /**< hr:channel Int, HrChannel */
  int64_t first;              /**< hr:first Long, number of column 0 */
  int32_t rows;               /**< hr:rows Int, as in Config */
  int32_t drops;              /**< hr:drops Int, columns of this channel
                                   dropped since its last Columns */
  uint32_t n_columns;         /**< length of cell_count */
  uint32_t n_cells;           /**< length of cell_row, cell_energy and
                                   cell_hits */
  const int32_t* cell_count;  /**< hr:cellCount Vector of Int */
  const int32_t* cell_row;    /**< hr:cellRow Vector of Int */
  const float*   cell_energy; /**< hr:cellEnergy Vector of Float */
  const float*   cell_hits;   /**< hr:cellHits Vector of Float, reassigned
                                   points per cell */
  const double* transport;    /**< hr:transportFrame Vector of Double,
                                   n_columns, NaN: none; NULL: not sent */
  double tempo;               /**< hr:tempo Double, beats per minute > 0;
                                   0: no tempo (then the next two are 0) */
  double beats_per_bar;       /**< hr:beatsPerBar Double, > 0 */
  double beat_origin;         /**< hr:beatOrigin Double, frame of bar 0,
                                   beat 0 */
} HrColumnsMsg;

/** hr:UIState: UI settings the plugin keeps in its state. */
typedef struct {
  int32_t colormap;    /**< hr:colormap Int, 0 .. 63, the UI's colour table */
  float   db_range;    /**< hr:dbRange Float, 1 .. 200 dB shown */
  float   db_top;      /**< hr:dbTop Float, -200 .. 200 dB at the top colour */
  float   history;     /**< hr:history Float, 0.1 .. 3600 s of columns shown */
  int64_t capture_key; /**< hr:captureKey Long, 0 = none; names the UI's
                            capture files */
  int32_t picture;     /**< hr:picture Int: 0 energy, 1 reassigned count */
} HrUISettings;

/** The UI settings a new instance starts with. */
HrUISettings
hr_ui_settings_default(void);

/** HR_MSG_OK if every field is in its documented range. */
HrMsgStatus
hr_ui_settings_check(const HrUISettings* settings);

/** A short description of a reader status. */
const char*
hr_msg_strerror(HrMsgStatus status);

/** True if every field of two UIStates is equal (the struct has padding:
    compare with this, not memcmp). */
bool
hr_ui_settings_equal(const HrUISettings* a, const HrUISettings* b);

/** True if every field of two Configs is equal. */
bool
hr_config_equal(const HrConfigMsg* a, const HrConfigMsg* b);

/** Bytes a Config atom takes (header, body, padding). */
size_t
hr_config_size(void);

/** Bytes a Columns atom with these counts takes. */
size_t
hr_columns_size(uint32_t n_columns, uint32_t n_cells);

/** Bytes a Columns atom takes for `columns` (with its song time). */
size_t
hr_columns_msg_size(const HrColumnsMsg* columns);

/** Bytes a UIState atom takes. */
size_t
hr_ui_settings_size(void);

/** Bytes a UIOn, UIOff or Refresh atom takes. */
size_t
hr_command_size(void);

/** Write a Config object; nothing (and 0) if it does not fit. */
HR_REALTIME LV2_Atom_Forge_Ref
hr_write_config(LV2_Atom_Forge*    forge,
                const HrURIs*      uris,
                const HrConfigMsg* config);

/** Write a Columns object; nothing (and 0) if it does not fit. */
HR_REALTIME LV2_Atom_Forge_Ref
hr_write_columns(LV2_Atom_Forge*     forge,
                 const HrURIs*       uris,
                 const HrColumnsMsg* columns);

/** Write a UIState object; nothing (and 0) if it does not fit. */
HR_REALTIME LV2_Atom_Forge_Ref
hr_write_ui_settings(LV2_Atom_Forge*     forge,
                     const HrURIs*       uris,
                     const HrUISettings* settings);

/** Write a property-less object of type `otype` (hr_UIOn, hr_UIOff,
    hr_Refresh); nothing (and 0) if it does not fit. */
HR_REALTIME LV2_Atom_Forge_Ref
hr_write_command(LV2_Atom_Forge* forge, const HrURIs* uris, LV2_URID otype);

/** The type of a well-formed object atom (atom->size readable body
    bytes follow the header), else 0. */
HR_REALTIME LV2_URID
hr_message_type(const HrURIs* uris, const LV2_Atom* atom);

/** Read and check a Config. */
HR_REALTIME HrMsgStatus
hr_read_config(const HrURIs* uris, const LV2_Atom* atom, HrConfigMsg* config);

/** Read and check a Columns: counts sum to n_cells, rows in [0, rows)
    and rising within each column, energies and hits finite and >= 0,
    one hit count per cell, channel a HrChannel; song time (optional):
    one transport frame per column, each NaN or finite, and a tempo with
    all three values finite (tempo and beats per bar > 0) or none. The
    pointers point into `atom`.
 */
HR_REALTIME HrMsgStatus
hr_read_columns(const HrURIs*   uris,
                const LV2_Atom* atom,
                HrColumnsMsg*   columns);

/** Read and check a UIState into `settings`: properties present replace
    the values there; on any error `settings` is left as it was. */
HR_REALTIME HrMsgStatus
hr_read_ui_settings(const HrURIs*   uris,
                    const LV2_Atom* atom,
                    HrUISettings*   settings);

#endif /* HR_PROTOCOL_H */
