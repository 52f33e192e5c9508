/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "torture_input.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define TWO_PI 6.28318530717958647692

uint32_t
hr_rand(uint32_t* state)
{
  uint32_t x = *state ? *state : 0x9E3779B9u;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

uint32_t
hr_rand_below(uint32_t* state, uint32_t n)
{
  return (uint32_t)(((uint64_t)hr_rand(state) * n) >> 32);
}

/* ---- signals ---- */

static const char* const signal_names[HR_SIG_COUNT] = {
  "silence", "dc", "square", "noise", "nan", "inf", "denormal", "alt-nan",
};

const char*
hr_signal_name(HrSignal signal)
{
  return (unsigned)signal < HR_SIG_COUNT ? signal_names[signal] : "?";
}

bool
hr_signal_is_bad(HrSignal signal)
{
  return signal == HR_SIG_NAN || signal == HR_SIG_INF ||
         signal == HR_SIG_DENORMAL || signal == HR_SIG_ALT_NAN;
}

static float
from_bits(uint32_t bits)
{
  float value;
  memcpy(&value, &bits, sizeof(value));
  return value;
}

void
hr_signal_fill(HrSignal  signal,
               float*    buf,
               uint32_t  n,
               uint64_t  t0,
               uint64_t  block,
               double    rate,
               uint32_t* rng)
{
  static const uint32_t nans[] = {
    0x7FC00000u, 0xFFC00000u, 0x7F800001u, 0x7FFFFFFFu, 0xFFBADBADu
  };
  static const float infs[] = { INFINITY, -INFINITY, FLT_MAX, -FLT_MAX };
  for (uint32_t i = 0; i < n; ++i) {
    const uint64_t t    = t0 + i;
    const double   tone = sin(TWO_PI * 1000.0 * (double)t / rate);
    switch (signal) {
      case HR_SIG_SILENCE:
        buf[i] = 0.0f;
        break;
      case HR_SIG_DC:
        buf[i] = 1.0f;
        break;
      case HR_SIG_SQUARE:
        buf[i] = fmod((double)t * 1000.0 / rate, 1.0) < 0.5 ? 1.0f : -1.0f;
        break;
      case HR_SIG_NOISE:
        buf[i] = (float)hr_rand(rng) / 2147483648.0f - 1.0f;
        break;
      case HR_SIG_NAN:
        buf[i] = from_bits(nans[hr_rand_below(rng, 5)]);
        break;
      case HR_SIG_INF:
        buf[i] = infs[hr_rand_below(rng, 4)];
        break;
      case HR_SIG_DENORMAL:
        buf[i] = (t / 4096) % 2 ? (float)(1e-39 * tone)
                                : from_bits(hr_rand(rng) & 0x807FFFFFu);
        break;
      case HR_SIG_ALT_NAN:
        buf[i] = block % 2 ? from_bits(nans[t % 5]) : (float)(0.5 * tone);
        break;
      default:
        buf[i] = 0.0f;
        break;
    }
  }
}

/* ---- garbage ---- */

static const char* const garbage_names[HR_GARBAGE_COUNT] = {
  "none", "unknown", "truncated", "sizes", "huge", "random",
};

const char*
hr_garbage_name(HrGarbage garbage)
{
  return (unsigned)garbage < HR_GARBAGE_COUNT ? garbage_names[garbage] : "?";
}

/* Bytes of one atom being put together. */
typedef struct {
  uint8_t  data[1024];
  uint32_t n;
} Bytes;

static void
put(Bytes* b, const void* data, uint32_t size)
{
  if (b->n + size <= sizeof(b->data)) {
    memcpy(b->data + b->n, data, size);
    b->n += size;
  }
}

static void
put32(Bytes* b, uint32_t value)
{
  put(b, &value, 4);
}

static void
pad8(Bytes* b)
{
  while (b->n % 8) {
    const uint8_t zero = 0;
    put(b, &zero, 1);
  }
}

/* An object header (size patched by end_object). */
static void
begin_object(Bytes* b, LV2_URID type, LV2_URID otype)
{
  b->n = 0;
  put32(b, 0);
  put32(b, type);
  put32(b, 0); /* id */
  put32(b, otype);
}

static void
end_object(Bytes* b)
{
  const uint32_t size = b->n - (uint32_t)sizeof(LV2_Atom);
  memcpy(b->data, &size, 4);
}

/* A property whose value has `type`, claims `size` bytes and has `n`
   bytes of `value` (n may differ from size). */
static void
prop(Bytes*      b,
     LV2_URID    key,
     LV2_URID    type,
     uint32_t    size,
     const void* value,
     uint32_t    n)
{
  put32(b, key);
  put32(b, 0); /* context */
  put32(b, size);
  put32(b, type);
  put(b, value, n);
  pad8(b);
}

typedef struct {
  LV2_Atom_Sequence* seq;
  uint32_t           capacity;
} Seq;

/* Append an event whose atom is the first `n` bytes of `atom`; false if
   there is no room. */
static bool
add_event(Seq* s, int64_t frames, const void* atom, uint32_t n)
{
  const uint32_t padded = (n + 7U) & ~7U;
  if (sizeof(LV2_Atom) + s->seq->atom.size + 8 + padded > s->capacity) {
    return false;
  }
  uint8_t* end = (uint8_t*)&s->seq->body + s->seq->atom.size;
  memcpy(end, &frames, 8);
  memset(end + 8, 0, padded);
  memcpy(end + 8, atom, n);
  s->seq->atom.size += 8 + padded;
  return true;
}

static void
add_bytes(Seq* s, const Bytes* b)
{
  add_event(s, 0, b->data, b->n);
}

static void
unknown_atoms(Seq* s, const HrURIs* u, uint32_t* rng)
{
  Bytes b;
  for (int k = 0; k < 6; ++k) {
    switch (hr_rand_below(rng, 7)) {
      case 0: /* an Int */
        b.n = 0;
        put32(&b, 4);
        put32(&b, u->atom_Int);
        put32(&b, hr_rand(rng));
        break;
      case 1: /* a chunk of an unmapped type */
        b.n = 0;
        put32(&b, 16);
        put32(&b, 400 + hr_rand_below(rng, 100));
        for (int i = 0; i < 4; ++i) {
          put32(&b, hr_rand(rng));
        }
        break;
      case 2: { /* an object of an unknown type */
        LV2_URID otype = 1 + hr_rand_below(rng, 600);
        while (otype == u->hr_UIOn || otype == u->hr_UIOff ||
               otype == u->hr_Refresh || otype == u->hr_UIState) {
          otype = 1 + hr_rand_below(rng, 600);
        }
        begin_object(&b, u->atom_Object, otype);
        prop(&b, u->hr_colormap, u->atom_Int, 4, "\1\0\0\0", 4);
        end_object(&b);
        break;
      }
      case 3: /* a Blank UIState with keys it does not know */
        begin_object(&b, u->atom_Blank, u->hr_UIState);
        prop(&b, 555, u->atom_Int, 4, "\7\0\0\0", 4);
        prop(&b, u->hr_rows, u->atom_Float, 4, "\0\0\200\77", 4);
        end_object(&b);
        break;
      case 4: /* the plugin's own messages, the wrong way */
        begin_object(&b, u->atom_Object, u->hr_Columns);
        end_object(&b);
        break;
      case 5: /* type 0, size 0 */
        b.n = 0;
        put32(&b, 0);
        put32(&b, 0);
        break;
      default: /* a Vector where an object belongs */
        b.n = 0;
        put32(&b, 16);
        put32(&b, u->atom_Vector);
        put32(&b, 4);
        put32(&b, u->atom_Float);
        put32(&b, 0);
        put32(&b, 0);
        break;
    }
    add_bytes(s, &b);
  }
}

static void
truncated_atoms(Seq* s, const HrURIs* u, uint32_t* rng)
{
  Bytes       b;
  const float value = 50.0f;
  /* an object smaller than its body */
  begin_object(&b, u->atom_Object, u->hr_UIState);
  memcpy(b.data, "\4\0\0\0", 4);
  add_bytes(s, &b);
  /* a property running past its object */
  begin_object(&b, u->atom_Object, u->hr_UIState);
  prop(&b, u->hr_dbRange, u->atom_Float, 4, &value, 4);
  end_object(&b);
  const uint32_t cut = 8 + 8 + 4 + hr_rand_below(rng, 12);
  memcpy(b.data, &cut, 4);
  add_bytes(s, &b);
  /* a property whose value claims more than the object holds */
  begin_object(&b, u->atom_Object, u->hr_UIState);
  prop(
    &b, u->hr_history, u->atom_Float, 4 + 8 * hr_rand_below(rng, 4), &value, 4);
  end_object(&b);
  add_bytes(s, &b);
  /* last: an event running past the sequence's end by a little */
  begin_object(&b, u->atom_Object, u->hr_UIState);
  prop(&b, u->hr_dbTop, u->atom_Float, 4, &value, 4);
  end_object(&b);
  const uint32_t over = b.n - 8 + 1 + hr_rand_below(rng, 64);
  memcpy(b.data, &over, 4);
  add_bytes(s, &b);
  if (hr_rand_below(rng, 2)) { /* a sequence ending mid-event */
    s->seq->atom.size -= 4 + 4 * hr_rand_below(rng, 3);
  }
}

static void
wrong_sizes(Seq* s, const HrURIs* u, uint32_t* rng)
{
  static const float   bad_floats[] = { NAN,   INFINITY, -INFINITY, -1e30f,
                                        1e30f, 0.0f,     -0.0f,     1e-45f };
  static const int32_t bad_ints[] = { -1, 64, 0x7FFFFFFF, (int32_t)0x80000000 };
  const double         d          = 50.0;
  const int64_t        l          = 3;
  Bytes                b;
  for (int k = 0; k < 6; ++k) {
    const float   f = bad_floats[hr_rand_below(rng, 8)];
    const int32_t i = bad_ints[hr_rand_below(rng, 4)];
    begin_object(&b, u->atom_Object, u->hr_UIState);
    switch (hr_rand_below(rng, 7)) {
      case 0:
        prop(&b, u->hr_colormap, u->atom_Long, 8, &l, 8);
        break;
      case 1:
        prop(&b, u->hr_dbRange, u->atom_Double, 8, &d, 8);
        break;
      case 2:
        prop(&b, u->hr_dbTop, u->atom_Float, 2, &f, 2);
        break;
      case 3:
        prop(&b, u->hr_history, u->atom_Float, 0, &f, 0);
        break;
      case 4:
        prop(&b, u->hr_colormap, u->atom_Int, 4, &i, 4);
        break;
      case 5:
        prop(&b, u->hr_dbRange, u->atom_Float, 4, &f, 4);
        prop(&b, u->hr_dbRange, u->atom_Float, 4, &f, 4);
        break;
      default:
        prop(&b, u->hr_history, u->atom_Vector, 8, "\4\0\0\0\0\0\0\0", 8);
        break;
    }
    end_object(&b);
    add_bytes(s, &b);
  }
}

static void
huge_sizes(Seq* s, const HrURIs* u, uint32_t* rng)
{
  static const uint32_t huge[] = {
    0xFFFFFFFFu, 0xFFFFFFF8u, 0x80000000u, 0x7FFFFFF8u, 0x00FFFFF8u
  };
  const float value = 10.0f;
  Bytes       b;
  /* a property value claiming gigabytes inside a sane object */
  begin_object(&b, u->atom_Object, u->hr_UIState);
  prop(
    &b, u->hr_dbRange, u->atom_Float, huge[hr_rand_below(rng, 5)], &value, 4);
  end_object(&b);
  add_bytes(s, &b);
  /* a vector claiming a huge count */
  begin_object(&b, u->atom_Object, u->hr_UIState);
  prop(&b,
       u->hr_history,
       u->atom_Vector,
       huge[hr_rand_below(rng, 5)],
       "\4\0\0\0\0\0\0\0",
       8);
  end_object(&b);
  add_bytes(s, &b);
  /* last: an event (its atom) claiming gigabytes */
  begin_object(&b, u->atom_Object, u->hr_UIOn);
  memcpy(b.data, &huge[hr_rand_below(rng, 5)], 4);
  add_event(s, -1, b.data, b.n);
}

static void
random_events(Seq* s, uint32_t* rng)
{
  Bytes b;
  if (hr_rand_below(rng, 3) == 0) { /* no structure at all */
    const uint32_t room =
      (s->capacity - (uint32_t)sizeof(LV2_Atom) - s->seq->atom.size) & ~7U;
    uint32_t n = 8 * hr_rand_below(rng, 128);
    n          = n > room ? room : n;
    uint8_t* p = (uint8_t*)&s->seq->body + s->seq->atom.size;
    for (uint32_t i = 0; i < n; i += 4) {
      const uint32_t word = hr_rand(rng);
      memcpy(p + i, &word, 4);
    }
    s->seq->atom.size += n;
    return;
  }
  for (int k = 0; k < 8; ++k) {
    b.n                = 0;
    const uint32_t len = hr_rand_below(rng, 64);
    put32(&b, hr_rand_below(rng, 4) ? len : hr_rand(rng)); /* size */
    put32(&b, hr_rand_below(rng, 40));                     /* type */
    for (uint32_t i = 0; i < len; i += 4) {
      put32(&b, hr_rand(rng) % (hr_rand_below(rng, 2) ? 64 : 0xFFFFFFFFu));
    }
    add_event(s, (int64_t)hr_rand(rng) - 0x80000000LL, b.data, b.n);
  }
}

void
hr_garbage_write(HrGarbage          kind,
                 LV2_Atom_Sequence* seq,
                 uint32_t           capacity,
                 const HrURIs*      uris,
                 uint32_t*          rng)
{
  seq->atom.type = uris->atom_Sequence;
  seq->atom.size = sizeof(LV2_Atom_Sequence_Body);
  seq->body.unit = 0;
  seq->body.pad  = 0;
  Seq s          = { seq, capacity };
  switch (kind) {
    case HR_GARBAGE_UNKNOWN:
      unknown_atoms(&s, uris, rng);
      break;
    case HR_GARBAGE_TRUNCATED:
      truncated_atoms(&s, uris, rng);
      break;
    case HR_GARBAGE_SIZES:
      wrong_sizes(&s, uris, rng);
      break;
    case HR_GARBAGE_HUGE:
      huge_sizes(&s, uris, rng);
      break;
    case HR_GARBAGE_RANDOM:
      random_events(&s, rng);
      if (hr_rand_below(rng, 8) == 0) {
        seq->atom.type = hr_rand_below(rng, 40); /* not a Sequence */
      }
      break;
    default:
      break;
  }
}
