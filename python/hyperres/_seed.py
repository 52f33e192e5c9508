# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""A drop-in for the seed's function (maggie-jiayizhang/
hyper_resolution_spectrogram, reassignment/reassignment_linear.py)."""

import numpy as np

from ._analysis import spectrogram


class SeedArray(np.ndarray):
    """A numpy array that also answers the two torch calls scripts make on
    the seed's result, `.cpu()` and `.numpy()`, so that
    `high_resolution_spectrogram(...).cpu().numpy().T` runs unchanged."""

    def cpu(self):
        """The array itself (it is already in main memory)."""
        return self

    def numpy(self):
        """The same values as a plain numpy array."""
        return self.view(np.ndarray)


def _as_numpy(x):
    if hasattr(x, 'detach') and hasattr(x, 'cpu'):  # a torch tensor
        x = x.detach().cpu().numpy()
    array = np.asarray(x)
    if not np.issubdtype(array.dtype, np.floating):
        array = array.astype(np.float64)
    return array


def high_resolution_spectrogram(x, q, tdeci, over, noct, minf, maxf,
                                lint=0.2, device=None, dtype=None,
                                chunks=None, threads=None):
    """The seed's high_resolution_spectrogram(), computed by libhyperres.

    Arguments mean what they meant there: x a mono signal (1-D), q the
    filters' quality, tdeci samples per time bin, over filters per
    frequency bin, noct bins per octave, minf and maxf the frequency range
    in cycles per sample (maxf at most 0.5), lint the reassignment limit
    (0.2 by default, as in the seed).

    Returns the histogram as the seed does: time x frequency, shape
    (ceil(N / tdeci), ceil(noct log2(maxf / minf) + 1)), column 0 the
    highest frequency, noise floor applied. Differences: the numbers are
    computed exactly in double precision on the CPU (the library's
    threads), so the result is float64 whatever `dtype` says, and
    `device` and `chunks` are accepted but not used; the result is a
    numpy array (a SeedArray: `.cpu()` and `.numpy()` still work).
    Bad arguments raise ValueError. For the frequency-first layout, axes
    and more, use hyperres.spectrogram().
    """
    del device, dtype, chunks  # the seed's torch settings: nothing to do
    signal = _as_numpy(x)
    if signal.ndim != 1:
        raise ValueError('x must be a mono signal (1-D; got shape %s): '
                         'call once per channel, or use '
                         'hyperres.spectrogram' % (signal.shape,))
    result = spectrogram(signal, 1.0, q, tdeci=tdeci, over=over, noct=noct,
                         lint=lint, fmin=minf, fmax=maxf, threads=threads)
    return np.ascontiguousarray(result.energy.T).view(SeedArray)
