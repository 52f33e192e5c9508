/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "ui_test_host.h"

#include "protocol/ports.h"

#include <lv2/atom/forge.h>
#include <lv2/options/options.h>

#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define HR_TEST_PI 3.14159265358979323846

/* Xvfb's display number from `fd`: Xvfb writes it, then a newline, once
   it accepts connections. -1 if it ends or 20 s pass first. */
static int
read_display_number(int fd)
{
  char   text[32];
  size_t length = 0;
  for (int waited_ms = 0; waited_ms < 20000 && length + 1 < sizeof text;) {
    struct pollfd ready = { fd, POLLIN, 0 };
    const int     got   = poll(&ready, 1, 100);
    if (got < 0 && errno != EINTR) {
      return -1;
    }
    if (got <= 0) {
      waited_ms += 100;
      continue;
    }
    const ssize_t n = read(fd, text + length, sizeof text - 1 - length);
    if (n <= 0) {
      return -1; /* Xvfb ended without a display */
    }
    length += (size_t)n;
    text[length] = '\0';
    if (strchr(text, '\n')) {
      return atoi(text);
    }
  }
  return -1;
}

/* Xvfb picks a free display itself (-displayfd): a number of our own could
   be another server's, or a stale socket left by one that was killed. */
int
hr_test_display(HrTestHost* host)
{
  const char* display = getenv("DISPLAY");
  if (display && display[0]) {
    return 0;
  }
  int ends[2];
  if (pipe(ends) != 0) {
    printf("FAIL ui: no DISPLAY and no pipe to start Xvfb\n");
    return -1;
  }
  const pid_t pid = fork();
  if (pid == 0) {
    char fd[16];
    close(ends[0]);
    snprintf(fd, sizeof fd, "%d", ends[1]);
    execlp("Xvfb",
           "Xvfb",
           "-displayfd",
           fd,
           "-screen",
           "0",
           "1280x800x24",
           "-nolisten",
           "tcp",
           (char*)NULL);
    _exit(127);
  }
  close(ends[1]);
  const int number = pid > 0 ? read_display_number(ends[0]) : -1;
  close(ends[0]);
  if (number < 0) {
    printf("FAIL ui: no DISPLAY, and Xvfb gave none (is it installed?)\n");
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, NULL, 0);
    }
    return -1;
  }
  char name[16];
  snprintf(name, sizeof name, ":%d", number);
  host->xvfb_pid = (int)pid;
  setenv("DISPLAY", name, 1);
  return 0;
}

int
hr_test_host_load(HrTestHost* host, const char* path)
{
  memset(host->port_writes, 0, sizeof host->port_writes);
  if (hr_urid_table_init(&host->urids)) {
    printf("FAIL ui: out of memory\n");
    return -1;
  }
  host->map = hr_urid_table_map_feature(&host->urids);
  hr_uris_map(&host->uris, &host->map);
  host->last_settings = hr_ui_settings_default();
  /* Kept loaded at dlclose: leak reports can then name its functions. */
  host->library = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  if (!host->library) {
    printf("FAIL ui: cannot load %s: %s\n", path, dlerror());
    return -1;
  }
  LV2UI_DescriptorFunction get = (LV2UI_DescriptorFunction)(uintptr_t)dlsym(
    host->library, "lv2ui_descriptor");
  host->descriptor = get ? get(0) : NULL;
  if (!host->descriptor) {
    printf("FAIL ui: %s has no lv2ui_descriptor\n", path);
    return -1;
  }
  return 0;
}

void
hr_test_host_unload(HrTestHost* host)
{
  if (host->library) {
    dlclose(host->library);
  }
  hr_urid_table_free(&host->urids);
  if (host->xvfb_pid > 0) {
    kill((pid_t)host->xvfb_pid, SIGTERM);
    waitpid((pid_t)host->xvfb_pid, NULL, 0);
  }
  memset(host, 0, sizeof *host);
}

/* What the UI writes: atoms to the control port, floats to controls. */
static void
write_function(LV2UI_Controller controller,
               uint32_t         port,
               uint32_t         size,
               uint32_t         format,
               const void*      buffer)
{
  HrTestHost*     host = (HrTestHost*)controller;
  const LV2_Atom* atom = (const LV2_Atom*)buffer;
  if (format == 0 && size == sizeof(float) && port < 32) {
    ++host->port_writes[port];
    memcpy(&host->port_values[port], buffer, sizeof(float));
    return;
  }
  if (format != host->uris.atom_eventTransfer || port != HR_PORT_CONTROL ||
      size < sizeof(LV2_Atom) || atom->size + sizeof(LV2_Atom) != size) {
    ++host->bad_writes;
    return;
  }
  const LV2_URID type = hr_message_type(&host->uris, atom);
  host->last_type     = type;
  if (type == host->uris.hr_UIOn) {
    ++host->ui_on;
  } else if (type == host->uris.hr_UIOff) {
    ++host->ui_off;
  } else if (type == host->uris.hr_UIState &&
             hr_read_ui_settings(&host->uris, atom, &host->last_settings) ==
               HR_MSG_OK) {
    ++host->ui_state;
  } else {
    ++host->bad_writes;
  }
}

