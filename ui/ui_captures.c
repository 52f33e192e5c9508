/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Captures A and B: taking them, their files (so that they outlive the
   UI: $XDG_CACHE_HOME/hyperres/captures/KEY-A.hrcap, KEY kept in the
   plugin's state with the UI settings; no files while the plugin cannot
   keep the key, so none are orphaned), PNG files of them, each with the
   capture in open formats beside it (capture_export.h), and opening such
   an export again. */

#include "capture_export.h"
#include "ui_app.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char k_slot_names[HR_N_CAPTURES] = { 'A', 'B' };

/* Make `path` a folder if it is not one; 0 if it is one then. */
static int
make_folder(const char* path)
{
  return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* The captures folder, made if needed; 0 or -1. */
static int
captures_folder(char* path, size_t size)
{
  const char* cache = getenv("XDG_CACHE_HOME");
  const char* home  = getenv("HOME");
  char        base[2048];
  if (cache && cache[0] == '/') {
    snprintf(base, sizeof base, "%s", cache);
  } else if (home && home[0] == '/') {
    snprintf(base, sizeof base, "%s/.cache", home);
  } else {
    return -1;
  }
  char hyperres[2100];
  snprintf(hyperres, sizeof hyperres, "%s/hyperres", base);
  if ((size_t)snprintf(path, size, "%s/captures", hyperres) >= size) {
    return -1;
  }
  return make_folder(base) == 0 && make_folder(hyperres) == 0 &&
             make_folder(path) == 0
           ? 0
           : -1;
}

static int
capture_path(const HrUI* ui, HrSlot slot, char* path, size_t size)
{
  char folder[2200];
  if (!ui->keys_kept || ui->capture_key == 0 ||
      captures_folder(folder, sizeof folder) != 0) {
    return -1;
  }
  return (size_t)snprintf(path,
                          size,
                          "%s/%016llx-%c.hrcap",
                          folder,
                          (unsigned long long)ui->capture_key,
                          k_slot_names[slot]) < size
           ? 0
           : -1;
}

/* A new random key naming this UI's capture files. */
static int64_t
new_key(const HrUI* ui)
{
  uint64_t key  = 0;
  FILE*    file = fopen("/dev/urandom", "rb");
  if (!file || fread(&key, sizeof key, 1, file) != 1) {
    key = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32) ^
          (uint64_t)(uintptr_t)ui;
  }
  if (file) {
    fclose(file);
  }
  key &= 0x7fffffffffffffffull;
  return key ? (int64_t)key : 1;
}

static void
drop_images(HrUI* ui, HrSlot slot)
{
  HrCaptureImages* images = &ui->capture_images[slot];
  if (images->color) {
    cairo_surface_destroy(images->color);
  }
  if (images->index) {
    cairo_surface_destroy(images->index);
  }
  memset(images, 0, sizeof *images);
}

static void
drop_song_b(HrUI* ui)
{
  HrCaptureImages* images = &ui->song_b_images;
  if (images->color) {
    cairo_surface_destroy(images->color);
  }
  if (images->index) {
    cairo_surface_destroy(images->index);
  }
  memset(images, 0, sizeof *images);
  hr_capture_free(ui->song_b);
  ui->song_b = NULL;
}

static void
set_capture(HrUI* ui, HrSlot slot, HrCapture* capture)
{
  hr_capture_free(ui->captures[slot]);
  ui->captures[slot] = capture;
  drop_images(ui, slot);
  /* Two takes with song time are compared at the same transport frames. */
  drop_song_b(ui);
  if (ui->captures[HR_CAPTURE_A] && ui->captures[HR_CAPTURE_B]) {
    ui->song_b = hr_capture_align(
      ui->captures[HR_CAPTURE_A], ui->captures[HR_CAPTURE_B], NULL);
  }
  ui->dirty = 1;
}

