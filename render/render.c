/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "render.h"

#include <cairo.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest PNG side Cairo's image surfaces allow. */
#define HR_MAX_PNG_SIDE 32767

static void
set_error(char* error, size_t error_size, const char* message)
{
  if (error && error_size > 0) {
    snprintf(error, error_size, "%s", message);
  }
}

static int
is_positive_finite(double value)
{
  return isfinite(value) && value > 0.0;
}

int
hr_picture_check(const HrPicture* picture, char* error, size_t error_size)
{
  const char* problem = NULL;
  if (!picture) {
    problem = "no picture";
  } else if (!picture->data) {
    problem = "picture has no data";
  } else if (picture->rows <= 0 || picture->cols <= 0) {
    problem = "picture is empty (no rows or no columns)";
  } else if (!hr_freq_axis_valid(&picture->freq)) {
    problem = "picture has an invalid frequency axis";
  } else if (!is_positive_finite(picture->col_seconds) ||
             !isfinite(picture->t_start_s)) {
    problem = "picture has an invalid time axis";
  } else if (!hr_colormap_name(picture->colormap)) {
    problem = "picture has an unknown colour map";
  } else if ((!picture->counts && !is_positive_finite(picture->db_range)) ||
             isinf(picture->db_top)) {
    problem = "picture has an invalid dB range";
  }
  set_error(error, error_size, problem ? problem : "");
  return problem ? -1 : 0;
}

double
hr_picture_max_db(const HrPicture* picture)
{
  const size_t count = (size_t)picture->rows * (size_t)picture->cols;
  float        max   = 0.0f;
  for (size_t i = 0; i < count; ++i) {
    if (picture->data[i] > max && isfinite(picture->data[i])) {
      max = picture->data[i];
    }
  }
  return max > 0.0f ? 10.0 * log10(max) : NAN;
}

void
hr_render_count_scale(HrColorScale* scale, HrColormapId id, double top_points)
{
  const double top = top_points > 2.0 ? top_points : 2.0;
  hr_color_scale_init(scale, id, 10.0 * log10(top), 10.0 * log10(top));
}

void
hr_render_color_scale(HrColorScale* scale, const HrPicture* picture)
{
  double top = picture->db_top;
  if (isnan(top)) {
    top = hr_picture_max_db(picture);
  }
  top = isnan(top) ? 0.0 : top;
  if (picture->counts) {
    hr_render_count_scale(scale, picture->colormap, pow(10.0, top / 10.0));
  } else {
    hr_color_scale_init(scale, picture->colormap, top, picture->db_range);
  }
}

/* The cells [*begin, *end) that pixel `pixel` of `pixels` shows out of
   `cells`: the nearest one when enlarging, all it covers when reducing. */
static void
cell_span(int pixel, int pixels, int cells, int* begin, int* end)
{
  if (cells <= pixels) {
    *begin = (int)(((2 * (int64_t)pixel + 1) * cells) / (2 * (int64_t)pixels));
    *end   = *begin + 1;
  } else {
    *begin = (int)(((int64_t)pixel * cells) / pixels);
    *end   = (int)(((int64_t)pixel + 1) * cells / pixels);
  }
}

void
hr_render_pixel_column(uint32_t*           pixels,
                       int                 stride,
                       int                 height,
                       const float*        column,
                       ptrdiff_t           row_step,
                       int                 rows,
                       const HrColorScale* scale)
{
  float    last_value = NAN;
  uint32_t last_pixel = scale->argb[0];
  for (int y = 0; y < height; ++y) {
    int begin = 0;
    int end   = 0;
    cell_span(y, height, rows, &begin, &end);
    float value = -INFINITY;
    for (int row = begin; row < end; ++row) {
      const float cell = column[row * row_step];
      value            = cell > value ? cell : value;
    }
    if (value != last_value) {
      last_value = value;
      last_pixel = hr_color_scale_pixel(scale, value);
    }
    pixels[(ptrdiff_t)y * stride] = last_pixel;
  }
}

