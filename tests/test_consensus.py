# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Consensus over bandwidths (doc/CONSENSUS.md), measured against every
single q of its ladder.

Stack and clicks: a harmonic stack whose partials have pseudo-random
phases (small q sees no pulse train in it) with an aperiodic click train
beside it in frequency (gaps of a few ms: large q sees no harmonic stack
in it). Two shares, each a mean over harmonics/clicks and columns/rows:
  tone share: of each harmonic's energy between the midpoints to its
    neighbouring harmonics, the part within +-1 row of the harmonic;
  click share: of each click's energy between the midpoints to its
    neighbouring clicks, the part in the click's own column.
The consensus must reach 0.9 of the best single q's tone share and 0.9 of
the best single q's click share on signals where no single q reaches both.

Ordinary signals (a tone, a chirp, espeak-ng's speech, a synthesised
music excerpt): the consensus keeps at least 95 % of the energy and of the
sharpness of the sharpest single q of its ladder."""

import math
import os
import shutil
import subprocess
import wave

import numpy as np

import hrtest

NOCT = 36
RATE = 48000
LADDER = (0.5, 1, 2, 4, 8, 16)

# rate, fundamental Hz, harmonics, click gaps ms, click centre Hz, ladder,
# tdeci, fmin Hz, fmax Hz, seed
STACK_AND_CLICKS = (
    (48000, 150.0, 13, (2.0, 6.0), 4000.0, LADDER, 16, 80.0, 16000.0, 3),
    (48000, 200.0, 10, (1.5, 4.0), 4000.0, LADDER[:-1], 16, 80.0, 16000.0, 7),
    (16000, 200.0, 10, (1.5, 4.0), 4000.0, LADDER, 8, 80.0, 7500.0, 7),
    (16000, 100.0, 18, (2.0, 6.0), 4000.0, LADDER[1:], 8, 80.0, 7500.0, 7),
)


def stack_and_clicks(rate, f0, harmonics, gaps_ms, click_hz, seed,
                     seconds=0.25):
    """The signal, periodic over its length (exact mode's view of it: no
    seam), and the clicks' sample positions. The fundamental is rounded
    to a whole number of periods."""
    rng = np.random.default_rng(seed)
    n = int(seconds * rate)
    f0 = round(f0 * seconds) / seconds
    t = np.arange(n) / rate
    x = np.zeros(n)
    for h in range(1, harmonics + 1):
        x += np.sin(2 * np.pi * f0 * h * t + rng.uniform(0, 2 * np.pi))
    x *= 0.3 / math.sqrt(harmonics)
    std = 3.0 if rate >= 48000 else 2.4   # samples: 2.5 and 1 kHz wide
    k = np.arange(-int(8 * std), int(8 * std) + 1)
    burst = np.exp(-0.5 * (k / std) ** 2) * np.cos(2 * np.pi * click_hz / rate * k)
    clicks = []
    position = 0
    while True:
        position += int(rng.uniform(*gaps_ms) * 1e-3 * rate)
        if position > n - gaps_ms[0] * 1e-3 * rate:
            break
        clicks.append(position)
    for c in clicks:
        x[(c + k) % n] += burst
    return x, np.array(clicks), f0


def analyse(context, samples, rate, tdeci, fmin, fmax, *options):
    """The energy without the noise floor: the floor (a threshold at the
    square root of the largest count) is one global step after the rule,
    the same for a single q and the consensus; on these noise-free signals
    the points piled up below the fundamental set it for every picture."""
    out_dir = context.tmpdir('consensus')
    wav = os.path.join(out_dir, 'mix.wav')
    hrtest.write_wav(wav, samples, rate)
    return hrtest.render(context, wav, out_dir, '--force', '--no-floor',
                         '--noct', NOCT, '--tdeci', tdeci, '--fmin-hz', fmin,
                         '--fmax-hz', fmax, *options)


def pictures(context, samples, rate, tdeci, fmin, fmax, ladder):
    """{name: energy} for each single q of `ladder` and the consensus."""
    found = {}
    for q in ladder:
        found['q %g' % q] = analyse(context, samples, rate, tdeci, fmin, fmax,
                                    '--q', q)
    found['consensus'] = analyse(context, samples, rate, tdeci, fmin, fmax,
                                 '--consensus', ','.join('%g' % q for q in ladder))
    return found


def share_mean(core, total):
    """Mean of core/total over the places with energy (none: 0)."""
    ok = total > 0
    return np.where(ok, core / np.where(ok, total, 1), 0.0).mean()


def tone_share(energy, f0, harmonics, fmax):
    rows = [hrtest.log_row(f0 * h, fmax, NOCT) for h in range(1, harmonics + 1)]
    shares = []
    for i, row in enumerate(rows):
        top = (rows[i + 1] + row) // 2 + 1 if i + 1 < len(rows) else row - 3
        bottom = (rows[i - 1] + row) // 2 if i > 0 else row + 3
        total = energy[max(top, 0):bottom + 1].sum(axis=0)
        shares.append(share_mean(energy[row - 1:row + 2].sum(axis=0), total))
    return float(np.mean(shares))


def click_share(energy, clicks, tdeci, click_hz, fmax):
    """Over the rows within half an octave of the clicks' centre."""
    band = slice(hrtest.log_row(click_hz * 1.4, fmax, NOCT),
                 hrtest.log_row(click_hz / 1.4, fmax, NOCT))
    cols = [(c + 1) // tdeci for c in clicks]
    shares = []
    for i in range(1, len(cols) - 1):
        first = (cols[i - 1] + cols[i]) // 2 + 1
        last = (cols[i] + cols[i + 1]) // 2
        shares.append(share_mean(energy[band, cols[i]],
                                 energy[band, first:last + 1].sum(axis=1)))
    return float(np.mean(shares))


def test_consensus_keeps_tones_and_clicks_sharp_where_no_single_q_does(context):
    for rate, f0, harmonics, gaps, click_hz, ladder, tdeci, fmin, fmax, seed \
            in STACK_AND_CLICKS:
        x, clicks, f0 = stack_and_clicks(rate, f0, harmonics, gaps, click_hz,
                                         seed)
        print('  %d Hz: stack on %g Hz x %d, clicks %g-%g ms apart at %g Hz'
              % (rate, f0, harmonics, gaps[0], gaps[1], click_hz))
        shares = {}
        for name, energy in pictures(context, x, rate, tdeci, fmin, fmax,
                                     ladder).items():
            shares[name] = (tone_share(energy, f0, harmonics, fmax),
                            click_share(energy, clicks, tdeci, click_hz, fmax))
            print('    %-10s tone share %.3f, click share %.3f'
                  % ((name,) + shares[name]))
        singles = [v for name, v in shares.items() if name != 'consensus']
        best_tone = max(v[0] for v in singles)
        best_click = max(v[1] for v in singles)
        assert not any(v[0] >= 0.9 * best_tone and v[1] >= 0.9 * best_click
                       for v in singles), 'a single q resolves both'
        tone, click = shares['consensus']
        print('    consensus / best single: tone %.2f, clicks %.2f'
              % (tone / best_tone, click / best_click))
        assert tone >= 0.9 * best_tone and click >= 0.9 * best_click


def espeak(out_dir, text):
    """espeak-ng's speech of `text` (mono 16-bit PCM) and its rate."""
    if not shutil.which('espeak-ng'):
        raise RuntimeError('espeak-ng is not installed (./setup.sh deps)')
    wav = os.path.join(out_dir, 'speech.wav')
    subprocess.run(['espeak-ng', '-w', wav, text], check=True,
                   capture_output=True)
    with wave.open(wav) as f:
        rate = f.getframerate()
        pcm = np.frombuffer(f.readframes(f.getnframes()), '<i2')
    return pcm / 32768.0, rate


def music(rate, seconds=0.4):
    """A synthesised excerpt: a plucked bass line, a held chord with
    vibrato, and a hi-hat (noise bursts) on the beat."""
    n = int(seconds * rate)
    t = np.arange(n) / rate
    x = np.zeros(n)
    rng = np.random.default_rng(4)
    for i, note in enumerate((45, 52, 48, 55)):          # MIDI numbers
        start = int(i * n / 4)
        f = 440.0 * 2 ** ((note - 69) / 12)
        u = t[:n - start]
        for h in range(1, 7):
            x[start:] += 0.3 / h * np.exp(-u * 4 * h) * np.sin(
                2 * np.pi * f * h * u)
    for note in (64, 67, 71):
        f = 440.0 * 2 ** ((note - 69) / 12)
        phase = 2 * np.pi * f * t + 0.004 * f / 5 * np.sin(2 * np.pi * 5 * t)
        x += 0.08 * (np.sin(phase) + 0.4 * np.sin(2 * phase))
    for i in range(8):
        start = int(i * n / 8)
        burst = rng.standard_normal(min(600, n - start))
        x[start:start + burst.size] += 0.2 * burst * np.exp(
            -np.arange(burst.size) / 80.0)
    return 0.9 * x / np.abs(x).max()


def ordinary_signals(context):
    """(name, samples, rate)."""
    rate = 48000
    t = np.arange(int(0.3 * rate)) / rate
    tone = 0.5 * np.sin(2 * np.pi * 1000.0 * t)
    sweep = 0.5 * np.sin(2 * np.pi * 200.0 * 0.3 / math.log(20.0)
                         * (20.0 ** (t / 0.3) - 1.0))     # 200 Hz - 4 kHz
    speech, speech_rate = espeak(context.tmpdir('consensus_speech'),
                                 'Hyper resolution')
    return (('pure tone', tone, rate), ('chirp', sweep, rate),
            ('speech', speech, speech_rate), ('music', music(rate), rate))


def sharpness(energy):
    """Mean over the columns (holding at least 1e-3 of the fullest one's
    energy) of 1 / the effective number of rows, (sum E)^2 / sum E^2:
    1 for all of a column in one cell, 1/n for n rows alike. Per column,
    so that how the energy is spread along time does not count."""
    total = energy.sum(axis=0)
    used = total > 1e-3 * total.max()
    return float(np.mean((energy[:, used] ** 2).sum(axis=0) / total[used] ** 2))


def test_consensus_loses_little_on_ordinary_signals(context):
    """Against the sharpest single q of the ladder (the best one on that
    signal): the consensus keeps at least 95 % of its energy (on the
    ladder's scale, q_1's) and of its sharpness."""
    for name, x, rate in ordinary_signals(context):
        tdeci = 16 if rate > 30000 else 8
        fmax = min(8000.0, 0.45 * rate)
        found = pictures(context, x, rate, tdeci, 80.0, fmax, LADDER)
        single = {q: found['q %g' % q] * q / LADDER[0] for q in LADDER}
        best = max(single, key=lambda q: sharpness(single[q]))
        consensus = found['consensus']
        energy = consensus.sum() / single[best].sum()
        sharp = sharpness(consensus) / sharpness(single[best])
        print('  %-9s (%d Hz): sharpness %s; consensus %.3f; against q %g: '
              'energy %.3f, sharpness %.3f'
              % (name, rate, ', '.join('q %g %.3f' % (q, sharpness(e))
                                       for q, e in single.items()),
                 sharpness(consensus), best, energy, sharp))
        assert energy >= 0.95 and sharp >= 0.95, name


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
    the exact consensus, both with their noise floor, away from the ends
    (the exact mode treats the signal as periodic; the longest filter, q 8
    at 80 Hz, has a time std of 100 ms, and the plugin's floor warms up
    over 4 of them)."""
    x = np.tile(stack_and_clicks(*STACK_AND_CLICKS[0][:5],
                                 STACK_AND_CLICKS[0][-1])[0], 8)   # 2 s
    options = ('--consensus', '2,4,8', '--tdeci', 48)
    out_dir = context.tmpdir('consensus_plugin')
    wav = os.path.join(out_dir, 'mix.wav')
    hrtest.write_wav(wav, x, RATE)
    common = ('--force', '--noct', NOCT, '--fmin-hz', 80.0, '--fmax-hz',
              16000.0) + options
    exact = hrtest.render(context, wav, out_dir, *common)
    plugin = hrtest.render(context, wav, out_dir, '--mode', 'plugin',
                           '--block', 'random', *common)
    inner = slice(450, exact.shape[1] - 150)
    e, p = exact[:, inner], plugin[:, inner]
    ratio = p.sum() / e.sum()
    tiny = 1e-6 * e.max()
    logcorr = np.corrcoef(np.log10(e + tiny).ravel(),
                          np.log10(p + tiny).ravel())[0, 1]
    print('  plugin / exact consensus: energy %.4f, log-correlation %.4f'
          % (ratio, logcorr))
    assert 0.99 <= ratio <= 1.01 and logcorr >= 0.995
