/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* The UI's life in a host, 100 times over: instantiate (embedded in a
   parent window or top level, scale factors 1, 2 or none, mono or stereo
   "both"), Config, columns with gaps, UI settings, control ports, hostile
   messages, show, hide, resize, keyboard, clean up. Loads hyperres_ui.so
   from the built bundle with dlopen; needs an X display (starts Xvfb if
   DISPLAY is unset). Run under ASan: no leaks, no errors. */

#undef NDEBUG

#include "tests/kit/check.h"

#include "host/ui_test_host.h"

#include "protocol/ports.h"
#include "protocol/protocol.h"
#include "protocol/uris.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/keysym.h>
#include <cairo.h>
#include <lv2/atom/forge.h>
#include <lv2/ui/ui.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef HR_TEST_BUNDLE
#define HR_TEST_BUNDLE "build/debug/hyperres.lv2"
#endif

#define CYCLES 100

static void
check(int ok, const char* what)
{
  hr_check(ok, "ui_lifecycle: %s", what);
}

typedef struct {
  HrTestHost                  host;
  Display*                    display;
  Window                      parent;
  const LV2UI_Idle_Interface* idle;
  const LV2UI_Show_Interface* show;
  const LV2UI_Resize*         resize;
} Fixture;

static void
idle_for(Fixture* f, LV2UI_Handle ui, int times)
{
  for (int i = 0; i < times; ++i) {
    f->idle->idle(ui);
    const struct timespec pause = { 0, 5000000 };
    nanosleep(&pause, NULL);
  }
}

/* Messages a careless or hostile plugin or host might send. */
static void
send_hostile(Fixture* f, LV2UI_Handle ui, const HrConfigMsg* config)
{
  HrTestHost*             host = &f->host;
  const LV2UI_Descriptor* d    = host->descriptor;
  uint64_t                buffer[64];
  LV2_Atom_Forge          forge;
  memset(buffer, 0, sizeof buffer);
  lv2_atom_forge_init(&forge, &host->map);
  lv2_atom_forge_set_buffer(&forge, (uint8_t*)buffer, sizeof buffer);
  hr_write_config(&forge, &host->uris, config);
  const LV2_Atom* atom     = (const LV2_Atom*)buffer;
  const uint32_t  full     = (uint32_t)sizeof(LV2_Atom) + atom->size;
  const uint32_t  transfer = host->uris.atom_eventTransfer;
  d->port_event(ui, HR_PORT_NOTIFY, full - 9, transfer, buffer); /* cut */
  d->port_event(ui, HR_PORT_NOTIFY, 4, transfer, buffer);
  d->port_event(ui, HR_PORT_NOTIFY, full, 12345, buffer);
  d->port_event(ui, HR_PORT_CONTROL, full, transfer, buffer);
  d->port_event(ui, 999, 4, 0, buffer);
  d->port_event(ui, HR_PORT_Q, 3, 0, buffer);
  d->port_event(ui, HR_PORT_NOTIFY, full, transfer, NULL);
  float nan_value = 0.0f / 0.0f;
  d->port_event(ui, HR_PORT_Q, 4, 0, &nan_value);
  HrConfigMsg bad = *config;
  bad.rows        = 1 << 28; /* would be gigabytes */
  hr_test_send_config(host, ui, &bad);
  hr_test_send_columns(host, ui, config, HR_CHANNEL_RIGHT, 0, 3, 0);
  HrConfigMsg other = *config;
  other.rows        = config->rows / 2;
  hr_test_send_config(host, ui, config);
  hr_test_send_columns(host, ui, &other, HR_CHANNEL_LEFT, 10, 3, 0);
  buffer[1] = 0xdeadbeefull; /* otype of garbage */
  d->port_event(ui, HR_PORT_NOTIFY, full, transfer, buffer);
}

static void
feed(Fixture* f, LV2UI_Handle ui, const HrConfigMsg* c, int64_t* next)
{
  for (int ch = 0; ch < HR_N_CHANNELS; ++ch) {
    if (c->channel_mask & (1 << ch)) {
      hr_test_send_columns(&f->host, ui, c, ch, *next, 40, 0);
      hr_test_send_columns(&f->host, ui, c, ch, *next + 100, 40, 60);
    }
  }
  *next += 140;
}

