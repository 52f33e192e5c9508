/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Tests of render/colormap, render/axes and render/render: colour tables, dB
   colours, pixel placement, max-pooling, tick positions, HiDPI, PNG errors, and
   count pictures (their scale, colour bar ticks in points, drawing). Draws
   into image surfaces only (no X). Exit status 0 when all checks pass.
   With HR_TEST_KEEP set, the HiDPI pair is kept as /tmp/hr_scale[12].png. */

#undef NDEBUG

#include "tests/kit/check.h"

#include "render/axes.h"
#include "render/colormap.h"
#include "render/render.h"

#include <cairo.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void
check(int ok, const char* what)
{
  hr_check(ok, "render: %s", what);
}

static int
near(double got, double want, double tolerance)
{
  return fabs(got - want) <= tolerance;
}

static int
rgb_is(HrRgb color, double r, double g, double b)
{
  return near(color.r, r, 1e-9) && near(color.g, g, 1e-9) &&
         near(color.b, b, 1e-9);
}

/* rows x cols zeros for a picture; free() them. */
static float*
new_cells(int rows, int cols)
{
  float* cells = (float*)calloc((size_t)rows * cols, sizeof(float));
  if (!cells) {
    printf("FAIL render: out of memory\n");
    exit(EXIT_FAILURE);
  }
  return cells;
}

/* A picture of the rows x cols `cells`, 0 dB at the top, 60 dB range. */
static HrPicture
blank_picture(const float* cells, int rows, int cols, const HrFreqAxis* axis)
{
  HrPicture picture;
  memset(&picture, 0, sizeof picture);
  picture.data        = cells;
  picture.rows        = rows;
  picture.cols        = cols;
  picture.freq        = *axis;
  picture.col_seconds = 0.01;
  picture.colormap    = HR_COLORMAP_INFERNO;
  picture.db_top      = 0.0;
  picture.db_range    = 60.0;
  picture.title       = "test.wav";
  picture.subtitle    = "synthetic";
  return picture;
}

static void
set_cell(float* cells, const HrPicture* picture, int row, int col, float value)
{
  cells[(size_t)row * picture->cols + col] = value;
}

static uint32_t
pixel_at(cairo_surface_t* image, int x, int y)
{
  cairo_surface_flush(image);
  const uint32_t* data = (const uint32_t*)cairo_image_surface_get_data(image);
  return data[(size_t)y * (cairo_image_surface_get_stride(image) / 4) + x];
}

/* Sum of r, g and b (0..765) of a pixel. */
static int
brightness(uint32_t pixel)
{
  return (int)((pixel >> 16 & 0xff) + (pixel >> 8 & 0xff) + (pixel & 0xff));
}

static const HrFreqAxis k_log_axis    = { 1, 16000.0, 24.0, 0.0 };
static const HrFreqAxis k_linear_axis = { 0, 5000.0, 0.0, 10.0 };

/* Entries of the published matplotlib tables. */
typedef struct {
  HrColormapId id;
  int          index;
  HrRgb        color;
} PublishedEntry;

static const PublishedEntry k_published[] = {
  { HR_COLORMAP_INFERNO, 128, { 0.735683, 0.215906, 0.330245 } },
  { HR_COLORMAP_MAGMA, 0, { 0.001462, 0.000466, 0.013866 } },
  { HR_COLORMAP_MAGMA, 255, { 0.987053, 0.991438, 0.749504 } },
  { HR_COLORMAP_VIRIDIS, 0, { 0.267004, 0.004874, 0.329415 } },
  { HR_COLORMAP_VIRIDIS, 255, { 0.993248, 0.906157, 0.143936 } },
};

static int
same_rgb(HrRgb a, HrRgb b)
{
  return rgb_is(a, b.r, b.g, b.b);
}

