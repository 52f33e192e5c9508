/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "sparse_out.h"
#include "files/npz.h"
#include "png_out.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PATH_SIZE 4200

static const char* const SUFFIXES[] = { "_spec.npz",
                                        "_count.npz",
                                        "_spec.png",
                                        "_count.png" };

void
hr_sparse_out_path(const char* stem, int index, char* path, size_t size)
{
  snprintf(path, size, "%s%s", stem, SUFFIXES[index]);
}

/* Whether a spilled cell is stored: energy where the count reaches the
   floor (and is not zero), count wherever there are points. */
static int
kept(const HrSparseOut* out, int counts, size_t i)
{
  if (counts) {
    return out->spill->count[i] > 0.0;
  }
  return out->spill->count[i] >= out->threshold && out->spill->energy[i] != 0.0;
}

/* One member of the CSC triple from a pass over the spill: 0 data,
   1 indices (rows), 2 indptr (column starts). */
static int
write_member(HrSparseOut* out, HrNpzWriter* npz, int counts, int member)
{
  static const char* const NAMES[] = { "data", "indices", "indptr" };
  const HrNpzType          data_type =
    out->options->float64 ? HR_NPZ_FLOAT64 : HR_NPZ_FLOAT32;
  const HrNpzType types[] = { data_type, HR_NPZ_INT32, HR_NPZ_INT64 };
  size_t          shape   = member == 2 ? out->cols + 1 : 0;
  HrSpill*        spill   = out->spill;
  double*         values  = malloc((size_t)spill->rows * sizeof(double));
  int32_t*        rows    = malloc((size_t)spill->rows * sizeof(int32_t));
  int64_t         stored  = 0;
  int             status  = !values || !rows || hr_spill_rewind(spill) ||
               hr_npz_begin(npz, NAMES[member], types[member], 1, &shape);
  if (member == 2 && !status) {
    status = hr_npz_append(npz, &stored, 1);
  }
  for (size_t c = 0; !status && c < out->cols; ++c) {
    status   = hr_spill_read(spill) || *out->stop;
    size_t n = 0;
    for (size_t i = 0; !status && i < (size_t)spill->n; ++i) {
      if (kept(out, counts, i)) {
        values[n] = counts ? spill->count[i] : spill->energy[i];
        rows[n++] = spill->row[i];
      }
    }
    stored += (int64_t)n;
    if (!status && member == 0) {
      status = hr_npz_append_doubles(npz, values, n);
    } else if (!status && member == 1) {
      status = hr_npz_append(npz, rows, n);
    } else if (!status) {
      status = hr_npz_append(npz, &stored, 1);
    }
  }
  free(values);
  free(rows);
  if (!counts) {
    out->stored = (size_t)stored;
  }
  return status || hr_npz_end(npz) ? -1 : 0;
}

static int
write_npz(HrSparseOut* out, int counts, char* error, size_t error_size)
{
  char path[PATH_SIZE];
  hr_sparse_out_path(out->stem, counts, path, sizeof(path));
  HrNpzWriter* npz = hr_npz_open(path, out->options->force, error, error_size);
  if (!npz) {
    return -1;
  }
  const size_t  dims    = 2;
  const int64_t shape[] = { hr_params_rows(out->params), (int64_t)out->cols };
  int           status =
    write_member(out, npz, counts, 0) || write_member(out, npz, counts, 1) ||
    write_member(out, npz, counts, 2) || hr_npz_text(npz, "format", "csc") ||
    hr_npz_member(npz, "shape", HR_NPZ_INT64, 1, &dims, shape);
  if (status) {
    hr_npz_abort(npz);
    snprintf(error,
             error_size,
             *out->stop ? "%s: interrupted" : "%s: could not be written",
             path);
    return -1;
  }
  return hr_npz_close(npz, error, error_size);
}

int
hr_sparse_out_npz(HrSparseOut* out, char* error, size_t error_size)
{
  if (write_npz(out, 0, error, error_size)) {
    return -1;
  }
  return out->options->write_count ? write_npz(out, 1, error, error_size) : 0;
}

