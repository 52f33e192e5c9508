/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Tests of the UI's pure logic (ui/col_ring, ui/view, ui/capture): the
   column ring, gaps, freeze and pan, zoom, the pixel mapping, the cursor
   read-out (time, Hz, note, cents, dB, points) and capture files. No X. */

#undef NDEBUG

#include "tests/kit/check.h"

#include "ui/capture.h"
#include "ui/col_ring.h"
#include "ui/view.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
check(int ok, const char* what)
{
  hr_check(ok, "ui_view: %s", what);
}

static int
near(double got, double want, double tolerance)
{
  return fabs(got - want) <= tolerance;
}

/* One cell (row, energy) per column. */
static HrRingResult
add_one(HrRing* ring, int64_t number, int32_t row, float energy)
{
  return hr_ring_add(ring, number, 1, &row, &energy, NULL);
}

static void
test_ring(void)
{
  HrRing* ring = hr_ring_new(4, 8, 1);
  for (int64_t n = 0; n < 10; ++n) {
    add_one(ring, n, (int32_t)(n % 4), (float)n + 1.0f);
  }
  check(ring->head == 10 && ring->tail == 2, "ring keeps the newest slots");
  check(!hr_ring_column(ring, 1) && hr_ring_flags(ring, 1) == 0,
        "slots that fell out are gone");
  const float* col = hr_ring_column(ring, 5);
  check(col && col[1] == 6.0f && col[0] == 0.0f, "a slot holds its column");
  check(add_one(ring, 9, 0, 1.0f) == HR_RING_OLD, "a repeated column is old");
  check(add_one(ring, 13, 0, 1.0f) == HR_RING_ADDED &&
          hr_ring_flags(ring, 11) == HR_SLOT_GAP &&
          hr_ring_flags(ring, 12) == HR_SLOT_GAP &&
          hr_ring_flags(ring, 13) == HR_SLOT_DATA,
        "a jump in column numbers marks a gap, not a smear");
  check(hr_ring_complete(ring) == 14, "complete up to the newest column");
  check(add_one(ring, 1000, 0, 1.0f) == HR_RING_ADDED &&
          ring->head - ring->tail == 8 &&
          hr_ring_flags(ring, 999) == HR_SLOT_GAP,
        "a jump beyond the ring restarts it, marked");
  check(add_one(ring, HR_RING_MAX_COLUMN + 1, 0, 1.0f) == HR_RING_OLD,
        "absurd column numbers are refused");
  hr_ring_free(ring);

  ring = hr_ring_new(4, 8, 2);
  add_one(ring, 0, 1, 1.0f);
  add_one(ring, 1, 1, 3.0f);
  add_one(ring, 2, 2, 2.0f);
  check(hr_ring_complete(ring) == 1, "a half-filled slot is not complete");
  add_one(ring, 5, 2, 2.0f);
  check(hr_ring_column(ring, 0)[1] == 3.0f, "a slot pools by maximum");
  check(hr_ring_flags(ring, 1) == (HR_SLOT_DATA | HR_SLOT_GAP) &&
          hr_ring_flags(ring, 2) == (HR_SLOT_DATA | HR_SLOT_GAP),
        "a partly lost slot is marked");
  hr_ring_free(ring);
  hr_ring_free(NULL);
}

/* A log Config: 8000 Hz down 4 octaves at 12 rows per octave (49 rows),
   1 ms columns at 48 kHz, the left channel only. */
static HrConfigMsg
small_config(void)
{
  HrConfigMsg c;
  memset(&c, 0, sizeof c);
  c.version         = HR_PROTOCOL_VERSION;
  c.rate            = 48000.0;
  c.scale           = 0;
  c.fmax            = 8000.0;
  c.fmin            = 500.0;
  c.rows            = 49;
  c.rows_per_octave = 12.0;
  c.q               = 2.0;
  c.over            = 2;
  c.lint            = 0.5;
  c.column_samples  = 48;
  c.column_seconds  = 0.001;
  c.channel_mask    = 1 << HR_CHANNEL_LEFT;
  return c;
}

