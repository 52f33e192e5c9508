/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Drawing of a hyper-resolution picture with Cairo: the image, a
   frequency axis in Hz (with note names), a time axis in seconds, a
   colour bar in dB (in points for a count picture) and a title. Pure
   Cairo, no windowing, no LV2: the batch tool's PNGs and the plugin UI
   share it. render.c makes the pixels, coordinates and PNGs,
   render_decor.c the layout and all around the image.

   hr_render_draw() does it all. A scrolling picture uses the pieces:
   hr_render_layout() once per size, hr_render_pixel_column() for each new
   column into its own image, hr_render_paint_image(), then the frame,
   axes, colour bar and titles. */

#ifndef HR_RENDER_H
#define HR_RENDER_H

#include "axes.h"
#include "colormap.h"

#include <cairo.h>

#include <stddef.h>
#include <stdint.h>

/** A picture to draw: a rows x cols array, row 0 = highest frequency,
    C order (data[row * cols + col]); values are energies (linear power),
    or with `counts` reassigned points per cell (the count histogram). */
typedef struct {
  const float* data;
  int          rows;
  int          cols;
  HrFreqAxis   freq;
  double       t_start_s;   /**< time of column 0's left edge */
  double       col_seconds; /**< seconds per column */
  HrColormapId colormap;
  double       db_top;   /**< colour-bar top; NAN: max of the data */
  double       db_range; /**< dB from top to the bottom colour (energy) */
  int          counts;   /**< 1: data are point counts, drawn with
                              hr_render_count_scale() up to 10^(db_top/10)
                              points (db_range unused) and a colour bar
                              in points */
  const char* title;     /**< NULL: none */
  const char* subtitle;  /**< NULL: none */
} HrPicture;

/** A rectangle in user units. */
typedef struct {
  double x;
  double y;
  double width;
  double height;
} HrRect;

/** Where the parts of a picture go, in user units. */
typedef struct {
  HrRect area;          /**< the whole drawing */
  HrRect plot;          /**< the image; edges on device pixels */
  HrRect colorbar;      /**< the colour bar's gradient */
  double font_size;     /**< tick labels; other text scales from it */
  double title_y;       /**< baseline of the title */
  double subtitle_y;    /**< baseline of the subtitle */
  int    plot_pixels_x; /**< device pixels across the plot */
  int    plot_pixels_y; /**< device pixels down the plot */
} HrLayout;

/** 0 if `picture` can be drawn, else -1 with a message in `error` (size
    `error_size`; NULL or 0 for none). */
int
hr_picture_check(const HrPicture* picture, char* error, size_t error_size);

/** Largest value of the data in dB (10 log10), NaN if no value is > 0. */
double
hr_picture_max_db(const HrPicture* picture);

/** The colour scale of `picture`: its map and dB window, the top taken
    from the data when db_top is NaN (0 dB if the data has no value > 0);
    for a count picture, hr_render_count_scale() up to that top. */
void
hr_render_color_scale(HrColorScale* scale, const HrPicture* picture);

/** The colour scale of a picture of reassigned-point counts: count c is
    the level 10 log10(c) dB, from 1 point (0 dB, the bottom colour, as
    are empty cells) to `top_points` (the top colour; at least 2 points,
    so that the scale has a range). */
void
hr_render_count_scale(HrColorScale* scale, HrColormapId id, double top_points);

/** Ticks of a count scale's colour bar, `length` long, labels at least
    `min_gap` apart: 1, 2, 5 per decade if 1 and 2 are far enough apart,
    else every decade, from 1 point up to the top; values in dB of the
    scale (10 log10 points), labels in points ("1", "20", "5k", "1M"). */
void
hr_render_count_ticks(HrTicks*            ticks,
                      const HrColorScale* scale,
                      double              length,
                      double              min_gap);

/** Fill one pixel column of `height` pixels, from the top one at `pixels`
    down in steps of `stride` (in pixels), from one data column: `rows`
    values `row_step` apart (row 0 on top). Rows map to pixels nearest
    neighbour when enlarged, maximum of the rows a pixel covers when
    reduced. Real-time safe. */
