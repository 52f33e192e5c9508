/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* A ring of messages between two threads, as hosts keep between their
   audio, worker and GUI threads: one producer, one consumer, no locks,
   no allocation after hr_message_ring_new(). The producer publishes a message
   with a release store of the tail; the consumer reads it after an
   acquire load, and frees its slot with a release store of the head. In
   one thread it is a plain queue. */

#ifndef HR_MESSAGE_RING_H
#define HR_MESSAGE_RING_H

#include <stdbool.h>
#include <stdint.h>

/** A ring (opaque). */
typedef struct HrMessageRingImpl HrMessageRing;

/** A ring of `slots` messages (rounded up to a power of two, so that the
    counters wrap cleanly) of at most `slot_bytes` each; NULL if out of
    memory. */
HrMessageRing*
hr_message_ring_new(uint32_t slots, uint32_t slot_bytes);

/** Free a ring; NULL is fine. */
void
hr_message_ring_free(HrMessageRing* ring);

/** Producer: copy in a message of `size` bytes. False if the ring is full
    or the message larger than a slot. */
bool
hr_message_ring_push(HrMessageRing* ring, uint32_t size, const void* data);

/** Consumer: the oldest message (its size in `*size`), or NULL if none;
    it stays until hr_message_ring_pop(). */
const void*
hr_message_ring_peek(HrMessageRing* ring, uint32_t* size);

/** Consumer: free the oldest message's slot. */
void
hr_message_ring_pop(HrMessageRing* ring);

#endif /* HR_MESSAGE_RING_H */