static void
test_colormaps(void)
{
  const HrRgb first = hr_colormap_rgb(HR_COLORMAP_INFERNO, 0.0);
  const HrRgb last  = hr_colormap_rgb(HR_COLORMAP_INFERNO, 1.0);
  check(rgb_is(first, 0.001462, 0.000466, 0.013866) &&
          rgb_is(last, 0.988362, 0.998364, 0.644924),
        "colormap endpoints: inferno(0), inferno(1) as published");
  int published = 1;
  for (size_t i = 0; i < sizeof k_published / sizeof k_published[0]; ++i) {
    const PublishedEntry* entry = &k_published[i];
    published =
      published &&
      same_rgb(hr_colormap_entry(entry->id, entry->index), entry->color);
  }
  check(published, "colormap: magma, viridis ends, inferno[128] as published");
  check(rgb_is(hr_colormap_rgb(HR_COLORMAP_GRAYSCALE, 0.0), 0, 0, 0) &&
          rgb_is(hr_colormap_rgb(HR_COLORMAP_GRAYSCALE, 1.0), 1, 1, 1) &&
          rgb_is(hr_colormap_rgb(HR_COLORMAP_GRAYSCALE, 0.5), 0.5, 0.5, 0.5),
        "colormap: grayscale 0, 0.5, 1");
  check(same_rgb(hr_colormap_rgb(HR_COLORMAP_INFERNO, NAN), first) &&
          same_rgb(hr_colormap_rgb(HR_COLORMAP_INFERNO, -3.0), first) &&
          same_rgb(hr_colormap_rgb(HR_COLORMAP_INFERNO, 7.0), last),
        "colormap: t clamped, NaN gives the lowest colour");
  check(hr_colormap_from_name("inferno") == HR_COLORMAP_INFERNO &&
          hr_colormap_from_name("Magma") == HR_COLORMAP_MAGMA &&
          hr_colormap_from_name("viridis") == HR_COLORMAP_VIRIDIS &&
          hr_colormap_from_name("grayscale") == HR_COLORMAP_GRAYSCALE &&
          hr_colormap_from_name("jet") == -1 &&
          hr_colormap_from_name(NULL) == -1 &&
          strcmp(hr_colormap_name(HR_COLORMAP_MAGMA), "magma") == 0 &&
          hr_colormap_name(HR_COLORMAP_COUNT) == NULL &&
          strstr(hr_colormap_names(), "viridis") != NULL,
        "colormap names: lookup, unknown -> -1, name list");
}

static void
test_color_scale(void)
{
  HrColorScale scale;
  hr_color_scale_init(&scale, HR_COLORMAP_INFERNO, 0.0, 60.0);
  check(hr_color_scale_index(&scale, 1.0f) == 255 &&
          hr_color_scale_index(&scale, 10.0f) == 255 &&
          hr_color_scale_index(&scale, 1e-3f) == 128 &&
          hr_color_scale_index(&scale, 1e-7f) == 0 &&
          hr_color_scale_index(&scale, 0.0f) == 0 &&
          hr_color_scale_index(&scale, -1.0f) == 0 &&
          hr_color_scale_index(&scale, NAN) == 0,
        "dB scale: top -> 255, -30 of 60 dB -> 128, <= bottom, 0, NaN -> 0");
  check(hr_color_scale_pixel(&scale, 1.0f) ==
            hr_rgb_to_argb(hr_colormap_rgb(HR_COLORMAP_INFERNO, 1.0)) &&
          hr_rgb_to_argb(hr_colormap_rgb(HR_COLORMAP_INFERNO, 1.0)) ==
            0xfffcffa4u,
        "dB scale: top pixel is inferno's last colour, opaque ARGB32");

  float*    cells   = new_cells(4, 4);
  HrPicture picture = blank_picture(cells, 4, 4, &k_log_axis);
  set_cell(cells, &picture, 1, 2, 0.01f);
  picture.db_top = NAN;
  hr_render_color_scale(&scale, &picture);
  check(near(scale.top_db, -20.0, 1e-4) && near(scale.range_db, 60.0, 0.0),
        "dB scale: db_top NaN takes the data's maximum");
  free(cells);
}