/* Feed columns [first, first + n) with one cell at `row`. */
static int
feed(HrView* view, int64_t first, uint32_t n, int32_t row, float energy)
{
  int32_t* counts   = (int32_t*)calloc(n, sizeof(int32_t));
  int32_t* rows     = (int32_t*)calloc(n, sizeof(int32_t));
  float*   energies = (float*)calloc(n, sizeof(float));
  float*   hits     = (float*)calloc(n, sizeof(float));
  for (uint32_t k = 0; k < n; ++k) {
    counts[k]   = 1;
    rows[k]     = row;
    energies[k] = energy;
    hits[k]     = (float)(first + k + 1); /* column number + 1 points */
  }
  HrColumnsMsg m;
  m.channel        = HR_CHANNEL_LEFT;
  m.first          = first;
  m.rows           = view->config.rows;
  m.drops          = 0;
  m.n_columns      = n;
  m.n_cells        = n;
  m.cell_count     = counts;
  m.cell_row       = rows;
  m.cell_energy    = energies;
  m.cell_hits      = hits;
  m.transport      = NULL;
  m.tempo          = 0.0;
  m.beats_per_bar  = 0.0;
  m.beat_origin    = 0.0;
  const int result = hr_view_add(view, &m);
  free(counts);
  free(rows);
  free(energies);
  free(hits);
  return result;
}

static void
test_ring_hits(void)
{
  HrRing*       ring      = hr_ring_new(4, 3, 2);
  const int32_t rows[2]   = { 1, 3 };
  const float   energy[2] = { 1.0f, 2.0f };
  const float   hits_a[2] = { 5.0f, 0.0f };
  const float   hits_b[2] = { 2.0f, 9.0f };
  check(ring &&
          hr_ring_add(ring, 0, 2, rows, energy, hits_a) == HR_RING_ADDED &&
          hr_ring_add(ring, 1, 2, rows, energy, hits_b) == HR_RING_ADDED,
        "columns with hits are stored");
  const float* hits = ring ? hr_ring_hits(ring, 0) : NULL;
  check(hits && hits[0] == 0.0f && hits[1] == 5.0f && hits[2] == 0.0f &&
          hits[3] == 9.0f && hr_ring_column(ring, 0)[3] == 2.0f,
        "a slot keeps the most points of its columns beside the energies");
  check(ring && hr_ring_add(ring, 2, 2, rows, energy, NULL) == HR_RING_ADDED &&
          hr_ring_hits(ring, 1)[1] == 0.0f,
        "no hits: counts of 0");
  for (int64_t n = 3; ring && n < 12; ++n) {
    hr_ring_add(ring, n, 2, rows, energy, hits_b);
  }
  check(ring && !hr_ring_hits(ring, 0) && hr_ring_hits(ring, 5)[3] == 9.0f &&
          hr_ring_hits(ring, 5)[0] == 0.0f,
        "reused slots start without old counts");
  hr_ring_free(ring);
}

static void
test_view_config(void)
{
  HrView view;
  hr_view_init(&view, 0.2);
  HrConfigMsg c = small_config();
  check(feed(&view, 0, 1, 0, 1.0f) == -1 && view.stats.bad == 1,
        "columns before a Config are rejected and counted");
  check(hr_view_set_config(&view, &c) == 0 && view.visible == 200 &&
          view.group == 1,
        "0.2 s of 1 ms columns: 200 slots of one column");
  check(hr_view_ring(&view, HR_CHANNEL_LEFT) &&
          !hr_view_ring(&view, HR_CHANNEL_RIGHT),
        "a ring per channel of the Config");
  feed(&view, 0, 10, 3, 1.0f);
  const HrRing* ring = hr_view_ring(&view, HR_CHANNEL_LEFT);
  c.first_column     = 10;
  check(hr_view_set_config(&view, &c) == 0 &&
          hr_view_ring(&view, HR_CHANNEL_LEFT) == ring && ring->head == 10,
        "the same layout keeps the columns");
  c.rows_per_octave = 24.0;
  c.rows            = 97;
  check(hr_view_set_config(&view, &c) == 0 &&
          hr_view_ring(&view, HR_CHANNEL_LEFT)->head == 0,
        "a new layout starts afresh");
  check(feed(&view, 0, 1, 0, 1.0f) == 0, "columns of the new layout fit");
  feed(&view, 500, 10, 0, 1.0f);
  check(feed(&view, 20, 5, 0, 1.0f) == 0 && view.stats.restarts == 1 &&
          hr_view_ring(&view, 0)->head == 25,
        "numbers that go back restart the ring");
  HrColumnsMsg wrong;
  memset(&wrong, 0, sizeof wrong);
  wrong.channel = HR_CHANNEL_RIGHT;
  wrong.rows    = c.rows;
  check(hr_view_add(&view, &wrong) == -1, "a channel not in Config: bad");
  c.rows = 1 << 30;
  check(hr_view_set_config(&view, &c) == -1 && !view.have_config,
        "an absurd row count is refused, not allocated");
  c = small_config();
  check(hr_view_set_config(&view, &c) == 0, "and a sane Config works again");
  check(hr_view_set_history(&view, 30.0) == 0 && view.group == 8 &&
          view.visible == 3750,
        "30 s of 1 ms columns: 8 columns a slot");
  hr_view_clear(&view);
}

