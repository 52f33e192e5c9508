/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Ardour's inline display: queue_draw is called while columns come, at
   most HR_DRAW_RATE times a second; render() gives a sane ARGB32 surface
   at any size (also before activate, after deactivate, for 0 or huge
   sizes), showing a 1 kHz tone as a horizontal line at the row the log
   frequency axis puts it, newest on the right, and silence as dark; for
   the stereo plugin, without the queue_draw feature, across a rebuild of
   the analyser, and as an open UI for the "analyse with a UI" mode. */

#undef NDEBUG

#include "protocol/inline_display_lv2.h"
#include "plugin/inline_picture.h"
#include "tests/kit/check.h"
#include "host/host.h"
#include "tests/kit/bundle.h"
#include "protocol/ports.h"
#include "plugin/settings.h"
#include "plugin/thumbnail.h"
#include "protocol/uris.h"

#include "core/hr_params.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The plugin's limit on queue_draw calls per second. */
#define HR_DRAW_RATE 25

#define TWO_PI 6.283185307179586

typedef struct {
  HrHost*                         host;
  const HrInlineDisplayInterface* display;
  HrInlineDisplayFeature          queue_draw;
  LV2_Feature                     feature;
  int                             draws;
  uint64_t                        clock; /* samples run */
  double bursts; /* > 0: the tone sounds half of each `bursts` seconds */
} Fixture;

static void
count_draw(void* handle)
{
  ++((Fixture*)handle)->draws;
}

/* A plugin instance, activated if `activate`; `fmin_hz` 200 Hz costs a
   fraction of the default 50 Hz (the longest filters go). */
static bool
start(Fixture*    fx,
      const char* uri,
      bool        with_queue_draw,
      float       fmin_hz,
      bool        activate)
{
  HrHostOptions options     = hr_host_options_default();
  options.plugin_uri        = uri;
  fx->queue_draw.handle     = fx;
  fx->queue_draw.queue_draw = count_draw;
  fx->feature.URI           = HR_INLINEDISPLAY__queue_draw;
  fx->feature.data          = &fx->queue_draw;
  options.extra_feature     = with_queue_draw ? &fx->feature : NULL;
  fx->draws                 = 0;
  fx->clock                 = 0;
  fx->bursts                = 0.0;
  fx->host = hr_host_new(hr_test_bundle_path(0, NULL), &options, NULL, 0);
  if (!fx->host) {
    return hr_check(false, "instantiate <%s>", uri);
  }
  hr_host_set_control(fx->host, HR_PORT_FMIN, fmin_hz);
  fx->display =
    (const HrInlineDisplayInterface*)lilv_instance_get_extension_data(
      hr_host_instance(fx->host), HR_INLINEDISPLAY__interface);
  if (activate) {
    hr_host_activate(fx->host);
  }
  return hr_check(fx->display && fx->display->render,
                  "<%s> offers the inline-display interface",
                  uri);
}

static HrInlineSurface*
render(Fixture* fx, uint32_t width, uint32_t max_height)
{
  return fx->display->render(
    lilv_instance_get_handle(hr_host_instance(fx->host)), width, max_height);
}

/* `seconds` of a sine of `hz` (0: silence) at `left` and `right`
   amplitude, in blocks of `block` samples (0: of changing sizes). */
static void
feed_blocks(Fixture* fx,
            double   hz,
            float    left,
            float    right,
            double   seconds,
            uint32_t block)
{
  static const uint32_t blocks[] = { 64, 256, 37, 1000, 480, 4096, 128 };
  const double          rate     = hr_host_rate(fx->host);
  const bool            stereo = hr_host_n_ports(fx->host) == HR_N_PORTS_STEREO;
  const uint64_t        total  = (uint64_t)(seconds * rate);
  size_t                next   = 0;
  for (uint64_t done = 0; done < total;) {
    uint32_t n =
      block ? block : blocks[next++ % (sizeof(blocks) / sizeof(blocks[0]))];
    n            = total - done < n ? (uint32_t)(total - done) : n;
    float* in[2] = { hr_host_audio(fx->host, HR_PORT_IN_1),
                     stereo ? hr_host_audio(fx->host, HR_PORT_IN_2) : NULL };
    for (uint32_t i = 0; i < n; ++i) {
      const double t = (double)(fx->clock + i) / rate;
      const bool   on =
        hz > 0 && (fx->bursts <= 0 || fmod(t, fx->bursts) < fx->bursts / 2);
      const float s = on ? (float)sin(TWO_PI * hz * t) : 0.0f;
      in[0][i]      = left * s;
      if (in[1]) {
        in[1][i] = right * s;
      }
    }
    hr_host_run(fx->host, n);
    fx->clock += n;
    done += n;
  }
}

