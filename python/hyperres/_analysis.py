# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""hyperres.spectrogram(): exact mode through libhyperres."""

import ctypes
import math
import numbers
import warnings

import numpy as np

from . import _library as lib_
from ._result import Spectrogram

LIB = lib_.LIB


class Analysis:
    """An HrAnalysis: the parameters, checked by the library with the
    batch tool's messages (ValueError)."""

    def __init__(self, settings, consensus=None):
        self.handle = LIB.hr_analysis_new()
        if not self.handle:
            raise MemoryError('out of memory')
        for name, value in settings.items():
            LIB.hr_analysis_set(self.handle, lib_.SETTINGS[name], float(value))
        if consensus is not None:
            ladder = (ctypes.c_double * len(consensus))(*consensus)
            if LIB.hr_analysis_set_consensus(self.handle, ladder,
                                             len(consensus)):
                raise ValueError(
                    'consensus wants 1 to 8 increasing q values in (0, 100],'
                    ' e.g. (1, 2, 4, 8) (got %s)' % (tuple(consensus),))

    def close(self):
        if self.handle:
            LIB.hr_analysis_free(self.handle)
            self.handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def check(self, flags):
        message = ctypes.create_string_buffer(512)
        error = LIB.hr_analysis_check(self.handle, flags, message,
                                      len(message))
        if error:
            raise_error(error, message.value.decode())

    def get(self, name):
        return LIB.hr_analysis_get(self.handle, lib_.SETTINGS[name])

    def axes(self, n_samples):
        rows = LIB.hr_analysis_rows(self.handle)
        cols = LIB.hr_analysis_columns(self.handle, n_samples)
        freq = np.array([LIB.hr_analysis_row_frequency(self.handle, r)
                         for r in range(rows)])
        # As the axes files give it: column c holds the 1-based times
        # [c tdeci, (c + 1) tdeci), and sample n (from 0) is at time n + 1.
        time = (np.arange(cols) * self.get('tdeci') - 1.0) / self.get('rate')
        return freq, time


def raise_error(error, message=None):
    """Raise the Python exception for an HrError."""
    text = message or LIB.hr_error_string(error).decode()
    if error == lib_.ERROR_NO_MEMORY:
        raise MemoryError(text)
    if error in (lib_.ERROR_THREADS, lib_.ERROR_FFT_PLAN) and not message:
        raise RuntimeError(text)
    raise ValueError(text)


def _frequency(name, hz, normalised, rate):
    """A frequency setting in cycles/sample from name_hz= (divided by the
    rate, as `hyperres render --NAME-hz` does) or name= (as it is)."""
    if hz is not None and normalised is not None:
        raise ValueError('give %s_hz or %s, not both' % (name, name))
    if normalised is not None:
        return _number(name, normalised)
    if hz is None:
        return None
    return _number(name + '_hz', hz) / _number('rate', rate)


