# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The result of an analysis, computed or loaded from files."""

import numpy as np


class Spectrogram:
    """A reassigned spectrogram and its axes.

    energy   the energy histogram, summed |xi|^2 (linear power), noise floor
             applied: shape (rows, columns), or (channels, rows, columns)
             for a 2-D input. Row 0 is the highest frequency.
    count    points per cell, no noise floor (same shape), or None
    complex  the complex histogram (complex128, same shape), or None
    freq_hz  centre frequency of every row, Hz (float64, rows)
    time_s   start of every column in seconds from the first sample
             (float64, columns): column c holds the 1-based sample times
             [c tdeci, (c + 1) tdeci), so it starts at (c tdeci - 1) / rate
    params   every parameter used (a dict with the keys of the batch
             tool's NAME_axes.npz: sample_rate, scale, q, noct, over,
             tdeci, lint, fmin, fmax, fmin_hz, fmax_hz, ...)
    nonfinite  NaN/Inf samples found (analysed as silence), per channel
               for a 2-D input
    name     the input's name (loaded results), or None
    """

    def __init__(self, energy, freq_hz, time_s, params, count=None,
                 complex=None, nonfinite=0, name=None):
        self.energy = energy
        self.count = count
        self.complex = complex
        self.freq_hz = None if freq_hz is None else np.asarray(freq_hz)
        self.time_s = None if time_s is None else np.asarray(time_s)
        self.params = dict(params or {})
        self.nonfinite = nonfinite
        self.name = name

    @property
    def rate(self):
        """Sample rate of the input, Hz (None if unknown)."""
        return self.params.get('sample_rate', self.params.get('rate'))

    @property
    def channels(self):
        """Number of channels: 1 for a 1-D input."""
        return 1 if self.energy.ndim == 2 else self.energy.shape[0]

    def channel(self, index):
        """Channel `index` (from 0) of a 2-D input's result, as its own
        Spectrogram (the result itself for a 1-D input and index 0)."""
        if self.energy.ndim == 2:
            if index != 0:
                raise IndexError('a 1-D input has only channel 0')
            return self
        pick = lambda a: None if a is None else a[index]
        nonfinite = self.nonfinite[index] if np.ndim(self.nonfinite) else \
            self.nonfinite
        return Spectrogram(self.energy[index], self.freq_hz, self.time_s,
                           self.params, pick(self.count), pick(self.complex),
                           nonfinite, self.name)

    def __repr__(self):
        shape = 'x'.join(str(n) for n in self.energy.shape)
        extra = [kind for kind in ('count', 'complex')
                 if getattr(self, kind) is not None]
        return '<hyperres.Spectrogram %s%s%s>' % (
            shape, ' ' + self.name if self.name else '',
            ' +' + '+'.join(extra) if extra else '')
