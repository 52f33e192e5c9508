/* Copyright 2026 The hyperres authors */
/* SPDX-License-Identifier: ISC */

/* Private to hr_stream: one group of filters at run time. A hop takes
   the FFT of `size` input samples, then, in chunks of filters spread
   over the following input, moves each filter's band (G and D
   times the spectrum, f0 +- 6 sigma) to baseband, inverse-transforms it
   with a `grid`-point FFT (xi and eta every `step` samples), and hands
   the decimated mu and |xi|^2 to the accumulator. */

#ifndef HR_STREAM_GROUP_H
#define HR_STREAM_GROUP_H

#include "hr_params.h"
#include "hr_status.h"
#include "hr_stream_accum.h"
#include "hr_stream_layout.h"

#include <fftw3.h>

#include <stddef.h>
#include <stdint.h>

/** Buffers every group of a stream works in, one hop at a time. */
typedef struct {
  float*         real;      /**< analysis input, max size */
  fftwf_complex* band_in;   /**< 2 x max grid: G X and D X at baseband */
  fftwf_complex* band_out;  /**< 2 x max grid: xi and eta, decimated */
  HrStreamPoint* points;    /**< max hop / step + 1 */
  HrPointsOut    per_point; /**< the kernels' arrays, max hop each */
} HrStreamScratch;

/** One filter's band in a group's analysis spectrum. */
typedef struct {
  double f0;
  double sigma;
  int    shift;     /**< bin moved to baseband 0 (round(f0 * size)) */
  int    first_bin; /**< bin of coefficient 0; below 0: negative freq */
  int    n_bins;
  size_t coef;       /**< G at coefs[coef], D at coefs[coef + n_bins] */
  float  noise_gain; /**< |xi|^2 of round-off per unit input energy */
} HrStreamBand;

/** A group at run time. */
typedef struct {
  HrStreamGroupLayout layout;
  HrStreamBand*       bands; /**< layout.n_filters */
  float*              coefs; /**< G / size and D / size per band */
  size_t              n_coefs;
  HrStreamPoint*      carry;       /**< each filter's last decimated point */
  fftwf_plan          forward;     /**< size-point r2c, scratch real */
  fftwf_plan          inverse;     /**< two grid-point c2c, scratch band */
  int64_t             next_start;  /**< first output sample of next hop */
  fftwf_complex*      spectrum;    /**< the hop's analysis FFT */
  double              energy;      /**< the hop's input energy */
  int                 next_filter; /**< of the hop under way; 0: none */
  int64_t             next_chunk;  /**< input sample of its next chunk */
} HrStreamGroup;

/** Allocate `scratch` for the largest of `n_groups` layouts. */
HrStatus
hr_stream_scratch_init(HrStreamScratch*           scratch,
                       const HrStreamGroupLayout* layouts,
                       int                        n_groups);

/** Bytes of the kernels' arrays per point of a hop. */
size_t
hr_stream_scratch_point_bytes(void);

/** Free; safe on a zeroed or freed scratch. */
void
hr_stream_scratch_free(HrStreamScratch* scratch);

/** Build a group: bands, coefficients, FFT plans on `scratch` (under the
    planner lock; `plan_flags` for the small inverse FFTs). */
HrStatus
hr_stream_group_init(HrStreamGroup*             group,
                     const HrParams*            params,
                     const HrStreamGroupLayout* layout,
                     HrStreamScratch*           scratch,
                     unsigned                   plan_flags);

/** Free a group (plans destroyed under the planner lock); safe on a
    zeroed or freed group. */
void
hr_stream_group_free(HrStreamGroup* group);

/** Bytes a group allocated. */
size_t
hr_stream_group_memory(const HrStreamGroup* group);

/** Forget all input. */
void
hr_stream_group_reset(HrStreamGroup* group);

/** Input samples after which the next chunk runs: the next hop's first
    once its input is in, then one every layout.spacing samples. */
static inline int64_t
hr_stream_group_trigger(const HrStreamGroup* group)
{
  return group->next_filter > 0
           ? group->next_chunk
           : group->next_start - group->layout.lead + group->layout.size;
}

/** Nonzero if the next chunk starts a hop. */
static inline int
hr_stream_group_starts_hop(const HrStreamGroup* group)
{
  return group->next_filter == 0;
}

/** Full-rate points below this sample are in the histogram. */
static inline int64_t
hr_stream_group_done(const HrStreamGroup* group)
{
  return group->next_start - group->layout.step;
}

/** Run the next chunk of filters (the first of a hop takes the hop's
    input from `history`, a ring of `mask` + 1 samples holding at least
    that input), points into the histogram through `accum` (analysis
    fields and cols set; the rest is filled here). */
void
hr_stream_group_run(HrStreamGroup*   group,
                    HrStreamScratch* scratch,
                    const float*     history,
                    size_t           mask,
                    HrStreamAccum*   accum);

#endif /* HR_STREAM_GROUP_H */
