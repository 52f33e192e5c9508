/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "agreement.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define AGREE_PI 3.14159265358979323846

/* The compared cells: rows [row0, row1) x columns [col0, col1), copied
   as doubles, with the floor-band cells zeroed. */
typedef struct {
  int            row0;
  int            row1;
  size_t         col0;
  size_t         col1;
  size_t         n_cols;
  size_t         n_cells;
  double*        s;
  double*        e;
  unsigned char* keep;
} Region;

/* A value and its cell, for sorting. */
typedef struct {
  double value;
  size_t cell;
} Ranked;

HrAgreeSpec
hr_agree_spec(int    rows,
              size_t cols,
              double q,
              int    tdeci,
              double noct,
              double fmin,
              double fmax,
              double floor_window)
{
  HrAgreeSpec spec;
  memset(&spec, 0, sizeof(spec));
  spec.rows         = rows;
  spec.cols         = cols;
  spec.q            = q;
  spec.tdeci        = tdeci;
  spec.noct         = noct;
  spec.fmin         = fmin;
  spec.fmax         = fmax;
  spec.floor_window = floor_window;
  spec.band_k       = 6.0;
  spec.edge         = 5.0;
  spec.floor_tol    = 0.05;
  spec.region       = HR_AGREE_MAIN;
  return spec;
}

HrAgreeLimits
hr_agree_limits_default(void)
{
  const HrAgreeLimits limits = { 0.97, 0.995, 0.99, 1.005, 0.1 };
  return limits;
}

const char*
hr_agree_strerror(HrAgreeStatus status)
{
  switch (status) {
    case HR_AGREE_OK:
      return "ok";
    case HR_AGREE_TOO_SHORT:
      return "signal too short to compare";
    case HR_AGREE_EXACT_EMPTY:
      return "exact histogram is empty in the compared region";
    case HR_AGREE_NOT_FINITE:
      return "stream histogram holds NaN or Inf";
    case HR_AGREE_NO_MEMORY:
      return "out of memory";
  }
  return "unknown status";
}

/* First row whose filters stay below Nyquist (f0 + band_k sigma < 0.5)
   and the columns left out at each end. */
static void
geometry(const HrAgreeSpec* spec, int* first_row, size_t* edge_cols)
{
  double longest_std = 0.0;
  double row         = 0.0;
  if (spec->sigma > 0.0) {
    const double cut  = 0.5 - spec->band_k * spec->sigma;
    const double step = (spec->fmax - spec->fmin) / (spec->rows - 1);
    longest_std       = 1.0 / (2.0 * AGREE_PI * spec->sigma);
    row               = spec->fmax > cut ? ceil((spec->fmax - cut) / step) : 0;
  } else {
    const double cut = 0.5 / (1.0 + spec->band_k / (2.0 * AGREE_PI * spec->q));
    longest_std      = spec->q / spec->fmin;
    row = spec->fmax > cut ? ceil(spec->noct * log2(spec->fmax / cut)) : 0;
  }
  *first_row = (int)row;
  *edge_cols = (size_t)ceil(spec->edge * longest_std / spec->tdeci);
}

static HrAgreeStatus
set_region(const HrAgreeSpec* spec, Region* region)
{
  int    first_row = 0;
  size_t edge      = 0;
  geometry(spec, &first_row, &edge);
  if (2 * edge >= spec->cols || first_row >= spec->rows) {
    return HR_AGREE_TOO_SHORT;
  }
  region->row0 = spec->region == HR_AGREE_NYQUIST ? 0 : first_row;
  region->row1 = spec->region == HR_AGREE_NYQUIST ? first_row : spec->rows;
  if (region->row1 <= region->row0) {
    return HR_AGREE_TOO_SHORT;
  }
  region->col0    = edge;
  region->col1    = spec->cols - edge;
  region->n_cols  = region->col1 - region->col0;
  region->n_cells = (size_t)(region->row1 - region->row0) * region->n_cols;
  return HR_AGREE_OK;
}

/* Largest exact count of each column (all rows) and of the whole. */
static double
column_maxima(const HrAgreeSpec* spec, const double* counts, double* col_max)
{
  double largest = 0.0;
  for (size_t c = 0; c < spec->cols; ++c) {
    col_max[c] = 0.0;
  }
  for (int r = 0; r < spec->rows; ++r) {
    const double* row = counts + (size_t)r * spec->cols;
    for (size_t c = 0; c < spec->cols; ++c) {
      col_max[c] = row[c] > col_max[c] ? row[c] : col_max[c];
    }
  }
  for (size_t c = 0; c < spec->cols; ++c) {
    largest = col_max[c] > largest ? col_max[c] : largest;
  }
  return largest;
}