/* One life of a UI; 0 if everything answered. */
static int
one_cycle(Fixture* f, int i)
{
  const int    embed  = i % 2 == 0;
  const float  scale  = i % 3 == 0 ? 2.0f : i % 3 == 1 ? 1.0f : 0.0f;
  const int    stereo = i % 4 == 3;
  LV2UI_Widget widget = NULL;
  LV2UI_Handle ui     = hr_test_host_open(&f->host,
                                      stereo ? HR__stereo : HR__mono,
                                      embed ? (uintptr_t)f->parent : 0,
                                      scale,
                                      &widget);
  if (!ui || !widget) {
    return -1;
  }
  XWindowAttributes attributes;
  const int         is_window =
    XGetWindowAttributes(f->display, (Window)(uintptr_t)widget, &attributes);
  HrConfigMsg c    = hr_test_config(36 + 12 * (i % 9), stereo ? 3 : 1);
  int64_t     next = 0;
  idle_for(f, ui, 2);
  hr_test_send_config(&f->host, ui, &c);
  HrUISettings s = hr_ui_settings_default();
  s.colormap     = i % 4;
  s.history      = (float)(0.5 + i % 7);
  hr_test_send_settings(&f->host, ui, &s);
  hr_test_send_control(&f->host, ui, HR_PORT_Q, 1.0f + (float)(i % 5));
  hr_test_send_control(&f->host, ui, HR_PORT_DROPS, (float)i);
  feed(f, ui, &c, &next);
  send_hostile(f, ui, &c);
  if (!embed) {
    f->show->show(ui);
    idle_for(f, ui, 2);
    f->show->hide(ui);
    f->show->show(ui);
  }
  idle_for(f, ui, 2);
  f->resize->ui_resize(ui, 700 + i, 450 + i);
  feed(f, ui, &c, &next);
  idle_for(f, ui, 3);
  f->host.descriptor->cleanup(ui);
  return is_window ? 0 : -1;
}

static void
test_cycles(Fixture* f)
{
  int failures = 0;
  for (int i = 0; i < CYCLES; ++i) {
    failures += one_cycle(f, i) != 0;
  }
  check(failures == 0, "100 instantiate/show/hide/resize/close cycles");
  check(f->host.ui_on >= CYCLES && f->host.ui_on == f->host.ui_off,
        "every UIOn is matched by a UIOff");
  check(f->host.ui_state >= CYCLES, "a last UIState before each UIOff");
  check(f->host.bad_writes == 0, "everything the UI wrote was well formed");
  check(f->host.port_writes[HR_PORT_Q] == 0,
        "control values from the host are not echoed back");
}

static void
press_key(Fixture* f, Window window, KeySym sym)
{
  XKeyEvent key;
  memset(&key, 0, sizeof key);
  key.type        = KeyPress;
  key.display     = f->display;
  key.window      = window;
  key.root        = DefaultRootWindow(f->display);
  key.time        = CurrentTime;
  key.same_screen = True;
  key.keycode     = XKeysymToKeycode(f->display, sym);
  XSendEvent(f->display, window, True, KeyPressMask, (XEvent*)&key);
  XFlush(f->display);
}

/* A checksum of the window's picture area (rows 120 .. 480 of 600, below
   the tool bar, above the status bar), 0 if it cannot be read. */
static uint64_t
picture_sum(Fixture* f, Window window)
{
  XWindowAttributes attributes;
  XSync(f->display, False);
  if (!XGetWindowAttributes(f->display, window, &attributes) ||
      attributes.map_state != IsViewable || attributes.height < 480) {
    return 0;
  }
  XImage* image = XGetImage(f->display,
                            window,
                            0,
                            120,
                            (unsigned)attributes.width,
                            360,
                            AllPlanes,
                            ZPixmap);
  if (!image) {
    return 0;
  }
  uint64_t sum = 1469598103934665603ULL;
  for (int y = 0; y < image->height; ++y) {
    for (int x = 0; x < image->width; ++x) {
      sum = (sum ^ XGetPixel(image, x, y)) * 1099511628211ULL;
    }
  }
  XDestroyImage(image);
  return sum ? sum : 1;
}