/* A picture being filled: `cols` columns, each the sum of `group`
   histogram columns, from histogram column `first` on. */
typedef struct {
  float* energy;
  float* count; /* or NULL */
  size_t cols;
  size_t group;
  size_t first;
} Sheet;

static int
sheet_init(Sheet* sheet, int rows, size_t cols, size_t group, int counts)
{
  const size_t cells = (size_t)rows * cols;
  memset(sheet, 0, sizeof(*sheet));
  sheet->cols   = cols;
  sheet->group  = group;
  sheet->energy = calloc(cells, sizeof(float));
  sheet->count  = counts ? calloc(cells, sizeof(float)) : NULL;
  return !sheet->energy || (counts && !sheet->count) ? -1 : 0;
}

static void
sheet_clear(Sheet* sheet, int rows, size_t first)
{
  const size_t cells = (size_t)rows * sheet->cols;
  sheet->first       = first;
  memset(sheet->energy, 0, cells * sizeof(float));
  if (sheet->count) {
    memset(sheet->count, 0, cells * sizeof(float));
  }
}

static void
sheet_free(Sheet* sheet)
{
  free(sheet->energy);
  free(sheet->count);
}

/* Add histogram column `col` (the spill's current one) to the sheet. */
static void
sheet_add(Sheet* sheet, const HrSparseOut* out, size_t col)
{
  const HrSpill* spill = out->spill;
  const size_t   x     = (col - sheet->first) / sheet->group;
  for (size_t i = 0; i < (size_t)spill->n; ++i) {
    const size_t cell = (size_t)spill->row[i] * sheet->cols + x;
    if (spill->count[i] >= out->threshold) {
      sheet->energy[cell] += (float)spill->energy[i];
    }
    if (sheet->count) {
      sheet->count[cell] += (float)spill->count[i];
    }
  }
}

/* Draw the sheet's `cols` first columns as `path` (energy) and, with
   counts, as the count path. */
static int
sheet_draw(const Sheet*       sheet,
           const HrSparseOut* out,
           size_t             cols,
           const char*        energy_path,
           const char*        count_path,
           double             db_top,
           char*              error,
           size_t             error_size)
{
  const int    rows = hr_params_rows(out->params);
  const double rate = out->signal->sample_rate;
  /* A full sheet is drawn as it is; a short last page is copied. */
  float* data = cols == sheet->cols
                  ? NULL
                  : malloc((size_t)rows * cols * sizeof(float) + 1);
  if (!data && cols != sheet->cols) {
    snprintf(error, error_size, "out of memory for a picture");
    return -1;
  }
  HrPngImage image  = { data,
                        rows,
                        cols,
                        out->signal->start_s +
                          ((double)sheet->first * out->params->tdeci - 1.0) /
                            rate,
                        (double)sheet->group * out->params->tdeci / rate,
                        db_top };
  int        status = 0;
  for (int kind = 0; kind < (sheet->count ? 2 : 1) && !status; ++kind) {
    const float* source = kind ? sheet->count : sheet->energy;
    image.data          = data ? data : source;
    for (int r = 0; data && r < rows; ++r) {
      memcpy(data + (size_t)r * cols,
             source + (size_t)r * sheet->cols,
             cols * sizeof(float));
    }
    image.db_top = kind ? NAN : db_top;
    status       = hr_png_out_draw(out->options,
                             out->signal,
                             out->params,
                             &image,
                             kind ? HR_PNG_COUNT : HR_PNG_ENERGY,
                             kind ? count_path : energy_path,
                             error,
                             error_size);
  }
  free(data);
  return status;
}

/* Largest energy any cell keeps, dB: the top of every page's colours. */
static double
top_db(HrSparseOut* out)
{
  double top = 0.0;
  if (hr_spill_rewind(out->spill)) {
    return NAN;
  }
  for (size_t c = 0; c < out->cols && !hr_spill_read(out->spill); ++c) {
    for (size_t i = 0; i < (size_t)out->spill->n; ++i) {
      if (kept(out, 0, i) && out->spill->energy[i] > top) {
        top = out->spill->energy[i];
      }
    }
  }
  return top > 0.0 ? 10.0 * log10(top) : NAN;
}