static void
test_cell_pixels(void)
{
  float*    cells   = new_cells(8, 10);
  HrPicture picture = blank_picture(cells, 8, 10, &k_log_axis);
  set_cell(cells, &picture, 2, 7, 1.0f);  /* 0 dB: top colour */
  set_cell(cells, &picture, 5, 1, 1e-3f); /* -30 dB: index 128 */
  set_cell(cells, &picture, 6, 4, 1e-7f); /* -70 dB: below the bottom */
  HrColorScale scale;
  hr_render_color_scale(&scale, &picture);
  /* 8 x 5 pixels per cell */
  cairo_surface_t* image = hr_render_image_new(&picture, &scale, 80, 40);
  check(cairo_surface_status(image) == CAIRO_STATUS_SUCCESS &&
          pixel_at(image, 60, 12) == scale.argb[255] &&
          pixel_at(image, 56, 10) == scale.argb[255] &&
          pixel_at(image, 63, 14) == scale.argb[255] &&
          pixel_at(image, 55, 12) == scale.argb[0] &&
          pixel_at(image, 60, 15) == scale.argb[0] &&
          pixel_at(image, 12, 27) == scale.argb[128] &&
          pixel_at(image, 36, 32) == scale.argb[0],
        "image: cells at their pixels, sharp edges, below bottom = lowest");
  cairo_surface_destroy(image);

  /* The same through the whole drawing, at the layout's plot. */
  cairo_surface_t* surface =
    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 900, 500);
  cairo_t* cr = cairo_create(surface);
  hr_render_draw(cr, &picture, 0, 0, 900, 500);
  const HrLayout layout = hr_render_layout(cr, &picture, 0, 0, 900, 500);
  const int      x = (int)(layout.plot.x + (7.5 / 10.0) * layout.plot.width);
  const int      y = (int)(layout.plot.y + (2.5 / 8.0) * layout.plot.height);
  const int      x_off = (int)(layout.plot.x + 0.45 * layout.plot.width);
  check(pixel_at(surface, x, y) == scale.argb[255] &&
          pixel_at(surface, x_off, y) == scale.argb[0],
        "draw: a cell above the bottom shows its colour at its pixel");
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  free(cells);
}

static void
test_max_pooling(void)
{
  float*    cells   = new_cells(400, 400);
  HrPicture picture = blank_picture(cells, 400, 400, &k_log_axis);
  for (int col = 0; col < 400; ++col) {
    set_cell(cells, &picture, 201, col, 1.0f);
  }
  for (int row = 0; row < 400; ++row) {
    set_cell(cells, &picture, row, 123, 0.01f);
  }
  HrColorScale scale;
  hr_render_color_scale(&scale, &picture);
  cairo_surface_t* image     = hr_render_image_new(&picture, &scale, 100, 100);
  int              line_kept = 1;
  int              others_dark = 1;
  for (int x = 0; x < 100; ++x) {
    line_kept = line_kept && pixel_at(image, x, 50) == scale.argb[255];
    others_dark =
      others_dark && (x == 30 || pixel_at(image, x, 49) == scale.argb[0]);
  }
  check(line_kept && others_dark,
        "max-pooling: a 1-row line stays visible when shrunk 4x");
  const int column_level = hr_color_scale_index(&scale, 0.01f);
  check(pixel_at(image, 30, 10) == scale.argb[column_level] &&
          pixel_at(image, 31, 10) == scale.argb[0],
        "max-pooling: a 1-column line stays visible when shrunk 4x");

  /* Left half then right half gives the same picture as all at once. */
  cairo_surface_t* halves =
    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 100, 100);
  int same = hr_render_image_columns(halves, &picture, &scale, 0, 50) == 0 &&
             hr_render_image_columns(halves, &picture, &scale, 50, 100) == 0;
  for (int i = 0; same && i < 100 * 100; ++i) {
    same =
      pixel_at(halves, i % 100, i / 100) == pixel_at(image, i % 100, i / 100);
  }
  check(same, "image columns: drawing in two parts equals drawing at once");
  cairo_surface_destroy(halves);
  cairo_surface_destroy(image);
  free(cells);
}

static void
test_freq_math(void)
{
  check(near(hr_freq_axis_row(&k_log_axis, 1000.0), 96.0, 1e-9) &&
          near(hr_freq_axis_hz(&k_log_axis, 96.0), 1000.0, 1e-9) &&
          near(hr_freq_axis_row(&k_linear_axis, 1000.0), 400.0, 1e-9) &&
          near(hr_freq_axis_y(&k_log_axis, 240, 10.0, 480.0, 1000.0),
               10.0 + 96.5 * 2.0,
               1e-9),
        "axes: frequency -> row -> y follows the row formula");
}

/* 1 if `value` is 1, 2 or 5 times a power of ten. */
static int
is_1_2_5(double value)
{
  const double mantissa = value / pow(10.0, floor(log10(value)));
  return near(mantissa, 1, 1e-9) || near(mantissa, 2, 1e-9) ||
         near(mantissa, 5, 1e-9);
}

/* 1 if `ticks` has one labelled `label` at `value`. */
static int
has_tick(const HrTicks* ticks, double value, const char* label)
{
  for (int i = 0; i < ticks->count; ++i) {
    if (near(ticks->ticks[i].value, value, 1e-3) &&
        strcmp(ticks->ticks[i].label, label) == 0) {
      return 1;
    }
  }
  return 0;
}