/* Low edge of the floor band of each compared column. */
static void
band_low(const HrAgreeSpec* spec,
         const Region*      region,
         const double*      col_max,
         double*            low)
{
  double window = ceil(spec->floor_window / spec->tdeci);
  window        = window < 1.0 ? 1.0 : window;
  for (size_t j = region->col0; j < region->col1; ++j) {
    const size_t start =
      j + 1 >= region->col0 + (size_t)window ? j + 1 - (size_t)window : 0;
    double largest = 0.0;
    for (size_t k = start > region->col0 ? start : region->col0; k <= j; ++k) {
      largest = col_max[k] > largest ? col_max[k] : largest;
    }
    low[j - region->col0] = (1.0 - spec->floor_tol) * sqrt(largest);
  }
}

/* Copy the region, mark the floor band, note its energy, zero it. */
static void
fill_region(const HrAgreeSpec* spec,
            Region*            region,
            const float*       stream,
            const double*      exact,
            const double*      counts,
            const double*      low,
            double             high,
            HrAgreement*       result)
{
  double out_s = 0.0, out_e = 0.0, all_s = 0.0, all_e = 0.0;
  size_t i               = 0;
  result->left_out_cells = 0;
  for (int r = region->row0; r < region->row1; ++r) {
    for (size_t j = region->col0; j < region->col1; ++j, ++i) {
      const size_t cell  = (size_t)r * spec->cols + j;
      const double count = counts[cell];
      const int    out   = count >= low[j - region->col0] && count < high;
      region->s[i]       = stream[cell];
      region->e[i]       = exact[cell];
      region->keep[i]    = (unsigned char)!out;
      all_s += region->s[i];
      all_e += region->e[i];
      if (out) {
        out_s += region->s[i];
        out_e += region->e[i];
        region->s[i] = region->e[i] = 0.0;
        ++result->left_out_cells;
      }
    }
  }
  result->left_out_stream = out_s / (all_s > 1e-300 ? all_s : 1e-300);
  result->left_out_exact  = out_e / (all_e > 1e-300 ? all_e : 1e-300);
}

static int
compare_ranked(const void* a, const void* b)
{
  const Ranked* x = (const Ranked*)a;
  const Ranked* y = (const Ranked*)b;
  if (x->value != y->value) {
    return x->value > y->value ? -1 : 1;
  }
  return x->cell < y->cell ? -1 : x->cell > y->cell;
}

/* Mark (bit `bit` of `marks`) the fewest largest cells holding 99 % of
   the energy of `values`. */
static int
mark_energy_set(const double*  values,
                size_t         n,
                unsigned char* marks,
                unsigned char  bit)
{
  size_t n_pos = 0;
  double total = 0.0;
  for (size_t i = 0; i < n; ++i) {
    n_pos += values[i] > 0.0;
    total += values[i];
  }
  if (!(total > 0.0)) {
    return 0;
  }
  Ranked* ranked = malloc((n_pos ? n_pos : 1) * sizeof(Ranked));
  if (!ranked) {
    return -1;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    if (values[i] > 0.0) {
      ranked[k].value  = values[i];
      ranked[k++].cell = i;
    }
  }
  qsort(ranked, n_pos, sizeof(Ranked), compare_ranked);
  double sum = 0.0;
  for (k = 0; k < n_pos; ++k) {
    sum += ranked[k].value;
    marks[ranked[k].cell] |= bit;
    if (sum >= 0.99 * total) {
      break;
    }
  }
  free(ranked);
  return 0;
}

static HrAgreeStatus
jaccard(const Region* region, double* result)
{
  unsigned char* marks = calloc(region->n_cells, 1);
  if (!marks || mark_energy_set(region->s, region->n_cells, marks, 1) ||
      mark_energy_set(region->e, region->n_cells, marks, 2)) {
    free(marks);
    return HR_AGREE_NO_MEMORY;
  }
  size_t both = 0, either = 0;
  for (size_t i = 0; i < region->n_cells; ++i) {
    both += marks[i] == 3;
    either += marks[i] != 0;
  }
  free(marks);
  *result = either ? (double)both / (double)either : 1.0;
  return HR_AGREE_OK;
}

/* Pearson correlation of log10(s + floor) and log10(e + floor) over the
   kept cells, floor = 1e-6 max(e). */