static void
test_freeze(void)
{
  HrView view;
  hr_view_init(&view, 0.1);
  HrConfigMsg c = small_config();
  hr_view_set_config(&view, &c);
  const int cap = view.capacity;
  feed(&view, 0, 300, 5, 1.0f);
  check(hr_view_right(&view) == 300, "live: the right edge follows");
  hr_view_set_frozen(&view, 1);
  double left  = 0.0;
  double right = 0.0;
  hr_view_pan(&view, -40);
  hr_view_time_span(&view, view.visible, &left, &right);
  check(near(right, -0.040, 1e-9) && near(left, -0.140, 1e-9),
        "frozen time axis: 0 at the moment of freezing");
  hr_view_pan(&view, 40);
  feed(&view, 300, 50, 5, 1.0f);
  check(hr_view_right(&view) == 300 && hr_view_live_end(&view) == 350,
        "frozen: the picture stays, columns still come");
  feed(&view, 350, (uint32_t)cap, 5, 1.0f);
  check(view.stats.held > 0 &&
          hr_ring_column(hr_view_ring(&view, 0), 300 - view.visible),
        "columns that would overwrite the frozen picture are held");
  hr_view_pan(&view, -1000000);
  const int64_t tail = hr_view_ring(&view, 0)->tail;
  check(hr_view_right(&view) == tail + view.visible, "pan stops at the tail");
  hr_view_pan(&view, 1000000);
  check(hr_view_right(&view) == hr_view_live_end(&view),
        "pan stops at the live end");
  hr_view_set_frozen(&view, 0);
  const int64_t next = (int64_t)view.stats.columns + 1000000;
  feed(&view, next, 1, 5, 1.0f);
  check(hr_ring_flags(hr_view_ring(&view, 0), next - 1) == HR_SLOT_GAP &&
          hr_view_right(&view) == next + 1,
        "unfrozen: live again, the held time drawn as a gap");
  hr_view_clear(&view);
}

static void
test_span(void)
{
  int64_t b = 0;
  int64_t e = 0;
  hr_span(0, 100, 400, &b, &e);
  check(b == 0 && e == 4, "reducing: a pixel covers 4 slots");
  hr_span(-1, 100, 400, &b, &e);
  check(b == -4 && e == 0, "absolute pixels left of 0 map below 0");
  hr_span(5, 400, 100, &b, &e);
  check(b == 1 && e == 2, "enlarging: the nearest slot");
  hr_span(-3, 400, 100, &b, &e);
  check(b == -1 && e == 0, "enlarging works left of 0");
  int     ok     = 1;
  int64_t last_e = 0;
  for (int64_t p = 1000; p < 3000; ++p) {
    hr_span(p, 700, 1900, &b, &e);
    ok     = ok && e > b && (p == 1000 || b == last_e);
    last_e = e;
  }
  check(ok, "consecutive pixels cover consecutive slots");
}