void
hr_render_pixel_column(uint32_t*           pixels,
                       int                 stride,
                       int                 height,
                       const float*        column,
                       ptrdiff_t           row_step,
                       int                 rows,
                       const HrColorScale* scale);

/** Fill pixel columns [x_begin, x_end) of an ARGB32 image surface that
    shows the whole picture (cols across its width, rows down its height),
    columns mapped like rows in hr_render_pixel_column(). 0 on success,
    -1 if the image is not ARGB32/RGB24 or out of memory. */
int
hr_render_image_columns(cairo_surface_t*    image,
                        const HrPicture*    picture,
                        const HrColorScale* scale,
                        int                 x_begin,
                        int                 x_end);

/** A new width x height ARGB32 image of the picture's cells (no axes).
    Check the result with cairo_surface_status(); free it with
    cairo_surface_destroy(). */
cairo_surface_t*
hr_render_image_new(const HrPicture*    picture,
                    const HrColorScale* scale,
                    int                 width,
                    int                 height);

/** A new 1 x height ARGB32 image of the colour bar for `scale`: top pixel
    = top_db, pixels mapped exactly like the picture's cells. */
cairo_surface_t*
hr_render_colorbar_image(const HrColorScale* scale, int height);

/** Paint `image` into `rect` of `cr`, stretched, pixels kept sharp. */
void
hr_render_paint_image(cairo_t* cr, cairo_surface_t* image, const HrRect* rect);

/** The layout of `picture` in the rectangle (x, y, width, height) of `cr`
    (its transform sets the device pixels the plot edges snap to). */
HrLayout
hr_render_layout(cairo_t*         cr,
                 const HrPicture* picture,
                 double           x,
                 double           y,
                 double           width,
                 double           height);

/** The y in `layout` of frequency `hz` (row centres: see axes.h). */
double
hr_render_y_of_hz(const HrPicture* picture, const HrLayout* layout, double hz);

/** The x in `layout` of time `t_s` in seconds. */
double
hr_render_x_of_time(const HrPicture* picture,
                    const HrLayout*  layout,
                    double           t_s);

/** The Hz ticks hr_render_axes() draws on the left. */
void
hr_render_freq_ticks(const HrPicture* picture,
                     const HrLayout*  layout,
                     HrTicks*         ticks);

/** Fill the layout's area with the background colour. */
void
hr_render_background(cairo_t* cr, const HrLayout* layout);

/** The plot frame, Hz ticks (left), note ticks (right, log axes only),
    time ticks (bottom) and axis titles. */
void
hr_render_axes(cairo_t* cr, const HrPicture* picture, const HrLayout* layout);

/** The colour bar for `scale` with dB ticks. */
void
hr_render_colorbar(cairo_t*            cr,
                   const HrColorScale* scale,
                   const HrLayout*     layout);

/** The colour bar of a picture of reassigned-point counts (`scale` from
    hr_render_count_scale()) with the ticks of hr_render_count_ticks(),
    titled "points". */
void
hr_render_colorbar_points(cairo_t*            cr,
                          const HrColorScale* scale,
                          const HrLayout*     layout);

/** The picture's title and subtitle, if any. */
void
hr_render_titles(cairo_t* cr, const HrPicture* picture, const HrLayout* layout);

/** A one-line message (e.g. "no data") in the middle of the area. */
void
hr_render_message(cairo_t* cr, const HrLayout* layout, const char* message);

/** Draw `picture` with axes, colour bar and title into the rectangle
    (x, y, width, height) of `cr`, in user units (scale is the caller's).
    A picture that fails hr_picture_check() is drawn as its message. */
void
hr_render_draw(cairo_t*         cr,
               const HrPicture* picture,
               double           x,
               double           y,
               double           width,
               double           height);

/** Write `picture` as a PNG of width x height pixels to `path`.
    Returns 0 on success, else -1 with a message in `error` (size
    `error_size`). */
int
hr_render_png(const HrPicture* picture,
              const char*      path,
              int              width,
              int              height,
              char*            error,
              size_t           error_size);

#endif /* HR_RENDER_H */
