/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

#include "hr_exact_nyquist.h"
#include "hr_fft.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The near field is cut from the far one by w(d) = erfc((d - margin/2) /
   (sqrt 2 spread)) / 2, spread = margin / 14: 1 - w is 1e-12 at d = 0
   and w is 1e-12 at the margin. */
#define HR_NEAR_SPREADS 14.0
#define HR_SQRT2 1.41421356237309504880
/* The far field's kernel (1 - w) kappa is then band-limited to about
   14 / margin cycles per sample (to 1e-8): a grid of margin / 48
   samples holds it with room to spare, and a sinc with a Gaussian of
   3 steps, cut at 18 steps, interpolates it to ~1e-10. */
#define HR_STEPS_PER_MARGIN 48
#define HR_TAP_STEPS 18
#define HR_TAP_WIDTH 3.0
/* Most grid points (the far field then holds 48 MiB; one hour at 48 kHz
   and the defaults' margin needs 0.4 M). */
#define HR_GRID_MOST ((size_t)1 << 20)
/* Smooth parts are cut where their tails are this far below the
   signal. */
#define HR_SMOOTH_TAIL 1e-10

/* Probabilists' Hermite polynomial He_n(x). */
static double
hermite(int n, double x)
{
  double previous = 1.0;
  double current  = x;
  if (n == 0) {
    return previous;
  }
  for (int k = 1; k < n; ++k) {
    const double next = x * current - k * previous;
    previous          = current;
    current           = next;
  }
  return current;
}

/* Jump at Nyquist of the p-th derivatives of G (xi) and D = -x G (eta),
   x = (f - f0)/sigma: the response is cut to 0 just above Nyquist (the
   reference's bins there are negative frequencies, beyond the band), so
   the jump is minus the value just below. G^(p) = (-1/sigma)^p He_p(x)
   G and D^(p) = (-1)^(p+1) sigma^-p He_(p+1)(x) G. */
static void
jumps_of(HrFilter filter, int p, double* xi, double* eta)
{
  const double x     = (0.5 - filter.f0) / filter.sigma;
  const double g     = exp(-0.5 * x * x);
  const double scale = pow(filter.sigma, -p) * g;
  const double sign  = p % 2 ? -1.0 : 1.0;
  *xi                = -sign * scale * hermite(p, x);
  *eta               = sign * scale * hermite(p + 1, x);
}

HrNyquistJumps
hr_nyquist_jumps(HrFilter filter)
{
  HrNyquistJumps jumps;
  for (int p = 0; p < HR_NYQUIST_TERMS; ++p) {
    jumps_of(filter, p, &jumps.xi[p], &jumps.eta[p]);
  }
  return jumps;
}

/* How far beyond `margin` the kernels of the smooth parts reach, relative
   to the signal: H_s's derivative of order q >= P jumps by a_q, so its
   kernel falls like a_q / (2 pi m)^(q+1), and beyond M the tails of both
   sides sum to 2 a_q / (q (2 pi)^(q+1) M^q). A few orders, as a_P alone
   vanishes for some filters (He_P(0) = 0 for odd P). */
static double
smooth_tail(const double* largest, double margin)
{
  double tail = 0.0;
  for (int k = 0; k < 3; ++k) {
    const int q = HR_NYQUIST_TERMS + k;
    tail += 2 * largest[k] / (q * pow(2 * HR_PI, q + 1) * pow(margin, q));
  }
  return tail;
}

size_t
hr_nyquist_smooth_margin(const HrParams* params, int first_filter)
{
  double largest[3] = { 0.0, 0.0, 0.0 };
  for (int index = first_filter; index < hr_params_n_filters(params); ++index) {
    for (int k = 0; k < 3; ++k) {
      double xi  = 0.0;
      double eta = 0.0;
      jumps_of(
        hr_filterbank_filter(params, index), HR_NYQUIST_TERMS + k, &xi, &eta);
      largest[k] = fmax(largest[k], fmax(fabs(xi), fabs(eta)));
    }
  }
  size_t margin = 1;
  while (smooth_tail(largest, (double)margin) > HR_SMOOTH_TAIL) {
    margin *= 2;
  }
  for (size_t step = margin / 4; step > 0; step /= 2) {
    if (smooth_tail(largest, (double)(margin - step)) <= HR_SMOOTH_TAIL) {
      margin -= step;
    }
  }
  return margin;
}

