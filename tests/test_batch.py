# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""`hyperres render` over corpora: folder trees (-r), files analysed in
parallel (--jobs), resumed batches (--resume), shares of the list
(--shard), the index hyperres_index.jsonl and the NAME_axes.npz files."""

import json
import os
import re
import signal
import subprocess
import time

import numpy as np

import corpus
import hrtest
from corpus import (assert_same_outputs, index_rows, latest_rows,
                    output_files, stamps)

FAST = ['--no-png', '--noct', '24', '--tdeci', '64']


def without_timings(report):
    """Summary lines without what differs from run to run."""
    return re.sub(r'\), [0-9.]+ s, .*', ')', report)


def test_help_of_every_command(context):
    for args, words in ((['--help'], ['render', 'demo', '--recursive']),
                        (['render', '--help'], ['--jobs', '--resume',
                                                '--shard', 'axes.npz']),
                        (['render', '-h'], ['--recursive']),
                        (['demo', '--help'], ['demo', 'no inputs'])):
        proc = hrtest.run(context, *args, expect=0)
        for word in words:
            assert word in proc.stdout, (args, word, proc.stdout)
        assert not proc.stderr, proc.stderr


def test_tree_is_walked_and_mirrored(context):
    root = context.tmpdir('tree')
    out = context.tmpdir('tree_out')
    paths = corpus.write_corpus(os.path.join(root, 'in'), 14)
    inside = os.path.join(root, 'in')
    os.symlink('..', os.path.join(inside, 'set0', 'loop'))
    os.symlink('nowhere.wav', os.path.join(inside, 'set1', 'dangling.wav'))
    with open(os.path.join(inside, 'set2', 'notes.txt'), 'w') as f:
        f.write('not audio')
    locked = os.path.join(inside, 'locked')
    os.makedirs(locked)
    os.chmod(locked, 0)
    can_lock = not os.access(locked, os.R_OK)  # root reads anyway
    proc = hrtest.run(context, 'render', inside, '-r', '-o', out, *FAST)
    os.chmod(locked, 0o755)
    assert proc.returncode == 1, proc.stderr
    assert 'a link back to' in proc.stderr and 'loop' in proc.stderr
    assert 'dangling.wav' in proc.stderr
    if can_lock:
        assert 'locked: cannot list folder' in proc.stderr, proc.stderr
    made = output_files(out)
    for path in paths:
        name = os.path.splitext(os.path.relpath(path, inside))[0]
        assert name + '_spec.npy' in made, (name, sorted(made))
        assert name + '_axes.npz' in made, name
    assert len([m for m in made if m.endswith('_spec.npy')]) == len(paths)
    # Without -r only the top level counts: it holds no audio here.
    flat = context.tmpdir('tree_flat')
    proc = hrtest.run(context, 'render', inside, '-o', flat, *FAST)
    assert 'no audio files' in proc.stderr, proc.stderr
    # The failure is in the index, with its error.
    failed = [r for r in index_rows(out) if r['status'] == 'failed']
    assert [os.path.basename(r['path']) for r in failed] == ['dangling.wav']
    assert failed[0]['error'] and failed[0]['outputs'] == []


def test_index_and_axes_describe_the_outputs(context):
    d = context.tmpdir('index')
    out = context.tmpdir('index_out')
    rate = 16000
    t = np.arange(rate // 2) / rate
    stereo = np.stack([0.3 * np.sin(2 * np.pi * 1000 * t),
                       0.3 * np.sin(2 * np.pi * 2500 * t)], axis=1)
    wav = os.path.join(d, 'duo.wav')
    hrtest.write_wav(wav, stereo, rate)
    hrtest.run(context, 'render', wav, '-o', out, '--no-png', '--start',
               '0.1', '--noct', '36', '--tdeci', '80', '--fmin-hz', '100',
               expect=0)
    rows = index_rows(out)
    assert [r['channel'] for r in rows] == [1, 2]
    for row, freq in zip(rows, (1000, 2500)):
        assert row['status'] == 'done' and row['error'] is None
        assert row['input'] == os.path.abspath(wav)
        assert row['size'] == os.path.getsize(wav)
        assert row['mtime_ns'] == os.stat(wav).st_mtime_ns
        assert row['samples'] == rate // 2 - rate // 10
        assert row['sample_rate'] == rate and row['channels'] == 2
        assert row['params']['noct'] == 36 and row['params']['tdeci'] == 80
        assert row['params']['fmin_hz'] == 100
        assert row['seconds'] > 0
        name = 'duo_ch%d' % row['channel']
        assert row['outputs'] == [name + '_spec.npy', name + '_axes.npz']
        spec = np.load(os.path.join(out, row['outputs'][0]))
        assert spec.shape == (row['rows'], row['cols'])
        # The documented one-line load.
        axes = np.load(os.path.join(out, name + '_axes.npz'))
        freq_hz, time_s = axes['freq_hz'], axes['time_s']
        params = json.loads(axes['params'][()])
        assert freq_hz.dtype == np.float64 and time_s.dtype == np.float64
        assert freq_hz.shape == (spec.shape[0],)
        assert time_s.shape == (spec.shape[1],)
        assert freq_hz[0] == 8000 and np.all(np.diff(freq_hz) < 0)
        assert abs(freq_hz[-1] - 100) < 100 * (2 ** (1 / 36) - 1)
        peak = freq_hz[np.argmax(spec.sum(axis=1))]
        assert abs(np.log2(peak / freq)) < 1.5 / 36, (peak, freq)
        assert np.allclose(time_s, 0.1 + (np.arange(spec.shape[1]) * 80 - 1)
                           / rate, rtol=0, atol=1e-12)
        assert params['sample_rate'] == rate and params['q'] == 2
        assert params['channel'] == row['channel']
        assert params['samples'] == row['samples']
        assert params['input'] == wav and 'version' in params


def test_jobs_give_the_outputs_and_report_of_one_job(context):
    root = context.tmpdir('jobs')
    inside = os.path.join(root, 'in')
    corpus.write_corpus(inside, 16)
    rate = 8000
    t = np.arange(rate // 5) / rate
    hrtest.write_wav(os.path.join(inside, 'set1', 'stereo.wav'),
                     np.stack([np.sin(2 * np.pi * 300 * t),
                               np.sin(2 * np.pi * 900 * t)], axis=1), rate)
    with open(os.path.join(inside, 'set0', 'broken.wav'), 'w') as f:
        f.write('not audio at all')
    runs = {}
    for jobs in (1, 3):
        out = context.tmpdir('jobs_out%d' % jobs)
        proc = hrtest.run(context, 'render', inside, '-r', '-o', out,
                          '--jobs', jobs, '--noct', '24', '--size', '320x200')
        assert proc.returncode == 1, proc.stderr
        runs[jobs] = (out, proc)
    assert_same_outputs(runs[1][0], runs[3][0])
    one, three = runs[1][1], runs[3][1]
    assert without_timings(one.stdout).replace(runs[1][0], 'OUT') == \
        without_timings(three.stdout).replace(runs[3][0], 'OUT')
    assert one.stderr == three.stderr
    assert one.stdout.count('_spec.npy') == 16 + 2
    assert 'broken.wav' in one.stderr and '1 input(s) failed' in one.stderr


def render_process(context, *args):
    return subprocess.Popen([context.hyperres] + [str(a) for a in args],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def wait_for_done_rows(out, count, process, limit=300):
    index = os.path.join(out, 'hyperres_index.jsonl')
    deadline = time.time() + limit
    while time.time() < deadline and process.poll() is None:
        if os.path.exists(index):
            with open(index) as f:
                if sum('"status":"done"' in line for line in f) >= count:
                    return
        time.sleep(0.02)
    raise AssertionError('the batch ended or stalled before %d files' % count)


def test_a_killed_batch_resumes_without_redoing_finished_files(context):
    root = context.tmpdir('resume')
    inside = os.path.join(root, 'in')
    paths = corpus.write_corpus(inside, 20)
    whole = context.tmpdir('resume_whole')
    hrtest.run(context, 'render', inside, '-r', '-o', whole, *FAST, expect=0)
    out = context.tmpdir('resume_out')
    process = render_process(context, 'render', inside, '-r', '-o', out,
                             *FAST)
    wait_for_done_rows(out, 3, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    done = {r['name'] for r in latest_rows(out).values()
            if r['status'] == 'done'}
    assert 3 <= len(done) < len(paths), done
    before = stamps(out)
    proc = hrtest.run(context, 'render', inside, '-r', '-o', out, '--resume',
                      *FAST, expect=0)
    assert '%d input(s) already done' % len(done) in proc.stdout, proc.stdout
    after = stamps(out)
    for name in done:
        for kind in ('_spec.npy', '_axes.npz'):
            assert after[name + kind] == before[name + kind], name
    assert_same_outputs(whole, out)
    rows = latest_rows(out)
    assert len(rows) == len(paths)
    assert all(r['status'] == 'done' for r in rows.values())
    # Nothing left to do; a changed parameter is not "done".
    proc = hrtest.run(context, 'render', inside, '-r', '-o', out, '--resume',
                      *FAST, expect=0)
    assert '%d input(s) already done' % len(paths) in proc.stdout
    assert stamps(out) == after
    proc = hrtest.run(context, 'render', inside, '-r', '-o', out, '--resume',
                      *FAST, '--q', '3', expect=1)
    assert 'exists' in proc.stderr and '--force' in proc.stderr
    assert stamps(out) == after, 'outputs of other options replaced unasked'
    hrtest.run(context, 'render', inside, '-r', '-o', out, '--resume',
               '--force', *FAST, '--q', '3', expect=0)
    assert all(r['params']['q'] == 3 for r in latest_rows(out).values())
    proc = hrtest.run(context, 'render', inside, '-r', '-o', out, '--resume',
                      *FAST, '--q', '3', expect=0)
    assert '%d input(s) already done' % len(paths) in proc.stdout
    # A changed input is analysed again.
    hrtest.write_wav(paths[0], np.zeros(800), 8000)
    proc = hrtest.run(context, 'render', inside, '-r', '-o', out, '--resume',
                      *FAST, '--q', '3', expect=0)
    assert '%d input(s) already done' % (len(paths) - 1) in proc.stdout
    assert proc.stdout.count('_spec.npy') == 1


def test_shards_cover_the_list_once_in_parallel(context):
    root = context.tmpdir('shards')
    inside = os.path.join(root, 'in')
    paths = corpus.write_corpus(inside, 13)
    whole = context.tmpdir('shards_whole')
    hrtest.run(context, 'render', inside, '-r', '-o', whole, *FAST, expect=0)
    out = context.tmpdir('shards_out')
    n = 3
    processes = [render_process(context, 'render', inside, '-r', '-o', out,
                                '--shard', '%d/%d' % (k, n), '--resume',
                                *FAST) for k in range(n)]
    for process in processes:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    assert_same_outputs(whole, out)
    rows = index_rows(out)  # every line whole although written at once
    assert len(rows) == len(paths)
    assert sorted(r['input'] for r in rows) == \
        sorted(os.path.abspath(p) for p in paths)
    shares = sorted(r['shard'] for r in rows)
    assert shares == sorted('%d/%d' % (i % n, n) for i in range(len(paths)))
    fails = [(['--shard', '3/3'], 'K/N'), (['--shard', '1'], 'K/N'),
             (['--jobs', '0'], '--jobs')]
    for extra, word in fails:
        proc = hrtest.run(context, 'render', inside, *extra, expect=2)
        assert word in proc.stderr, proc.stderr
