# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Consensus over bandwidths (doc/CONSENSUS.md) on a signal that no single
q resolves: a harmonic stack (needs long filters, large q) under a fast
click train (needs short filters, small q). Measured: the half-maximum
width of each harmonic's ridge in rows and of each click's ridge in
columns, for every single q of the ladder and for the consensus."""

import os

import numpy as np

import hrtest

RATE = 48000
N = 24000
F0 = 150.0            # stack: harmonics 1..13, 150-1950 Hz
HARMONICS = 13
CLICK_PERIOD = 120    # samples: 400 clicks per second
CLICK_HZ = 6500.0     # each click a 3-sample-std Gaussian burst at 6.5 kHz
NOCT = 72
TDECI = 16
FMIN_HZ, FMAX_HZ = 100.0, 16000.0
LADDER = (1, 2, 4, 8, 16)
EDGE = int(0.1 * RATE / TDECI)   # columns left out at both ends


def stack_and_clicks():
    t = np.arange(N) / RATE
    x = np.zeros(N)
    for h in range(1, HARMONICS + 1):
        x += 0.05 * np.sin(2 * np.pi * F0 * h * t + 0.7 * h * h)
    k = np.arange(-60, 61)
    burst = np.exp(-0.5 * (k / 3.0) ** 2) * np.cos(2 * np.pi * CLICK_HZ / RATE * k)
    clicks = np.arange(300, N - 300, CLICK_PERIOD)
    for c in clicks:
        x[c - 60:c + 61] += 0.5 * burst
    return 0.9 * x / np.abs(x).max(), clicks


def analyse(context, samples, *options):
    out_dir = context.tmpdir('consensus')
    wav = os.path.join(out_dir, 'mix.wav')
    hrtest.write_wav(wav, samples, RATE)
    return hrtest.render(context, wav, out_dir, '--force', '--noct', NOCT,
                         '--tdeci', TDECI, '--fmin-hz', FMIN_HZ, '--fmax-hz',
                         FMAX_HZ, *options)


def half_max_width(profile, centre):
    """Bins around the peak within +-1 of `centre` at or above half its
    height; len(profile) if that peak is not the profile's maximum
    half (no ridge there)."""
    top_at = centre - 1 + int(np.argmax(profile[centre - 1:centre + 2]))
    top = profile[top_at]
    if top <= 0 or top < 0.5 * profile.max():
        return len(profile)
    low = high = top_at
    while low > 0 and profile[low - 1] >= top / 2:
        low -= 1
    while high < len(profile) - 1 and profile[high + 1] >= top / 2:
        high += 1
    return high - low + 1


def ridge_widths(energy, clicks):
    """Mean ridge width: harmonics in rows, clicks in columns."""
    cols = energy.shape[1]
    inner = slice(EDGE, cols - EDGE)
    rows = [hrtest.log_row(F0 * h, FMAX_HZ, NOCT) for h in range(1, HARMONICS + 1)]
    stack = []
    for h, row in enumerate(rows):
        reach = max(2, abs(rows[h + 1] - row) // 2) if h + 1 < len(rows) else 4
        profile = energy[row - reach:row + reach + 1, inner].sum(axis=1)
        stack.append(half_max_width(profile, reach))
    band = slice(hrtest.log_row(11000, FMAX_HZ, NOCT),
                 hrtest.log_row(3000, FMAX_HZ, NOCT))
    click = []
    for c in clicks:
        col = (c + 1) // TDECI
        if EDGE <= col < cols - EDGE:
            click.append(half_max_width(energy[band, col - 3:col + 4].sum(axis=0), 3))
    return float(np.mean(stack)), float(np.mean(click))


def test_consensus_resolves_stack_and_clicks_no_single_q_does(context):
    x, clicks = stack_and_clicks()
    consensus = analyse(context, x, '--consensus', ','.join(map(str, LADDER)))
    cons_stack, cons_click = ridge_widths(consensus, clicks)
    print('  consensus q %s: stack %.2f rows, clicks %.2f columns'
          % (','.join(map(str, LADDER)), cons_stack, cons_click))
    assert cons_stack <= 1.2 and cons_click <= 1.2, 'consensus not sharp'
    for q in LADDER:
        stack, click = ridge_widths(analyse(context, x, '--q', q), clicks)
        print('  single q %-4g: stack %5.2f rows, clicks %5.2f columns'
              % (q, stack, click))
        assert max(stack, click) >= 1.25 * max(cons_stack, cons_click), (
            'q %g alone resolves both as well as the consensus' % q)


def test_consensus_of_equal_pictures_is_the_picture(context):
    """A pure tone is sharp at every q: the consensus keeps it on its row
    with the smallest q's energy scale."""
    t = np.arange(N) / RATE
    x = 0.5 * np.sin(2 * np.pi * 1000.0 * t)
    single = analyse(context, x, '--q', 4)
    consensus = analyse(context, x, '--consensus', '4,8')
    row = hrtest.log_row(1000.0, FMAX_HZ, NOCT)
    inner = slice(EDGE, single.shape[1] - EDGE)
    for name, energy in (('q 4', single), ('consensus 4,8', consensus)):
        profile = energy[:, inner].sum(axis=1)
        share = profile[row - 1:row + 2].sum() / profile.sum()
        print('  %s: %.4f of the energy within +-1 row of the tone' % (name, share))
        assert share >= 0.99
    ratio = consensus[:, inner].sum() / single[:, inner].sum()
    print('  consensus / single energy: %.3f' % ratio)
    assert 0.8 <= ratio <= 1.25, 'energy scale of the consensus is off'


