# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Exact mode in segments (doc/SEGMENTS.md): the same numbers as the
whole-signal computation across many seams, bounded memory beyond
--max-memory, sparse .npz outputs, picture pages, interruption."""

import contextlib
import os
import signal
import subprocess
import time

import numpy as np

import hrtest

RATE = 4000
# Log scale, 50 Hz .. Nyquist: the top filters reach Nyquist, where the
# reference cuts them; the rest are compact.
PARAMS = ['--fmin-hz', '50', '--fmax-hz', '2000', '--noct', '16',
          '--over', '1', '--tdeci', '20', '--no-png', '--count',
          '--float64', '--force']


@contextlib.contextmanager
def environment(**values):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update({k: str(v) for k, v in values.items()})
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def scene(seconds, rate=RATE, seed=1):
    """Tones, an FM tone, clicks and a little noise."""
    n = int(seconds * rate)
    t = np.arange(n) / rate
    x = 0.3 * np.sin(2 * np.pi * 220 * t) + 0.2 * np.sin(
        2 * np.pi * (700 * t + 50 / 0.5 * np.sin(2 * np.pi * 0.5 * t)))
    x[::rate // 4] += 0.5
    return x + hrtest.noise(n, 1e-3, seed)


def render_pair(context, wav, name, segment, *extra):
    whole = context.tmpdir(name + '_whole')
    parts = context.tmpdir(name + '_parts')
    with environment(HYPERRES_WHOLE_SIGNAL='1'):
        hrtest.run(context, 'render', wav, '-o', whole, *PARAMS, *extra,
                   expect=0)
    with environment(HYPERRES_SEGMENT_LENGTH=segment):
        hrtest.run(context, 'render', wav, '-o', parts, *PARAMS, *extra,
                   expect=0)
    stem = os.path.splitext(os.path.basename(wav))[0]
    load = lambda d, k: np.load(os.path.join(d, '%s_%s.npy' % (stem, k)))
    return (load(whole, 'spec'), load(whole, 'count'), load(parts, 'spec'),
            load(parts, 'count'))


def compact_rows(rows, noct=16, fmax=0.5, fmin=50 / RATE, q=2.0, lint=0.5):
    """Rows that only compact filters (Gaussian < 1e-30 at Nyquist) reach:
    every filter within lint sigma of the row, with a margin."""
    keep = []
    for r in range(rows):
        f = fmax * 2.0 ** (-(r - 2) / noct)  # two rows of margin upward
        sigma = f / (2 * np.pi * q)
        if f > fmin and (0.5 - f) / sigma > np.sqrt(2 * 30 * np.log(10)):
            keep.append(r)
    return np.array(keep)


def test_seams_agree_with_the_whole_signal(context):
    """60 s at 4 kHz in segments of 24576 samples (30 seams)
    against one transform over the whole signal."""
    wav = os.path.join(context.tmpdir('seam_in'), 'seams.wav')
    hrtest.write_wav(wav, scene(60), RATE, bits=16)
    e_whole, c_whole, e_parts, c_parts = render_pair(
        context, wav, 'seams', 20000)
    rel_l1 = np.abs(e_whole - e_parts).sum() / e_whole.sum()
    compact = compact_rows(e_whole.shape[0])
    cw, cp = c_whole[compact], c_parts[compact]
    ew, ep = e_whole[compact], e_parts[compact]
    compact_err = np.abs(ew - ep).max() / ew.max()
    threshold = np.sqrt(c_whole.max())
    moved = (e_whole > 0) != (e_parts > 0)
    print('  energy-weighted relative L1 %.3g; compact rows %d of %d: count '
          'cells differing %d, max energy difference %.3g of the peak; '
          'support differs in %d of %d cells (rows %s)'
          % (rel_l1, len(compact), e_whole.shape[0], (cw != cp).sum(),
             compact_err, moved.sum(), (e_whole > 0).sum(),
             sorted(set(np.nonzero(moved)[0]))[:12]))
    assert c_whole.max() == c_parts.max()
    assert rel_l1 <= 1e-6
    assert np.array_equal(cw, cp), 'counts of compact filters differ'
    assert compact_err <= 1e-12
    # Support changes only where a count crosses the floor, in rows that
    # filters reaching Nyquist feed.
    assert not moved[compact].any()
    crossing = (c_whole >= threshold) != (c_parts >= threshold)
    assert not (moved & ~crossing).any()


def near_nyquist_scene(seconds, seed=8, kind='tone', extra=0):
    """Signals whose energy sits next to Nyquist, where the reference
    cuts the top filters (doc/SEGMENTS.md): the scene with a strong
    steady tone 10 Hz below Nyquist (at 4 kHz; as close in cycles per
    sample as 100 Hz below at 48 kHz), white noise, or a chirp over 0.3 to
    0.5 of the rate. `extra` samples make odd lengths."""
    n = int(seconds * RATE) + extra
    t = np.arange(n) / RATE
    if kind == 'tone':
        x = scene(seconds, seed=seed)
        x = np.concatenate([x, x[:extra]]) + 0.5 * np.sin(
            2 * np.pi * (RATE / 2 - 10) * t)
    elif kind == 'noise':
        x = hrtest.noise(n, 0.3, seed)
    else:
        f0, f1 = 0.3 * RATE, 0.5 * RATE
        x = np.sin(2 * np.pi * (f0 * t + (f1 - f0) / (2 * t[-1]) * t * t))
    return 0.9 * x / np.abs(x).max()


def near_nyquist_pair(context, seconds, name, kind='tone', extra=0, **env):
    """Whole signal and segments (forced small: margin 8192, hop 8192)
    of near_nyquist_scene(); fmin 500 Hz keeps the bank small."""
    wav = os.path.join(context.tmpdir(name + '_in'), name + '.wav')
    hrtest.write_wav(wav, near_nyquist_scene(seconds, kind=kind, extra=extra),
                     RATE, bits=16)
    with environment(**env):
        e_whole, c_whole, e_parts, c_parts = render_pair(
            context, wav, name, 20000, '--fmin-hz', '500')
    rel_l1 = np.abs(e_whole - e_parts).sum() / e_whole.sum()
    threshold = np.sqrt(c_whole.max())
    moved = (e_whole > 0) != (e_parts > 0)
    crossing = (c_whole >= threshold) != (c_parts >= threshold)
    print('  %s, %d samples: energy-weighted relative L1 %.3g; count cells '
          'differing %d; support differs in %d cells (%d not at the floor)'
          % (kind, int(seconds * RATE) + extra, rel_l1,
             (c_whole != c_parts).sum(), moved.sum(),
             (moved & ~crossing).sum()))
    return rel_l1, moved, crossing


def test_near_nyquist_tone_agrees_across_seams(context):
    """60 s (240000 samples, 30 seams): the filters reaching Nyquist get
    the terms that give them their whole reach (doc/SEGMENTS.md); a strong
    tone next to Nyquist agrees as closely as compact filters do (with
    one margin for every filter and no terms: 1.1e-2)."""
    rel_l1, moved, crossing = near_nyquist_pair(context, 60, 'nyq60')
    assert rel_l1 <= 1e-6
    assert not (moved & ~crossing).any()


def test_near_nyquist_signals_agree_at_any_length(context):
    """150 s (73 seams), where a margin alone fell short (4e-4 to 8e-4
    with 16 margins): the tone, white noise and a chirp into Nyquist, and
    an odd length (no Nyquist bin, the kernels' sums alternate)."""
    for kind, extra in (('tone', 0), ('noise', 0), ('chirp', 0),
                        ('tone', 1)):
        rel_l1, moved, crossing = near_nyquist_pair(
            context, 150, 'nyq150%s%d' % (kind, extra), kind, extra)
        assert rel_l1 <= 1e-6, (kind, extra)
        assert not (moved & ~crossing).any()


def test_near_nyquist_terms_in_a_pass_of_their_own(context):
    """Filters whose smooth part needs more than the main margin run in
    their own wider segments, and get their terms there (forced here:
    margin 20000 against the main 8192)."""
    rel_l1, moved, crossing = near_nyquist_pair(
        context, 150, 'nyqown', HYPERRES_NYQUIST_MARGIN=20000)
    assert rel_l1 <= 1e-6
    assert not (moved & ~crossing).any()


def test_near_nyquist_without_terms_falls_short(context):
    """Without the terms the same tone is off by 1e-2: what the tests
    above measure is their work."""
    rel_l1, _, _ = near_nyquist_pair(
        context, 150, 'nyqbare', HYPERRES_NYQUIST_UNCORRECTED=1)
    assert rel_l1 > 1e-3


def test_segments_do_not_depend_on_the_thread_count(context):
    wav = os.path.join(context.tmpdir('threads_in'), 'threads.wav')
    hrtest.write_wav(wav, scene(20, seed=2), RATE, bits=16)
    outs = []
    for threads in ('1', '2'):
        out = context.tmpdir('threads' + threads)
        with environment(HYPERRES_SEGMENT_LENGTH=20000):
            hrtest.run(context, 'render', wav, '-o', out, *PARAMS,
                       '--threads', threads, expect=0)
        outs.append(np.load(os.path.join(out, 'threads_spec.npy')))
    assert np.array_equal(outs[0], outs[1])


def test_input_beyond_max_memory_now_runs(context):
    """A signal whose whole-signal transform needs more than --max-memory
    runs in segments (and the limit still refuses the whole-signal way)."""
    wav = os.path.join(context.tmpdir('long_in'), 'long.wav')
    hrtest.write_wav(wav, scene(120, rate=8000, seed=3), 8000, bits=16)
    options = ['--fmin-hz', '200', '--fmax-hz', '4000', '--noct', '6',
               '--over', '1', '--tdeci', '80', '--no-png', '--force',
               '--max-memory', '0.08']
    out = context.tmpdir('long_out')
    with environment(HYPERRES_WHOLE_SIGNAL='1'):
        refused = hrtest.run(context, 'render', wav, '-o', out, *options)
    assert refused.returncode != 0 and 'above the limit' in refused.stderr
    done = hrtest.run(context, 'render', wav, '-o', out, *options,
                      '--sparse', expect=0)
    assert os.path.exists(os.path.join(out, 'long_spec.npz'))
    peak = float(done.stdout.split('peak memory ')[1].split()[0])
    print('  peak memory %.0f MB with --max-memory 0.08 GB' % peak)
    if '/debug/' not in context.hyperres:  # sanitizers add their own
        assert peak < 80, done.stdout


def test_sparse_npz_loads_in_one_line_and_equals_dense(context):
    import scipy.sparse
    wav = os.path.join(context.tmpdir('sparse_in'), 'sp.wav')
    hrtest.write_wav(wav, scene(6, seed=4), RATE, bits=16)
    dense = context.tmpdir('dense')
    sparse = context.tmpdir('sparse')
    options = ['--fmin-hz', '50', '--noct', '24', '--over', '1',
               '--tdeci', '20', '--count', '--no-png']
    hrtest.run(context, 'render', wav, '-o', dense, *options, '--dense',
               expect=0)
    hrtest.run(context, 'render', wav, '-o', sparse, *options, '--sparse',
               expect=0)
    for kind in ('spec', 'count'):
        matrix = scipy.sparse.load_npz(
            os.path.join(sparse, 'sp_%s.npz' % kind))
        array = np.load(os.path.join(dense, 'sp_%s.npy' % kind))
        assert matrix.format == 'csc' and matrix.shape == array.shape
        assert matrix.dtype == np.float32
        assert np.array_equal(matrix.toarray(), array), kind
        raw = np.load(os.path.join(sparse, 'sp_%s.npz' % kind))
        assert sorted(raw.files) == ['data', 'format', 'indices', 'indptr',
                                     'shape']
        # scipy narrows the index types on loading; the file holds these
        assert raw['indices'].dtype == np.int32
        assert raw['indptr'].dtype == np.int64
        assert raw['shape'].dtype == np.int64
        assert str(raw['format']) == 'csc'


def test_sparse_outputs_are_indexed_and_described_like_dense_ones(context):
    """A long input written sparse gets its index rows and axes files as a
    dense one does (one per channel), and --resume skips it when done."""
    import json
    folder = context.tmpdir('sparse_index_in')
    wav = os.path.join(folder, 'st.wav')
    stereo = np.stack([scene(3, seed=5), scene(3, seed=6)], axis=1)
    hrtest.write_wav(wav, stereo, RATE, bits=16)
    options = ['--fmin-hz', '50', '--noct', '12', '--over', '1',
               '--tdeci', '40', '--no-png']
    outs = {}
    for kind in ('sparse', 'dense'):
        outs[kind] = context.tmpdir('sparse_index_' + kind)
        hrtest.run(context, 'render', wav, '-o', outs[kind], *options,
                   '--' + kind, expect=0)
    rows = {}
    for kind, out in outs.items():
        with open(os.path.join(out, 'hyperres_index.jsonl')) as f:
            rows[kind] = [json.loads(line) for line in f]
        assert [r['channel'] for r in rows[kind]] == [1, 2], rows[kind]
        assert all(r['status'] == 'done' for r in rows[kind]), rows[kind]
    ext = {'sparse': 'npz', 'dense': 'npy'}
    for kind in outs:
        for row in rows[kind]:
            stem = 'st_ch%d' % row['channel']
            assert row['outputs'] == ['%s_spec.%s' % (stem, ext[kind]),
                                      '%s_axes.npz' % stem], row['outputs']
    for sparse_row, dense_row in zip(rows['sparse'], rows['dense']):
        assert (sparse_row['rows'], sparse_row['cols']) == \
            (dense_row['rows'], dense_row['cols'])
        stem = 'st_ch%d' % sparse_row['channel']
        axes = [np.load(os.path.join(outs[kind], stem + '_axes.npz'))
                for kind in ('sparse', 'dense')]
        for member in ('freq_hz', 'time_s'):
            assert np.array_equal(axes[0][member], axes[1][member]), member
        assert axes[0]['time_s'].shape == (sparse_row['cols'],)
    spec = os.path.join(outs['sparse'], 'st_ch1_spec.npz')
    before = os.stat(spec).st_mtime_ns
    again = hrtest.run(context, 'render', wav, '-o', outs['sparse'],
                       *options, '--sparse', '--resume', expect=0)
    assert 'already done' in again.stdout, again.stdout
    assert os.stat(spec).st_mtime_ns == before


def test_sparse_pictures_come_in_pages_plus_an_overview(context):
    wav = os.path.join(context.tmpdir('pages_in'), 'pg.wav')
    hrtest.write_wav(wav, scene(25, seed=5), RATE, bits=16)
    out = context.tmpdir('pages')
    hrtest.run(context, 'render', wav, '-o', out, '--fmin-hz', '50',
               '--noct', '12', '--over', '1', '--tdeci', '40', '--sparse',
               '--page-seconds', '10', '--size', '640x360', '--count',
               expect=0)
    names = sorted(os.listdir(out))
    assert names == ['hyperres_index.jsonl', 'pg_axes.npz',
                     'pg_count.npz', 'pg_count.png', 'pg_count_p0001.png',
                     'pg_count_p0002.png', 'pg_count_p0003.png',
                     'pg_spec.npz', 'pg_spec.png', 'pg_spec_p0001.png',
                     'pg_spec_p0002.png', 'pg_spec_p0003.png'], names
    for name in names:
        if name.endswith('.png'):
            with open(os.path.join(out, name), 'rb') as png:
                head = png.read(24)
            assert head[:8] == b'\x89PNG\r\n\x1a\n'
            assert (int.from_bytes(head[16:20], 'big'),
                    int.from_bytes(head[20:24], 'big')) == (640, 360)


def assert_only_a_failure_recorded(out, why):
    """No output in `out`: only the index, whose one row says the input
    failed and `why`."""
    import json
    assert os.listdir(out) == ['hyperres_index.jsonl'], os.listdir(out)
    with open(os.path.join(out, 'hyperres_index.jsonl')) as f:
        rows = [json.loads(line) for line in f]
    assert len(rows) == 1 and rows[0]['status'] == 'failed', rows
    assert why in rows[0]['error'] and rows[0]['outputs'] == [], rows


def test_sparse_refuses_what_needs_the_whole_signal(context):
    wav = os.path.join(context.tmpdir('refuse_in'), 'rf.wav')
    hrtest.write_wav(wav, scene(2), RATE, bits=16)
    out = context.tmpdir('refuse')
    proc = hrtest.run(context, 'render', wav, '-o', out, '--sparse',
                      '--consensus', '1,2')
    assert proc.returncode != 0 and '--sparse' in proc.stderr
    assert_only_a_failure_recorded(out, '--sparse')


def test_interrupt_leaves_no_partial_output(context):
    wav = os.path.join(context.tmpdir('stop_in'), 'stop.wav')
    hrtest.write_wav(wav, scene(600, rate=8000, seed=6), 8000, bits=16)
    out = context.tmpdir('stop')
    proc = subprocess.Popen([context.hyperres, 'render', wav, '-o', out,
                             '--sparse', '--fmin-hz', '20', '--threads',
                             '1'], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    # Wait until it has opened its (unnamed) temporary file: the signal
    # handlers are in place by then.
    fds = '/proc/%d/fd' % proc.pid
    for _ in range(6000):
        links = []
        for fd in os.listdir(fds) if os.path.isdir(fds) else []:
            with contextlib.suppress(OSError):
                links.append(os.readlink(os.path.join(fds, fd)))
        if any('.hyperres-spill' in link for link in links):
            break
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGINT, (proc.returncode, stderr)
    assert 'interrupted after analysing' in stderr, stderr
    assert_only_a_failure_recorded(out, 'interrupted')


def test_sparse_start_and_duration_read_only_that_part(context):
    """--start/--duration on the streamed (sparse) path: the same part as
    the dense path reads."""
    import scipy.sparse
    wav = os.path.join(context.tmpdir('part_in'), 'part.wav')
    hrtest.write_wav(wav, scene(12, seed=7), RATE, bits=16)
    options = ['--fmin-hz', '50', '--noct', '12', '--over', '1',
               '--tdeci', '20', '--no-png', '--start', '4.5',
               '--duration', '3']
    dense = context.tmpdir('part_dense')
    sparse = context.tmpdir('part_sparse')
    hrtest.run(context, 'render', wav, '-o', dense, *options, '--dense',
               expect=0)
    hrtest.run(context, 'render', wav, '-o', sparse, *options, '--sparse',
               expect=0)
    array = np.load(os.path.join(dense, 'part_spec.npy'))
    matrix = scipy.sparse.load_npz(os.path.join(sparse, 'part_spec.npz'))
    assert array.shape[1] == 3 * RATE // 20
    assert np.array_equal(matrix.toarray(), array)