static void
test_tick_lists(void)
{
  HrTicks ticks;
  hr_ticks_freq(&ticks, &k_log_axis, 240, 600.0, 50.0);
  int nice = ticks.count >= 4;
  for (int i = 0; i < ticks.count; ++i) {
    nice = nice && is_1_2_5(ticks.ticks[i].value);
  }
  check(nice && has_tick(&ticks, 1000.0, "1k"),
        "axes: log Hz ticks at 1-2-5 values, \"1k\" label");
  hr_ticks_linear(&ticks, 0.0, 9.7, 1000.0, 60.0, HR_TICK_DECIMAL);
  check(ticks.count == 10 && has_tick(&ticks, 3.0, "3"),
        "axes: time ticks 0..9 s in steps of 1 on 1000 px");
  hr_ticks_linear(&ticks, 0.0, 0.29, 1000.0, 60.0, HR_TICK_DECIMAL);
  check(ticks.count == 15 && has_tick(&ticks, 0.02, "0.02"),
        "axes: time ticks in steps of 0.02 s, labelled \"0.02\"");
  hr_ticks_notes(&ticks, &k_log_axis, 240, 600.0, 20.0);
  check(has_tick(&ticks, 261.6256, "C4"),
        "axes: note ticks on a log axis include C4 at 261.63 Hz");
}

static void
test_labels(void)
{
  char hz[HR_TICK_LABEL_SIZE];
  char hz_small[HR_TICK_LABEL_SIZE];
  char note[HR_TICK_LABEL_SIZE];
  hr_format_hz(hz, sizeof hz, 2500.0);
  hr_format_hz(hz_small, sizeof hz_small, 50.0);
  hr_note_name(note, sizeof note, 60);
  check(strcmp(hz, "2.5k") == 0 && strcmp(hz_small, "50") == 0 &&
          strcmp(note, "C4") == 0 && near(hr_note_hz(69), 440.0, 1e-12),
        "axes: labels \"2.5k\", \"50\", note 60 = C4, A4 = 440 Hz");
}

/* Middle between the top and bottom rows that hold pixels brighter than
   `level` in the box [x0, x1) x [y0, y1); -1 if none. */
static double
bright_extent_middle(cairo_surface_t* image,
                     int              x0,
                     int              x1,
                     int              y0,
                     int              y1,
                     int              level)
{
  int top    = -1;
  int bottom = -1;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      if (brightness(pixel_at(image, x, y)) > level) {
        top    = top < 0 ? y : top;
        bottom = y;
      }
    }
  }
  return top < 0 ? -1.0 : 0.5 * (top + bottom + 1);
}

static void
test_tick_positions(void)
{
  float*    cells   = new_cells(240, 300);
  HrPicture picture = blank_picture(cells, 240, 300, &k_log_axis);
  for (int col = 0; col < 300; ++col) {
    set_cell(cells, &picture, 96, col, 1.0f); /* the 1000 Hz row */
  }
  cairo_surface_t* surface =
    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1000, 700);
  cairo_t* cr = cairo_create(surface);
  hr_render_draw(cr, &picture, 0, 0, 1000, 700);
  const HrLayout layout = hr_render_layout(cr, &picture, 0, 0, 1000, 700);
  const double   y_1k   = hr_render_y_of_hz(&picture, &layout, 1000.0);
  const double   f      = layout.font_size;
  const int      mid_x  = (int)(layout.plot.x + 0.5 * layout.plot.width);
  const double   data_y =
    bright_extent_middle(surface,
                         mid_x,
                         mid_x + 1,
                         (int)layout.plot.y,
                         (int)(layout.plot.y + layout.plot.height),
                         600);
  const int    tick_x = (int)(layout.plot.x - 0.4 * f); /* past minor ticks */
  const double tick_y = bright_extent_middle(
    surface, tick_x, tick_x + 1, (int)(y_1k - f), (int)(y_1k + f), 120);
  const double label_y = bright_extent_middle(surface,
                                              (int)(layout.plot.x - 3.0 * f),
                                              (int)(layout.plot.x - 0.8 * f),
                                              (int)(y_1k - 1.2 * f),
                                              (int)(y_1k + 1.2 * f),
                                              300);
  printf("  1 kHz: row math y %.2f, data y %.2f, tick y %.2f, label y %.2f\n",
         y_1k,
         data_y,
         tick_y,
         label_y);
  check(near(data_y, y_1k, 1.0), "axis: the 1 kHz data row is at y(1000 Hz)");
  check(near(tick_y, y_1k, 1.0), "axis: the 1k tick mark is at y(1000 Hz)");
  check(near(label_y, y_1k, 0.15 * f),
        "axis: the \"1k\" label is centred on y(1000 Hz)");
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  free(cells);
}