void
hr_ui_capture(HrUI* ui, HrSlot slot)
{
  int channels[HR_N_CHANNELS];
  if (hr_view_channels(&ui->view, channels) == 0) {
    hr_ui_note(ui, 3.0, "Nothing to capture yet.");
    return;
  }
  HrCapture* capture = hr_capture_from_view(&ui->view, channels[0]);
  if (!capture) {
    hr_ui_note(ui, 5.0, "Out of memory for a capture.");
    return;
  }
  set_capture(ui, slot, capture);
  if (ui->capture_key == 0) {
    ui->capture_key          = new_key(ui);
    ui->settings.capture_key = ui->capture_key;
    hr_ui_send_settings(ui);
  }
  char path[2400];
  char error[2600];
  char note[2700];
  if (capture_path(ui, slot, path, sizeof path) == 0 &&
      hr_capture_save(capture, path, error, sizeof error) != 0) {
    snprintf(note,
             sizeof note,
             "Capture %c kept, not saved: %s",
             k_slot_names[slot],
             error);
  } else {
    snprintf(note,
             sizeof note,
             "Captured %c (%s).",
             k_slot_names[slot],
             capture->info);
  }
  hr_ui_note(ui, 4.0, note);
  if (ui->compare == HR_COMPARE_OFF && slot == HR_CAPTURE_A) {
    ui->compare = HR_COMPARE_SIDE;
    hr_widgets_set(&ui->widgets, ui->widget_ids[HR_W_COMPARE], ui->compare);
  }
}

void
hr_ui_load_captures(HrUI* ui)
{
  int loaded = 0;
  int failed = 0;
  for (int slot = 0; slot < HR_N_CAPTURES; ++slot) {
    char path[2400];
    char error[2600];
    char note[2700];
    if (!ui->captures[slot] &&
        capture_path(ui, (HrSlot)slot, path, sizeof path) == 0 &&
        access(path, F_OK) == 0) {
      HrCapture* capture = hr_capture_load(path, error, sizeof error);
      if (capture) {
        set_capture(ui, (HrSlot)slot, capture);
        ++loaded;
      } else {
        snprintf(note,
                 sizeof note,
                 "Capture %c not restored: %s",
                 k_slot_names[slot],
                 error);
        hr_ui_note(ui, 6.0, note);
        failed = 1;
      }
    }
  }
  if (loaded) {
    if (!failed) {
      hr_ui_note(ui, 4.0, "Captures restored.");
    }
    if (ui->compare == HR_COMPARE_OFF && ui->captures[HR_CAPTURE_A]) {
      ui->compare = HR_COMPARE_SIDE;
      hr_widgets_set(&ui->widgets, ui->widget_ids[HR_W_COMPARE], ui->compare);
    }
  }
}

void
hr_ui_clear_captures(HrUI* ui)
{
  for (int slot = 0; slot < HR_N_CAPTURES; ++slot) {
    char path[2400];
    if (capture_path(ui, (HrSlot)slot, path, sizeof path) == 0) {
      remove(path);
    }
    set_capture(ui, (HrSlot)slot, NULL);
  }
  ui->compare = HR_COMPARE_OFF;
  hr_widgets_set(&ui->widgets, ui->widget_ids[HR_W_COMPARE], ui->compare);
}

void
hr_ui_captures_free(HrUI* ui)
{
  for (int slot = 0; slot < HR_N_CAPTURES; ++slot) {
    hr_capture_free(ui->captures[slot]);
    ui->captures[slot] = NULL;
    drop_images(ui, (HrSlot)slot);
  }
  drop_song_b(ui);
}

/* Write one capture as PNG into `folder`, and the capture itself in
   open formats beside it (the same stem); 0 or -1 with a note. */
static int
write_png(HrUI*            ui,
          const HrCapture* capture,
          const char*      name,
          const char*      folder,
          char*            path,
          size_t           path_size)
{
  char      title[64];
  char      error[4600];
  char      stamp[32];
  char      stem[4200];
  time_t    taken = (time_t)capture->taken;
  struct tm local;
  HrPicture picture;
  localtime_r(&taken, &local);
  strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  if (snprintf(stem, sizeof stem, "%s/hyperres-%s-%s", folder, name, stamp) >=
        (int)sizeof stem ||
      snprintf(
        path, path_size, "%s%s.png", stem, ui->count_mode ? "-count" : "") >=
        (int)path_size) {
    hr_ui_note(ui, 6.0, "The PNG folder's name is too long.");
    return -1;
  }
  snprintf(title,
           sizeof title,
           "hyperres %s%s",
           name,
           ui->count_mode ? ": reassigned count" : "");
  hr_capture_picture(capture, &ui->view, ui->count_mode, &picture);
  picture.colormap = ui->colors.id;
  picture.db_top   = ui->count_mode ? NAN : ui->settings.db_top;
  picture.db_range = ui->settings.db_range;
  picture.title    = title;
  picture.subtitle = capture->info;
  if (hr_render_png(&picture, path, 1600, 900, error, sizeof error) != 0) {
    hr_ui_note(ui, 6.0, error);
    return -1;
  }
  char spec[4300];
  snprintf(spec, sizeof spec, "%s_spec.npy", stem);
  if (access(spec, F_OK) != 0 &&
      hr_capture_export(capture, stem, error, sizeof error) != 0) {
    hr_ui_note(ui, 6.0, error);
    return -1;
  }
  return 0;
}