static void
test_readout(void)
{
  HrView view;
  hr_view_init(&view, 0.1);
  HrConfigMsg c = small_config();
  hr_view_set_config(&view, &c);
  feed(&view, 0, 100, 12, 0.01f);
  HrReadout r;
  const int w = view.visible;
  const int h = 2 * c.rows;
  check(hr_view_readout(&view, 0, w, h, w - 1, 25.0, &r) == 0,
        "read-out inside the picture");
  check(near(r.hz, 4000.0, 1e-6), "row 12 of 12/oct under 8 kHz is 4 kHz");
  check(r.midi == 107 && strcmp(r.note, "B7") == 0, "4 kHz is nearest B7");
  check(near(r.cents, 100.0 * (12.0 * log2(4000.0 / 440.0) - 38.0), 1e-6),
        "cents from B7");
  check(near(r.db, -20.0, 1e-4), "level 0.01 is -20 dB");
  check(r.hits == 100.0, "the newest column's cell has 100 points");
  check(near(r.time_s, -0.0005, 1e-12), "newest slot centred at -0.5 ms");
  check(r.flags == HR_SLOT_DATA, "flags of the column");
  check(hr_view_readout(&view, 0, w, h, 0.0, 2.0, &r) == 0 && isinf(r.db) &&
          r.db < 0.0 && r.hits == 0.0,
        "an empty cell reads -inf dB");
  check(hr_view_readout(&view, 0, w, h, w, 0.0, &r) == -1 &&
          hr_view_readout(&view, 0, w, h, -1.0, 0.0, &r) == -1 &&
          hr_view_readout(&view, 1, w, h, 0.0, 0.0, &r) == -1,
        "outside the picture or channel: no read-out");
  HrReadout a4;
  hr_readout_pitch(&a4, 440.0 * pow(2.0, 0.3 / 12.0));
  check(a4.midi == 69 && near(a4.cents, 30.0, 1e-9) && !strcmp(a4.note, "A4"),
        "A4 +30 cents");
  hr_view_zoom(&view, 2.0, 4000.0);
  int begin = 0;
  int end   = 0;
  hr_view_zoom_rows(&view, &view.axis, c.rows, &begin, &end);
  check(end - begin == 25 && begin <= 12 && end > 12, "zoom x2 around 4 kHz");
  check(hr_view_readout(&view, 0, w, 2 * 25, w - 1, 2 * (12 - begin) + 1, &r) ==
            0 &&
          near(r.hz, 4000.0, 1e-6) && near(r.db, -20.0, 1e-4),
        "read-out in a zoomed picture");
  hr_view_zoom(&view, 1000.0, 4000.0);
  hr_view_zoom_rows(&view, &view.axis, c.rows, &begin, &end);
  check(end - begin == HR_VIEW_MIN_ZOOM_ROWS, "zoom stops at its limit");
  hr_view_zoom(&view, 0.001, 4000.0);
  check(view.zoom_hi == 0.0, "zooming out past all rows resets");
  hr_view_clear(&view);
}

static void
test_capture(void)
{
  HrView view;
  hr_view_init(&view, 0.1);
  HrConfigMsg c = small_config();
  hr_view_set_config(&view, &c);
  feed(&view, 0, 60, 12, 0.01f);
  feed(&view, 70, 30, 24, 0.5f);
  HrCapture* a = hr_capture_from_view(&view, 0);
  check(a && a->cols == 100 && a->rows == 49, "capture of the visible span");
  check(a && a->cells[12 * 100 + 0] == 0.01f &&
          a->cells[24 * 100 + 99] == 0.5f && a->flags[65] == HR_SLOT_GAP,
        "capture holds cells and gaps");
  HrReadout r;
  check(a && hr_capture_readout(a, &view, 100, 98, 99.0, 49.0, &r) == 0 &&
          near(r.hz, 2000.0, 1e-6) && near(r.db, 10.0 * log10(0.5), 1e-4),
        "capture read-out");
  char path[64];
  char error[256] = "";
  snprintf(path, sizeof path, "/tmp/hr_test_capture_%ld.hrcap", (long)getpid());
  check(a && hr_capture_save(a, path, error, sizeof error) == 0, error);
  HrCapture* b = hr_capture_load(path, error, sizeof error);
  check(b && b->rows == a->rows && b->cols == a->cols &&
          !memcmp(b->cells, a->cells, sizeof(float) * 4900) &&
          !memcmp(b->flags, a->flags, 100) && !strcmp(b->info, a->info),
        "a capture file reads back bit for bit");
  FILE* file = fopen(path, "ab");
  fputc(0, file);
  fclose(file);
  check(!hr_capture_load(path, error, sizeof error) &&
          strstr(error, "not a hyperres capture"),
        "a capture file with trailing bytes is refused");
  file = fopen(path, "r+b");
  fseek(file, 15, SEEK_SET);
  fputc(0x7f, file); /* top byte of rows: huge */
  fclose(file);
  check(!hr_capture_load(path, error, sizeof error),
        "a capture file with an absurd size is refused");
  check(truncate(path, 20) == 0 && !hr_capture_load(path, error, sizeof error),
        "a truncated one too");
  remove(path);
  check(!hr_capture_load(path, error, sizeof error), "a missing one too");
  hr_capture_free(a);
  hr_capture_free(b);
  hr_capture_free(NULL);
  check(!hr_capture_from_view(&view, 2), "no capture of a missing channel");
  hr_view_clear(&view);
}