/* A mono UI in the parent window (its window in `window`) that has had
   a Config of 108 rows per octave (`c`) and columns up to `next`. */
static LV2UI_Handle
open_fed(Fixture* f, Window* window, HrConfigMsg* c, int64_t* next)
{
  LV2UI_Widget widget = NULL;
  LV2UI_Handle ui =
    hr_test_host_open(&f->host, HR__mono, (uintptr_t)f->parent, 1.0f, &widget);
  *window = (Window)(uintptr_t)widget;
  *c      = hr_test_config(108, 1);
  *next   = 0;
  if (ui) {
    hr_test_send_config(&f->host, ui, c);
    feed(f, ui, c, next);
    idle_for(f, ui, 3);
  }
  return ui;
}

static void
test_keys(Fixture* f)
{
  Window       window = 0;
  HrConfigMsg  c;
  int64_t      next = 0;
  LV2UI_Handle ui   = open_fed(f, &window, &c, &next);
  check(ui && f->host.resize_width == 960 && f->host.resize_height == 600,
        "the UI asks the host for its size");
  const uint32_t states = f->host.ui_state;
  const float    top    = f->host.last_settings.db_top;
  press_key(f, window, XK_Up);
  idle_for(f, ui, 3);
  check(f->host.ui_state == states + 1 &&
          f->host.last_settings.db_top == top + 3.0f,
        "key Up raises the floor by 3 dB and sends UIState");
  press_key(f, window, XK_m);
  idle_for(f, ui, 3);
  check(f->host.last_settings.colormap == 1, "key m picks the next map");
  idle_for(f, ui, 12); /* the new map drawn (at most 30 frames a second) */
  const uint64_t energy = picture_sum(f, window);
  press_key(f, window, XK_h);
  idle_for(f, ui, 12);
  const uint64_t counts      = picture_sum(f, window);
  const int      kept_counts = f->host.last_settings.picture;
  press_key(f, window, XK_h);
  idle_for(f, ui, 12);
  const uint64_t again = picture_sum(f, window);
  check(f->host.bad_writes == 0 &&
          (energy == 0 || (counts != energy && again == energy)),
        energy ? "key h shows the count picture and back the energy one"
               : "key h switches the picture (window not readable)");
  check(kept_counts == 1 && f->host.last_settings.picture == 0,
        "the picture chosen goes to the plugin's state (UIState picture)");
  HrUISettings restored = f->host.last_settings;
  restored.picture      = 1;
  hr_test_send_settings(&f->host, ui, &restored);
  idle_for(f, ui, 12);
  check(energy == 0 || picture_sum(f, window) == counts,
        "a restored UIState with picture 1 shows the count picture");
  restored.picture = 0;
  hr_test_send_settings(&f->host, ui, &restored);
  idle_for(f, ui, 12);
  press_key(f, window, XK_a);
  press_key(f, window, XK_c);
  press_key(f, window, XK_space);
  press_key(f, window, XK_Left);
  idle_for(f, ui, 3);
  feed(f, ui, &c, &next);
  press_key(f, window, XK_c);
  idle_for(f, ui, 3);
  press_key(f, window, XK_x);
  idle_for(f, ui, 2);
  check(f->host.bad_writes == 0, "capture, compare, freeze and pan by keys");
  f->host.descriptor->cleanup(ui);
}

/* Files in `folder` whose names start with `prefix`; removes them too if
   `remove_them`. */
static int
count_files(const char* folder, const char* prefix, int remove_them)
{
  DIR* dir = opendir(folder);
  int  n   = 0;
  if (!dir) {
    return 0;
  }
  for (struct dirent* e = readdir(dir); e; e = readdir(dir)) {
    if (!strncmp(e->d_name, prefix, strlen(prefix)) &&
        strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
      ++n;
      if (remove_them) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
        remove(path);
      }
    }
  }
  closedir(dir);
  return n;
}

