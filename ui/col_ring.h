/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A ring of picture columns for one channel, as the UI receives them:
   each slot holds `rows` energies (row 0 = highest frequency) pooled by
   maximum over `group` consecutive analysis columns, beside them the
   cells' reassigned-point counts (pooled by maximum too), and flags saying
   whether data came and whether columns of it were lost. Slots are
   numbered absolutely: slot s holds columns [s * group, (s+1) * group).
   Pure logic: no Cairo, no X, no LV2. */

#ifndef HR_COL_RING_H
#define HR_COL_RING_H

#include <stdint.h>

/** Largest column number a ring takes: 2^40 columns outlast any session
    and keep pixel arithmetic (number x width) far from overflow. */
#define HR_RING_MAX_COLUMN ((int64_t)1 << 40)

/** Flags of a slot. A slot with neither was never received. */
typedef enum {
  HR_SLOT_DATA = 1, /**< at least one of its columns came */
  HR_SLOT_GAP  = 2, /**< at least one of its columns was lost */
} HrSlotFlag;

/** What hr_ring_add() did with a column. */
typedef enum {
  HR_RING_ADDED = 0, /**< stored */
  HR_RING_OLD   = 1, /**< number not above the last one: dropped */
  HR_RING_HELD  = 2, /**< would overwrite kept slots (freeze): dropped */
} HrRingResult;

/** A column ring (fields are read-only outside col_ring.c). */
typedef struct {
  int      rows;        /**< energies per slot */
  int      capacity;    /**< slots kept */
  int      group;       /**< analysis columns per slot, >= 1 */
  int64_t  head;        /**< one past the newest slot */
  int64_t  tail;        /**< oldest slot kept; tail == head: empty */
  int64_t  next_column; /**< column number expected next, -1: none yet */
  int64_t  keep_from;   /**< slots >= this must not be overwritten */
  float*   cells;       /**< capacity x rows */
  float*   hits;        /**< capacity x rows, reassigned points per cell */
  uint8_t* flags;       /**< capacity */
  double*  transport;   /**< capacity: the host transport's frame at the
                             slot's start, NAN: none (song time) */
} HrRing;

/** A new empty ring, NULL if out of memory or a size is not positive. */
HrRing*
hr_ring_new(int rows, int capacity, int group);

/** Free a ring; NULL is fine. */
void
hr_ring_free(HrRing* ring);

/** Forget every column. */
void
hr_ring_reset(HrRing* ring);

/** Store analysis column `number` given as `n_cells` (row, energy, hits)
    triples, rows in [0, rows) (checked by the protocol reader); `hits`
    NULL: counts of 0. A jump from the expected number marks the slots of
    the missing columns as gaps. */
HrRingResult
hr_ring_add(HrRing*        ring,
            int64_t        number,
            int            n_cells,
            const int32_t* rows,
            const float*   energy,
            const float*   hits);

/** One past the last slot that will not change any more (all its
    columns came or were lost). */
int64_t
hr_ring_complete(const HrRing* ring);

/** The energies of slot `slot`, NULL if the ring does not hold it. */
const float*
hr_ring_column(const HrRing* ring, int64_t slot);

/** The point counts of slot `slot`, NULL if the ring does not hold it. */
const float*
hr_ring_hits(const HrRing* ring, int64_t slot);

/** The HrSlotFlag bits of slot `slot`, 0 if the ring does not hold it. */
unsigned
hr_ring_flags(const HrRing* ring, int64_t slot);

/** Song time: analysis column `number`, just stored, began at transport
    frame `frame` (NAN: none). The slot takes the frame its first column
    with one gives, moved back to the slot's start by `column_frames` per
    column before it (the transport running at speed 1). */
void
hr_ring_set_transport(HrRing* ring,
                      int64_t number,
                      double  frame,
                      double  column_frames);

/** The transport frame at the start of slot `slot`; NAN if none or the
    ring does not hold the slot. */
double
hr_ring_transport(const HrRing* ring, int64_t slot);

/** Keep slots >= `slot` (INT64_MAX: keep none): columns that would
    overwrite them are held back (HR_RING_HELD). */
void
hr_ring_keep_from(HrRing* ring, int64_t slot);

#endif /* HR_COL_RING_H */