def test_consensus_bad_ladders_are_refused(context):
    out_dir = context.tmpdir('consensus_bad')
    wav = os.path.join(out_dir, 'x.wav')
    hrtest.write_wav(wav, hrtest.noise(4800, 0.1), RATE)
    for ladder in ('4', '2,1', '1,1', '1,x', '0,1', '1,2,', '1,2,3,4,5,6,7,8,9',
                   '1,1000'):
        proc = hrtest.run(context, 'render', wav, '-o', out_dir,
                          '--consensus', ladder, expect=2)
        assert '--consensus' in proc.stderr, proc.stderr
    proc = hrtest.run(context, 'render', wav, '-o', out_dir, '--scale', 'lin',
                      '--consensus', '1,2', expect=2)
    assert 'log scale' in proc.stderr
    assert not any(f.endswith('.npy') for f in os.listdir(out_dir))


def test_plugin_consensus_matches_exact(context):
    """The plugin's Bandwidths control (3: q, 2q, 4q) through lilv against
    the exact consensus, away from the ends (the exact mode treats the
    signal as periodic; the longest filter, q 8 at 100 Hz, has a time std
    of 80 ms, and the plugin's floor warms up over 4 of them)."""
    x, _ = stack_and_clicks()
    x = np.tile(x, 8)                       # 4 s
    options = ('--consensus', '2,4,8', '--tdeci', 48)
    out_dir = context.tmpdir('consensus_plugin')
    wav = os.path.join(out_dir, 'mix.wav')
    hrtest.write_wav(wav, x, RATE)
    common = ('--force', '--noct', NOCT, '--fmin-hz', FMIN_HZ, '--fmax-hz',
              FMAX_HZ) + options
    exact = hrtest.render(context, wav, out_dir, *common)
    plugin = hrtest.render(context, wav, out_dir, '--mode', 'plugin',
                           '--block', 'random', *common)
    inner = slice(500, exact.shape[1] - 500)
    e, p = exact[:, inner], plugin[:, inner]
    ratio = p.sum() / e.sum()
    tiny = 1e-6 * e.max()
    logcorr = np.corrcoef(np.log10(e + tiny).ravel(),
                          np.log10(p + tiny).ravel())[0, 1]
    print('  plugin / exact consensus: energy %.4f, log-correlation %.4f'
          % (ratio, logcorr))
    assert 0.99 <= ratio <= 1.01 and logcorr >= 0.995