static void
page_paths(const char* stem, int page, char* energy, char* count)
{
  snprintf(energy, PATH_SIZE, "%s_spec_p%04d.png", stem, page);
  snprintf(count, PATH_SIZE, "%s_count_p%04d.png", stem, page);
}

/* Pages and overview in one pass over the spill. */
static int
draw_pages(HrSparseOut* out,
           size_t       page_cols,
           Sheet*       page,
           Sheet*       overview,
           char*        error,
           size_t       error_size)
{
  const int    rows   = hr_params_rows(out->params);
  const double db_top = top_db(out);
  char         energy_path[PATH_SIZE];
  char         count_path[PATH_SIZE];
  if (hr_spill_rewind(out->spill)) {
    snprintf(error, error_size, "could not read the temporary file");
    return -1;
  }
  sheet_clear(page, rows, 0);
  for (size_t c = 0; c < out->cols; ++c) {
    if (hr_spill_read(out->spill) || *out->stop) {
      snprintf(error,
               error_size,
               *out->stop ? "interrupted"
                          : "could not read the temporary "
                            "file");
      return -1;
    }
    sheet_add(overview, out, c);
    if (page_cols == out->cols) {
      continue; /* one page: the overview is the picture */
    }
    sheet_add(page, out, c);
    if (c + 1 == out->cols || c + 1 - page->first == page_cols) {
      page_paths(out->stem, (int)(c / page_cols) + 1, energy_path, count_path);
      if (sheet_draw(page,
                     out,
                     c + 1 - page->first,
                     energy_path,
                     count_path,
                     db_top,
                     error,
                     error_size)) {
        return -1;
      }
      sheet_clear(page, rows, c + 1);
    }
  }
  hr_sparse_out_path(out->stem, 2, energy_path, PATH_SIZE);
  hr_sparse_out_path(out->stem, 3, count_path, PATH_SIZE);
  return sheet_draw(overview,
                    out,
                    overview->cols,
                    energy_path,
                    count_path,
                    NAN,
                    error,
                    error_size);
}

/* Histogram columns per page. */
static size_t
page_columns(const HrSparseOut* out)
{
  const size_t page_cols = (size_t)ceil(
    out->options->page_seconds * out->signal->sample_rate / out->params->tdeci);
  return page_cols > out->cols ? out->cols : page_cols;
}

void
hr_sparse_out_remove(const HrSparseOut* out)
{
  char         energy_path[PATH_SIZE];
  char         count_path[PATH_SIZE];
  const size_t page_cols = page_columns(out);
  for (int k = 0; k < 4; ++k) {
    hr_sparse_out_path(out->stem, k, energy_path, PATH_SIZE);
    unlink(energy_path);
  }
  for (size_t p = 0; page_cols && p * page_cols < out->cols; ++p) {
    page_paths(out->stem, (int)p + 1, energy_path, count_path);
    unlink(energy_path);
    unlink(count_path);
  }
}

int
hr_sparse_out_pictures(HrSparseOut* out, char* error, size_t error_size)
{
  const HrCliOptions* options   = out->options;
  const int           rows      = hr_params_rows(out->params);
  const size_t        page_cols = page_columns(out);
  /* The overview: about two histogram columns' worth per pixel. */
  const size_t wanted =
    2 * (size_t)(options->png_width > 0 ? options->png_width : 1600);
  const size_t group = out->cols > wanted && page_cols < out->cols
                         ? (out->cols + wanted - 1) / wanted
                         : 1;
  Sheet        page;
  Sheet        overview;
  int status = sheet_init(&page, rows, page_cols, 1, options->write_count) ||
               sheet_init(&overview,
                          rows,
                          (out->cols + group - 1) / group,
                          group,
                          options->write_count);
  if (status) {
    snprintf(error, error_size, "out of memory for the pictures");
  } else {
    status = draw_pages(out, page_cols, &page, &overview, error, error_size);
  }
  sheet_free(&page);
  sheet_free(&overview);
  return status ? -1 : 0;
}
