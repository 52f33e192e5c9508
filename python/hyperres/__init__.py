# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""hyperres: the reassigned ("hyper-resolution") spectrogram of Gardner &
Magnasco on numpy arrays, computed by libhyperres (the same core and the
same numbers as `hyperres render`).

    import hyperres
    x, rate = hyperres.read_wav('whistle.wav')
    result = hyperres.spectrogram(x, rate, q=4, fmin_hz=2000, fmax_hz=20000)
    hyperres.plot(result)

spectrogram()   exact mode on 1-D or 2-D arrays -> Spectrogram
high_resolution_spectrogram()  the seed's function, same arguments and
                orientation (time x frequency)
load()          read what `hyperres render` wrote
plot()          draw a Spectrogram with matplotlib
read_wav()      a WAV file as a numpy array
"""

from ._analysis import spectrogram
from ._files import load, load_index
from ._library import LIB as _LIB
from ._plot import plot
from ._result import Spectrogram
from ._seed import SeedArray, high_resolution_spectrogram
from ._wav import read_wav

__version__ = _LIB.hr_version().decode()

__all__ = ['spectrogram', 'high_resolution_spectrogram', 'load',
           'load_index', 'plot', 'read_wav', 'Spectrogram', 'SeedArray']
