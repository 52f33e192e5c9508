# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""What the corpus tests share: a corpus of short files in nested
folders, the index's rows as its reading rule
gives them, an output folder's files, their identity (inode and mtime)."""

import json
import os

import numpy as np

import hrtest


def index_rows(out):
    with open(os.path.join(out, 'hyperres_index.jsonl')) as f:
        return [json.loads(line) for line in f]


def latest_rows(out):
    """For each input, the rows of its latest attempt (the documented
    rule), keyed by (input, channel)."""
    rows = index_rows(out)
    last_attempt = {}
    for row in rows:
        last_attempt[row['input']] = row['attempt']
    return {(r['input'], r['channel']): r for r in rows
            if r['attempt'] == last_attempt[r['input']]}


def output_files(out):
    found = {}
    for folder, _, files in os.walk(out):
        for name in files:
            if name != 'hyperres_index.jsonl':
                path = os.path.join(folder, name)
                found[os.path.relpath(path, out)] = path
    return found


def assert_same_outputs(out_a, out_b):
    a, b = output_files(out_a), output_files(out_b)
    assert sorted(a) == sorted(b), (sorted(set(a) ^ set(b)))
    for name in a:
        with open(a[name], 'rb') as fa, open(b[name], 'rb') as fb:
            assert fa.read() == fb.read(), name + ' differs'


def stamps(out):
    return {name: (os.stat(path).st_ino, os.stat(path).st_mtime_ns)
            for name, path in output_files(out).items()}


def write_corpus(root, n_files, rate=8000, seconds=0.1, seed=1):
    """A corpus of short WAV files in nested folders (three levels, a few
    names repeated in different folders); returns their paths, sorted."""
    rng = np.random.default_rng(seed)
    paths = []
    t = np.arange(int(rate * seconds)) / rate
    for i in range(n_files):
        folder = os.path.join(root, 'set%d' % (i % 3), 'day%d' % (i % 5 // 2))
        if i % 4 == 0:
            folder = os.path.join(folder, 'deep')
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, 'take%d.wav' % (i // 6))
        freq = 200 + 3000 * rng.random()
        hrtest.write_wav(path, 0.3 * np.sin(2 * np.pi * freq * t)
                  + 0.01 * rng.standard_normal(t.size), rate)
        paths.append(path)
    return sorted(paths)