static void
feed(Fixture* fx, double hz, float left, float right, double seconds)
{
  feed_blocks(fx, hz, left, right, seconds, 0);
}

static double
luminance(uint32_t pixel)
{
  return 0.30 * ((pixel >> 16) & 255) + 0.59 * ((pixel >> 8) & 255) +
         0.11 * (pixel & 255);
}

static uint32_t
pixel_at(const HrInlineSurface* s, int x, int y)
{
  return ((const uint32_t*)(s->data + (size_t)y * s->stride))[x];
}

/* The row with the largest summed luminance over pixel columns
   [x0, x1); its sum in `*best`. */
static int
brightest_row(const HrInlineSurface* s, int x0, int x1, double* best)
{
  int row = -1;
  *best   = -1.0;
  for (int y = 0; y < s->height; ++y) {
    double sum = 0.0;
    for (int x = x0; x < x1; ++x) {
      sum += luminance(pixel_at(s, x, y));
    }
    if (sum > *best) {
      *best = sum;
      row   = y;
    }
  }
  return row;
}

static double
max_luminance(const HrInlineSurface* s, int x0, int x1)
{
  double best = 0.0;
  for (int y = 0; y < s->height; ++y) {
    for (int x = x0; x < x1; ++x) {
      const double l = luminance(pixel_at(s, x, y));
      best           = l > best ? l : best;
    }
  }
  return best;
}

/* The y (pixel centre) at which a picture of `height` shows `hz` for an
   analyser at `fmin_hz` .. 20 kHz (the defaults otherwise) at 48 kHz: its
   row on the log axis, pooled into thumbnail rows, mapped to pixels. */
static double
expected_y(double hz, double fmin_hz, int height)
{
  const float* ports[HR_N_PORTS_STEREO] = { NULL };
  HrSettings   settings                 = hr_settings_read(ports, false);
  settings.fmin_hz                      = fmin_hz;
  const HrStreamConfig config = hr_settings_stream_config(&settings, 48000.0);
  const int            rows   = hr_params_rows(&config.params);
  const long           row = hr_params_freq_row(&config.params, hz / 48000.0);
  const int            thumb_rows = rows < HR_THUMB_ROWS ? rows : HR_THUMB_ROWS;
  const long           t          = row * thumb_rows / rows;
  return ((double)t + 0.5) * height / thumb_rows - 0.5;
}

static bool
surface_sane(const HrInlineSurface* s, uint32_t width, uint32_t max_height)
{
  return s && s->data && s->width >= 1 && s->width <= (int)width &&
         s->height >= 1 && s->height <= (int)max_height &&
         s->stride >= 4 * s->width;
}

static bool
all_one_colour(const HrInlineSurface* s)
{
  const uint32_t first = pixel_at(s, 0, 0);
  for (int y = 0; y < s->height; ++y) {
    for (int x = 0; x < s->width; ++x) {
      if (pixel_at(s, x, y) != first) {
        return false;
      }
    }
  }
  return true;
}

/* A surface of the asked size showing `hz` as a line in the newest
   columns, at the row expected for fmin `fmin_hz`, horizontal. */
static void
check_tone(Fixture*    fx,
           const char* what,
           uint32_t    w,
           uint32_t    max_h,
           double      hz,
           double      fmin_hz)
{
  const HrInlineSurface* s = render(fx, w, max_h);
  if (!hr_check(
        surface_sane(s, w, max_h), "%s %ux%u: sane surface", what, w, max_h)) {
    return;
  }
  const int expected_h = (int)lround(s->width * 0.6);
  hr_check(s->width == (int)w &&
             s->height == (expected_h < (int)max_h ? expected_h : (int)max_h),
           "%s %ux%u: %dx%d, stride %d",
           what,
           w,
           max_h,
           s->width,
           s->height,
           s->stride);
  const int    newest = s->width - (s->width / 10 > 2 ? s->width / 10 : 2);
  double       sum    = 0.0;
  const int    row    = brightest_row(s, newest, s->width, &sum);
  const double want   = expected_y(hz, fmin_hz, s->height);
  const double slack  = 1.0 + (double)s->height / HR_THUMB_ROWS;
  hr_check(fabs(row - want) <= slack &&
             max_luminance(s, newest, s->width) > 150,
           "%s %ux%u: newest columns brightest at y %d, %.0f Hz expected at "
           "y %.1f (+-%.1f)",
           what,
           w,
           max_h,
           row,
           hz,
           want,
           slack);
  /* Older columns of the same tone (about 1.5 s before): the same row,
     a horizontal line. */
  const int mid     = s->width * 3 / 4;
  const int mid_row = brightest_row(s, mid, mid + 2, &sum);
  hr_check(abs(mid_row - row) <= 1,
           "%s %ux%u: line horizontal (y %d at x %d)",
           what,
           w,
           max_h,
           mid_row,
           mid);
}