def _number(name, value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError('%s must be a number (got %r)' % (name, value))
    return float(value)


def _scale(scale):
    if scale in ('log', 'logarithmic'):
        return lib_.AXIS_LOG
    if scale in ('lin', 'linear'):
        return lib_.AXIS_LINEAR
    raise ValueError("scale must be 'log' or 'lin' (got %r)" % (scale,))


def _ladder(consensus):
    if consensus is None:
        return None
    try:
        values = [float(q) for q in consensus]
    except (TypeError, ValueError):
        raise ValueError('consensus wants a sequence of q values, e.g. '
                         '(1, 2, 4, 8) (got %r)' % (consensus,)) from None
    if not 1 <= len(values) <= 8:
        raise ValueError('consensus wants 1 to 8 increasing q values in '
                         '(0, 100], e.g. (1, 2, 4, 8) (got %r)'
                         % (consensus,))
    return values


def settings_for(rate, q, tdeci, over, noct, lint, fmin, fmax, scale,
                 sigma, ndiv, threads, max_memory_gb):
    """The library settings of spectrogram()'s arguments."""
    settings = {'rate': _number('rate', rate), 'scale': _scale(scale),
                'q': _number('q', q), 'tdeci': _number('tdeci', tdeci),
                'over': _number('over', over), 'noct': _number('noct', noct),
                'lint': _number('lint', lint)}
    for name, value in (('fmin', fmin), ('fmax', fmax)):
        if value is not None:
            settings[name] = value
    if sigma is not None:
        if settings['scale'] == lib_.AXIS_LOG:
            raise ValueError("sigma belongs to scale='lin' (the log scale "
                             "uses q)")
        settings['sigma'] = sigma
    if settings['scale'] == lib_.AXIS_LINEAR:
        settings['ndiv'] = _number('ndiv', ndiv)
    if threads is not None:
        threads = _number('threads', threads)
        if threads < 1:
            raise ValueError('threads must be a whole number from 1 to 256 '
                             '(got %g)' % threads)
        settings['threads'] = threads
    if max_memory_gb is not None:
        gigabytes = _number('max_memory_gb', max_memory_gb)
        if not gigabytes > 0 or gigabytes > 1e6:
            raise ValueError('max_memory_gb must be a number of GB above 0 '
                             '(got %g)' % gigabytes)
        settings['memory_limit'] = gigabytes * 1e9
    return settings


def as_signal(x, axis):
    """(x as float64 channels x samples in C order, a copy only if
    needed; 1 if x was 1-D)."""
    array = np.asarray(x)
    x_dims = array.ndim
    if not np.issubdtype(array.dtype, np.floating):
        raise ValueError('x must hold float32 or float64 samples (got %s); '
                         'scale integer samples to [-1, 1) first'
                         % array.dtype)
    if array.ndim not in (1, 2):
        raise ValueError('x must be 1-D (samples) or 2-D (channels x samples)'
                         ' (got %d dimensions)' % array.ndim)
    if array.ndim == 2:
        if axis not in (-1, 0, 1):
            raise ValueError('axis must be the time axis: 0, 1 or -1 (got %r)'
                             % (axis,))
        array = np.moveaxis(array, axis, -1)
    else:
        array = array[np.newaxis, :]
    return np.ascontiguousarray(array, dtype=np.float64), x_dims == 1


def _copy(pointer, shape):
    size = int(np.prod(shape))
    if size == 0:
        return np.zeros(shape)
    return np.ctypeslib.as_array(pointer, shape=(size,)).reshape(shape).copy()


def _progress_callback(progress, channel, channels):
    if progress is None:
        return lib_.PROGRESS()
    return lib_.PROGRESS(
        lambda _data, fraction: progress((channel + fraction) / channels))


def _memory_message(analysis, n_samples, flags, rate):
    needed = LIB.hr_analysis_memory_needed(analysis.handle, n_samples, flags)
    return ('exact mode needs %.2f GB for %.1f s of audio, above the limit '
            'of %.2f GB: analyse a part, or raise max_memory_gb'
            % (needed / 1e9, n_samples / rate,
               analysis.get('memory_limit') / 1e9))


def analyse_channel(analysis, samples, flags, count, progress):
    """One channel: (energy, count or None, complex or None, nonfinite),
    copied out of the library's result before it is freed."""
    n_samples = samples.shape[0]
    error = ctypes.c_int(0)
    LIB.hr_analysis_set_progress(analysis.handle, progress, None)
    pointer = samples.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
    handle = LIB.hr_spectrogram_new(analysis.handle, pointer, n_samples,
                                    flags, ctypes.byref(error))
    if not handle:
        if error.value == lib_.ERROR_MEMORY_LIMIT:
            raise MemoryError(_memory_message(analysis, n_samples, flags,
                                              analysis.get('rate')))
        raise_error(error.value)
    try:
        shape = (LIB.hr_spectrogram_rows(handle),
                 LIB.hr_spectrogram_columns(handle))
        energy = _copy(LIB.hr_spectrogram_energy(handle), shape)
        counts = _copy(LIB.hr_spectrogram_count(handle), shape) if count \
            else None
        complex_hist = None
        if flags & lib_.COMPUTE_COMPLEX:
            pairs = _copy(LIB.hr_spectrogram_complex(handle), shape + (2,))
            complex_hist = pairs.view(np.complex128)[..., 0]
        return energy, counts, complex_hist, \
            int(LIB.hr_spectrogram_nonfinite(handle))
    finally:
        LIB.hr_spectrogram_free(handle)


def describe(analysis, consensus, n_samples, count, complex_hist):
    """The parameters used, as a dict with the keys of the params in
    `hyperres render`'s NAME_axes.npz."""
    rate = analysis.get('rate')
    get = analysis.get
    params = {'samples': n_samples, 'sample_rate': rate, 'mode': 'exact',
              'scale': 'lin' if get('scale') == lib_.AXIS_LINEAR else 'log',
              'q': get('q'), 'noct': get('noct'), 'sigma': get('sigma'),
              'sigma_hz': get('sigma') * rate, 'ndiv': int(get('ndiv')),
              'over': int(get('over')), 'tdeci': int(get('tdeci')),
              'fmin': get('fmin'), 'fmax': get('fmax'),
              'fmin_hz': get('fmin') * rate, 'fmax_hz': get('fmax') * rate,
              'lint': get('lint'), 'dtype': 'float64',
              'version': LIB.hr_version().decode(),
              'count': int(bool(count)), 'complex': int(bool(complex_hist))}
    if consensus is not None:
        params['consensus'] = list(consensus)
    return params


def spectrogram(x, rate, q=2.0, *, tdeci=96, over=2, noct=108, lint=0.5,
                fmin_hz=None, fmax_hz=None, fmin=None, fmax=None,
                scale='log', sigma_hz=None, sigma=None, ndiv=200,
                count=False, consensus=None, complex=False, threads=None,
                max_memory_gb=None, axis=-1, progress=None):
    """The reassigned spectrogram of `x`, computed exactly (double
    precision) as `hyperres render` computes it.

    x        samples: 1-D, or 2-D channels x samples (time on `axis`),
             float32 or float64, any length >= 2. NaN/Inf are analysed as
             silence, with a RuntimeWarning.
    rate     sample rate, Hz.
    q, tdeci, over, noct, lint, scale, ndiv: as `hyperres render`'s
             options (README: What the parameters do).
    fmin_hz, fmax_hz, sigma_hz: in Hz; or fmin, fmax, sigma in cycles per
             sample. Defaults: 0.001 and 0.5 (Nyquist) cycles/sample.
    count    also keep the count histogram (points per cell).
    consensus  a ladder of q, e.g. (1, 2, 4, 8): the consensus over
             bandwidths (log scale; `q` is then not used).
    complex  also make the complex histogram (one q).
    threads  worker threads (default: every core); the numbers do not
             depend on it.
    max_memory_gb  refuse inputs needing more (default: 3/4 of the RAM).
    progress a function called with the fraction done (0..1), from the
             library's threads.

    Returns a Spectrogram (energy, count, complex, freq_hz, time_s,
    params). Bad arguments raise ValueError with the batch tool's
    messages. The computation releases the GIL.
    """
    ladder = _ladder(consensus)
    settings = settings_for(
        rate, q, tdeci, over, noct, lint,
        _frequency('fmin', fmin_hz, fmin, rate),
        _frequency('fmax', fmax_hz, fmax, rate), scale,
        _frequency('sigma', sigma_hz, sigma, rate), ndiv, threads,
        max_memory_gb)
    flags = lib_.COMPUTE_COMPLEX if complex else 0
    signal, one_channel = as_signal(x, axis)
    with Analysis(settings, ladder) as analysis:
        analysis.check(flags)
        if signal.shape[1] < 2:
            raise ValueError('signal too short (need at least 2 samples; got '
                             '%d)' % signal.shape[1])
        channels = [None] * signal.shape[0]
        for c in range(signal.shape[0]):
            callback = _progress_callback(progress, c, signal.shape[0])
            channels[c] = analyse_channel(analysis, signal[c], flags, count,
                                          callback)
        freq_hz, time_s = analysis.axes(signal.shape[1])
        params = describe(analysis, ladder, signal.shape[1], count, complex)
    nonfinite = [part[3] for part in channels]
    if sum(nonfinite):
        warnings.warn('%d NaN/Inf sample(s) found, analysed as silence'
                      % sum(nonfinite), RuntimeWarning, stacklevel=2)
    stack = (lambda k: channels[0][k]) if one_channel else \
        (lambda k: np.stack([part[k] for part in channels]))
    return Spectrogram(stack(0), freq_hz, time_s, params,
                       count=stack(1) if count else None,
                       complex=stack(2) if complex else None,
                       nonfinite=nonfinite[0] if one_channel
                       else np.array(nonfinite))
