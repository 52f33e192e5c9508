# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Complex reassignment (doc/COMPLEX.md): NAME_complex.npy's layout, and
how well its sum over frequency rebuilds a tone, two tones and a chirp,
measured here from the .npy with our own numpy arithmetic and compared
with what the batch tool writes (NAME_recon.wav) and reports."""

import math
import os
import re
import struct

import numpy as np

import hrtest

RATE = 48000
N = 8192
Q, NOCT, OVER, LINT = 2.0, 48, 4, 0.5
FMIN_HZ, FMAX_HZ = 100.0, 12000.0
ANALYSIS = ['--fmin-hz', FMIN_HZ, '--fmax-hz', FMAX_HZ, '--noct', NOCT,
            '--over', OVER, '--q', Q, '--lint', LINT]
# Samples left out at each end: three time stds of the longest filter.
EDGE = int(math.ceil(3.0 * (Q / (FMIN_HZ / RATE))))
INTERIOR = slice(EDGE, N - 1 - EDGE)

# Largest relative errors accepted over the interior. Measured (these
# settings, 48 kHz): tones 0.008, tones 700 + 2500 Hz 0.008, chirp 0.060.
# A tone's rebuilt amplitude is expected_amplitude(), between 0.992 and
# 1.033 for this bank depending on where the tone falls between filter
# centres (against that, 4e-8); the chirp's error is mostly a phase lead
# (doc/COMPLEX.md).
TONE_LIMIT = 0.04
CHIRP_LIMIT = 0.08


def times():
    return np.arange(N) / RATE


def tone(freq, phase=0.3, amplitude=0.5):
    return amplitude * np.sin(2 * np.pi * freq * times() + phase)


def chirp(f_start=500.0, f_end=4000.0):
    """Linear chirp over the N samples, amplitude 0.5."""
    t = times()
    rate = (f_end - f_start) / (N / RATE)
    return 0.5 * np.sin(2 * np.pi * (f_start * t + 0.5 * rate * t * t))


def bank():
    """Centres and widths of the filters (doc/ALGORITHM.md, log scale)."""
    fmin, fmax = FMIN_HZ / RATE, FMAX_HZ / RATE
    rows = int(math.ceil(NOCT * math.log2(fmax / fmin) + 1))
    f0 = fmin * 2.0 ** (np.arange(rows * OVER) / (OVER * NOCT))
    return f0, f0 / (2 * np.pi * Q)


def bank_gain():
    """g * erf(lint/sqrt 2): the bank's summed gain at the geometric mean of
    fmin and fmax times the kept share of a Gaussian (our own arithmetic)."""
    f0, sigma = bank()
    nu = math.sqrt(FMIN_HZ * FMAX_HZ) / RATE
    g = np.exp(-0.5 * ((nu - f0) / sigma) ** 2).sum()
    return g * math.erf(LINT / math.sqrt(2))


def expected_amplitude(freq):
    """What a unit tone at `freq` should rebuild to: the summed gain of the
    filters that keep it (|mu| = |freq - f0|/sigma < lint), over
    bank_gain(). It ripples with the tone's place between filter centres."""
    f0, sigma = bank()
    offset = np.abs(freq / RATE - f0) / sigma
    return np.exp(-0.5 * offset[offset < LINT] ** 2).sum() / bank_gain()


