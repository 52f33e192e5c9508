#!/usr/bin/python3
# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Whistle contours from a folder of recordings, with hyperres.

For every WAV file in FOLDER: the reassigned spectrogram (tonal settings:
q 4, 2-20 kHz), a picture with the ridge drawn on it, and the ridge
itself -- the frequency of the strongest row in every column, where the
column holds something within 40 dB of the loudest -- as a CSV table
(time_s, freq_hz, level_db), with a one-line summary per file.

    python3 whistle_ridges.py FOLDER [-o OUT]
    python3 whistle_ridges.py --make-demo FOLDER   # synthetic whistles

Needs the hyperres package (see the README's Python section) and
python3-matplotlib.
"""

import argparse
import csv
import math
import os
import sys
import wave

import numpy as np

import matplotlib
matplotlib.use('Agg')  # pictures into files; no display needed
import matplotlib.pyplot as plt  # noqa: E402

import hyperres  # noqa: E402

SETTINGS = dict(q=4.0, noct=72, tdeci=240, fmin_hz=2000.0, fmax_hz=20000.0)
RANGE_DB = 40.0


def ridge(result, range_db=RANGE_DB):
    """(time_s, freq_hz, level_db) of the strongest row of every column
    within range_db of the loudest cell; NaN frequency elsewhere."""
    energy = result.energy
    strongest = energy.max(axis=0)
    with np.errstate(divide='ignore'):
        level_db = 10.0 * np.log10(strongest)
    lit = level_db > level_db.max() - range_db
    freq_hz = np.where(lit, result.freq_hz[energy.argmax(axis=0)], np.nan)
    centre_s = result.time_s + 0.5 * result.params['tdeci'] / result.rate
    return centre_s, freq_hz, np.where(lit, level_db, np.nan)


def analyse(path, out_dir):
    x, rate = hyperres.read_wav(path)
    if x.ndim == 2:
        x = x[0]  # the first channel
    result = hyperres.spectrogram(x, rate, **SETTINGS)
    result.name = os.path.splitext(os.path.basename(path))[0]
    time_s, freq_hz, level_db = ridge(result)
    table = os.path.join(out_dir, result.name + '_ridge.csv')
    with open(table, 'w', newline='') as out:
        rows = csv.writer(out)
        rows.writerow(['time_s', 'freq_hz', 'level_db'])
        for row in zip(time_s, freq_hz, level_db):
            if not math.isnan(row[1]):
                rows.writerow(['%.4f' % row[0], '%.1f' % row[1],
                               '%.1f' % row[2]])
    ax = hyperres.plot(result)
    y = [float(r) for r in np.interp(np.log(freq_hz[~np.isnan(freq_hz)]),
                                     np.log(result.freq_hz[::-1]),
                                     np.arange(len(result.freq_hz))[::-1])]
    ax.plot(time_s[~np.isnan(freq_hz)], y, color='cyan', linewidth=0.8,
            label='ridge')
    ax.legend(loc='upper right')
    picture = os.path.join(out_dir, result.name + '_ridge.png')
    ax.figure.savefig(picture, dpi=100)
    plt.close(ax.figure)
    found = freq_hz[~np.isnan(freq_hz)]
    print('%s: %.2f s at %g Hz; ridge in %d of %d columns, %.0f-%.0f Hz '
          '(median %.0f Hz) -> %s, %s'
          % (result.name, len(x) / rate, rate, len(found), len(freq_hz),
             found.min(), found.max(), np.median(found), table, picture))
    return table, picture


def write_wav(path, samples, rate):
    """16-bit mono WAV with the standard library."""
    pcm = np.clip(np.round(samples * 32767.0), -32768, 32767).astype('<i2')
    with wave.open(path, 'wb') as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(int(rate))
        out.writeframes(pcm.tobytes())


def whistle_frequency(kind, t):
    """The instantaneous frequency of the demo whistles, Hz."""
    if kind == 'upsweep':
        return 5000.0 + 7000.0 * t / t[-1]
    return 9000.0 + 3000.0 * np.sin(2.0 * np.pi * 1.5 * t)


def make_demo(folder, rate=48000.0, seconds=1.0):
    """Two synthetic whistles (a sweep and a sinusoidal contour, each with
    its second harmonic and some noise) into folder."""
    os.makedirs(folder, exist_ok=True)
    t = np.arange(int(rate * seconds)) / rate
    noise = np.random.default_rng(1)
    for kind in ('upsweep', 'sine'):
        phase = 2.0 * np.pi * np.cumsum(whistle_frequency(kind, t)) / rate
        x = 0.5 * np.sin(phase) + 0.15 * np.sin(2.0 * phase) + \
            0.003 * noise.standard_normal(len(t))
        write_wav(os.path.join(folder, kind + '.wav'), x, rate)
    print('wrote 2 synthetic whistles into %s' % folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('folder', help='a folder of WAV files')
    parser.add_argument('-o', '--out', default=None,
                        help='where tables and pictures go [the folder]')
    parser.add_argument('--make-demo', action='store_true',
                        help='write synthetic whistles into the folder first')
    args = parser.parse_args()
    if args.make_demo:
        make_demo(args.folder)
    out_dir = args.out or args.folder
    os.makedirs(out_dir, exist_ok=True)
    names = sorted(n for n in os.listdir(args.folder)
                   if n.lower().endswith('.wav'))
    if not names:
        print('no WAV files in %s' % args.folder, file=sys.stderr)
        return 1
    for name in names:
        analyse(os.path.join(args.folder, name), out_dir)
    return 0


if __name__ == '__main__':
    sys.exit(main())
