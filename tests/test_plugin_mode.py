# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The LV2 plugin, hosted by `hyperres render --mode plugin` through lilv,
agrees with the exact computation (the metrics of the streaming issue):
support Jaccard >= 0.97, log correlation >= 0.995, energy ratio in
[0.99, 1.005], ridge row error <= 0.1 for single-ridge tonal signals.
HR_TEST_FULL=1 runs every signal at every preset."""

import os

import numpy as np

import hrtest
import signals

RATE = 48000
SECONDS = 3.0

# Presets (presets/*.ttl) as (q, noct, over, time step in samples, fmin, fmax).
PRESETS = {
    'seed_reference': (2.0, 108, 2, 96, 50.0, 20000.0),
    'light': (2.0, 48, 1, 240, 50.0, 20000.0),
    'voice': (2.0, 108, 2, 96, 80.0, 8000.0),
    'transients': (0.7, 108, 2, 96, 50.0, 20000.0),
    'tonal': (4.0, 108, 2, 96, 50.0, 20000.0),
}

# The default run: every signal at the reference defaults, every preset
# on a tonal and a transient signal.
QUICK = [(name, 'seed_reference') for name in signals.SIGNALS] + [
    (signal, preset) for preset in PRESETS if preset != 'seed_reference'
    for signal in ('vibrato', 'tone_clicks')]


def options(preset):
    q, noct, over, tdeci, fmin, fmax = PRESETS[preset]
    return ['--q', q, '--noct', noct, '--over', over, '--tdeci', tdeci,
            '--fmin-hz', fmin, '--fmax-hz', fmax]


def compare_case(context, signal, preset, block='random'):
    d = context.tmpdir('agree_%s_%s' % (signal, preset))
    wav = os.path.join(d, signal + '.wav')
    if not os.path.exists(wav):
        hrtest.write_wav(wav, signals.make(signal, SECONDS, RATE), RATE)
    exact_dir = os.path.join(d, 'exact')
    plugin_dir = os.path.join(d, 'plugin_%s' % block)
    if not os.path.exists(os.path.join(exact_dir, signal + '_count.npy')):
        hrtest.run(context, 'render', wav, '-o', exact_dir, '--no-png', '-q',
                   '--count', '--force', *options(preset), expect=0)
    hrtest.run(context, 'render', wav, '-o', plugin_dir, '--no-png', '-q',
               '--force', '--mode', 'plugin', '--block', block,
               *options(preset), expect=0)
    load = lambda folder, kind: np.load(os.path.join(folder, '%s_%s.npy'
                                                     % (signal, kind)))
    q, noct, _, tdeci, fmin, fmax = PRESETS[preset]
    metrics = hrtest.agreement(load(plugin_dir, 'spec'), load(exact_dir, 'spec'),
                               load(exact_dir, 'count'), q, tdeci, noct,
                               fmin / RATE, fmax / RATE)
    single_ridge = signals.SIGNALS[signal][1]
    ok = hrtest.agreement_ok(metrics, 0.1 if single_ridge else None)
    print('  %-11s %-15s block %-6s jaccard %.4f logcorr %.5f energy %.4f '
          'ridge %.3f %s' % (signal, preset, block, metrics['jaccard'],
                             metrics['logcorr'], metrics['energy_ratio'],
                             metrics['ridge_err'], 'ok' if ok else 'FAIL'))
    return ok


def test_plugin_agrees_with_exact_mode(context):
    cases = QUICK
    if os.environ.get('HR_TEST_FULL'):
        cases = [(s, p) for p in PRESETS for s in signals.SIGNALS]
    failed = [case for case in cases if not compare_case(context, *case)]
    assert not failed, 'disagreeing cases: %s' % failed


def render_bits(context, wav, out_dir, *extra):
    """Render `wav` in a process of its own; the picture and the counts
    as raw bytes (bit-for-bit comparison)."""
    hrtest.run(context, 'render', wav, '-o', out_dir, '--no-png', '-q',
               '--force', '--count', *extra, expect=0)
    name = os.path.splitext(os.path.basename(wav))[0]
    return tuple(np.load(os.path.join(out_dir, '%s_%s.npy' % (name, kind)))
                 for kind in ('spec', 'count'))


def assert_same_bits(pictures, what):
    """Every rendering's spec and count equal the first's, bit for bit."""
    (first_name, first), rest = pictures[0], pictures[1:]
    for name, other in rest:
        for kind, a, b in zip(('spec', 'count'), first, other):
            assert a.dtype == b.dtype and a.shape == b.shape, (name, kind)
            differ = int(np.count_nonzero(a.view(np.uint8) != b.view(np.uint8)))
            print('  %s %-14s vs %-14s %s: %d bytes differ'
                  % (what, name, first_name, kind, differ))
            assert differ == 0, '%s: %s %s differs from %s' % (
                what, name, kind, first_name)


def test_columns_are_bit_identical_whatever_the_blocks(context):
    """The plugin's columns do not depend on how the host cuts the audio,
    nor on the run: blocks of 1, 63, 512, 8192 and random frames, each in
    a process of its own (512 twice), give the same bits; so does the
    consensus (Bandwidths 2)."""
    d = context.tmpdir('bit_identical_blocks')
    wav = os.path.join(d, 'speech.wav')
    hrtest.write_wav(wav, signals.make('speech', SECONDS, RATE), RATE)
    runs = [('512', '512'), ('1', '1'), ('63', '63'), ('8192', '8192'),
            ('random', 'random'), ('512 again', '512')]
    pictures = [(name, render_bits(context, wav, os.path.join(d, 'b%d' % i),
                                   '--mode', 'plugin', '--block', block))
                for i, (name, block) in enumerate(runs)]
    assert_same_bits(pictures, 'plugin')
    consensus = [(block, render_bits(context, wav, os.path.join(d, 'c' + block),
                                     '--mode', 'plugin', '--block', block,
                                     '--consensus', '1,2'))
                 for block in ('512', '63', 'random')]
    assert_same_bits(consensus, 'consensus')


def test_exact_mode_is_bit_identical_in_every_run(context):
    """Exact mode gives the same bits with 1 and 2 threads, in separate
    processes, run after run."""
    d = context.tmpdir('bit_identical_exact')
    wav = os.path.join(d, 'speech.wav')
    hrtest.write_wav(wav, signals.make('speech', 0.5, RATE), RATE)
    pictures = [('%s threads' % threads,
                 render_bits(context, wav, os.path.join(d, 't%d' % i),
                             '--threads', threads))
                for i, threads in enumerate(('1', '2', '1', '2'))]
    assert_same_bits(pictures, 'exact')


def test_plugin_mode_rejects_what_the_plugin_cannot_do(context):
    d = context.tmpdir('plugin_refusals')
    wav = os.path.join(d, 'x.wav')
    hrtest.write_wav(wav, signals.make('tone', 0.5, RATE), RATE)
    for extra, word in ((['--scale', 'lin'], 'log scale'),
                        (['--q', '20'], 'range'),
                        (['--noct', '100.5'], 'whole number'),
                        (['--bundle', d], 'not found'),
                        (['--preset', 'Loud'], "no preset 'Loud'")):
        proc = hrtest.run(context, 'render', wav, '-o', d, '--mode', 'plugin',
                          *extra)
        assert proc.returncode != 0 and word in proc.stderr, (extra,
                                                              proc.stderr)


def test_preset_sets_the_analysis(context):
    d = context.tmpdir('plugin_preset')
    wav = os.path.join(d, 'x.wav')
    hrtest.write_wav(wav, signals.make('tone', 1.0, RATE), RATE)
    hrtest.run(context, 'render', wav, '-o', d, '--mode', 'plugin',
               '--preset', 'Light', '--no-png', expect=0)
    light = np.load(os.path.join(d, 'x_spec.npy'))
    # 48 rows per octave from 50 Hz to 20 kHz, 5 ms (240 samples) columns.
    assert light.shape == (int(np.ceil(48 * np.log2(20000 / 50) + 1)),
                           int(np.ceil(RATE / 240))), light.shape
    row = hrtest.log_row(1000, 20000, 48)
    assert abs(int(np.argmax(light.sum(axis=1))) - row) <= 1
