# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Captures in open formats (ui/capture_export.c), through
tests/capture_export_sample: a known capture (a tone burst, faint cells,
a lost column, Side channel) exported as STEM_spec.npy, STEM_count.npy
and STEM_axes.npz must load in numpy equal to the capture bit for bit,
with axes that say where each row and column lies; the files read back
into the same capture; files numpy itself wrote from them read back too;
damaged files are refused; nothing is overwritten."""

import json
import os
import subprocess

import numpy as np

ROWS, COLS = 120, 80


def sample(context, *args):
    tool = os.path.join(context.build_dir, 'tests', 'capture_export_sample')
    return subprocess.run([tool] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=60)


def test_capture_export_loads_in_numpy(context):
    work = context.tmpdir('capture_export')
    stem = os.path.join(work, 'take')
    out = sample(context, 'export', stem)
    assert out.returncode == 0, out.stdout
    raw = np.fromfile(stem + '_raw.f32', '<f4').reshape(2, ROWS, COLS)

    spec = np.load(stem + '_spec.npy')
    count = np.load(stem + '_count.npy')
    assert spec.dtype == np.float32 and spec.shape == (ROWS, COLS)
    assert np.array_equal(spec.view(np.uint32), raw[0].view(np.uint32))
    assert count.dtype == np.float32 and np.array_equal(count, raw[1])
    assert spec[40, 20:50].min() >= 0.021 and spec[40, :20].max() < 1e-6

    axes = np.load(stem + '_axes.npz')
    assert sorted(axes.files) == ['column_flags', 'freq_hz', 'params',
                                  'time_s', 'transport_frame']
    freq, times = axes['freq_hz'], axes['time_s']
    assert freq.dtype == np.float64 and freq.shape == (ROWS,)
    assert times.dtype == np.float64 and times.shape == (COLS,)
    want_freq = 20000.0 * 2.0 ** (-np.arange(ROWS) / 12.0)
    assert np.allclose(freq, want_freq, rtol=1e-12), freq[:4]
    assert np.allclose(times, -0.8 + 0.01 * np.arange(COLS), atol=1e-12)
    flags = axes['column_flags']
    assert flags[10] == 3 and np.all(np.delete(flags, 10) == 1)
    params = json.loads(str(axes['params']))
    assert params['scale'] == 'log' and params['rows_per_octave'] == 12
    assert params['channel'] == 'side' and params['column_seconds'] == 0.01
    assert params['info'] == 'q 2, step 10 ms, "test"', params
    # song time: each column's transport frame (NaN: stopped), the tempo
    transport = axes['transport_frame']
    assert transport.dtype == np.float64 and transport.shape == (COLS,)
    assert np.array_equal(transport[:60], 96000.0 + 480.0 * np.arange(60))
    assert np.all(np.isnan(transport[60:]))
    assert params['column_frames'] == 480 and params['tempo_bpm'] == 120
    assert params['beats_per_bar'] == 4 and params['beat_origin_frame'] == 0
    print('capture export: %s, burst at %.1f Hz from %.2f s'
          % (', '.join(sorted(os.listdir(work))), freq[40], times[20]))

    out = sample(context, 'import', stem)
    assert out.returncode == 0 and 'HR IMPORT EQUAL' in out.stdout, out.stdout

    again = sample(context, 'export', stem)
    assert again.returncode != 0 and 'not replaced' in again.stdout, \
        again.stdout
    assert np.array_equal(np.load(stem + '_spec.npy'), spec)


def test_capture_import_reads_numpys_files_and_refuses_damage(context):
    work = context.tmpdir('capture_import')
    stem = os.path.join(work, 'take')
    assert sample(context, 'export', stem).returncode == 0
    axes = dict(np.load(stem + '_axes.npz'))

    # The same capture as numpy writes it (np.save, np.savez).
    copy = os.path.join(work, 'numpy')
    np.save(copy + '_spec.npy', np.load(stem + '_spec.npy'))
    np.save(copy + '_count.npy', np.load(stem + '_count.npy'))
    np.savez(copy + '_axes.npz', **axes)
    out = sample(context, 'import', copy)
    assert out.returncode == 0 and 'HR IMPORT EQUAL' in out.stdout, out.stdout

    def refused(name, spec=None, change=None):
        bad = os.path.join(work, name)
        np.save(bad + '_spec.npy', np.load(stem + '_spec.npy')
                if spec is None else spec)
        changed = dict(axes)
        if change:
            change(changed)
        np.savez(bad + '_axes.npz', **changed)
        out = sample(context, 'import', bad)
        assert out.returncode != 0 and 'HR FAIL' in out.stdout, \
            (name, out.stdout)

    good = np.load(stem + '_spec.npy')
    refused('transposed', spec=np.ascontiguousarray(good.T))
    refused('negative', spec=-good)
    refused('double', spec=good.astype(np.float64))
    refused('nan', spec=np.where(good > 0, np.nan, good).astype(np.float32))
    refused('rows', change=lambda a: a.update(freq_hz=a['freq_hz'][1:]))
    refused('no_params', change=lambda a: a.pop('params'))
    refused('bad_step', change=lambda a: a.update(params=np.array(
        str(a['params']).replace('"column_seconds": 0.01',
                                 '"column_seconds": -1'))))

    truncated = os.path.join(work, 'cut')
    np.save(truncated + '_spec.npy', good)
    with open(stem + '_axes.npz', 'rb') as f:
        data = f.read()
    with open(truncated + '_axes.npz', 'wb') as f:
        f.write(data[:len(data) // 2])
    out = sample(context, 'import', truncated)
    assert out.returncode != 0 and 'HR FAIL' in out.stdout, out.stdout