def read_float_wav(path):
    """(rate, samples) of a mono float32 WAV, walking its chunks."""
    with open(path, 'rb') as f:
        data = f.read()
    assert data[:4] == b'RIFF' and data[8:12] == b'WAVE', path
    pos, rate, samples = 12, None, None
    while pos + 8 <= len(data):
        kind = data[pos:pos + 4]
        size = struct.unpack('<I', data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if kind == b'fmt ':
            tag, channels, rate, _, _, bits = struct.unpack('<HHIIHH',
                                                             body[:16])
            assert (tag, channels, bits) == (3, 1, 32), (tag, channels, bits)
        elif kind == b'data':
            samples = np.frombuffer(body, '<f4').astype(np.float64)
        pos += 8 + size + (size & 1)
    return rate, samples


def render(context, name, samples, *options):
    """Render with --complex --reconstruct at tdeci 1; returns the outputs."""
    d = context.tmpdir('complex_' + name)
    wav = os.path.join(d, name + '.wav')
    hrtest.write_wav(wav, samples, RATE)
    proc = hrtest.run(context, 'render', wav, '-o', d, '--no-png', '--force',
                      '--tdeci', 1, '--complex', '--reconstruct', '--count',
                      *(ANALYSIS + list(options)), expect=0)
    out = {'stdout': proc.stdout,
           'input': np.asarray(samples, np.float32).astype(np.float64)}
    for kind in ('complex', 'spec', 'count'):
        out[kind] = np.load(os.path.join(d, '%s_%s.npy' % (name, kind)))
    out['rate'], out['recon'] = read_float_wav(
        os.path.join(d, name + '_recon.wav'))
    return out


def rebuild(complex_hist, tdeci=1):
    """Our own reconstruction: 2 Re(sum over rows) / (gain * tdeci)."""
    return 2 * complex_hist.astype(np.complex128).sum(axis=0).real \
        / (bank_gain() * tdeci)


def aligned(columns):
    """Column c of a tdeci-1 histogram is 1-based time c: sample c - 1."""
    y = np.zeros(N)
    y[:N - 1] = columns[1:N]
    return y


def relative_error(x, y):
    x, y = x[INTERIOR], y[INTERIOR]
    return float(np.linalg.norm(y - x) / np.linalg.norm(x))


def reported_error(stdout):
    match = re.search(r'reconstruction relative error ([0-9.e+-]+) '
                      r'\(samples (\d+)-(\d+)\)', stdout)
    assert match, stdout
    return float(match.group(1)), int(match.group(2)), int(match.group(3))


def check_reconstruction(out, label, limit):
    """Layout checks, our own error, and agreement with the tool's."""
    h, spec = out['complex'], out['spec']
    assert h.dtype == np.complex64, h.dtype
    assert h.shape == spec.shape == (int(math.ceil(
        NOCT * math.log2(FMAX_HZ / FMIN_HZ) + 1)), N), h.shape
    # The counts' points and rows; columns up to half a sample (points in
    # the last half sample have no complex column).
    points, count = h != 0, out['count'] > 0
    assert not (points[:, 1:] & ~count[:, 1:] & ~count[:, :-1]).any()
    assert not (count[:, :-1] & ~points[:, :-1] & ~points[:, 1:]).any()
    ours = aligned(rebuild(h))
    error = relative_error(out['input'], ours)
    tool, first, last = reported_error(out['stdout'])
    print('%s: reconstruction relative error %.4f (interior samples '
          '%d-%d); the tool reports %.4g' % (label, error, first, last, tool))
    assert (first, last) == (INTERIOR.start, INTERIOR.stop - 1)
    assert out['rate'] == RATE and out['recon'].shape == (N,)
    assert np.abs(out['recon'] - ours).max() < 1e-4 * np.abs(ours).max()
    assert abs(tool - error) < 1e-4, (tool, error)
    assert error < limit, '%s: error %.4f >= %.4f' % (label, error, limit)
    return ours, error


def test_tones_are_rebuilt_on_their_row(context):
    """1 kHz (48 samples a period) and 1234.5 Hz, whose points land on
    the energy histogram's column edges with round-off either side."""
    for freq in (1000.0, 1234.5):
        label = 'tone %g Hz' % freq
        out = render(context, 'tone', tone(freq))
        ours, error = check_reconstruction(out, label, TONE_LIMIT)
        amplitude = np.std(ours[INTERIOR]) * math.sqrt(2) / 0.5
        print('%s: rebuilt amplitude %.4f of the input, expected %.4f'
              % (label, amplitude, expected_amplitude(freq)))
        assert abs(amplitude - expected_amplitude(freq)) < 0.002
        residual = relative_error(expected_amplitude(freq) * tone(freq), ours)
        print('%s: error against the expected amplitude %.1e'
              % (label, residual))
        assert residual < 1e-5
        # The magnitude picture puts the tone on its row (row 0 = fmax).
        profile = np.abs(out['complex'][:, INTERIOR]).sum(axis=1)
        row = hrtest.log_row(freq, FMAX_HZ, NOCT)
        assert int(profile.argmax()) == row, (profile.argmax(), row)
        assert profile[row - 2:row + 3].sum() > 0.99 * profile.sum()
        # Negative control: the measure tells a 1 % wrong frequency apart.
        wrong = relative_error(tone(freq * 1.01), ours)
        print('%s rebuilt, compared with a tone 1 %% higher: error %.3f'
              % (label, wrong))
        assert wrong > 0.5


def test_two_tones_are_rebuilt(context):
    low, high = tone(700.0, 0.0, 0.25), tone(2500.0, 1.0, 0.25)
    ours, _ = check_reconstruction(render(context, 'two_tones', low + high),
                                   'tones 700 + 2500 Hz', TONE_LIMIT)
    # Each tone comes back with its own expected amplitude.
    predicted = expected_amplitude(700.0) * low + \
        expected_amplitude(2500.0) * high
    residual = relative_error(predicted, ours)
    print('tones 700 + 2500 Hz: expected amplitudes %.4f, %.4f; error '
          'against them %.1e' % (expected_amplitude(700.0),
                                 expected_amplitude(2500.0), residual))
    assert residual < 1e-5


def test_chirp_is_rebuilt(context):
    x = chirp()
    ours, error = check_reconstruction(render(context, 'chirp', x),
                                       'chirp 500-4000 Hz', CHIRP_LIMIT)
    # Negative control: the same chirp a quarter period later.
    shifted = relative_error(np.roll(x, 3), ours)
    print('chirp rebuilt, compared with the chirp 3 samples later: %.3f'
          % shifted)
    assert shifted > 4 * error


def test_linear_scale_tone_has_its_expected_amplitude(context):
    """Linear scale: ndiv*over + 1 filters of one width, the gain taken at
    (fmin + fmax)/2; a 1 kHz tone comes back with the predicted amplitude."""
    sigma_hz, ndiv, over = 100.0, 400, 4
    d = context.tmpdir('complex_lin')
    wav = os.path.join(d, 'lin.wav')
    hrtest.write_wav(wav, tone(1000.0), RATE)
    hrtest.run(context, 'render', wav, '-o', d, '--no-png', '-q', '--tdeci',
               1, '--complex', '--scale', 'lin', '--sigma-hz', sigma_hz,
               '--ndiv', ndiv, '--over', over, '--fmin-hz', FMIN_HZ,
               '--fmax-hz', FMAX_HZ, expect=0)
    h = np.load(os.path.join(d, 'lin_complex.npy'))
    assert h.shape == (ndiv, N), h.shape
    f0 = np.linspace(FMIN_HZ, FMAX_HZ, ndiv * over + 1)
    mid = 0.5 * (FMIN_HZ + FMAX_HZ)
    gain = np.exp(-0.5 * ((mid - f0) / sigma_hz) ** 2).sum() \
        * math.erf(LINT / math.sqrt(2))
    offset = np.abs(1000.0 - f0) / sigma_hz
    expected = np.exp(-0.5 * offset[offset < LINT] ** 2).sum() / gain
    ours = aligned(2 * h.astype(np.complex128).sum(axis=0).real / gain)
    # Five time stds: at three, the wrap-around of the periodic analysis
    # still adds 4e-3 here (every filter is as long as the longest).
    edge = int(math.ceil(5.0 * RATE / (2 * np.pi * sigma_hz)))
    inner = slice(edge, N - 1 - edge)
    x = np.asarray(tone(1000.0), np.float32).astype(np.float64)
    error = np.linalg.norm((ours - x)[inner]) / np.linalg.norm(x[inner])
    residual = np.linalg.norm((ours - expected * x)[inner]) \
        / np.linalg.norm(x[inner])
    print('linear scale, tone 1 kHz: error %.4f, expected amplitude %.4f, '
          'error against it %.1e' % (error, expected, residual))
    assert residual < 1e-5 and error < 0.05


def analytic_tone(freq, t_one_based, phase=0.3, amplitude=0.5):
    """The analytic signal of tone() at 1-based times (sample t - 1)."""
    angle = 2 * np.pi * freq * (t_one_based - 1) / RATE + phase
    return -1j * amplitude * np.exp(1j * angle)


def test_columns_refer_to_their_centre_time(context):
    """With tdeci 8 each column's sum over rows is the analytic signal at
    the column's reference time c*8 + 3.5 (1-based); half a column off it
    is far from it, so the test would notice a wrong reference."""
    d = context.tmpdir('complex_tdeci')
    wav = os.path.join(d, 'tone8.wav')
    hrtest.write_wav(wav, tone(1000.0), RATE)
    hrtest.run(context, 'render', wav, '-o', d, '--no-png', '-q', '--tdeci',
               8, '--complex', '--float64', *ANALYSIS, expect=0)
    h = np.load(os.path.join(d, 'tone8_complex.npy'))
    assert h.dtype == np.complex128 and h.shape[1] == N // 8, h.shape
    sums = 2 * h.sum(axis=0) / (bank_gain() * 8)
    cols = np.arange(EDGE // 8 + 1, (N - EDGE) // 8 - 1)
    t_ref = cols * 8 + 3.5
    error = np.linalg.norm(sums[cols] - analytic_tone(1000.0, t_ref)) \
        / np.linalg.norm(analytic_tone(1000.0, t_ref))
    off = np.linalg.norm(sums[cols] - analytic_tone(1000.0, t_ref + 4)) \
        / np.linalg.norm(analytic_tone(1000.0, t_ref))
    print('tdeci 8: error against the analytic signal at the reference '
          'times %.4f, half a column later %.3f' % (error, off))
    assert error < TONE_LIMIT and off > 0.3


def test_result_does_not_depend_on_threads(context):
    d = context.tmpdir('complex_threads')
    wav = os.path.join(d, 'c.wav')
    hrtest.write_wav(wav, chirp(), RATE)
    results = []
    for threads in (1, 2):
        hrtest.run(context, 'render', wav, '-o', d, '--no-png', '-q',
                   '--force', '--float64', '--complex', '--tdeci', 4,
                   '--threads', threads, *ANALYSIS, expect=0)
        results.append(np.load(os.path.join(d, 'c_complex.npy')))
    assert results[0].dtype == np.complex128
    assert np.array_equal(results[0], results[1]), 'threads change the sums'


def fails_cleanly(context, d, words, *args):
    proc = hrtest.run(context, *args)
    assert proc.returncode == 2, (args, proc.returncode, proc.stderr)
    for word in words:
        assert word in proc.stderr, (word, proc.stderr)
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    leftovers = [f for f in os.listdir(d) if not f.endswith('x.wav')]
    assert not leftovers, leftovers


def test_refusals_are_clear_and_leave_nothing(context):
    d = context.tmpdir('complex_refusals')
    wav = os.path.join(d, 'x.wav')
    hrtest.write_wav(wav, tone(1000.0)[:4800], RATE)
    fails_cleanly(context, d, ['--reconstruct', '--tdeci 1', '96'],
                  'render', wav, '-o', d, '--reconstruct')
    fails_cleanly(context, d, ['--reconstruct', '--tdeci 1'],
                  'demo', '-o', d, '--reconstruct', '--tdeci', 2)
    fails_cleanly(context, d, ['--complex', '--mode exact'],
                  'render', wav, '-o', d, '--complex', '--mode', 'plugin')
    fails_cleanly(context, d, ['--mode exact'], 'render', wav, '-o', d,
                  '--reconstruct', '--tdeci', 1, '--mode', 'plugin')
    fails_cleanly(context, d, ['--complex', '--consensus'], 'render', wav,
                  '-o', d, '--complex', '--consensus', '1,2')
    # The complex histogram counts against the memory limit.
    needs = []
    for extra in ([], ['--complex']):
        proc = hrtest.run(context, 'render', wav, '-o', d, '--tdeci', 1,
                          '--max-memory', 0.01, *extra, expect=1)
        needs.append(float(re.search(r'needs ([0-9.]+) GB',
                                     proc.stderr).group(1)))
    assert needs[1] > needs[0], needs
    # An existing reconstruction is kept without --force.
    target = os.path.join(d, 'x_recon.wav')
    with open(target, 'wb') as f:
        f.write(b'precious')
    proc = hrtest.run(context, 'render', wav, '-o', d, '--no-png', '--tdeci',
                      1, '--reconstruct', *ANALYSIS, expect=1)
    assert 'x_recon.wav exists' in proc.stderr, proc.stderr
    with open(target, 'rb') as f:
        assert f.read() == b'precious'
    assert sorted(os.listdir(d)) == ['x.wav', 'x_recon.wav']


def test_demo_writes_the_complex_outputs(context):
    d = context.tmpdir('complex_demo')
    proc = hrtest.run(context, 'demo', '-o', d, '--no-png', '--tdeci', 1,
                      '--duration', 0.2, '--fmin-hz', 400, '--noct', 12,
                      '--complex', '--reconstruct', expect=0)
    assert 'reconstruction relative error' in proc.stdout, proc.stdout
    h = np.load(os.path.join(d, 'demo_complex.npy'))
    spec = np.load(os.path.join(d, 'demo_spec.npy'))
    assert h.dtype == np.complex64 and h.shape == spec.shape == (
        h.shape[0], 9600)
    rate, recon = read_float_wav(os.path.join(d, 'demo_recon.wav'))
    assert rate == 48000 and recon.shape == (9600,) and np.isfinite(
        recon).all()
