# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The reassigned count (`--count`): NAME_count.npy holds what the exact
computation counts (checked against a direct numpy count of
doc/ALGORITHM.md, step 3), a tone's points lie on its row and a click's in
its column, NAME_count.png is a picture of its own, and plugin mode's
counts (the plugin's hr:cellHits) agree with exact mode's."""

import math
import os
import struct
import zlib

import numpy as np

import hrtest
import signals


def direct_count(x, q, tdeci, over, noct, fmin, fmax, lint):
    """The count histogram C of doc/ALGORITHM.md's log scale, step 3, counted
    directly in numpy (float64), rows x columns."""
    n = len(x)
    spectrum = np.fft.fft(x)
    nu = np.arange(n) / n
    nu[nu > 0.5] -= 1.0
    rows = int(math.ceil(noct * math.log2(fmax / fmin) + 1))
    count = np.zeros((rows, int(math.ceil(n / tdeci))))
    t = np.arange(n) + 1.0
    for i in range(rows * over):
        f0 = fmin * 2.0 ** (i / (over * noct))
        sigma = f0 / (2 * math.pi * q)
        g = np.exp(-(nu - f0) ** 2 / (2 * sigma * sigma))
        xi = np.fft.ifft(g * spectrum)
        eta = np.fft.ifft(-((nu - f0) / sigma) * g * spectrum)
        with np.errstate(all='ignore'):
            mu = eta / xi
            t_ins = t + mu.imag / (2 * math.pi * sigma)
            f_ins = f0 - mu.real * sigma
            keep = ((np.abs(mu) < lint) & (f_ins > fmin) & (f_ins < fmax)
                    & (t_ins >= 1) & (t_ins < n))
        position = noct * np.log2(fmax / f_ins[keep])
        row = (np.sign(position) * np.floor(np.abs(position) + 0.5)).astype(int)
        col = np.floor(t_ins[keep] / tdeci).astype(int)
        np.add.at(count, (row, col), 1)
    return count


def read_png(path):
    """The pixels of an 8-bit RGB or RGBA PNG (as Cairo writes them) as
    an array (height, width, channels)."""
    with open(path, 'rb') as f:
        data = f.read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', path
    pos, idat = 8, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, color = struct.unpack('>IIBB', body[:10])
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    assert depth == 8 and color in (2, 6), (depth, color)
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    out = np.zeros((height, stride), np.int64)
    prior = np.zeros(stride, np.int64)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = np.frombuffer(raw, np.uint8, stride, y * (stride + 1) + 1)
        line = line.astype(np.int64)
        if kind == 2:
            line = (line + prior) % 256
        elif kind in (1, 3, 4):
            line = unfilter_sequential(line, prior, bpp, kind)
        out[y] = line
        prior = line
    return out.reshape(height, width, bpp)[:, :, :3]


def unfilter_sequential(line, prior, bpp, kind):
    """PNG filters Sub (1), Average (3), Paeth (4), byte by byte."""
    line, prior = line.tolist(), prior.tolist()
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = prior[i]
        corner = prior[i - bpp] if i >= bpp else 0
        if kind == 1:
            predictor = left
        elif kind == 3:
            predictor = (left + up) // 2
        else:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            predictor = left if pa <= pb and pa <= pc else up if pb <= pc \
                else corner
        line[i] = (line[i] + predictor) % 256
    return np.array(line, np.int64)


def render_counts(context, folder, name, samples, rate, *options):
    """Render `samples` with --count; returns (count, energy) arrays."""
    d = context.tmpdir(folder)
    wav = os.path.join(d, name + '.wav')
    hrtest.write_wav(wav, samples, rate)
    hrtest.run(context, 'render', wav, '-o', d, '-q', '--count', '--force',
               *options, expect=0)
    load = lambda kind: np.load(os.path.join(d, '%s_%s.npy' % (name, kind)))
    return load('count').astype(np.float64), load('spec').astype(np.float64)


def test_exact_count_equals_a_direct_count(context):
    """A tone, a click and noise (so that no cell's count depends on
    rounding): every cell of _count.npy equals the direct count."""
    n = 3000
    x = 0.3 * np.sin(2 * np.pi * 0.05 * np.arange(n)) + hrtest.noise(n, 0.02)
    x[1500] += 1.0
    x = x.astype(np.float32).astype(np.float64)  # as the float WAV holds it
    params = dict(q=2.0, tdeci=50, over=2, noct=24, fmin=0.01, fmax=0.5,
                  lint=0.5)
    count, _ = render_counts(context, 'count_direct', 'mix', x, 16000,
                             '--no-png', '--q', 2, '--tdeci', 50, '--over', 2,
                             '--noct', 24, '--fmin', 0.01, '--fmax', 0.5,
                             '--lint', 0.5)
    direct = direct_count(x, **params)
    differing = int(np.count_nonzero(count != direct))
    print('  direct count: %d points in %d cells; hyperres: %d points, '
          '%d cells differ' % (direct.sum(), np.count_nonzero(direct),
                               count.sum(), differing))
    assert count.shape == direct.shape, (count.shape, direct.shape)
    assert differing == 0 and count.sum() == direct.sum()


def test_tone_counts_lie_on_its_row(context):
    """A pure 442 Hz tone (a whole number of periods, so the periodic
    reference sees a pure exponential): every filter within lint of it,
    |nu0 - f0| < lint sigma, keeps one point per sample at t_ins = n + 1
    (all but the last sample), all on the tone's row. Counts ignore
    energy, so the float32 file's rounding error is counted like any
    signal: with 221 periods in 8000 samples it repeats only every 8000
    samples and spreads like noise (440 Hz, 220 periods, would repeat
    every 400 samples and put lines of as many points at multiples of
    40 Hz)."""
    rate, n = 16000, 8000
    nu0 = 221.0 / n
    count, _ = render_counts(context, 'count_tone', 'tone',
                             0.3 * np.sin(2 * np.pi * nu0 * np.arange(n)),
                             rate, '--no-png')
    q, over, noct, fmin, fmax, lint = 2.0, 2, 108, 0.001, 0.5, 0.5
    row = hrtest.log_row(nu0, fmax, noct)
    f0 = fmin * 2.0 ** (np.arange(count.shape[0] * over) / (over * noct))
    within = int(np.count_nonzero(np.abs(nu0 - f0) < lint * f0 / (2 * np.pi * q)))
    per_row = count.sum(axis=1)
    print('  tone row %d: %d points (%d filters x %d samples), rows +-1: %d, '
          '%d; next largest row %d; %.1f %% of all %d points (the rest: '
          'the rounding noise)'
          % (row, per_row[row], within, n - 1, per_row[row - 1],
             per_row[row + 1], np.sort(per_row)[-2],
             100 * per_row[row] / count.sum(), count.sum()))
    assert per_row[row] == within * (n - 1)
    assert per_row[row - 1] == 0 and per_row[row + 1] == 0
    assert int(np.argmax(per_row)) == row
    # Column by column: 96 samples' points, give or take the one sample
    # whose t_ins = n + 1 lands on a column edge (rounded either way).
    off = count[row, 1:-1] - within * 96
    print('  tone row per column: %d filters x 96 samples %+d to %+d'
          % (within, off.min(), off.max()))
    assert np.all(np.abs(off) <= within)


def test_click_counts_lie_in_its_column(context):
    """A click at sample n0: mu = -2 pi i sigma (n - n0), so each filter
    keeps the samples with |n - n0| < lint / (2 pi sigma), all moved to
    t_ins = n0 + 1, the click's column."""
    rate, n, n0 = 16000, 8000, 4000
    x = np.zeros(n)
    x[n0] = 1.0
    count, _ = render_counts(context, 'count_click', 'click', x, rate,
                             '--no-png')
    q, over, noct, fmin, lint = 2.0, 2, 108, 0.001, 0.5
    col = (n0 + 1) // 96
    f0 = fmin * 2.0 ** (np.arange(count.shape[0] * over) / (over * noct))
    reach = lint * 2 * np.pi * q / (2 * np.pi * f0)  # lint / (2 pi sigma)
    expected = np.sum(2 * np.ceil(reach) - 1)
    per_col = count.sum(axis=0)
    rows_lit = np.count_nonzero(count[:, col])
    print('  click column %d: %d points, expected about %d (%.3f); next '
          'largest column %d; %d of %d rows lit'
          % (col, per_col[col], expected, per_col[col] / expected,
             np.sort(per_col)[-2], rows_lit, count.shape[0]))
    assert abs(per_col[col] / expected - 1) < 0.01
    assert per_col[col] > 10 * np.sort(per_col)[-2]
    assert rows_lit > 0.95 * count.shape[0]


def test_count_png_is_a_picture_of_its_own(context):
    d = context.tmpdir('count_png')
    wav = os.path.join(d, 'tn.wav')
    rate = 16000
    t = np.arange(rate) / rate
    hrtest.write_wav(wav, 0.3 * np.sin(2 * np.pi * 1000 * t)
                     + hrtest.noise(rate, 0.01), rate)
    hrtest.run(context, 'render', wav, '-o', d, '-q', '--count', '--size',
               '480x300', expect=0)
    spec = read_png(os.path.join(d, 'tn_spec.png'))
    count = read_png(os.path.join(d, 'tn_count.png'))
    assert spec.shape == count.shape == (300, 480, 3), (spec.shape, count.shape)
    differ = np.any(spec != count, axis=2)
    # The tone is the loudest: inferno's top colour in the energy picture.
    top = np.all(spec == (252, 255, 164), axis=2)
    top[:, int(0.85 * spec.shape[1]):] = False  # not the colour bar
    line = int(np.argmax(top.sum(axis=1)))
    width = top[line].sum()
    # In the count picture the tone's row is near the top colour too (its
    # ~2400 points a cell against the most, ~2600, on noise ridges), and
    # brighter than the picture around it.
    brightness = count.sum(axis=2)
    on_line = brightness[line][top[line]]
    around = brightness[line - 12:line + 13][:, top[line]]
    print('  count vs energy PNG: %.1f %% of pixels differ; tone at y %d, '
          '%d pixels wide; count brightness there %.0f (median), around it '
          '%.0f (of 671)' % (100 * differ.mean(), line, width,
                             np.median(on_line), np.median(around)))
    assert differ.mean() > 0.2
    assert width > 0.5 * spec.shape[1]
    assert np.median(on_line) > 0.9 * 671
    assert np.median(on_line) > 1.5 * np.median(around)
    again = context.tmpdir('count_png_kept')
    with open(os.path.join(again, 'tn_count.png'), 'wb') as f:
        f.write(b'precious')
    proc = hrtest.run(context, 'render', wav, '-o', again, '-q', '--count')
    assert proc.returncode != 0 and 'tn_count.png exists' in proc.stderr, \
        proc.stderr
    hrtest.run(context, 'render', wav, '-o', again, '-q', '--count',
               '--no-png', expect=0)
    with open(os.path.join(again, 'tn_count.png'), 'rb') as f:
        assert f.read() == b'precious'


def test_plugin_mode_counts_agree_with_exact_mode(context):
    """The plugin's hr:cellHits (full-rate points rebuilt by interpolation,
    sent for the cells above its running noise floor) against the exact
    count, away from the ends: the tone's row, the rows lit, the totals."""
    rate, seconds = 16000, 1.5
    x = signals.make('tone', seconds, rate) + hrtest.noise(int(seconds * rate),
                                                           0.01, seed=5)
    options = ['--no-png', '--fmin-hz', 50, '--block', 'random']
    plugin, plugin_energy = render_counts(context, 'count_plugin', 'tone', x,
                                          rate, '--mode', 'plugin', *options)
    options.remove('--block')
    options.remove('random')
    exact, exact_energy = render_counts(context, 'count_exact', 'tone', x,
                                        rate, *options)
    assert plugin.shape == exact.shape, (plugin.shape, exact.shape)
    edge = int(math.ceil(5 * 2.0 / (50.0 / rate) / 96))  # 5 longest-filter stds
    inner = (slice(None), slice(edge, exact.shape[1] - edge))
    p, e = plugin[inner], exact[inner]
    row = hrtest.log_row(1000.0, rate / 2, 108)
    p_rows, e_rows = p.sum(axis=1), e.sum(axis=1)
    lit = lambda rows: set(np.nonzero(rows > 0.1 * rows.max())[0].tolist())
    floor = exact_energy[inner] > 0  # the exact noise floor's cells
    ratios = {
        'tone row': p_rows[row] / e_rows[row],
        'all cells': p.sum() / e.sum(),
        'cells above the exact floor': p.sum() / e[floor].sum(),
        'the plugin\'s cells': p.sum() / e[p > 0].sum(),
    }
    print('  %d inner columns; tone row %d: plugin %d, exact %d points; rows '
          'lit plugin %s, exact %s' % (p.shape[1], row, p_rows[row],
                                       e_rows[row], sorted(lit(p_rows)),
                                       sorted(lit(e_rows))))
    print('  plugin / exact counts: ' + ', '.join(
        '%s %.4f' % item for item in ratios.items()))
    assert int(np.argmax(p_rows)) == int(np.argmax(e_rows)) == row
    assert lit(p_rows) == lit(e_rows)
    assert abs(ratios['tone row'] - 1) < 0.005
    assert abs(ratios['cells above the exact floor'] - 1) < 0.02
    assert abs(ratios['the plugin\'s cells'] - 1) < 0.02
    assert np.all(plugin[plugin_energy == 0] == 0), 'counts below the floor'
