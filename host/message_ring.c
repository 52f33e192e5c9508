/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "host/message_ring.h"

#include <stdlib.h>
#include <string.h>

struct HrMessageRingImpl {
  uint32_t  slots;
  uint32_t  slot_bytes;
  uint32_t* size; /* by slot */
  uint8_t*  data; /* slots x slot_bytes */
  uint32_t  head; /* atomic: messages taken so far (consumer writes) */
  uint32_t  tail; /* atomic: messages put so far (producer writes) */
};

HrMessageRing*
hr_message_ring_new(uint32_t slots, uint32_t slot_bytes)
{
  HrMessageRing* ring = (HrMessageRing*)calloc(1, sizeof(HrMessageRing));
  if (!ring) {
    return NULL;
  }
  ring->slots = 1;
  while (ring->slots < slots && ring->slots < (1U << 31)) {
    ring->slots *= 2;
  }
  ring->slot_bytes = slot_bytes;
  ring->size       = (uint32_t*)calloc(ring->slots, sizeof(uint32_t));
  ring->data       = (uint8_t*)calloc(ring->slots, slot_bytes);
  if (!ring->size || !ring->data) {
    hr_message_ring_free(ring);
    return NULL;
  }
  return ring;
}

void
hr_message_ring_free(HrMessageRing* ring)
{
  if (ring) {
    free(ring->size);
    free(ring->data);
    free(ring);
  }
}

bool
hr_message_ring_push(HrMessageRing* ring, uint32_t size, const void* data)
{
  const uint32_t tail = __atomic_load_n(&ring->tail, __ATOMIC_RELAXED);
  const uint32_t head = __atomic_load_n(&ring->head, __ATOMIC_ACQUIRE);
  if (tail - head == ring->slots || size > ring->slot_bytes) {
    return false;
  }
  const uint32_t slot = tail % ring->slots;
  ring->size[slot]    = size;
  memcpy(ring->data + (size_t)slot * ring->slot_bytes, data, size);
  __atomic_store_n(&ring->tail, tail + 1, __ATOMIC_RELEASE);
  return true;
}

const void*
hr_message_ring_peek(HrMessageRing* ring, uint32_t* size)
{
  const uint32_t head = __atomic_load_n(&ring->head, __ATOMIC_RELAXED);
  const uint32_t tail = __atomic_load_n(&ring->tail, __ATOMIC_ACQUIRE);
  if (head == tail) {
    return NULL;
  }
  const uint32_t slot = head % ring->slots;
  *size               = ring->size[slot];
  return ring->data + (size_t)slot * ring->slot_bytes;
}

void
hr_message_ring_pop(HrMessageRing* ring)
{
  const uint32_t head = __atomic_load_n(&ring->head, __ATOMIC_RELAXED);
  __atomic_store_n(&ring->head, head + 1, __ATOMIC_RELEASE);
}