/* A picture drawn into w x h pixels at scale 1 and into 2w x 2h at scale
   2; returns the layouts and the surfaces. */
static void
draw_at_scales(const HrPicture* picture,
               int              w,
               int              h,
               cairo_surface_t* surfaces[2],
               HrLayout         layouts[2])
{
  for (int s = 0; s < 2; ++s) {
    surfaces[s] =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w * (s + 1), h * (s + 1));
    cairo_t* cr = cairo_create(surfaces[s]);
    cairo_scale(cr, s + 1, s + 1);
    hr_render_draw(cr, picture, 0, 0, w, h);
    layouts[s] = hr_render_layout(cr, picture, 0, 0, w, h);
    cairo_destroy(cr);
  }
}

/* Mean brightness of the w x h block at (x, y) of `image`. */
static double
block_mean(cairo_surface_t* image, int x, int y, int w, int h)
{
  double sum = 0.0;
  for (int j = y; j < y + h; ++j) {
    for (int i = x; i < x + w; ++i) {
      sum += brightness(pixel_at(image, i, j));
    }
  }
  return sum / (w * h);
}

/* Largest and mean difference of 8 x 8 unit blocks between a w x h
   drawing at scale 1 and at scale 2. */
static void
block_differences(cairo_surface_t* surfaces[2],
                  int              w,
                  int              h,
                  double*          worst,
                  double*          mean)
{
  int blocks = 0;
  *worst     = 0.0;
  *mean      = 0.0;
  for (int y = 0; y + 8 <= h; y += 8) {
    for (int x = 0; x + 8 <= w; x += 8) {
      const double diff = fabs(block_mean(surfaces[0], x, y, 8, 8) -
                               block_mean(surfaces[1], 2 * x, 2 * y, 16, 16));
      *worst            = fmax(*worst, diff);
      *mean += diff;
      ++blocks;
    }
  }
  *mean /= blocks;
}

static void
test_hidpi(void)
{
  float*    cells   = new_cells(120, 200);
  HrPicture picture = blank_picture(cells, 120, 200, &k_log_axis);
  for (int col = 0; col < 200; ++col) {
    set_cell(cells, &picture, 50, col, 1.0f);
  }
  for (int row = 0; row < 120; ++row) {
    set_cell(cells, &picture, row, 140, 0.1f);
  }
  cairo_surface_t* surfaces[2];
  HrLayout         layouts[2];
  draw_at_scales(&picture, 640, 400, surfaces, layouts);
  if (getenv("HR_TEST_KEEP")) {
    cairo_surface_write_to_png(surfaces[0], "/tmp/hr_scale1.png");
    cairo_surface_write_to_png(surfaces[1], "/tmp/hr_scale2.png");
  }
  check(near(layouts[1].font_size, layouts[0].font_size, 1e-12) &&
          near(layouts[1].plot.x, layouts[0].plot.x, 0.5) &&
          near(layouts[1].plot.width, layouts[0].plot.width, 1.0) &&
          layouts[1].plot_pixels_x >= 2 * layouts[0].plot_pixels_x - 2,
        "HiDPI: same layout in user units, twice the plot pixels");
  const double y1 = bright_extent_middle(surfaces[0], 300, 301, 40, 360, 600);
  const double y2 = bright_extent_middle(surfaces[1], 600, 601, 80, 720, 600);
  check(y1 > 0.0 && near(y2 / 2.0, y1, 1.0),
        "HiDPI: the data line is at the same place at scale 1 and 2");
  double worst = 0.0;
  double mean  = 0.0;
  block_differences(surfaces, 640, 400, &worst, &mean);
  printf("  scale 2 vs 1, 8 x 8 blocks: largest difference %.1f, mean %.2f\n",
         worst,
         mean);
  /* Nearest-neighbour rows may differ by one pixel line (up to ~95 in a
     block); text drawn at the wrong size gives hundreds. */
  check(worst < 150.0 && mean < 5.0,
        "HiDPI: scale 2 drawing matches scale 1 block by block");
  cairo_surface_destroy(surfaces[0]);
  cairo_surface_destroy(surfaces[1]);
  free(cells);
}

