# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""hyperres.load(): what `hyperres render` writes, back into a
Spectrogram.

For an input NAME (NAME_chK for channel K of a multichannel file) the
batch tool writes, into its output folder:
  NAME_spec.npy    energy, float32 or float64, rows x columns (row 0 =
                   the highest frequency); or NAME_spec.npz, the same in
                   scipy.sparse's CSR or CSC layout (format, shape, data,
                   indices, indptr)
  NAME_count.npy   counts (--count), dense or NAME_count.npz
  NAME_complex.npy the complex histogram (--complex)
  NAME_axes.npz    freq_hz (rows), time_s (columns), params (JSON text)
and one line per input and channel in hyperres_index.jsonl.
"""

import json
import os

import numpy as np

from ._result import Spectrogram

INDEX = 'hyperres_index.jsonl'
KINDS = ('_spec', '_count', '_complex', '_axes')
SUFFIXES = ('.npy', '.npz', '.png')


def stem_of(path):
    """'dir/NAME' for any output of NAME, or for 'dir/NAME' itself."""
    base, ext = os.path.splitext(path)
    if ext in SUFFIXES:
        for kind in KINDS:
            if base.endswith(kind):
                return base[:-len(kind)]
        return base
    return path


def read_sparse(path, sparse=False):
    """A CSR or CSC .npz (scipy.sparse.save_npz's layout: format, shape,
    data, indices, indptr), dense as numpy, or as scipy.sparse's matrix of
    its format with sparse=True."""
    with np.load(path, allow_pickle=False) as members:
        layout = members['format'][()]
        layout = layout.decode() if isinstance(layout, bytes) else str(layout)
        shape = tuple(int(n) for n in members['shape'])
        data = members['data']
        indices = members['indices']
        indptr = members['indptr']
    if layout not in ('csr', 'csc'):
        raise ValueError('%s: sparse layout %r, expected csr or csc'
                         % (path, layout))
    major = 0 if layout == 'csr' else 1  # the axis indptr runs over
    if len(shape) != 2 or indptr.shape != (shape[major] + 1,) or \
            indices.shape != data.shape:
        raise ValueError('%s: not a %s matrix of its shape %s'
                         % (path, layout.upper(), shape))
    if sparse:
        import scipy.sparse  # only for sparse=True (python3-scipy)
        kind = scipy.sparse.csr_matrix if layout == 'csr' else \
            scipy.sparse.csc_matrix
        return kind((data, indices, indptr), shape=shape)
    dense = np.zeros(shape, dtype=data.dtype)
    outer = np.repeat(np.arange(shape[major]), np.diff(indptr))
    if layout == 'csr':
        dense[outer, indices] = data
    else:
        dense[indices, outer] = data
    return dense


def read_array(stem, kind, sparse=False):
    """stem + kind + .npy or .npz, or None if neither exists."""
    dense = stem + kind + '.npy'
    if os.path.exists(dense):
        return np.load(dense, allow_pickle=False)
    packed = stem + kind + '.npz'
    if os.path.exists(packed):
        return read_sparse(packed, sparse)
    return None


def read_axes(stem):
    """(freq_hz, time_s, params) from stem_axes.npz; Nones and {} if it
    is not there."""
    path = stem + '_axes.npz'
    if not os.path.exists(path):
        return None, None, {}
    with np.load(path, allow_pickle=False) as members:
        freq_hz = members['freq_hz'].astype(np.float64)
        time_s = members['time_s'].astype(np.float64)
        params = json.loads(str(members['params'][()])) \
            if 'params' in members.files else {}
    return freq_hz, time_s, params


def load_one(path, sparse=False):
    stem = stem_of(path)
    energy = read_array(stem, '_spec', sparse)
    if energy is None:
        raise FileNotFoundError('%s: no %s_spec.npy or %s_spec.npz'
                                % (path, stem, stem))
    freq_hz, time_s, params = read_axes(stem)
    complex_path = stem + '_complex.npy'
    return Spectrogram(
        energy, freq_hz, time_s, params,
        count=read_array(stem, '_count', sparse),
        complex=np.load(complex_path, allow_pickle=False)
        if os.path.exists(complex_path) else None,
        name=os.path.basename(stem))


def load_index(folder):
    """The rows of folder/hyperres_index.jsonl (dicts), [] if none."""
    path = os.path.join(folder, INDEX)
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8') as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _outputs_in(folder):
    names = sorted(f for f in os.listdir(folder)
                   if f.endswith(('_spec.npy', '_spec.npz')))
    stems = []
    for name in names:
        stem = os.path.join(folder, stem_of(name))
        if stem not in stems:
            stems.append(stem)
    return stems


def load(path, sparse=False):
    """Read what `hyperres render` wrote.

    path     one output file (NAME_spec.npy/.npz, NAME_count.*,
             NAME_complex.npy, NAME_axes.npz), their common stem
             ('out/NAME'), or an output folder.
    sparse   keep sparse (.npz) histograms sparse (scipy.sparse's
             csr_matrix or csc_matrix; needs python3-scipy); by default
             every array is dense numpy.

    Returns a Spectrogram (energy, count, complex, freq_hz, time_s,
    params, name); for a folder, a list of them in name order, each with
    its hyperres_index.jsonl row (if any) in `.index`.
    """
    path = os.fspath(path)
    if not os.path.isdir(path):
        return load_one(path, sparse)
    rows = load_index(path)
    results = []
    for stem in _outputs_in(path):
        result = load_one(stem, sparse)
        result.index = _index_row(rows, result.name)
        results.append(result)
    return results


def _index_row(rows, name):
    """The index row that names outputs of `name`, or None."""
    for row in rows:
        for value in row.values():
            paths = value if isinstance(value, list) else [value]
            if any(isinstance(path, str) and
                   os.path.basename(stem_of(path)) == name
                   for path in paths):
                return row
    return None
