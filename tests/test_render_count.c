/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Tests of ui/render's count pictures (the reassigned count): the count
   colour scale (1 point at the bottom colour, the top count at the top),
   the colour bar's ticks in points, and a whole drawing of a count
   picture against the energy picture of the same numbers. Image surfaces
   only (no X). Exit status 0 when all checks pass. */

#undef NDEBUG

#include "axes.h"
#include "colormap.h"
#include "render.h"

#include <cairo.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int g_passed = 0;
static int g_failed = 0;

static void
check(int ok, const char* what)
{
  printf("%s render_count: %s\n", ok ? "PASS" : "FAIL", what);
  ok ? ++g_passed : ++g_failed;
}

static int
near(double got, double want, double tolerance)
{
  return fabs(got - want) <= tolerance;
}

static uint32_t
pixel_at(cairo_surface_t* image, int x, int y)
{
  cairo_surface_flush(image);
  const uint32_t* data = (const uint32_t*)cairo_image_surface_get_data(image);
  return data[(size_t)y * (cairo_image_surface_get_stride(image) / 4) + x];
}

/* The labels of `ticks` joined by spaces. */
static void
tick_labels(const HrTicks* ticks, char* text, size_t size)
{
  text[0] = '\0';
  for (int i = 0; i < ticks->count; ++i) {
    strncat(text, i ? " " : "", size - strlen(text) - 1);
    strncat(text, ticks->ticks[i].label, size - strlen(text) - 1);
  }
}

static void
test_count_scale(void)
{
  HrColorScale scale;
  hr_render_count_scale(&scale, HR_COLORMAP_INFERNO, 1000.0);
  check(near(scale.top_db, 30.0, 1e-9) && near(scale.range_db, 30.0, 1e-9),
        "count scale: 1 to 1000 points is 0 to 30 dB");
  check(hr_color_scale_index(&scale, 1.0f) == 0 &&
          hr_color_scale_index(&scale, 0.0f) == 0 &&
          hr_color_scale_index(&scale, 1000.0f) == 255 &&
          hr_color_scale_index(&scale, 5000.0f) == 255 &&
          hr_color_scale_index(&scale, 31.6228f) == 128 &&
          hr_color_scale_index(&scale, 2.0f) == 25,
        "count scale: 1 point and empty -> bottom, 1000 -> top, "
        "sqrt(1000) -> 128, 2 points -> 25");
  printf("  count scale 1..1000: index of 2 points %d, of 10 points %d, "
         "of 100 points %d\n",
         hr_color_scale_index(&scale, 2.0f),
         hr_color_scale_index(&scale, 10.0f),
         hr_color_scale_index(&scale, 100.0f));
  hr_render_count_scale(&scale, HR_COLORMAP_VIRIDIS, 1.0);
  check(near(scale.top_db, 10.0 * log10(2.0), 1e-9) &&
          near(scale.range_db, scale.top_db, 1e-12) &&
          scale.id == HR_COLORMAP_VIRIDIS &&
          hr_color_scale_index(&scale, 2.0f) == 255,
        "count scale: a top below 2 points becomes 2 (the scale keeps a "
        "range)");

  float     cells[2] = { 0.0f, 400.0f };
  HrPicture picture;
  memset(&picture, 0, sizeof picture);
  picture.data     = cells;
  picture.rows     = 2;
  picture.cols     = 1;
  picture.counts   = 1;
  picture.db_top   = NAN;
  picture.db_range = 90.0; /* not used by count pictures */
  hr_render_color_scale(&scale, &picture);
  check(near(scale.top_db, 10.0 * log10(400.0), 1e-6) &&
          near(scale.range_db, scale.top_db, 1e-12),
        "count picture: db_top NaN puts the largest count at the top and "
        "1 point at the bottom, whatever db_range");
  picture.db_top = 30.0;
  hr_render_color_scale(&scale, &picture);
  check(near(scale.top_db, 30.0, 1e-9) && near(scale.range_db, 30.0, 1e-9),
        "count picture: a given db_top is the top count (30 dB = 1000)");
}

static void
test_count_ticks(void)
{
  HrColorScale scale;
  HrTicks      ticks;
  char         text[256];
  hr_render_count_scale(&scale, HR_COLORMAP_INFERNO, 1000.0);
  hr_render_count_ticks(&ticks, &scale, 600.0, 30.0);
  tick_labels(&ticks, text, sizeof text);
  printf("  ticks 1..1000 on 600 px: %s\n", text);
  check(!strcmp(text, "1 2 5 10 20 50 100 200 500 1k"),
        "count ticks: 1, 2, 5 per decade where there is room");
  check(ticks.count == 10 && near(ticks.ticks[0].value, 0.0, 1e-12) &&
          near(ticks.ticks[9].value, 30.0, 1e-9),
        "count ticks: 1 point at the bar's bottom (0 dB), 1k at its top");
  hr_render_count_ticks(&ticks, &scale, 200.0, 30.0);
  tick_labels(&ticks, text, sizeof text);
  printf("  ticks 1..1000 on 200 px: %s\n", text);
  check(!strcmp(text, "1 10 100 1k"), "count ticks: decades when cramped");
  hr_render_count_scale(&scale, HR_COLORMAP_INFERNO, 3e6);
  hr_render_count_ticks(&ticks, &scale, 2000.0, 30.0);
  tick_labels(&ticks, text, sizeof text);
  check(strstr(text, "2k 5k 10k") && strstr(text, "500k 1M 2M") &&
          ticks.ticks[ticks.count - 1].value <= scale.top_db,
        "count ticks: k and M for thousands and millions, none past the top");
}