/* Make a folder named after `pattern` (ending in XXXXXX, replaced);
   1 if made, else 0 and a failed check. */
static int
temp_folder(char* pattern)
{
  const int made = mkdtemp(pattern) != NULL;
  if (!made) {
    check(0, "a temporary folder");
  }
  return made;
}

/* The count picture everywhere: key h with a capture beside the live
   picture, overlay and difference, and the PNG of the count view. */
static void
test_count_view(Fixture* f)
{
  char png[] = "/tmp/hyperres-count-png-XXXXXX";
  if (!temp_folder(png)) {
    return;
  }
  setenv("HYPERRES_PNG_DIR", png, 1);
  Window         window = 0;
  HrConfigMsg    c;
  int64_t        next = 0;
  LV2UI_Handle   ui   = open_fed(f, &window, &c, &next);
  const uint32_t bad  = f->host.bad_writes;
  press_key(f, window, XK_h);
  press_key(f, window, XK_a); /* capture A: A beside live B */
  idle_for(f, ui, 12);
  const uint64_t counts = picture_sum(f, window);
  press_key(f, window, XK_h);
  idle_for(f, ui, 12);
  const uint64_t energy = picture_sum(f, window);
  check(counts == 0 || counts != energy,
        counts ? "key h switches capture and live B between counts and energy"
               : "key h beside a capture (window not readable)");
  press_key(f, window, XK_h);
  press_key(f, window, XK_c); /* overlay */
  idle_for(f, ui, 4);
  feed(f, ui, &c, &next);
  press_key(f, window, XK_c); /* difference */
  idle_for(f, ui, 4);
  press_key(f, window, XK_p);
  idle_for(f, ui, 3);
  check(count_files(png, "hyperres-A-", 0) == 1 && f->host.bad_writes == bad,
        "count overlay and difference drawn, key p saves capture A's PNG");
  DIR*           dir   = opendir(png);
  int            named = 0;
  struct dirent* e     = NULL;
  while (dir && (e = readdir(dir)) != NULL) {
    named += strstr(e->d_name, "-count.png") != NULL;
  }
  if (dir) {
    closedir(dir);
  }
  check(named == 1, "the PNG of the count view is named ...-count.png");
  press_key(f, window, XK_x);
  idle_for(f, ui, 2);
  f->host.descriptor->cleanup(ui);
  count_files(png, "", 1);
  rmdir(png);
  unsetenv("HYPERRES_PNG_DIR");
}

/* Capture A in one UI, close it, open another with the key the first sent
   (as the plugin keeps it in its state): A is there again (seen in the PNG
   the key p saves); a damaged file for B gives no capture B and no crash. */