/* Column-wise maximum of columns [begin, end) into `pooled` (rows). */
static void
pool_columns(const HrPicture* picture, int begin, int end, float* pooled)
{
  for (int row = 0; row < picture->rows; ++row) {
    const float* cells = picture->data + (size_t)row * picture->cols;
    float        value = -INFINITY;
    for (int col = begin; col < end; ++col) {
      value = cells[col] > value ? cells[col] : value;
    }
    pooled[row] = value;
  }
}

int
hr_render_image_columns(cairo_surface_t*    image,
                        const HrPicture*    picture,
                        const HrColorScale* scale,
                        int                 x_begin,
                        int                 x_end)
{
  const cairo_format_t format = cairo_image_surface_get_format(image);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24) {
    return -1;
  }
  cairo_surface_flush(image);
  uint32_t* pixels = (uint32_t*)cairo_image_surface_get_data(image);
  const int width  = cairo_image_surface_get_width(image);
  const int height = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image) / 4;
  float*    pooled = NULL;
  if (picture->cols > width &&
      !(pooled = (float*)malloc((size_t)picture->rows * sizeof *pooled))) {
    return -1;
  }
  x_begin = x_begin < 0 ? 0 : x_begin;
  x_end   = x_end > width ? width : x_end;
  for (int x = x_begin; pixels && x < x_end; ++x) {
    int begin = 0;
    int end   = 0;
    cell_span(x, width, picture->cols, &begin, &end);
    const float* column = picture->data + begin;
    ptrdiff_t    step   = picture->cols;
    if (end - begin > 1) {
      pool_columns(picture, begin, end, pooled);
      column = pooled;
      step   = 1;
    }
    hr_render_pixel_column(
      pixels + x, stride, height, column, step, picture->rows, scale);
  }
  free(pooled);
  cairo_surface_mark_dirty(image);
  return 0;
}

cairo_surface_t*
hr_render_image_new(const HrPicture*    picture,
                    const HrColorScale* scale,
                    int                 width,
                    int                 height)
{
  cairo_surface_t* image =
    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status(image) == CAIRO_STATUS_SUCCESS &&
      hr_render_image_columns(image, picture, scale, 0, width) != 0) {
    cairo_surface_destroy(image);
    image = cairo_image_surface_create(CAIRO_FORMAT_INVALID, 0, 0);
  }
  return image;
}

cairo_surface_t*
hr_render_colorbar_image(const HrColorScale* scale, int height)
{
  cairo_surface_t* image =
    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, height);
  if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
    return image;
  }
  uint32_t* pixels = (uint32_t*)cairo_image_surface_get_data(image);
  const int stride = cairo_image_surface_get_stride(image) / 4;
  for (int y = 0; pixels && y < height; ++y) {
    const double db    = scale->top_db - (y + 0.5) / height * scale->range_db;
    pixels[y * stride] = scale->argb[hr_color_scale_index_db(scale, db)];
  }
  cairo_surface_mark_dirty(image);
  return image;
}

