# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The .npz writer (files/npz.c): what it writes, numpy reads back
exactly; the archive's CRCs check out; it never overwrites unasked and
leaves nothing behind when it cannot write."""

import json
import os
import subprocess
import zipfile

import numpy as np

def sample(ctx, name, *args):
    path = os.path.join(ctx.tmpdir('npz'), name)
    tool = os.path.join(ctx.build_dir, 'tests', 'npz_sample')
    proc = subprocess.run([tool, path] + [str(a) for a in args],
                          capture_output=True, text=True)
    return path, proc


def test_members_read_back_exactly(ctx):
    path, proc = sample(ctx, 'kinds.npz', 1000)
    assert proc.returncode == 0, proc.stderr
    with np.load(path) as npz:
        assert sorted(npz.files) == ['empty', 'indices', 'matrix', 'params',
                                     'scalar', 'streamed'], npz.files
        assert npz['matrix'].dtype == np.float64
        assert np.array_equal(npz['matrix'],
                              [[1.5, -2.0, 3.25], [0.0, 1e-30, 7.0]])
        assert npz['indices'].dtype == np.int32
        assert list(npz['indices']) == [0, 7, -3, 2147483647]
        params = json.loads(str(npz['params']))
        assert params == {'q': 2, 'name': 'd\u00e9j\u00e0 \u266a'}, params
        assert str(npz['empty']) == '', repr(npz['empty'])
        streamed = npz['streamed']
        assert streamed.dtype == np.float32 and streamed.shape == (1000,)
        assert np.array_equal(streamed, np.arange(1000) * 0.5)
        assert npz['scalar'].shape == () and int(npz['scalar']) == -5
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None, 'a member fails its CRC'


def test_empty_streamed_member(ctx):
    path, proc = sample(ctx, 'none.npz', 0)
    assert proc.returncode == 0, proc.stderr
    with np.load(path) as npz:
        assert npz['streamed'].shape == (0,)


def test_no_overwrite_and_nothing_left_behind(ctx):
    path, proc = sample(ctx, 'twice.npz', 10)
    assert proc.returncode == 0, proc.stderr
    before = open(path, 'rb').read()
    _, again = sample(ctx, 'twice.npz', 20)
    assert again.returncode != 0 and 'exists' in again.stderr, again.stderr
    assert open(path, 'rb').read() == before, 'an existing file was changed'
    folder = ctx.tmpdir('npz-missing')
    missing = os.path.join(folder, 'no', 'such', 'dir.npz')
    tool = os.path.join(ctx.build_dir, 'tests', 'npz_sample')
    proc = subprocess.run([tool, missing], capture_output=True, text=True)
    assert proc.returncode != 0 and 'cannot write' in proc.stderr, proc.stderr
    assert os.listdir(folder) == [], os.listdir(folder)