static void
test_captures_survive(Fixture* f)
{
  char top[] = "/tmp/hyperres-captures-XXXXXX";
  if (!temp_folder(top)) {
    return;
  }
  char captures[256];
  char png[256];
  char path_a[320];
  char path_b[320];
  snprintf(captures, sizeof captures, "%s/hyperres/captures", top);
  snprintf(png, sizeof png, "%s/png", top);
  mkdir(png, 0755);
  setenv("XDG_CACHE_HOME", top, 1);
  setenv("HYPERRES_PNG_DIR", png, 1);

  /* First UI: the plugin answers UIOn with a Config and a UIState (no key
     yet); the user captures A. */
  HrConfigMsg  c      = hr_test_config(48, 1);
  int64_t      next   = 0;
  LV2UI_Widget widget = NULL;
  LV2UI_Handle ui =
    hr_test_host_open(&f->host, HR__mono, (uintptr_t)f->parent, 1.0f, &widget);
  HrUISettings s = hr_ui_settings_default();
  hr_test_send_config(&f->host, ui, &c);
  hr_test_send_settings(&f->host, ui, &s);
  feed(f, ui, &c, &next);
  idle_for(f, ui, 3);
  const uint32_t bad = f->host.bad_writes;
  press_key(f, (Window)(uintptr_t)widget, XK_a);
  idle_for(f, ui, 3);
  const int64_t key = f->host.last_settings.capture_key;
  snprintf(path_a,
           sizeof path_a,
           "%s/%016llx-A.hrcap",
           captures,
           (unsigned long long)key);
  snprintf(path_b,
           sizeof path_b,
           "%s/%016llx-B.hrcap",
           captures,
           (unsigned long long)key);
  check(key > 0 && access(path_a, R_OK) == 0,
        "capture A makes a key, sends it in UIState and writes its file");
  f->host.descriptor->cleanup(ui);
  check(f->host.last_settings.capture_key == key,
        "the last UIState at close carries the key");

  FILE* damaged = fopen(path_b, "wb");
  if (damaged) {
    fputs("HRCAP001 not really", damaged);
    fclose(damaged);
  }

  /* Second UI: the plugin sends the stored UIState with the key. */
  ui =
    hr_test_host_open(&f->host, HR__mono, (uintptr_t)f->parent, 1.0f, &widget);
  s.capture_key = key;
  hr_test_send_config(&f->host, ui, &c);
  hr_test_send_settings(&f->host, ui, &s);
  idle_for(f, ui, 3);
  press_key(f, (Window)(uintptr_t)widget, XK_p);
  idle_for(f, ui, 3);
  check(count_files(png, "hyperres-A-", 0) == 1 &&
          count_files(png, "hyperres-B-", 0) == 0,
        "a new UI given the key has capture A again, no B from a bad file");
  press_key(f, (Window)(uintptr_t)widget, XK_x);
  idle_for(f, ui, 3);
  check(access(path_a, F_OK) != 0 && access(path_b, F_OK) != 0,
        "Clear deletes the capture files");
  check(f->host.bad_writes == bad, "the UI wrote only well-formed messages");
  f->host.descriptor->cleanup(ui);

  count_files(png, "", 1);
  count_files(captures, "", 1);
  rmdir(png);
  rmdir(captures);
  snprintf(png, sizeof png, "%s/hyperres", top);
  rmdir(png);
  rmdir(top);
  setenv("XDG_CACHE_HOME", "/tmp/hyperres-test-cache", 1);
  unsetenv("HYPERRES_PNG_DIR");
}

int
main(int argc, char** argv)
{
  Fixture f;
  memset(&f, 0, sizeof f);
  setvbuf(stdout, NULL, _IOLBF, 0); /* lines survive a sanitizer's exit */
  const char* path = argc > 1 ? argv[1] : HR_TEST_BUNDLE "/hyperres_ui.so";
  setenv("XDG_CACHE_HOME", "/tmp/hyperres-test-cache", 1);
  if (hr_test_display(&f.host) != 0 || hr_test_host_load(&f.host, path)) {
    check(0, "the UI loads");
    return hr_check_summary();
  }
  const LV2UI_Descriptor* d = f.host.descriptor;
  f.idle   = hr_test_host_extension(&f.host, LV2_UI__idleInterface);
  f.show   = hr_test_host_extension(&f.host, LV2_UI__showInterface);
  f.resize = hr_test_host_extension(&f.host, LV2_UI__resize);
  check(!strcmp(d->URI, HR_URI "#ui"), "the UI's URI");
  check(f.idle && f.show && f.resize &&
          !hr_test_host_extension(&f.host, "urn:nothing"),
        "idle, show and resize interfaces, nothing else");
  f.display = XOpenDisplay(NULL);
  check(f.display != NULL, "the X display opens");
  if (f.idle && f.show && f.resize && f.display) {
    f.parent = XCreateSimpleWindow(
      f.display, DefaultRootWindow(f.display), 0, 0, 1000, 640, 0, 0, 0);
    XMapWindow(f.display, f.parent);
    XSync(f.display, False);
    test_cycles(&f);
    test_keys(&f);
    test_count_view(&f);
    test_captures_survive(&f);
    XDestroyWindow(f.display, f.parent);
  }
  if (f.display) {
    XCloseDisplay(f.display);
  }
  hr_test_host_unload(&f.host);
  cairo_debug_reset_static_data(); /* cairo's caches, not leaks */
  return hr_check_summary();
}