/* The entry of `scale` whose pixel is `pixel`, -1 if none. */
static int
index_of(const HrColorScale* scale, uint32_t pixel)
{
  for (int i = 0; i < HR_COLORMAP_SIZE; ++i) {
    if (scale->argb[i] == pixel) {
      return i;
    }
  }
  return -1;
}

/* The colour of the bar at `share` (0 bottom, 1 top) of its height. */
static uint32_t
bar_pixel(cairo_surface_t* surface, const HrLayout* layout, double share)
{
  const HrRect* bar = &layout->colorbar;
  return pixel_at(surface,
                  (int)(bar->x + 0.5 * bar->width),
                  (int)(bar->y + (1.0 - share) * bar->height));
}

/* Draw `picture` 900 x 500; the pixels of cells (row 1, col c) for c in
   0..3 into `cells`, of the bar's bottom and top into `bar`. */
static void
draw_pixels(const HrPicture* picture, uint32_t cells[4], uint32_t bar[2])
{
  cairo_surface_t* surface =
    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 900, 500);
  cairo_t* cr = cairo_create(surface);
  hr_render_draw(cr, picture, 0, 0, 900, 500);
  const HrLayout layout = hr_render_layout(cr, picture, 0, 0, 900, 500);
  for (int c = 0; c < 4; ++c) {
    cells[c] =
      pixel_at(surface,
               (int)(layout.plot.x + (c + 0.5) / 4 * layout.plot.width),
               (int)(layout.plot.y + 0.75 * layout.plot.height));
  }
  bar[0] = bar_pixel(surface, &layout, 0.01);
  bar[1] = bar_pixel(surface, &layout, 0.99);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
}

static void
test_count_drawing(void)
{
  /* Row 1 holds 0, 1, sqrt(1000) and 1000 points. */
  float     cells[8] = { 0, 0, 0, 0, 0.0f, 1.0f, 31.6228f, 1000.0f };
  HrPicture picture;
  memset(&picture, 0, sizeof picture);
  picture.data                 = cells;
  picture.rows                 = 2;
  picture.cols                 = 4;
  picture.freq.log_scale       = 1;
  picture.freq.f_top_hz        = 8000.0;
  picture.freq.rows_per_octave = 1.0;
  picture.col_seconds          = 0.25;
  picture.colormap             = HR_COLORMAP_INFERNO;
  picture.db_top               = NAN;
  picture.db_range             = 60.0;
  picture.title                = "counts";
  check(hr_picture_check(&picture, NULL, 0) == 0, "count picture is valid");
  HrColorScale scale;
  hr_render_count_scale(&scale, HR_COLORMAP_INFERNO, 1000.0);
  uint32_t energy[4];
  uint32_t energy_bar[2];
  draw_pixels(&picture, energy, energy_bar);
  picture.counts = 1;
  uint32_t counts[4];
  uint32_t counts_bar[2];
  draw_pixels(&picture, counts, counts_bar);
  check(counts[0] == scale.argb[0] && counts[1] == scale.argb[0] &&
          counts[2] == scale.argb[128] && counts[3] == scale.argb[255],
        "count drawing: 0 and 1 point bottom colour, sqrt(max) middle, "
        "max top");
  const int bottom = index_of(&scale, counts_bar[0]);
  const int top    = index_of(&scale, counts_bar[1]);
  printf("  count colour bar: entry %d at 1 %% of its height, %d at 99 %%\n",
         bottom,
         top);
  check(bottom >= 0 && bottom <= 4 && top >= 251,
        "count drawing: its colour bar runs from the bottom to the top colour");
  check(energy[1] != counts[1] && energy[1] == scale.argb[128],
        "count drawing differs from the energy drawing of the same numbers "
        "(1 is 30 dB below 1000: mid colour over a 60 dB energy range)");
  picture.db_range = 0.0;
  check(hr_picture_check(&picture, NULL, 0) == 0,
        "count picture needs no dB range");
  picture.counts = 0;
  check(hr_picture_check(&picture, NULL, 0) != 0,
        "energy picture still needs one");
}

const char*
__lsan_default_suppressions(void);

const char*
__lsan_default_suppressions(void)
{
  return "leak:libfontconfig.so\n";
}

int
main(void)
{
  setvbuf(stdout, NULL, _IOLBF, 0);
  test_count_scale();
  test_count_ticks();
  test_count_drawing();
  cairo_debug_reset_static_data();
  printf("%d passed, %d failed\n", g_passed, g_failed);
  return g_failed == 0 ? 0 : 1;
}
