# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Properties of the exact analysis on fresh signals: tones land on their
row, clicks on their column, a chirp's ridge follows its frequency."""

import math
import os

import numpy as np

import hrtest

RATE = 16000
N = 16000
NOCT = 108
TDECI = 96
FMAX_HZ = RATE / 2


def analyse(context, name, samples, *options, rate=RATE):
    out_dir = context.tmpdir('properties')
    wav = os.path.join(out_dir, name + '.wav')
    hrtest.write_wav(wav, samples, rate)
    return hrtest.render(context, wav, out_dir, '--force', *options)


def share_near(profile, index, reach=1):
    low = max(0, index - reach)
    return profile[low:index + reach + 1].sum() / profile.sum()


def test_tones_land_on_their_row(context):
    t = np.arange(N) / RATE
    for freq in (110.0, 1000.0, 5000.0):
        x = 0.5 * np.sin(2 * np.pi * freq * t) + hrtest.noise(N, 1e-5)
        energy = analyse(context, 'tone%d' % freq, x)
        row = hrtest.log_row(freq, FMAX_HZ, NOCT)
        share = share_near(energy.sum(axis=1), row)
        peak = int(np.argmax(energy.sum(axis=1)))
        print('  %6.0f Hz: expected row %d, peak row %d, %.4f of the energy '
              'within +-1 row' % (freq, row, peak, share))
        assert share >= 0.99, '%g Hz: only %.4f near row %d' % (freq, share,
                                                              row)


def test_clicks_land_on_their_column(context):
    for n0 in (4000, 7777, 12345):
        x = hrtest.noise(N, 1e-5)
        x[n0] += 0.9
        energy = analyse(context, 'click%d' % n0, x)
        col = (n0 + 1) // TDECI
        share = share_near(energy.sum(axis=0), col)
        print('  click at %d: expected column %d, %.4f of the energy within '
              '+-1 column' % (n0, col, share))
        assert share >= 0.99, 'click at %d: only %.4f near column %d' % (
            n0, share, col)


def test_linear_mode_click_at_48k_lands_in_one_column(context):
    """Time reassignment works in linear mode at a real sample rate (the
    seed's linear code lost it by dividing by the rate)."""
    rate = 48000
    n = 24000
    n0 = 48 * TDECI + TDECI // 2 - 1  # t = n0 + 1 in the middle of column 48
    x = hrtest.noise(n, 1e-5)
    x[n0] += 0.9
    energy = analyse(context, 'linclick', x, '--scale', 'lin', '--sigma-hz',
                     '150', '--ndiv', '200', '--fmin-hz', '100', '--fmax-hz',
                     '20000', rate=rate)
    profile = energy.sum(axis=0)
    share = profile[48] / profile.sum()
    print('  linear click: %.4f of the energy in column 48' % share)
    assert share >= 0.99, 'linear-mode click smeared: %.4f in its column' % share


def chirp_ridge_error(energy, freq_at):
    """Largest distance (rows) of a column's peak row from the rows the
    chirp passes through during that column's time span."""
    worst = 0.0
    for col in range(12, energy.shape[1] - 12):
        # Column col holds 1-based times [col*TDECI, (col+1)*TDECI).
        rows = [NOCT * math.log2(FMAX_HZ / freq_at((col * TDECI + k - 1) / RATE))
                for k in (0, TDECI)]
        peak = int(np.argmax(energy[:, col]))
        worst = max(worst, min(rows) - peak, peak - max(rows), 0.0)
    return worst


def test_chirp_ridge_follows_the_frequency(context):
    t = np.arange(N) / RATE
    # A slow linear glide (under a row per column) and a fast exponential
    # sweep (about four rows per column).
    slope = 150.0
    slow = 0.5 * np.sin(2 * np.pi * (900.0 * t + slope / 2 * t * t))
    f_start, f_end = 100.0, 6000.0
    growth = math.log(f_end / f_start)
    fast = 0.5 * np.sin(2 * np.pi * f_start * (np.exp(growth * t) - 1) / growth)
    chirps = [('glide', slow, lambda s: 900.0 + slope * s),
              ('sweep', fast, lambda s: f_start * math.exp(growth * s))]
    for name, x, freq_at in chirps:
        energy = analyse(context, name, x + hrtest.noise(N, 1e-5))
        worst = chirp_ridge_error(energy, freq_at)
        print('  %s: peak row at most %.2f rows off the true frequency'
              % (name, worst))
        assert worst <= 1.0, '%s: ridge strays %.2f rows' % (name, worst)