size_t
hr_nyquist_grid_margin(size_t n_samples)
{
  return (size_t)ceil((double)n_samples * HR_STEPS_PER_MARGIN /
                      (double)HR_GRID_MOST);
}

/* The near field's share of the kernel at distance d. */
static double
near_window(double d, double margin)
{
  return 0.5 * erfc((d - margin / 2) / (HR_SQRT2 * margin / HR_NEAR_SPREADS));
}

/* kappa_p(m), where the kernel of beta_p(f - 1/2) over the whole signal
   is (-1)^m kappa_p(m): by Poisson's sum, (-2 pi i)^-(p+1) S_(p+1)(m),
   S_q(m) = sum_r e^r / (m + r N)^q with e = (-1)^N, in closed form
   (cot for even N, csc for odd, and their derivatives); less 1/(2N) for
   p = 0 and even N, whose Nyquist bin holds the value below the jump,
   not the midpoint. At m = 0 (mod N) only the r != 0 terms remain. */
static void
kappa(int p, double m, size_t n, double out[2])
{
  const int    even = n % 2 == 0;
  const double size = (double)n;
  const double a    = HR_PI / size;
  out[0] = out[1] = 0.0;
  if (fmod(fabs(m), size) == 0.0) {
    if (p == 0) {
      out[0] = even ? -0.5 / size : 0.0;
    } else if (p == 1) {
      out[0] = even ? -1.0 / (12 * size * size) : 1.0 / (24 * size * size);
    }
    return;
  }
  const double csc = 1.0 / sin(a * m);
  const double cot = cos(a * m) * csc;
  if (p == 0) {
    out[0] = even ? -0.5 / size : 0.0;
    out[1] = a * (even ? cot : csc) / (2 * HR_PI);
  } else if (p == 1) {
    out[0] = -a * a * (even ? csc * csc : csc * cot) / (4 * HR_PI * HR_PI);
  } else {
    const double s3 =
      a * a * a *
      (even ? csc * csc * cot : 0.5 * csc * (cot * cot + csc * csc));
    out[1] = -s3 / (8 * HR_PI * HR_PI * HR_PI);
  }
}

/* The far field's kernel at (real) distance m: kappa_p (1 - w), zero
   next to m = 0 (mod N), where 1 - w is below 1e-12. */
static void
far_kernel(int p, double m, size_t n, double margin, double out[2])
{
  const double size = (double)n;
  const double r    = fmod(fabs(m), size);
  const double d    = r < size - r ? r : size - r;
  out[0] = out[1] = 0.0;
  if (d < 0.5) {
    return;
  }
  const double keep =
    0.5 * erfc((margin / 2 - d) / (HR_SQRT2 * margin / HR_NEAR_SPREADS));
  kappa(p, m, n, out);
  out[0] *= keep;
  out[1] *= keep;
}

/* beta_p(u), u in [0, 1), with the value below the jump at u = 0 (as
   the reference's Nyquist bin holds G's value below Nyquist). */
static double
bernoulli(int p, double u)
{
  if (p == 0) {
    return u == 0.0 ? -0.5 : 0.5 - u;
  }
  if (p == 1) {
    return -(u * u - u + 1.0 / 6) / 2;
  }
  return -(u * u * u - 1.5 * u * u + 0.5 * u) / 6;
}