static double
log_correlation(const Region* region)
{
  double e_max = 0.0;
  for (size_t i = 0; i < region->n_cells; ++i) {
    e_max = region->e[i] > e_max ? region->e[i] : e_max;
  }
  const double floor = 1e-6 * e_max;
  double       sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0;
  double       n = 0.0;
  for (size_t i = 0; i < region->n_cells; ++i) {
    if (region->keep[i]) {
      const double x = log10(region->s[i] + floor);
      const double y = log10(region->e[i] + floor);
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
      n += 1.0;
    }
  }
  const double vx = sxx / n - (sx / n) * (sx / n);
  const double vy = syy / n - (sy / n) * (sy / n);
  if (!(n > 0.0) || !(vx > 0.0) || !(vy > 0.0)) {
    return 0.0;
  }
  return (sxy / n - (sx / n) * (sy / n)) / sqrt(vx * vy);
}

/* Row of the largest value of column j (first if tied). */
static int
argmax_row(const double* values, const Region* region, size_t j)
{
  const int rows = region->row1 - region->row0;
  int       best = 0;
  for (int r = 1; r < rows; ++r) {
    if (values[(size_t)r * region->n_cols + j] >
        values[(size_t)best * region->n_cols + j]) {
      best = r;
    }
  }
  return best;
}

static double
ridge_error(const Region* region)
{
  double e_max = 0.0;
  for (size_t i = 0; i < region->n_cells; ++i) {
    e_max = region->e[i] > e_max ? region->e[i] : e_max;
  }
  double sum = 0.0;
  size_t lit = 0;
  for (size_t j = 0; j < region->n_cols; ++j) {
    const int row_e = argmax_row(region->e, region, j);
    if (region->e[(size_t)row_e * region->n_cols + j] > 1e-3 * e_max) {
      sum += abs(argmax_row(region->s, region, j) - row_e);
      ++lit;
    }
  }
  return lit ? sum / (double)lit : NAN;
}

static HrAgreeStatus
metrics(Region* region, HrAgreement* result)
{
  double sum_s = 0.0, sum_e = 0.0;
  for (size_t i = 0; i < region->n_cells; ++i) {
    sum_s += region->s[i];
    sum_e += region->e[i];
  }
  if (!(sum_e > 0.0)) {
    return HR_AGREE_EXACT_EMPTY;
  }
  result->energy_ratio = sum_s / sum_e;
  result->logcorr      = log_correlation(region);
  result->ridge_err    = ridge_error(region);
  result->first_row    = region->row0;
  result->last_row     = region->row1 - 1;
  result->first_col    = region->col0;
  result->last_col     = region->col1 - 1;
  return jaccard(region, &result->jaccard);
}

static int
all_finite(const float* values, size_t n)
{
  for (size_t i = 0; i < n; ++i) {
    if (!isfinite(values[i])) {
      return 0;
    }
  }
  return 1;
}

HrAgreeStatus
hr_agree_compute(const HrAgreeSpec* spec,
                 const float*       stream,
                 const double*      exact,
                 const double*      exact_counts,
                 HrAgreement*       result)
{
  Region region;
  memset(&region, 0, sizeof(region));
  memset(result, 0, sizeof(*result));
  if (!all_finite(stream, (size_t)spec->rows * spec->cols)) {
    return HR_AGREE_NOT_FINITE;
  }
  HrAgreeStatus status = set_region(spec, &region);
  if (status != HR_AGREE_OK) {
    return status;
  }
  double* col_max = malloc(spec->cols * sizeof(double));
  double* low     = malloc(region.n_cols * sizeof(double));
  region.s        = malloc(region.n_cells * sizeof(double));
  region.e        = malloc(region.n_cells * sizeof(double));
  region.keep     = malloc(region.n_cells);
  if (col_max && low && region.s && region.e && region.keep) {
    const double largest = column_maxima(spec, exact_counts, col_max);
    band_low(spec, &region, col_max, low);
    fill_region(spec,
                &region,
                stream,
                exact,
                exact_counts,
                low,
                (1.0 + spec->floor_tol) * sqrt(largest),
                result);
    status = metrics(&region, result);
  } else {
    status = HR_AGREE_NO_MEMORY;
  }
  free(col_max);
  free(low);
  free(region.s);
  free(region.e);
  free(region.keep);
  return status;
}

int
hr_agree_pass(const HrAgreement*   result,
              const HrAgreeLimits* limits,
              int                  check_ridge)
{
  const int ok = result->jaccard >= limits->min_jaccard &&
                 result->logcorr >= limits->min_logcorr &&
                 result->energy_ratio >= limits->min_energy &&
                 result->energy_ratio <= limits->max_energy;
  return ok && (!check_ridge || result->ridge_err <= limits->max_ridge_err);
}
