# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Helpers shared by the Python tests: signals, WAV files, running the
batch tool, and the comparison metrics of the reference data."""

import json
import math
import os
import struct
import subprocess

import numpy as np


class Skip(Exception):
    """Raised by a test that cannot run here, with the reason; counted as
    skipped, never as passed. Only for what the suite cannot provide (a
    host that is not packaged for Debian), never for a missing package."""


def write_wav(path, samples, rate, bits=32):
    """Write a WAV file: float32 (bits=32, format 3) or 16-bit PCM.

    samples: 1-D (mono) or 2-D (frames, channels) array."""
    data = np.asarray(samples, dtype=np.float64)
    if data.ndim == 1:
        data = data[:, np.newaxis]
    channels = data.shape[1]
    if bits == 16:
        pcm = np.clip(np.round(data * 32768.0), -32768, 32767).astype('<i2')
        tag, width = 1, 2
    else:
        pcm = data.astype('<f4')
        tag, width = 3, 4
    payload = pcm.tobytes()
    fmt = struct.pack('<HHIIHH', tag, channels, int(rate),
                      int(rate) * channels * width, channels * width, 8 * width)
    body = (b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt
            + b'data' + struct.pack('<I', len(payload)) + payload)
    with open(path, 'wb') as out:
        out.write(b'RIFF' + struct.pack('<I', len(body)) + body)


def noise(n, level, seed=1):
    return level * np.random.default_rng(seed).standard_normal(n)


def run(context, *args, expect=None):
    """Run build/…/hyperres with args; returns CompletedProcess.

    expect: the exit status required (None: any)."""
    proc = subprocess.run([context.hyperres] + [str(a) for a in args],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=600)
    if expect is not None and proc.returncode != expect:
        raise AssertionError('hyperres %s: exit %d, expected %d\nstdout: %s\n'
                             'stderr: %s' % (' '.join(map(str, args)),
                                             proc.returncode, expect,
                                             proc.stdout, proc.stderr))
    if 'Sanitizer' in proc.stderr or 'runtime error' in proc.stderr:
        raise AssertionError('sanitizer report:\n' + proc.stderr)
    return proc


def render(context, wav, out_dir, *options):
    """Render one file; returns the energy histogram as float64."""
    run(context, 'render', wav, '-o', out_dir, '--no-png', '-q', *options,
        expect=0)
    name = os.path.splitext(os.path.basename(wav))[0]
    return np.load(os.path.join(out_dir, name + '_spec.npy')).astype(np.float64)


def compare_spec(candidate, golden, rtol=1e-6, min_jaccard=0.999,
                 max_l1=1e-6):
    """The reference comparison: support Jaccard, energy-weighted relative
    L1 error, largest relative error over bins above 1e-6 of the maximum.
    Returns (ok, description)."""
    if candidate.shape != golden.shape:
        return False, 'shape %s != %s' % (candidate.shape, golden.shape)
    a = candidate != 0
    b = golden != 0
    union = np.count_nonzero(a | b)
    jaccard = np.count_nonzero(a & b) / union if union else 1.0
    rel_l1 = np.abs(candidate - golden).sum() / max(np.abs(golden).sum(),
                                                     1e-300)
    strong = np.abs(golden) > 1e-6 * np.abs(golden).max()
    max_rel = float((np.abs(candidate - golden)[strong]
                     / np.abs(golden)[strong]).max()) if strong.any() else 0.0
    ok = jaccard >= min_jaccard and rel_l1 < max_l1 and max_rel < rtol
    return ok, 'jaccard=%.6f rel_l1=%.3e max_rel=%.3e' % (jaccard, rel_l1,
                                                        max_rel)


def reference_cases(context):
    names = sorted(f[:-5] for f in os.listdir(context.reference_dir)
                   if f.endswith('.json'))
    for name in names:
        with open(os.path.join(context.reference_dir, name + '.json')) as f:
            yield name, json.load(f)


def params_options(meta):
    """Command-line options for the parameters in a reference JSON."""
    options = ['--tdeci', meta['tdeci'], '--over', meta['over'],
               '--fmin', repr(meta['fmin']), '--fmax', repr(meta['fmax']),
               '--lint', repr(meta['lint'])]
    if meta['mode'] == 'lin':
        options += ['--scale', 'lin', '--sigma', repr(meta['sigma']),
                    '--ndiv', meta['ndiv']]
    else:
        options += ['--q', repr(meta['q']), '--noct', repr(meta['noct'])]
    return options


def log_row(freq, fmax, noct):
    """Row of a frequency (any units, same as fmax) on the log axis."""
    return int(math.floor(noct * math.log2(fmax / freq) + 0.5))


def energy_set(values, share):
    """The smallest set of cells holding `share` of the energy."""
    flat = values.ravel()
    order = np.argsort(flat)[::-1]
    cumulative = np.cumsum(flat[order])
    keep = np.zeros(flat.shape, bool)
    if cumulative.size and cumulative[-1] > 0:
        keep[order[:int(np.searchsorted(cumulative, share * cumulative[-1]))
                   + 1]] = True
    return keep


def agreement(stream, exact, counts, q, tdeci, noct, fmin, fmax,
              floor_window=96000, edge=5.0, band_k=6.0, floor_tol=0.05):
    """Agreement of a streaming histogram with the exact one (normalised
    frequencies). Leaves out the ends (edge longest-filter stds), the rows
    whose filters reach past Nyquist, and the cells whose fate depends on
    the noise-floor rule (exact count between the square roots of the
    running and the global maximum). Returns a dict: energy_ratio,
    jaccard (99 % energy sets), logcorr, ridge_err, left_out."""
    s = np.asarray(stream, np.float64)
    e = np.asarray(exact, np.float64)
    c = np.asarray(counts, np.float64)
    assert s.shape == e.shape == c.shape, (s.shape, e.shape, c.shape)
    rows, cols = e.shape
    edge_cols = int(math.ceil(edge * q / fmin / tdeci))
    nyquist_cut = 0.5 / (1.0 + band_k / (2 * math.pi * q))
    first_row = int(math.ceil(noct * math.log2(fmax / nyquist_cut))) \
        if fmax > nyquist_cut else 0
    assert 2 * edge_cols < cols, 'signal too short to compare'
    window = max(1, int(math.ceil(floor_window / tdeci)))
    column_max = c.max(axis=0)
    running = np.array([column_max[max(edge_cols, j - window + 1):j + 1].max()
                        for j in range(edge_cols, cols - edge_cols)])
    inner = (slice(first_row, rows), slice(edge_cols, cols - edge_cols))
    cc = c[inner]
    keep = ~((cc >= (1 - floor_tol) * np.sqrt(running)[np.newaxis, :])
             & (cc < (1 + floor_tol) * math.sqrt(c.max())))
    s = np.where(keep, s[inner], 0.0)
    e = np.where(keep, e[inner], 0.0)
    se, ee = energy_set(s, 0.99), energy_set(e, 0.99)
    union = np.count_nonzero(se | ee)
    floor = 1e-6 * e.max()
    ls, le = np.log10(s + floor)[keep], np.log10(e + floor)[keep]
    lit = e.max(axis=0) > 1e-3 * e.max()
    return {
        'energy_ratio': s.sum() / e.sum(),
        'jaccard': np.count_nonzero(se & ee) / union if union else 1.0,
        'logcorr': float(np.corrcoef(ls, le)[0, 1]),
        'ridge_err': float(np.mean(np.abs(s[:, lit].argmax(axis=0)
                                          - e[:, lit].argmax(axis=0)))),
        'left_out': np.count_nonzero(~keep),
    }


def agreement_ok(metrics, ridge_limit=None):
    ok = (metrics['jaccard'] >= 0.97 and metrics['logcorr'] >= 0.995
          and 0.99 <= metrics['energy_ratio'] <= 1.005)
    if ridge_limit is not None:
        ok = ok and metrics['ridge_err'] <= ridge_limit
    return ok