static long
floor_div(long a, long b)
{
  const long q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

static long
ceil_div(long a, long b)
{
  return -floor_div(-a, b);
}

static long
grid_step(size_t margin)
{
  const long step = (long)(margin / HR_STEPS_PER_MARGIN);
  return step > 0 ? step : 1;
}

static size_t
grid_count(size_t n_total, long step)
{
  /* grid indices -taps - 1 .. (N - 1)/step + taps + 2 */
  return (size_t)((long)(n_total - 1) / step + 2 * HR_TAP_STEPS + 4);
}

size_t
hr_nyquist_far_bytes(size_t n_total, size_t margin)
{
  const long   step  = grid_step(margin);
  const size_t count = grid_count(n_total, step);
  const size_t fft   = hr_fft_smooth_length(2 * count);
  const size_t kept  = HR_NYQUIST_TERMS * count * sizeof(fftw_complex) +
                      (size_t)(2 * HR_TAP_STEPS * step + 1) * sizeof(double);
  return kept + 2 * fft * sizeof(fftw_complex) + count * sizeof(double);
}

/* Add the grid's share of each sample x'[j] = (-1)^j x[j] (the far
   field's kernel is (-1)^m kappa: demodulated, it is smooth). */
static HrStatus
spread_signal(HrNyquistFar*  far,
              double*        grid,
              HrSampleSource source,
              void*          source_data,
              double*        buffer,
              size_t         buffer_length)
{
  const long step  = far->step;
  const long reach = far->reach;
  for (size_t start = 0; start < far->n_total; start += buffer_length) {
    size_t count = far->n_total - start;
    if (count > buffer_length) {
      count = buffer_length;
    }
    if (source(source_data, start, count, buffer)) {
      return HR_ERR_STOPPED;
    }
    for (size_t i = 0; i < count; ++i) {
      const long   j     = (long)(start + i);
      const double value = j % 2 ? -buffer[i] : buffer[i];
      const long   last  = floor_div(j + reach, step);
      for (long l = ceil_div(j - reach, step); l <= last; ++l) {
        grid[l - far->first] += value * far->weights[l * step - j + reach];
      }
    }
  }
  return HR_SUCCESS;
}

/* field[p] = grid convolved with the far kernel at the grid's spacing
   (a linear convolution: the kernel is evaluated at every difference of
   grid points, the signal's periodicity being in the kernel). */
static HrStatus
convolve_grid(HrNyquistFar* far, const double* grid)
{
  const size_t  count   = far->count;
  const size_t  fft     = hr_fft_smooth_length(2 * count);
  fftw_complex* spread  = fftw_alloc_complex(fft);
  fftw_complex* kernel  = fftw_alloc_complex(fft);
  fftw_plan     forward = NULL;
  fftw_plan     inverse = NULL;
  HrStatus      status  = spread && kernel ? HR_SUCCESS : HR_ERR_NO_MEMORY;
  if (status == HR_SUCCESS) {
    hr_fft_lock();
    forward =
      fftw_plan_dft_1d((int)fft, spread, spread, FFTW_FORWARD, FFTW_ESTIMATE);
    inverse =
      fftw_plan_dft_1d((int)fft, kernel, kernel, FFTW_BACKWARD, FFTW_ESTIMATE);
    hr_fft_unlock();
    status = forward && inverse ? HR_SUCCESS : HR_ERR_FFT_PLAN;
  }
  if (status == HR_SUCCESS) {
    memset(spread, 0, fft * sizeof(fftw_complex));
    for (size_t i = 0; i < count; ++i) {
      spread[i][0] = grid[i];
    }
    fftw_execute(forward);
  }
  for (int p = 0; status == HR_SUCCESS && p < HR_NYQUIST_TERMS; ++p) {
    memset(kernel, 0, fft * sizeof(fftw_complex));
    for (long d = -(long)count + 1; d < (long)count; ++d) {
      far_kernel(p,
                 (double)(d * far->step),
                 far->n_total,
                 (double)far->margin,
                 kernel[(size_t)(d + (long)fft) % fft]);
    }
    fftw_execute_dft(forward, kernel, kernel);
    for (size_t k = 0; k < fft; ++k) {
      const double re =
        kernel[k][0] * spread[k][0] - kernel[k][1] * spread[k][1];
      const double im =
        kernel[k][0] * spread[k][1] + kernel[k][1] * spread[k][0];
      kernel[k][0] = re / (double)fft;
      kernel[k][1] = im / (double)fft;
    }
    fftw_execute(inverse);
    memcpy(far->field[p], kernel, count * sizeof(fftw_complex));
  }
  hr_fft_lock();
  if (forward) {
    fftw_destroy_plan(forward);
  }
  if (inverse) {
    fftw_destroy_plan(inverse);
  }
  hr_fft_unlock();
  fftw_free(spread);
  fftw_free(kernel);
  return status;
}

HrStatus
hr_nyquist_far_build(HrNyquistFar*  far,
                     size_t         n_total,
                     size_t         margin,
                     HrSampleSource source,
                     void*          source_data,
                     double*        buffer,
                     size_t         buffer_length)
{
  memset(far, 0, sizeof(*far));
  far->n_total    = n_total;
  far->margin     = margin;
  far->step       = grid_step(margin);
  far->reach      = HR_TAP_STEPS * far->step;
  far->first      = -HR_TAP_STEPS - 1;
  far->count      = grid_count(n_total, far->step);
  far->weights    = malloc((size_t)(2 * far->reach + 1) * sizeof(double));
  double*  grid   = calloc(far->count, sizeof(double));
  HrStatus status = far->weights && grid ? HR_SUCCESS : HR_ERR_NO_MEMORY;
  for (int p = 0; status == HR_SUCCESS && p < HR_NYQUIST_TERMS; ++p) {
    far->field[p] = fftw_alloc_complex(far->count);
    status        = far->field[p] ? HR_SUCCESS : HR_ERR_NO_MEMORY;
  }
  if (status == HR_SUCCESS) {
    const double step  = (double)far->step;
    const double width = HR_TAP_WIDTH * step;
    for (long d = -far->reach; d <= far->reach; ++d) {
      const double x    = HR_PI * (double)d / step;
      const double sinc = d == 0 ? 1.0 : sin(x) / x;
      far->weights[d + far->reach] =
        sinc * exp(-(double)(d * d) / (2 * width * width));
    }
    status =
      spread_signal(far, grid, source, source_data, buffer, buffer_length);
  }
  if (status == HR_SUCCESS) {
    status = convolve_grid(far, grid);
  }
  free(grid);
  if (status != HR_SUCCESS) {
    hr_nyquist_far_free(far);
  }
  return status;
}

void
hr_nyquist_far_free(HrNyquistFar* far)
{
  free(far->weights);
  for (int p = 0; p < HR_NYQUIST_TERMS; ++p) {
    fftw_free(far->field[p]);
  }
  memset(far, 0, sizeof(*far));
}

/* The far field at signal sample n, all terms, times `scale`, added. */
static void
add_far(const HrNyquistFar* far,
        size_t              n,
        double              scale,
        fftw_complex* const out[HR_NYQUIST_TERMS],
        size_t              index)
{
  const long step = far->step;
  const long j    = (long)n;
  const long last = floor_div(j + far->reach, step);
  double     sum[HR_NYQUIST_TERMS][2];
  memset(sum, 0, sizeof(sum));
  for (long l = ceil_div(j - far->reach, step); l <= last; ++l) {
    const double weight = far->weights[j - l * step + far->reach];
    const size_t g      = (size_t)(l - far->first);
    for (int p = 0; p < HR_NYQUIST_TERMS; ++p) {
      sum[p][0] += weight * far->field[p][g][0];
      sum[p][1] += weight * far->field[p][g][1];
    }
  }
  const double sign = n % 2 ? -scale : scale;
  for (int p = 0; p < HR_NYQUIST_TERMS; ++p) {
    out[p][index][0] += sign * sum[p][0];
    out[p][index][1] += sign * sum[p][1];
  }
}

size_t
hr_nyquist_terms_bytes(size_t length)
{
  return (2 * HR_NYQUIST_TERMS + 1) * length * sizeof(fftw_complex);
}

static void
free_near(HrNyquistTerms* terms)
{
  hr_fft_lock();
  if (terms->forward) {
    fftw_destroy_plan(terms->forward);
  }
  if (terms->backward) {
    fftw_destroy_plan(terms->backward);
  }
  hr_fft_unlock();
  terms->forward = terms->backward = NULL;
  for (int p = 0; p < HR_NYQUIST_TERMS; ++p) {
    fftw_free(terms->near[p]);
    terms->near[p] = NULL;
  }
  fftw_free(terms->work);
  terms->work   = NULL;
  terms->length = 0;
}

/* near[p]: the transform of the whole signal's beta_p kernel within the
   margin (times w), less the segment's own beta_p response, which its
   filters already hold. */
static HrStatus
make_near(HrNyquistTerms* terms, const HrNyquistFar* far, size_t length)
{
  free_near(terms);
  terms->work     = fftw_alloc_complex(length);
  HrStatus status = terms->work ? HR_SUCCESS : HR_ERR_NO_MEMORY;
  for (int p = 0; status == HR_SUCCESS && p < HR_NYQUIST_TERMS; ++p) {
    terms->near[p] = fftw_alloc_complex(length);
    status         = terms->near[p] ? HR_SUCCESS : HR_ERR_NO_MEMORY;
  }
  if (status == HR_SUCCESS) {
    hr_fft_lock();
    terms->forward = fftw_plan_dft_1d(
      (int)length, terms->work, terms->work, FFTW_FORWARD, FFTW_ESTIMATE);
    terms->backward = fftw_plan_dft_1d(
      (int)length, terms->work, terms->work, FFTW_BACKWARD, FFTW_ESTIMATE);
    hr_fft_unlock();
    status = terms->forward && terms->backward ? HR_SUCCESS : HR_ERR_FFT_PLAN;
  }
  const long margin = (long)far->margin;
  for (int p = 0; status == HR_SUCCESS && p < HR_NYQUIST_TERMS; ++p) {
    memset(terms->work, 0, length * sizeof(fftw_complex));
    for (long m = -margin + 1; m < margin; ++m) {
      double       value[2];
      const double share = near_window(fabs((double)m), (double)margin);
      const double sign  = m % 2 ? -share : share;
      kappa(p, (double)m, far->n_total, value);
      const size_t k    = (size_t)(m + (long)length) % length;
      terms->work[k][0] = sign * value[0];
      terms->work[k][1] = sign * value[1];
    }
    fftw_execute(terms->forward);
    for (size_t k = 0; k < length; ++k) {
      /* u = (k/L - 1/2) mod 1, exactly 0 at an even L's Nyquist bin */
      long twice = 2 * (long)k - (long)length;
      if (twice < 0) {
        twice += 2 * (long)length;
      }
      const double u       = (double)twice / (2.0 * (double)length);
      terms->near[p][k][0] = terms->work[k][0] - bernoulli(p, u);
      terms->near[p][k][1] = terms->work[k][1];
    }
  }
  if (status != HR_SUCCESS) {
    free_near(terms);
    return status;
  }
  terms->length = length;
  return HR_SUCCESS;
}

static HrStatus
reserve_terms(HrNyquistTerms* terms, size_t points)
{
  if (points <= terms->capacity) {
    return HR_SUCCESS;
  }
  for (int p = 0; p < HR_NYQUIST_TERMS; ++p) {
    fftw_free(terms->terms[p]);
    terms->terms[p] = fftw_alloc_complex(points);
    if (!terms->terms[p]) {
      terms->capacity = 0;
      return HR_ERR_NO_MEMORY;
    }
  }
  terms->capacity = points;
  return HR_SUCCESS;
}

HrStatus
hr_nyquist_terms_compute(HrNyquistTerms*     terms,
                         const HrNyquistFar* far,
                         const fftw_complex* spectrum,
                         size_t              length,
                         long                offset,
                         size_t              first_point,
                         size_t              end_point)
{
  HrStatus status = HR_SUCCESS;
  if (terms->length != length) {
    status = make_near(terms, far, length);
  }
  if (status == HR_SUCCESS) {
    status = reserve_terms(terms, end_point - first_point);
  }
  if (status != HR_SUCCESS) {
    return status;
  }
  terms->first_point  = first_point;
  const size_t points = end_point - first_point;
  for (int p = 0; p < HR_NYQUIST_TERMS; ++p) {
    const fftw_complex* near = terms->near[p];
    for (size_t k = 0; k < length; ++k) {
      terms->work[k][0] =
        spectrum[k][0] * near[k][0] - spectrum[k][1] * near[k][1];
      terms->work[k][1] =
        spectrum[k][0] * near[k][1] + spectrum[k][1] * near[k][0];
    }
    fftw_execute(terms->backward);
    memcpy(terms->terms[p],
           terms->work + first_point,
           points * sizeof(fftw_complex));
  }
  /* The outputs are the backward transform's, `length` times the
     convolution: the far field is scaled alike. */
  const long n = (long)far->n_total;
  for (size_t i = 0; i < points; ++i) {
    const long sample = (((offset + (long)(first_point + i)) % n) + n) % n;
    add_far(far, (size_t)sample, (double)length, terms->terms, i);
  }
  return HR_SUCCESS;
}

void
hr_nyquist_terms_apply(const HrNyquistTerms* terms,
                       HrNyquistJumps        jumps,
                       fftw_complex*         xi,
                       fftw_complex*         eta,
                       size_t                end_point)
{
  for (size_t i = terms->first_point; i < end_point; ++i) {
    const size_t t = i - terms->first_point;
    for (int p = 0; p < HR_NYQUIST_TERMS; ++p) {
      const double* z = terms->terms[p][t];
      xi[i][0] += jumps.xi[p] * z[0];
      xi[i][1] += jumps.xi[p] * z[1];
      eta[i][0] += jumps.eta[p] * z[0];
      eta[i][1] += jumps.eta[p] * z[1];
    }
  }
}

void
hr_nyquist_terms_free(HrNyquistTerms* terms)
{
  free_near(terms);
  for (int p = 0; p < HR_NYQUIST_TERMS; ++p) {
    fftw_free(terms->terms[p]);
  }
  memset(terms, 0, sizeof(*terms));
}
