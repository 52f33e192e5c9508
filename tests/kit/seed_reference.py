# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The seed's definition of the hyper-resolution spectrogram in numpy,
float64: what maggie-jiayizhang/hyper_resolution_spectrogram's
high_resolution_spectrogram(x, q, tdeci, over, noct, minf, maxf, lint)
computes (reassignment/reassignment_linear.py), written again from its
description for the drop-in's test: every filter over the whole
frequency axis, eta / (xi + 1e-20), torch's rounding (half to even), the
time x frequency histogram, the noise floor count < sqrt(max count)."""

import math

import numpy as np


def seed_spectrogram(x, q, tdeci, over, noct, minf, maxf, lint=0.2):
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    spectrum = np.fft.fft(x)
    cols = math.ceil(n / tdeci)
    rows = math.ceil(-noct * math.log2(minf / maxf) + 1)
    energy = np.zeros(cols * rows)
    count = np.zeros(cols * rows)
    freqs = np.arange(n) / n
    freqs = np.where(freqs > 0.5, freqs - 1.0, freqs)
    times = np.arange(1, n + 1, dtype=np.float64)
    for k in range(rows * over):
        f0 = minf * 2.0 ** (k / over / noct)
        sigma = f0 / (2.0 * math.pi * q)
        window = np.exp(-np.square(freqs - f0) / (2.0 * sigma ** 2))
        derivative = -1.0 / sigma * (freqs - f0) * window
        xi = np.fft.ifft(window * spectrum)
        eta = np.fft.ifft(derivative * spectrum)
        mu = eta / (xi + 1e-20)
        power = np.abs(xi) ** 2
        t_ins = times + mu.imag / (2.0 * math.pi * sigma)
        f_ins = f0 - mu.real * sigma
        keep = (np.abs(mu) < lint) & (f_ins < maxf) & (f_ins > minf) & \
            (t_ins >= 1) & (t_ins < n)
        col = np.round(t_ins[keep] / tdeci + 0.5) - 1
        row = np.round(-noct * np.log2(f_ins[keep] / maxf) + 1) - 1
        cell = col.astype(np.int64) * rows + row.astype(np.int64)
        np.add.at(energy, cell, power[keep])
        np.add.at(count, cell, 1.0)
    energy[count < math.sqrt(count.max())] = 0.0
    return energy.reshape(cols, rows)
