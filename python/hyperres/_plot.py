# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""hyperres.plot(): a Spectrogram drawn with matplotlib, with the batch
tool's picture's axes: frequency in Hz (C notes on the right on the log
axis), time in seconds, a colour bar in dB (points for counts)."""

import math

import numpy as np

NOTE_NAMES = ('C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B')


def format_hz(hz):
    """'440', '1k', '2.5k': the batch tool's Hz labels."""
    if abs(hz) >= 999.9995:
        return ('%.6f' % (hz / 1000.0)).rstrip('0').rstrip('.') + 'k'
    return ('%.3f' % hz).rstrip('0').rstrip('.')


def note_name(hz):
    """Nearest note and its offset in cents: ('A4', 0.0) for 440 Hz."""
    midi = 69.0 + 12.0 * math.log2(hz / 440.0)
    nearest = int(round(midi))
    return '%s%d' % (NOTE_NAMES[nearest % 12], nearest // 12 - 1), \
        100.0 * (midi - nearest)


def _log_scale(freq_hz):
    """True if the rows are evenly spaced in log frequency."""
    if len(freq_hz) < 3 or freq_hz[-1] <= 0:
        return False
    ratios = freq_hz[1:] / freq_hz[:-1]
    return bool(np.allclose(ratios, ratios[0], rtol=1e-6)) and \
        not np.allclose(np.diff(freq_hz), freq_hz[1] - freq_hz[0], rtol=1e-6)


class RowAxis:
    """Frequency <-> row position (rows go down in frequency)."""

    def __init__(self, freq_hz):
        self.freq_hz = np.asarray(freq_hz, dtype=np.float64)
        self.log = _log_scale(self.freq_hz)
        self.warp = np.log if self.log else (lambda f: np.asarray(f, float))
        self.rows = np.arange(len(self.freq_hz))

    def row(self, hz):
        return np.interp(self.warp(hz), self.warp(self.freq_hz[::-1]),
                         self.rows[::-1].astype(float))

    def hz(self, row):
        return float(np.interp(row, self.rows, self.freq_hz))

    def hz_ticks(self, most=12):
        low, high = self.freq_hz.min(), self.freq_hz.max()
        if not self.log:
            return _nice_linear(low, high, most)
        for mantissas in ((1, 2, 5), (1, 2), (1,)):
            ticks = [m * 10.0 ** d
                     for d in range(int(math.floor(math.log10(low))),
                                    int(math.ceil(math.log10(high))) + 1)
                     for m in mantissas if low <= m * 10.0 ** d <= high]
            if len(ticks) <= most:
                break
        return ticks if len(ticks) >= 3 else _nice_linear(low, high, most)

    def note_ticks(self, most=12):
        """C of every octave in range (every k-th octave if crowded)."""
        low, high = self.freq_hz.min(), self.freq_hz.max()
        first = math.ceil(math.log2(low / 16.351597831287414))
        last = math.floor(math.log2(high / 16.351597831287414))
        octaves = list(range(first, last + 1))
        every = max(1, math.ceil(len(octaves) / most))
        return [(16.351597831287414 * 2.0 ** o, 'C%d' % o)
                for o in octaves if o % every == 0]


def _nice_linear(low, high, most):
    raw = (high - low) / max(most - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step)
    return [k * step for k in range(first, int(math.floor(high / step)) + 1)]


def _title(result):
    params = result.params
    linear = params.get('scale') == 'lin'
    keys = ('sigma_hz', 'ndiv') if linear else ('q', 'consensus', 'noct')
    keys += ('over', 'tdeci', 'lint')
    parts = ['%s %s' % (key, '%g' % params[key]
                        if isinstance(params[key], (int, float))
                        else ','.join('%g' % q for q in params[key]))
             for key in keys if key in params]
    if result.rate:
        parts.append('%g Hz' % result.rate)
    name = result.name or 'hyperres'
    return name + ('\n' + ', '.join(parts) if parts else '')


def _image(values, kind, db_range):
    """(array to show, norm kwargs, colour bar label)."""
    if kind == 'count':
        from matplotlib.colors import LogNorm
        top = max(float(values.max()), 1.0)
        shown = np.ma.masked_less(values, 1.0)
        return shown, {'norm': LogNorm(vmin=1.0, vmax=max(top, 1.0 + 1e-9))}, \
            'points'
    with np.errstate(divide='ignore'):
        db = 10.0 * np.log10(values)
    finite = db[np.isfinite(db)]
    top = float(finite.max()) if finite.size else 0.0
    shown = np.ma.masked_invalid(db)
    return shown, {'vmin': top - db_range, 'vmax': top}, 'dB'


def plot(result, ax=None, *, kind='energy', channel=0, db_range=90.0,
         cmap='inferno', title=None, colorbar=True):
    """Draw `result` (a Spectrogram) on matplotlib axes `ax` (default: a
    new figure's) and return the axes.

    kind      'energy' (dB, the top `db_range` dB shown) or 'count'
              (points per cell, log colours from 1 point)
    channel   which channel of a 2-D input's result
    cmap      a matplotlib colour map; the batch tool's default, inferno
    """
    import matplotlib.pyplot as plt
    if kind not in ('energy', 'count'):
        raise ValueError("kind must be 'energy' or 'count' (got %r)"
                         % (kind,))
    one = result.channel(channel)
    values = one.count if kind == 'count' else one.energy
    if values is None:
        raise ValueError('this result has no counts: compute with '
                         'count=True (hyperres render --count)')
    values = np.asarray(values.toarray() if hasattr(values, 'toarray')
                        else values, dtype=np.float64)
    if one.freq_hz is None or one.time_s is None:
        raise ValueError('this result has no axes (NAME_axes.npz missing)')
    if ax is None:
        ax = plt.figure(figsize=(10, 5.6)).add_subplot()
    shown, norm, unit = _image(values, kind, db_range)
    rows, cols = values.shape
    step = one.params['tdeci'] / one.rate if \
        'tdeci' in one.params and one.rate else \
        (one.time_s[1] - one.time_s[0] if cols > 1 else 1.0)
    start = one.time_s[0] if cols else 0.0
    palette = plt.get_cmap(cmap).copy()
    palette.set_bad(palette(0.0))
    image = ax.imshow(shown, aspect='auto', interpolation='nearest',
                      origin='upper', cmap=palette,
                      extent=(start, start + cols * step, rows - 0.5, -0.5),
                      **norm)
    axis = RowAxis(one.freq_hz)
    ticks = axis.hz_ticks()
    ax.set_yticks([float(axis.row(f)) for f in ticks],
                  [format_hz(f) for f in ticks])
    ax.set_ylabel('Frequency (Hz)')
    ax.set_xlabel('Time (s)')
    ax.set_title(title if title is not None else _title(one), fontsize=10)
    if axis.log:
        notes = ax.twinx()
        notes.set_ylim(ax.get_ylim())
        marks = axis.note_ticks()
        notes.set_yticks([float(axis.row(f)) for f, _ in marks],
                         [name for _, name in marks])
        notes.tick_params(axis='y', labelsize='small', colors='#4a6a90')
        notes.format_coord = ax.format_coord
    ax.format_coord = _readout(axis, values, start, step, kind)
    if colorbar:
        bar = ax.figure.colorbar(image, ax=ax, pad=0.07 if axis.log else 0.02)
        bar.set_label(unit)
    return ax


def _readout(axis, values, start, step, kind):
    """The text under the mouse: time, Hz, note and cents, level (or
    points)."""
    def describe(x, y):
        row = int(round(y))
        col = int(math.floor((x - start) / step))
        if not (0 <= row < values.shape[0] and 0 <= col < values.shape[1]):
            return ''
        hz = axis.hz(row)
        note, cents = note_name(hz) if hz > 0 else ('', 0.0)
        value = values[row, col]
        if kind == 'count':
            level = '%g points' % value
        else:
            level = '%.1f dB' % (10 * math.log10(value)) if value > 0 else '-'
        return '%.3f s  %s Hz  %s %+.0f c  %s' % (x, format_hz(hz), note,
                                                  cents, level)
    return describe