/* A PNG path in /tmp of this process. */
static void
temp_png_path(char* path, size_t path_size)
{
  snprintf(
    path, path_size, "/tmp/hyperres_test_render_%ld.png", (long)getpid());
}

static void
test_png_written(void)
{
  float*    cells   = new_cells(500, 970);
  HrPicture picture = blank_picture(cells, 500, 970, &k_log_axis);
  for (int i = 0; i < 500 * 970; i += 7) {
    cells[i] = (float)(i % 1000) * 1e-6f;
  }
  char error[256] = "";
  char path[64];
  temp_png_path(path, sizeof path);
  const clock_t start = clock();
  const int     written =
    hr_render_png(&picture, path, 1600, 900, error, sizeof error);
  const double     seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
  cairo_surface_t* back    = cairo_image_surface_create_from_png(path);
  check(written == 0 && cairo_surface_status(back) == CAIRO_STATUS_SUCCESS &&
          cairo_image_surface_get_width(back) == 1600 &&
          cairo_image_surface_get_height(back) == 900,
        "png: 970 x 500 cells written as a 1600 x 900 PNG");
  printf("  png: %.3f s\n", seconds);
  check(seconds < 1.0, "png: 970 x 500 cells into 1600 x 900 in under 1 s");
  cairo_surface_destroy(back);
  remove(path);
  free(cells);
}

/* 1 if hr_render_png() refuses with -1 and a message. */
static int
png_refused(const HrPicture* picture, const char* path, int width, int height)
{
  char error[256] = "";
  return hr_render_png(picture, path, width, height, error, sizeof error) ==
           -1 &&
         error[0] != '\0';
}

static void
test_png_refused(void)
{
  float*      cells      = new_cells(50, 40);
  HrPicture   picture    = blank_picture(cells, 50, 40, &k_log_axis);
  char        error[256] = "";
  const char* bad        = "/nonexistent-hyperres-dir/x_spec.png";
  check(hr_render_png(&picture, bad, 800, 600, error, sizeof error) == -1 &&
          strstr(error, bad) != NULL,
        "png: unwritable path -> -1 with a message naming it");
  printf("  message: %s\n", error);
  HrPicture empty   = picture;
  empty.rows        = 0;
  HrPicture no_data = picture;
  no_data.data      = NULL;
  char path[64]; /* writable: only the checks may refuse */
  temp_png_path(path, sizeof path);
  check(png_refused(&empty, path, 800, 600) &&
          png_refused(&no_data, path, 800, 600) &&
          png_refused(&picture, path, 0, 600) &&
          png_refused(NULL, path, 800, 600) &&
          hr_render_png(&picture, path, 0, 600, NULL, 0) == -1,
        "png: empty picture, NULL data, zero size -> -1, message");
  remove(path);

  cairo_surface_t* surface =
    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 400, 200);
  cairo_t* cr = cairo_create(surface);
  hr_render_draw(cr, NULL, 0, 0, 400, 200);
  hr_render_draw(cr, &no_data, 0, 0, 400, 200);
  const double text_y = bright_extent_middle(surface, 0, 400, 0, 200, 300);
  check(cairo_status(cr) == CAIRO_STATUS_SUCCESS && near(text_y, 96.0, 8.0),
        "draw: NULL picture or data is drawn as a message, no crash");
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  free(cells);
}

/* LeakSanitizer: fontconfig keeps its configuration (loaded when Cairo
   first picks a font) until exit. */
/* ---- Count pictures (the reassigned count) ---- */

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
  HrPicture picture  = blank_picture(cells, 2, 1, &k_log_axis);
  picture.counts     = 1;
  picture.db_top     = NAN;
  picture.db_range   = 90.0; /* not used by count pictures */
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
  HrPicture picture  = blank_picture(cells, 2, 4, &k_log_axis);
  picture.db_top     = NAN;
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
  test_colormaps();
  test_color_scale();
  test_cell_pixels();
  test_max_pooling();
  test_freq_math();
  test_tick_lists();
  test_labels();
  test_tick_positions();
  test_hidpi();
  test_png_written();
  test_png_refused();
  test_count_scale();
  test_count_ticks();
  test_count_drawing();
  cairo_debug_reset_static_data();
  return hr_check_summary();
}