/* Where PNGs and exports go: $HYPERRES_PNG_DIR, else $HOME, else /tmp. */
static const char*
export_folder(void)
{
  const char* folder = getenv("HYPERRES_PNG_DIR");
  folder             = folder ? folder : getenv("HOME");
  return folder ? folder : "/tmp";
}

void
hr_ui_save_png(HrUI* ui)
{
  const char* folder = export_folder();
  char        path[2][4200];
  int         saved = 0;
  HrCapture*  live  = NULL;
  int         channels[HR_N_CHANNELS];
  for (int slot = 0; slot < HR_N_CAPTURES; ++slot) {
    const char name[2] = { k_slot_names[slot], '\0' };
    if (ui->captures[slot] &&
        write_png(
          ui, ui->captures[slot], name, folder, path[saved], sizeof path[0]) ==
          0) {
      ++saved;
    }
  }
  if (!ui->captures[0] && !ui->captures[1] &&
      hr_view_channels(&ui->view, channels) > 0 &&
      (live = hr_capture_from_view(&ui->view, channels[0])) != NULL &&
      write_png(ui, live, "live", folder, path[0], sizeof path[0]) == 0) {
    ++saved;
  }
  hr_capture_free(live);
  if (saved) {
    char note[8500];
    snprintf(note,
             sizeof note,
             "Saved %s%s%s (and _spec.npy, _count.npy, _axes.npz)",
             path[0],
             saved > 1 ? " and " : "",
             saved > 1 ? path[1] : "");
    hr_ui_note(ui, 6.0, note);
  } else if (!ui->message[0] || hr_ui_now() > ui->message_until) {
    hr_ui_note(ui, 3.0, "Nothing to save yet.");
  }
}

/* The stem of the newest export (by modification time) in `folder`:
   hyperres-*_axes.npz with its _spec.npy; 0, or -1 if there is none. */
static int
newest_export(const char* folder, char* stem, size_t size)
{
  DIR* dir = opendir(folder);
  if (!dir) {
    return -1;
  }
  static const char suffix[] = "_axes.npz";
  time_t            newest   = 0;
  int               found    = -1;
  for (struct dirent* e = readdir(dir); e; e = readdir(dir)) {
    const size_t n = strlen(e->d_name);
    char         path[4400];
    struct stat  info;
    if (strncmp(e->d_name, "hyperres-", 9) != 0 || n < sizeof suffix ||
        strcmp(e->d_name + n - (sizeof suffix - 1), suffix) != 0 ||
        snprintf(path, sizeof path, "%s/%s", folder, e->d_name) >=
          (int)sizeof path ||
        stat(path, &info) != 0 || (found == 0 && info.st_mtime < newest)) {
      continue;
    }
    path[strlen(path) - (sizeof suffix - 1)] = '\0';
    if ((size_t)snprintf(stem, size, "%s", path) < size) {
      newest = info.st_mtime;
      found  = 0;
    }
  }
  closedir(dir);
  return found;
}

void
hr_ui_open_export(HrUI* ui)
{
  char        stem[4400];
  char        error[4600];
  char        note[4700];
  const char* folder = export_folder();
  if (newest_export(folder, stem, sizeof stem) != 0) {
    snprintf(note, sizeof note, "No exported capture in %s.", folder);
    hr_ui_note(ui, 4.0, note);
    return;
  }
  HrCapture* capture = hr_capture_import(stem, error, sizeof error);
  if (!capture) {
    hr_ui_note(ui, 6.0, error);
    return;
  }
  const HrSlot slot = ui->captures[HR_CAPTURE_A] ? HR_CAPTURE_B : HR_CAPTURE_A;
  set_capture(ui, slot, capture);
  snprintf(note, sizeof note, "Opened %s as %c.", stem, k_slot_names[slot]);
  hr_ui_note(ui, 5.0, note);
  if (ui->compare == HR_COMPARE_OFF) {
    ui->compare = HR_COMPARE_SIDE;
    hr_widgets_set(&ui->widgets, ui->widget_ids[HR_W_COMPARE], ui->compare);
  }
}