void
hr_render_paint_image(cairo_t* cr, cairo_surface_t* image, const HrRect* rect)
{
  const int width  = cairo_image_surface_get_width(image);
  const int height = cairo_image_surface_get_height(image);
  if (width <= 0 || height <= 0) {
    return;
  }
  cairo_save(cr);
  cairo_rectangle(cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip(cr);
  cairo_translate(cr, rect->x, rect->y);
  cairo_scale(cr, rect->width / width, rect->height / height);
  cairo_set_source_surface(cr, image, 0.0, 0.0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
  cairo_paint(cr);
  cairo_restore(cr);
}

double
hr_render_y_of_hz(const HrPicture* picture, const HrLayout* layout, double hz)
{
  return hr_freq_axis_y(
    &picture->freq, picture->rows, layout->plot.y, layout->plot.height, hz);
}

double
hr_render_x_of_time(const HrPicture* picture,
                    const HrLayout*  layout,
                    double           t_s)
{
  return hr_time_axis_x(picture->t_start_s,
                        picture->col_seconds,
                        picture->cols,
                        layout->plot.x,
                        layout->plot.width,
                        t_s);
}

void
hr_render_draw(cairo_t*         cr,
               const HrPicture* picture,
               double           x,
               double           y,
               double           width,
               double           height)
{
  char           problem[128];
  const HrLayout layout = hr_render_layout(cr, picture, x, y, width, height);
  cairo_save(cr);
  hr_render_background(cr, &layout);
  if (hr_picture_check(picture, problem, sizeof problem) != 0) {
    hr_render_message(cr, &layout, problem);
    cairo_restore(cr);
    return;
  }
  HrColorScale scale;
  hr_render_color_scale(&scale, picture);
  cairo_surface_t* image = hr_render_image_new(
    picture, &scale, layout.plot_pixels_x, layout.plot_pixels_y);
  hr_render_paint_image(cr, image, &layout.plot);
  cairo_surface_destroy(image);
  hr_render_axes(cr, picture, &layout);
  if (picture->counts) {
    hr_render_colorbar_points(cr, &scale, &layout);
  } else {
    hr_render_colorbar(cr, &scale, &layout);
  }
  hr_render_titles(cr, picture, &layout);
  cairo_restore(cr);
}

static cairo_status_t
write_to_file(void* closure, const unsigned char* data, unsigned int length)
{
  return fwrite(data, 1, length, (FILE*)closure) == length
           ? CAIRO_STATUS_SUCCESS
           : CAIRO_STATUS_WRITE_ERROR;
}

/* Write `surface` as PNG to `path`; 0 or -1 with a message. */
static int
write_png(cairo_surface_t* surface,
          const char*      path,
          char*            error,
          size_t           error_size)
{
  FILE* file = fopen(path, "wb");
  if (!file) {
    snprintf(error, error_size, "cannot open '%s': %s", path, strerror(errno));
    return -1;
  }
  errno = 0;
  const cairo_status_t status =
    cairo_surface_write_to_png_stream(surface, write_to_file, file);
  const int write_errno  = errno;
  const int close_failed = fclose(file) != 0;
  if (status == CAIRO_STATUS_SUCCESS && !close_failed) {
    return 0;
  }
  const char* reason = cairo_status_to_string(status);
  if (write_errno != 0 || close_failed) {
    reason = strerror(write_errno != 0 ? write_errno : errno);
  }
  snprintf(error, error_size, "cannot write '%s': %s", path, reason);
  return -1;
}

/* 0 if a PNG can be made of these, else -1 with a message. */
static int
check_png_request(const HrPicture* picture,
                  const char*      path,
                  int              width,
                  int              height,
                  char*            error,
                  size_t           error_size)
{
  if (hr_picture_check(picture, error, error_size) != 0) {
    return -1;
  }
  if (!path || !path[0]) {
    snprintf(error, error_size, "no output path");
    return -1;
  }
  if (width <= 0 || height <= 0 || width > HR_MAX_PNG_SIDE ||
      height > HR_MAX_PNG_SIDE) {
    snprintf(error, error_size, "invalid PNG size %d x %d", width, height);
    return -1;
  }
  return 0;
}

int
hr_render_png(const HrPicture* picture,
              const char*      path,
              int              width,
              int              height,
              char*            error,
              size_t           error_size)
{
  char message[512] = "";
  if (check_png_request(
        picture, path, width, height, message, sizeof message) != 0) {
    set_error(error, error_size, message);
    return -1;
  }
  cairo_surface_t* surface =
    cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  hr_render_draw(cr, picture, 0.0, 0.0, width, height);
  cairo_surface_flush(surface);
  const cairo_status_t status = cairo_status(cr);
  int                  result = -1;
  if (status != CAIRO_STATUS_SUCCESS) {
    snprintf(message,
             sizeof message,
             "cannot draw '%s': %s",
             path,
             cairo_status_to_string(status));
  } else {
    result = write_png(surface, path, message, sizeof message);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  set_error(error, error_size, message);
  return result;
}