/* `path` as a file of the first capture format: marker HRCAP001 and no
   points, given that only its last cell has any (the last 4 bytes before
   the song time of `cols` columns). */
static int
make_first_format(const char* path, int cols)
{
  const long song = (long)(4 * sizeof(double) + (size_t)cols * sizeof(double));
  FILE*      file = fopen(path, "r+b");
  long       size = -1;
  if (file && fseek(file, 7, SEEK_SET) == 0 && fputc('1', file) != EOF &&
      fseek(file, 0, SEEK_END) == 0) {
    size = ftell(file);
  }
  if (file) {
    fclose(file);
  }
  return size > 4 + song && truncate(path, size - 4 - song) == 0 ? 0 : -1;
}

/* Captures keep each cell's points: count picture, read-out, file; a
   file of the first format (energies only) reads with counts of 0. */
static void
test_capture_counts(void)
{
  HrView view;
  hr_view_init(&view, 0.1);
  HrConfigMsg c = small_config();
  hr_view_set_config(&view, &c);
  feed(&view, 0, 100, 12, 0.01f); /* column k: k + 1 points at row 12 */
  HrCapture* a = hr_capture_from_view(&view, 0);
  HrPicture  energy;
  HrPicture  counts;
  hr_capture_picture(a, &view, 0, &energy);
  hr_capture_picture(a, &view, 1, &counts);
  const size_t newest = 12 * 100 + 99;
  check(a->hits[newest] == 100.0f && a->hits[12 * 100] == 1.0f &&
          counts.counts && !energy.counts && counts.data[newest] == 100.0f &&
          energy.data[newest] == 0.01f,
        "a capture keeps each cell's points; its count picture shows them");
  HrReadout r;
  check(hr_capture_readout(a, &view, 100, 98, 99.0, 25.0, &r) == 0 &&
          r.hits == 100.0 && near(r.db, -20.0, 1e-4),
        "capture read-out: dB and points");
  char path[64];
  char error[256] = "";
  snprintf(path, sizeof path, "/tmp/hr_test_counts_%ld.hrcap", (long)getpid());
  HrCapture* b = hr_capture_save(a, path, error, sizeof error) == 0
                   ? hr_capture_load(path, error, sizeof error)
                   : NULL;
  check(b && !memcmp(b->hits, a->hits, sizeof(float) * 4900) &&
          !memcmp(b->cells, a->cells, sizeof(float) * 4900),
        "points read back from a capture file bit for bit");
  hr_capture_free(b);
  memset(a->cells, 0, sizeof(float) * 4900);
  memset(a->hits, 0, sizeof(float) * 4900);
  a->cells[newest] = 0.5f;
  a->hits[newest]  = 7.0f;
  b                = hr_capture_save(a, path, error, sizeof error) == 0 &&
          make_first_format(path, a->cols) == 0
                       ? hr_capture_load(path, error, sizeof error)
                       : NULL;
  float most       = 0.0f;
  for (int i = 0; b && i < 4900; ++i) {
    most = b->hits[i] > most ? b->hits[i] : most;
  }
  check(b && b->cells[newest] == 0.5f && most == 0.0f,
        "a capture file of the first format reads, with no points");
  remove(path);
  hr_capture_free(a);
  hr_capture_free(b);
  hr_view_clear(&view);
}

int
main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0); /* lines survive a sanitizer's exit */
  test_ring();
  test_ring_hits();
  test_view_config();
  test_freeze();
  test_span();
  test_readout();
  test_capture();
  test_capture_counts();
  return hr_check_summary();
}