/* Draw calls during `seconds` of tone: some, and no more than the limit. */
static void
check_draw_rate(Fixture* fx, const char* what, double seconds)
{
  const int before = fx->draws;
  feed(fx, 1000.0, 0.5f, 0.5f, seconds);
  const int    n   = fx->draws - before;
  const double max = seconds * HR_DRAW_RATE + 1.0;
  hr_check(n >= seconds * 10.0 && n <= max,
           "%s: %d queue_draw calls in %.1f s (%.1f/s; limit %d/s)",
           what,
           n,
           seconds,
           n / seconds,
           HR_DRAW_RATE);
  /* 750 runs a second: the limit is what holds the calls back. */
  const int before_small = fx->draws;
  feed_blocks(fx, 1000.0, 0.5f, 0.5f, 1.0, 64);
  const int small = fx->draws - before_small;
  hr_check(small >= HR_DRAW_RATE - 5 && small <= HR_DRAW_RATE + 1,
           "%s: %d queue_draw calls in 1 s of 64-sample blocks (limit %d)",
           what,
           small,
           HR_DRAW_RATE);
}

static void
check_before_activate(Fixture* fx)
{
  hr_check(render(fx, 0, 100) == NULL && render(fx, 160, 0) == NULL,
           "width or height 0: NULL");
  const HrInlineSurface* s = render(fx, 160, 100);
  hr_check(!s || (surface_sane(s, 160, 100) && all_one_colour(s) &&
                  max_luminance(s, 0, s->width) < 20),
           "before activate: NULL or one dark colour");
  s = render(fx, 100000, 100000);
  hr_check(surface_sane(s, 100000, 100000) && s->width == HR_INLINE_MAX_WIDTH &&
             s->height <= HR_INLINE_MAX_WIDTH,
           "huge request: clamped to %dx%d",
           s ? s->width : 0,
           s ? s->height : 0);
  s = render(fx, 1, 1);
  hr_check(surface_sane(s, 1, 1), "1x1: a 1x1 surface");
}

static void
check_silence(Fixture* fx)
{
  feed(fx, 0.0, 0.0f, 0.0f, 7.0);
  static const uint32_t sizes[][2] = { { 80, 50 }, { 160, 100 }, { 300, 150 } };
  for (size_t i = 0; i < 3; ++i) {
    const HrInlineSurface* s = render(fx, sizes[i][0], sizes[i][1]);
    hr_check(surface_sane(s, sizes[i][0], sizes[i][1]) && all_one_colour(s) &&
               max_luminance(s, 0, s->width) < 20,
             "after 7 s of silence %ux%u: dark",
             sizes[i][0],
             sizes[i][1]);
  }
}

static void
test_mono(void)
{
  Fixture fx;
  if (!start(&fx, HR__mono, true, 50.0f, false)) {
    return;
  }
  check_before_activate(&fx);
  hr_host_activate(fx.host);
  check_draw_rate(&fx, "mono, 1 kHz", 3.0);
  const HrInlineSurface* s = render(&fx, 300, 150);
  if (s) {
    hr_check(max_luminance(s, 0, s->width / 8) < 20 &&
               max_luminance(s, s->width / 2, s->width) > 150,
             "scrolls right to left: the oldest pixels (before the tone) are "
             "dark, the newest bright");
  }
  static const uint32_t sizes[][2] = {
    { 80, 50 }, { 160, 100 }, { 300, 150 }, { 200, 60 }, { 64, 400 }
  };
  for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); ++i) {
    check_tone(&fx, "mono", sizes[i][0], sizes[i][1], 1000.0, 50.0);
  }

  /* A rebuild by the worker: new rows, and only the new ones shown. */
  hr_host_set_control(fx.host, HR_PORT_FMIN, 200.0f);
  feed(&fx, 3000.0, 0.5f, 0.5f, 2.0);
  check_tone(&fx, "fmin 200 Hz, 3 kHz", 160, 100, 3000.0, 200.0);
  s = render(&fx, 160, 100);
  hr_check(s && max_luminance(s, 0, s->width / 4) < 20,
           "the old analyser's columns (1 kHz, 50 Hz .. 20 kHz) are not shown");

  check_silence(&fx);
  hr_host_deactivate(fx.host);
  s = render(&fx, 160, 100);
  hr_check(surface_sane(s, 160, 100), "after deactivate: a surface");
  hr_host_free(fx.host);
}