static int
ui_resize(LV2UI_Feature_Handle handle, int width, int height)
{
  HrTestHost* host    = (HrTestHost*)handle;
  host->resize_width  = width;
  host->resize_height = height;
  return 0;
}

LV2UI_Handle
hr_test_host_open(HrTestHost*   host,
                  const char*   plugin_uri,
                  uintptr_t     parent,
                  float         scale,
                  LV2UI_Widget* widget)
{
  LV2UI_Resize       resize     = { host, ui_resize };
  LV2_Feature        map_f      = { LV2_URID__map, &host->map };
  LV2_Feature        parent_f   = { LV2_UI__parent, (void*)parent };
  LV2_Feature        resize_f   = { LV2_UI__resize, &resize };
  LV2_Options_Option options[2] = {
    { LV2_OPTIONS_INSTANCE,
      0,
      host->map.map(host->map.handle, LV2_UI__scaleFactor),
      sizeof(float),
      host->uris.atom_Float,
      &host->scale },
    { LV2_OPTIONS_INSTANCE, 0, 0, 0, 0, NULL }
  };
  LV2_Feature        options_f = { LV2_OPTIONS__options, options };
  const LV2_Feature* features[5];
  int                n = 0;
  host->scale          = scale;
  features[n++]        = &map_f;
  features[n++]        = &resize_f;
  if (parent) {
    features[n++] = &parent_f;
  }
  if (scale > 0.0f) {
    features[n++] = &options_f;
  }
  features[n] = NULL;
  return host->descriptor->instantiate(host->descriptor,
                                       plugin_uri,
                                       "/tmp",
                                       write_function,
                                       host,
                                       widget,
                                       features);
}

const void*
hr_test_host_extension(HrTestHost* host, const char* uri)
{
  return host->descriptor->extension_data
           ? host->descriptor->extension_data(uri)
           : NULL;
}

/* Send the atom at the start of `buffer` to the notify port. */
static uint32_t
send_atom(HrTestHost* host, LV2UI_Handle ui, const void* buffer)
{
  const LV2_Atom* atom = (const LV2_Atom*)buffer;
  const uint32_t  size = (uint32_t)sizeof(LV2_Atom) + atom->size;
  host->descriptor->port_event(
    ui, HR_PORT_NOTIFY, size, host->uris.atom_eventTransfer, buffer);
  return size;
}

uint32_t
hr_test_send_config(HrTestHost* host, LV2UI_Handle ui, const HrConfigMsg* c)
{
  uint64_t       buffer[64];
  LV2_Atom_Forge forge;
  lv2_atom_forge_init(&forge, &host->map);
  lv2_atom_forge_set_buffer(&forge, (uint8_t*)buffer, sizeof buffer);
  if (!hr_write_config(&forge, &host->uris, c)) {
    return 0;
  }
  return send_atom(host, ui, buffer);
}

void
hr_test_send_settings(HrTestHost*         host,
                      LV2UI_Handle        ui,
                      const HrUISettings* settings)
{
  uint64_t       buffer[32];
  LV2_Atom_Forge forge;
  lv2_atom_forge_init(&forge, &host->map);
  lv2_atom_forge_set_buffer(&forge, (uint8_t*)buffer, sizeof buffer);
  if (hr_write_ui_settings(&forge, &host->uris, settings)) {
    send_atom(host, ui, buffer);
  }
}

void
hr_test_send_control(HrTestHost*  host,
                     LV2UI_Handle ui,
                     uint32_t     port,
                     float        value)
{
  host->descriptor->port_event(ui, port, sizeof value, 0, &value);
}

HrConfigMsg
hr_test_config(double rows_per_octave, int mask)
{
  HrConfigMsg c;
  memset(&c, 0, sizeof c);
  c.version         = HR_PROTOCOL_VERSION;
  c.rate            = 48000.0;
  c.scale           = 0;
  c.fmin            = 50.0;
  c.fmax            = 20000.0;
  c.rows            = (int32_t)ceil(rows_per_octave * log2(400.0) + 1.0);
  c.rows_per_octave = rows_per_octave;
  c.q               = 2.0;
  c.over            = 2;
  c.lint            = 0.5;
  c.column_samples  = 96;
  c.column_seconds  = 0.002;
  c.latency         = 0.26;
  c.channel_mask    = mask;
  return c;
}

