# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The Python package on libhyperres: its numbers against the batch
tool's, the seed drop-in against the seed's definition, channels,
threads, bad arguments, NaN/Inf."""

import os
import subprocess
import threading
import time
import warnings

import numpy as np

import hrpython
import hrtest
import seed_reference


def release_render(context, wav, out_dir, *options):
    """Render with the release build's batch tool (what users run)."""
    tool = os.path.join(context.release_dir, 'hyperres')
    proc = subprocess.run([tool, 'render', wav, '-o', out_dir, '--no-png',
                           '-q', '--force', '--float64'] +
                          [str(o) for o in options],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return os.path.join(out_dir, os.path.splitext(os.path.basename(wav))[0])


def python_params(meta):
    """spectrogram() keywords for the parameters of a reference JSON."""
    params = {'tdeci': meta['tdeci'], 'over': meta['over'],
              'fmin': meta['fmin'], 'fmax': meta['fmax'],
              'lint': meta['lint']}
    if meta['mode'] == 'lin':
        params.update(scale='lin', sigma=meta['sigma'], ndiv=meta['ndiv'])
    else:
        params.update(q=meta['q'], noct=meta['noct'])
    return params


def test_python_equals_the_cli_bit_for_bit_on_every_reference_case(context):
    hyperres = hrpython.import_hyperres(context)
    out_dir = context.tmpdir('python_reference')
    cases = list(hrtest.reference_cases(context))
    assert len(cases) >= 10, 'reference data missing'
    differ = []
    for name, meta in cases:
        wav = os.path.join(context.reference_dir, name + '.wav')
        stem = release_render(context, wav, out_dir, '--count',
                              *hrtest.params_options(meta))
        x, rate = hyperres.read_wav(wav)
        result = hyperres.spectrogram(x, rate, count=True,
                                      **python_params(meta))
        energy = np.load(stem + '_spec.npy')
        count = np.load(stem + '_count.npy')
        same = np.array_equal(result.energy, energy) and \
            np.array_equal(result.count, count) and \
            result.energy.dtype == np.float64
        print('  %-16s %s %s' % (name, result.energy.shape,
                                 'identical' if same else 'DIFFERENT'))
        if not same:
            differ.append(name)
        golden = np.load(os.path.join(context.reference_dir, name + '.npy'))
        ok, text = hrtest.compare_spec(result.energy, golden)
        assert ok, '%s against the reference program: %s' % (name, text)
    assert not differ, 'Python and the batch tool differ on %s' % differ


def test_python_consensus_and_complex_equal_the_cli(context):
    hyperres = hrpython.import_hyperres(context)
    out_dir = context.tmpdir('python_modes')
    wav = os.path.join(context.reference_dir, 'tone_click.wav')
    x, rate = hyperres.read_wav(wav)
    stem = release_render(context, wav, out_dir, '--consensus', '1,2,4')
    result = hyperres.spectrogram(x, rate, consensus=(1, 2, 4))
    assert np.array_equal(result.energy, np.load(stem + '_spec.npy')), \
        'consensus differs from the batch tool'
    assert result.params['consensus'] == [1.0, 2.0, 4.0]
    stem = release_render(context, wav, out_dir, '--complex', '--tdeci', 1,
                          '--fmin-hz', 200)
    result = hyperres.spectrogram(x, rate, complex=True, tdeci=1,
                                  fmin_hz=200)
    cli = np.load(stem + '_complex.npy')
    assert cli.dtype == np.complex128 and result.complex.dtype == cli.dtype
    assert np.array_equal(result.complex, cli), \
        'complex histogram differs from the batch tool'
    assert np.array_equal(result.energy, np.load(stem + '_spec.npy'))


def test_axes_and_params_describe_the_grid(context):
    hyperres = hrpython.import_hyperres(context)
    rate = 48000.0
    x = np.sin(2 * np.pi * 1000.0 * np.arange(9600) / rate)
    result = hyperres.spectrogram(x, rate, fmin_hz=100, fmax_hz=8000,
                                  noct=24, tdeci=48)
    rows, cols = result.energy.shape
    assert result.freq_hz.shape == (rows,) and result.time_s.shape == (cols,)
    assert result.freq_hz[0] == 8000.0
    assert np.allclose(result.freq_hz[:-1] / result.freq_hz[1:],
                       2 ** (1 / 24))
    assert np.allclose(np.diff(result.time_s), 48 / rate)
    assert cols == 200 and result.time_s[0] == -1 / rate
    peak = result.freq_hz[result.energy.sum(axis=1).argmax()]
    assert abs(peak / 1000.0 - 1) < 0.015, peak
    for key, value in (('sample_rate', rate), ('q', 2.0), ('noct', 24.0),
                       ('tdeci', 48), ('fmin_hz', 100.0),
                       ('fmax_hz', 8000.0), ('scale', 'log')):
        assert result.params[key] == value, (key, result.params[key])
    assert result.count is None and result.complex is None


def test_seed_drop_in_equals_the_seed_definition(context):
    hyperres = hrpython.import_hyperres(context)
    rng = np.random.default_rng(7)
    n = 3000
    t = np.arange(n)
    x = (0.5 * np.sin(2 * np.pi * 0.05 * t + 3 * np.sin(2 * np.pi * t / 900))
         + 0.3 * np.sin(2 * np.pi * 0.21 * t)
         + 1e-3 * rng.standard_normal(n)).astype(np.float32)
    args = (2, 32, 2, 24, 0.01, 0.5)  # q, tdeci, over, noct, minf, maxf
    ours = hyperres.high_resolution_spectrogram(x, *args)
    seed = seed_reference.seed_spectrogram(x, *args)
    rows = int(np.ceil(-24 * np.log2(0.01 / 0.5) + 1))
    assert ours.shape == seed.shape == (int(np.ceil(n / 32)), rows), \
        (ours.shape, seed.shape)
    assert ours.dtype == np.float64
    ok, text = hrtest.compare_spec(ours, seed, rtol=1e-9, max_l1=1e-10)
    print('  seed definition (lint 0.2): %s' % text)
    assert ok, text
    # Time x frequency: the 0.21 cycles/sample tone is a column.
    tone_bin = int(round(24 * np.log2(0.5 / 0.21)))
    assert abs(int(ours.sum(axis=0).argmax()) - tone_bin) <= 1
    # lint 0.2 is the default, and differs from lint 0.5.
    other = hyperres.high_resolution_spectrogram(x, *args, lint=0.5)
    assert not np.array_equal(other, ours)
    # The seed's scripts go on working: .cpu().numpy().T
    picture = ours.cpu().numpy().T
    assert type(picture) is np.ndarray and picture.shape == seed.T.shape
    ignored = hyperres.high_resolution_spectrogram(
        list(x.astype(np.float64)), *args, device='cuda', dtype='float32')
    assert np.array_equal(ignored, ours), 'a list input or device= changed it'


def test_two_d_input_equals_per_channel_calls(context):
    hyperres = hrpython.import_hyperres(context)
    rate = 16000.0
    t = np.arange(4000) / rate
    left = np.sin(2 * np.pi * 440 * t)
    right = np.sign(np.sin(2 * np.pi * 6 * t)) * 0.3
    stereo = np.stack([left, right]).astype(np.float32)
    options = dict(fmin_hz=100, noct=36, count=True)
    both = hyperres.spectrogram(stereo, rate, **options)
    frames = hyperres.spectrogram(stereo.T, rate, axis=0, **options)
    assert both.energy.shape[0] == 2 and both.channels == 2
    for c, channel in enumerate(stereo):
        one = hyperres.spectrogram(channel, rate, **options)
        assert np.array_equal(both.energy[c], one.energy)
        assert np.array_equal(both.count[c], one.count)
        assert np.array_equal(frames.energy[c], one.energy)
        assert np.array_equal(both.channel(c).energy, one.energy)
    assert not np.array_equal(both.energy[0], both.energy[1])


def test_two_threads_run_at_once_and_agree(context):
    """Two threads call spectrogram() (one worker thread each) while this
    thread samples both threads' CPU clocks every millisecond. A call that
    held the GIL would stop this thread and the other call for its whole
    length: samples in which both calls computed could then only straddle
    the calls' ends (a couple at most). Overlap, not speed, is asserted."""
    hyperres = hrpython.import_hyperres(context)
    x, rate = hyperres.read_wav(os.path.join(context.reference_dir,
                                             'chirp.wav'))
    x = np.concatenate([x, x[::-1], x])
    results = {}
    idents = {}
    start = threading.Barrier(3)

    def work(name):
        idents[name] = threading.get_ident()
        start.wait()
        results[name] = hyperres.spectrogram(x, rate, threads=1)

    threads = [threading.Thread(target=work, args=(n,)) for n in 'ab']
    for thread in threads:
        thread.start()
    start.wait()
    clocks = {n: time.pthread_getcpuclockid(idents[n]) for n in 'ab'}
    last = {n: time.clock_gettime(c) for n, c in clocks.items()}
    samples = both = 0
    while all(thread.is_alive() for thread in threads):
        time.sleep(0.001)
        try:
            now = {n: time.clock_gettime(c) for n, c in clocks.items()}
        except OSError:  # a thread ended between the check and the read
            break
        samples += 1
        both += all(now[n] > last[n] for n in 'ab')
        last = now
    for thread in threads:
        thread.join()
    print('  %d samples while both calls ran; both computing in %d (%.0f %%)'
          % (samples, both, 100.0 * both / max(samples, 1)))
    assert both >= 10, 'the two calls did not compute at once: GIL held?'
    alone = hyperres.spectrogram(x, rate, threads=2)
    assert np.array_equal(results['a'].energy, alone.energy)
    assert np.array_equal(results['b'].energy, alone.energy)


def test_progress_is_reported(context):
    hyperres = hrpython.import_hyperres(context)
    reports = []
    stereo = np.random.default_rng(3).standard_normal((2, 2000))
    hyperres.spectrogram(stereo, 8000.0, noct=12, progress=reports.append)
    assert reports and reports == sorted(reports), reports[:5]
    assert 0.0 < reports[0] and abs(reports[-1] - 1.0) < 1e-12
    assert any(abs(r - 0.5) < 1e-12 for r in reports), 'no channel step'


BAD_ARGUMENTS = [
    (dict(q=0), 'q must be a finite number above 0 (got 0)'),
    (dict(q=float('nan')), 'q must be a finite number above 0'),
    (dict(q='2'), 'q must be a number'),
    (dict(tdeci=0), 'tdeci must be a whole number of samples'),
    (dict(tdeci=1.5), 'tdeci must be a whole number of samples'),
    (dict(over=0), 'over must be a whole number'),
    (dict(noct=0.5), 'noct (rows per octave) must be'),
    (dict(lint=0), 'lint must be a finite number above 0'),
    (dict(fmin_hz=-1), 'fmin must lie above 0'),
    (dict(fmax_hz=30000), 'fmax 30000 Hz lies above the Nyquist frequency '
                          '24000 Hz'),
    (dict(fmin_hz=5000, fmax_hz=1000), 'fmin (5000 Hz) must be below fmax '
                                       '(1000 Hz)'),
    (dict(fmin_hz=100, fmin=0.01), 'give fmin_hz or fmin, not both'),
    (dict(scale='mel'), "scale must be 'log' or 'lin'"),
    (dict(scale='lin', ndiv=1), 'ndiv (rows of the linear scale)'),
    (dict(scale='lin', sigma=0.6), 'sigma must be a finite number'),
    (dict(sigma_hz=50), "sigma belongs to scale='lin'"),
    (dict(consensus=(4, 2)), 'consensus wants 1 to 8 increasing q'),
    (dict(consensus=(1, 2), complex=True), 'with one q (no consensus)'),
    (dict(consensus=(1, 2), scale='lin'), 'consensus works on the log'),
    (dict(consensus='fast'), 'consensus wants'),
    (dict(rate=0), 'the sample rate must be a finite number above 0'),
    (dict(rate='48k'), 'rate must be a number'),
    (dict(threads=0), 'threads must be a whole number from 1 to 256'),
    (dict(threads=1.5), 'threads must be a whole number'),
    (dict(max_memory_gb=0), 'max_memory_gb must be a number of GB'),
    (dict(x=np.zeros(100, np.int16)), 'x must hold float32 or float64'),
    (dict(x=np.zeros(100, np.complex128)), 'x must hold float32 or float64'),
    (dict(x=np.zeros((2, 2, 100))), 'x must be 1-D (samples) or 2-D'),
    (dict(x=np.zeros(1)), 'signal too short'),
    (dict(x=np.zeros((2, 100)), axis=2), 'axis must be the time axis'),
]


def test_every_bad_argument_raises_value_error(context):
    hyperres = hrpython.import_hyperres(context)
    wrong = []
    for overrides, words in BAD_ARGUMENTS:
        call = dict(x=np.zeros(480), rate=48000.0)
        call.update(overrides)
        try:
            hyperres.spectrogram(call.pop('x'), call.pop('rate'), **call)
        except ValueError as error:
            if words not in str(error):
                wrong.append('%s: %s' % (overrides, error))
        else:
            wrong.append('%s: no error' % (overrides,))
    seed_calls = [((np.zeros((2, 100)), 2, 16, 2, 12, 0.01, 0.5), 'mono'),
                  ((np.zeros(100), 2, 16, 2, 12, 0.01, 0.6), 'fmax'),
                  ((np.zeros(100), 2, 0, 2, 12, 0.01, 0.5), 'tdeci')]
    for args, words in seed_calls:
        try:
            hyperres.high_resolution_spectrogram(*args)
        except ValueError as error:
            if words not in str(error):
                wrong.append('seed %s: %s' % (words, error))
        else:
            wrong.append('seed %s: no error' % words)
    assert not wrong, '\n'.join(wrong)
    print('  %d bad arguments refused' % (len(BAD_ARGUMENTS) + 3))
    try:
        hyperres.spectrogram(np.zeros(48000), 48000.0, max_memory_gb=1e-4)
    except MemoryError as error:
        assert 'exact mode needs' in str(error) and 'max_memory_gb' in \
            str(error), error
    else:
        raise AssertionError('the memory limit was not kept')


def test_nonfinite_samples_are_silence_with_a_warning(context):
    hyperres = hrpython.import_hyperres(context)
    rate = 16000.0
    x = np.sin(2 * np.pi * 700 * np.arange(4000) / rate)
    broken = x.copy()
    broken[[10, 2000, 3999]] = [np.nan, np.inf, -np.inf]
    silent = x.copy()
    silent[[10, 2000, 3999]] = 0.0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        result = hyperres.spectrogram(broken, rate)
    messages = [str(w.message) for w in caught]
    assert any('3 NaN/Inf sample(s) found, analysed as silence' in m
               for m in messages), messages
    assert result.nonfinite == 3
    assert np.array_equal(result.energy,
                          hyperres.spectrogram(silent, rate).energy)
    assert np.isfinite(result.energy).all()