static void
test_stereo(void)
{
  Fixture fx;
  if (!start(&fx, HR__stereo, true, 200.0f, true)) {
    return;
  }
  check_draw_rate(&fx, "stereo mid", 2.0);
  check_tone(&fx, "stereo mid", 160, 100, 1000.0, 200.0);
  /* Both channels: the thumbnail shows the louder of the two. */
  hr_host_set_control(fx.host, HR_PORT_CHANNEL, HR_CHANNEL_MODE_BOTH);
  feed(&fx, 1000.0, 0.0f, 0.5f, 2.0);
  check_tone(&fx, "stereo both, tone on the right", 160, 100, 1000.0, 200.0);
  hr_host_free(fx.host);
}

/* Pixels of two pictures of the same size whose luminance differs by
   more than a few steps. */
static int
count_different(const HrInlineSurface* a, const uint32_t* b)
{
  int n = 0;
  for (int y = 0; y < a->height; ++y) {
    for (int x = 0; x < a->width; ++x) {
      const double d =
        luminance(pixel_at(a, x, y)) - luminance(b[y * a->width + x]);
      n += fabs(d) > 12.0;
    }
  }
  return n;
}

/* Drawn a few pixel columns at a time, as Ardour asks 25 times a second,
   the picture is the one drawn in one go. Tone bursts, so that a column
   drawn in the wrong place would show. */
static void
test_scrolling(void)
{
  Fixture fx;
  if (!start(&fx, HR__mono, true, 200.0f, true)) {
    return;
  }
  fx.bursts                = 0.3;
  const HrInlineSurface* s = NULL;
  for (int i = 0; i < 100; ++i) {
    feed(&fx, 1000.0, 0.5f, 0.5f, 0.04);
    s = render(&fx, 160, 100);
  }
  if (!hr_check(surface_sane(s, 160, 100), "scrolling: a picture")) {
    hr_host_free(fx.host);
    return;
  }
  const int w        = s->width;
  const int h        = s->height;
  uint32_t* scrolled = (uint32_t*)malloc((size_t)w * h * sizeof(uint32_t));
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      scrolled[y * w + x] = pixel_at(s, x, y);
    }
  }
  render(&fx, 159, 100); /* another size: drawn anew ... */
  s                   = render(&fx, 160, 100); /* ... and again at the first */
  const int different = count_different(s, scrolled);
  double    sum       = 0.0;
  const int row       = brightest_row(s, 0, w, &sum);
  int       edges     = 0;
  for (int x = 1; x < w; ++x) {
    edges += (luminance(pixel_at(s, x, row)) > 100) !=
             (luminance(pixel_at(s, x - 1, row)) > 100);
  }
  hr_check(edges >= 10 && different <= w * h / 100,
           "scrolling: %d of %d pixels differ from the picture drawn anew "
           "(%d burst edges on the line)",
           different,
           w * h,
           edges);
  free(scrolled);
  hr_host_free(fx.host);
}

static void
test_without_queue_draw(void)
{
  Fixture fx;
  if (!start(&fx, HR__mono, false, 200.0f, true)) {
    return;
  }
  feed(&fx, 1000.0, 0.5f, 0.5f, 2.0);
  check_tone(&fx, "without queue_draw", 160, 100, 1000.0, 200.0);
  hr_host_free(fx.host);
}

/* With "analyse only while a UI is open", a display the host draws
   counts as an open UI, for two seconds after each render(). */
static void
test_analyse_with_display(void)
{
  Fixture fx;
  if (!start(&fx, HR__mono, true, 200.0f, true)) {
    return;
  }
  hr_host_set_control(fx.host, HR_PORT_ANALYSE, HR_ANALYSE_WITH_UI);
  feed(&fx, 1000.0, 0.5f, 0.5f, 1.0);
  hr_check(fx.draws == 0,
           "analyse with UI, no display drawn: no draws (%d)",
           fx.draws);
  for (int i = 0; i < 30; ++i) { /* the host draws what it is asked to */
    render(&fx, 160, 100);
    feed(&fx, 1000.0, 0.5f, 0.5f, 0.1);
  }
  hr_check(
    fx.draws > 20, "while the display is drawn: analysed, %d draws", fx.draws);
  check_tone(&fx, "analyse with UI, display drawn", 160, 100, 1000.0, 200.0);
  feed(&fx, 1000.0, 0.5f, 0.5f, 2.5);
  const int draws = fx.draws;
  feed(&fx, 1000.0, 0.5f, 0.5f, 1.0);
  hr_check(fx.draws == draws,
           "display not drawn for 2.5 s: analysis stops (%d draws after)",
           fx.draws - draws);
  hr_host_free(fx.host);
}

int
main(int argc, char** argv)
{
  (void)argc;
  (void)argv;
  test_mono();
  test_stereo();
  test_scrolling();
  test_without_queue_draw();
  test_analyse_with_display();
  return hr_check_summary();
}