/* Add `energy` at frequency `hz` (nearest row). */
static void
put(const HrConfigMsg* c, float* column, double hz, double energy)
{
  double row = 0.0;
  if (c->scale == 0) {
    row = c->rows_per_octave * log2(c->fmax / hz);
  } else {
    row = (c->fmax - hz) / ((c->fmax - c->fmin) / (c->rows - 1));
  }
  const long r = lround(row);
  if (r >= 0 && r < c->rows && hz > 0.0) {
    column[r] += (float)energy;
  }
}

void
hr_test_picture_column(const HrConfigMsg* c,
                       double             detune,
                       int                channel,
                       int64_t            number,
                       float*             column)
{
  const double t     = (double)number * c->column_seconds;
  const double cycle = fmod(t, 4.0);
  const double tune  = pow(2.0, detune / 1200.0);
  memset(column, 0, (size_t)c->rows * sizeof(float));
  if (cycle > 0.2 && cycle < 2.6) { /* A4 (or E5 on the right) + harmonics */
    const double f0 = tune * (channel == HR_CHANNEL_RIGHT ? 659.255 : 440.0);
    for (int h = 1; h <= 6; ++h) {
      put(c, column, h * f0, 0.3 / (h * h * h));
    }
  }
  const double vibrato =
    tune * (1250.0 + 40.0 * sin(2.0 * HR_TEST_PI * 5.5 * t));
  put(c, column, vibrato, cycle > 1.0 ? 0.02 : 0.0);
  if (cycle > 2.8) { /* a chirp up 4 octaves in 1.2 s */
    put(c, column, 150.0 * pow(2.0, (cycle - 2.8) / 0.3), 0.05);
  }
  put(c, column, 110.0, 0.004 * (1.0 + 0.5 * sin(2.0 * HR_TEST_PI * t)));
  if (fmod(t, 0.5) < c->column_seconds) { /* a click */
    for (int r = 0; r < c->rows; r += 2) {
      column[r] += 1e-5f;
    }
  }
  uint32_t seed = (uint32_t)(number * 2654435761u) ^ (uint32_t)channel;
  for (int k = 0; k < c->rows / 40; ++k) { /* noise */
    seed        = seed * 1664525u + 1013904223u;
    const int r = (int)(seed % (uint32_t)c->rows);
    seed        = seed * 1664525u + 1013904223u;
    column[r] += (float)(1e-8 * pow(10.0, 3.0 * (seed >> 8) / 16777216.0));
  }
}

uint32_t
hr_test_send_columns(HrTestHost*        host,
                     LV2UI_Handle       ui,
                     const HrConfigMsg* config,
                     int                channel,
                     int64_t            first,
                     uint32_t           n,
                     int32_t            drops)
{
  const size_t rows     = (size_t)config->rows;
  float*       column   = (float*)malloc(rows * sizeof(float));
  int32_t*     counts   = (int32_t*)malloc(n * sizeof(int32_t));
  int32_t*     cell_row = (int32_t*)malloc(n * rows * sizeof(int32_t));
  float*       energy   = (float*)malloc(n * rows * sizeof(float));
  float*       hits     = (float*)malloc(n * rows * sizeof(float));
  uint32_t     cells    = 0;
  for (uint32_t k = 0; column && counts && cell_row && energy && hits && k < n;
       ++k) {
    hr_test_picture_column(config, host->detune, channel, first + k, column);
    counts[k] = 0;
    for (size_t r = 0; r < rows; ++r) {
      if (column[r] > 0.0f) {
        cell_row[cells] = (int32_t)r;
        hits[cells]     = (float)(1 + r % 7);
        energy[cells++] = column[r];
        ++counts[k];
      }
    }
  }
  HrColumnsMsg m = { channel,  first,  config->rows, drops, n,   cells, counts,
                     cell_row, energy, hits,         NULL,  0.0, 0.0,   0.0 };
  const size_t size = hr_columns_size(n, cells) + 64;
  uint64_t*    buf  = (uint64_t*)malloc(size);
  uint32_t     sent = 0;
  LV2_Atom_Forge forge;
  lv2_atom_forge_init(&forge, &host->map);
  if (buf && counts && cell_row && energy && hits && column) {
    lv2_atom_forge_set_buffer(&forge, (uint8_t*)buf, size);
    if (hr_write_columns(&forge, &host->uris, &m)) {
      sent = send_atom(host, ui, buf);
    }
  }
  free(buf);
  free(column);
  free(counts);
  free(cell_row);
  free(energy);
  free(hits);
  return sent;
}
