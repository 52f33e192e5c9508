# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""hyperres.read_wav(): WAV files into numpy without other packages
(16/24/32-bit integer and 32/64-bit float PCM), for the examples and
for quick work; other formats: soundfile or librosa."""

import struct

import numpy as np

_PCM = 1
_FLOAT = 3
_EXTENSIBLE = 0xFFFE


def _chunks(data):
    """(id, payload) of each RIFF chunk after the WAVE header."""
    offset = 12
    while offset + 8 <= len(data):
        tag, size = struct.unpack_from('<4sI', data, offset)
        yield tag, data[offset + 8:offset + 8 + size]
        offset += 8 + size + (size & 1)


def _samples(payload, tag, bits, channels):
    width = bits // 8
    frames = len(payload) // (width * channels)
    payload = payload[:frames * width * channels]
    if tag == _FLOAT and bits in (32, 64):
        return np.frombuffer(payload, '<f%d' % width).astype(np.float64)
    if tag == _PCM and bits in (16, 32):
        scale = 2.0 ** (bits - 1)
        return np.frombuffer(payload, '<i%d' % width) / scale
    if tag == _PCM and bits == 24:
        raw = np.frombuffer(payload, np.uint8).reshape(-1, 3).astype(np.int32)
        value = raw[:, 0] | (raw[:, 1] << 8) | (raw[:, 2] << 16)
        value = np.where(value >= 1 << 23, value - (1 << 24), value)
        return value / 2.0 ** 23
    if tag == _PCM and bits == 8:
        return (np.frombuffer(payload, np.uint8) - 128.0) / 128.0
    raise ValueError('unsupported WAV sample format (format %d, %d bits)'
                     % (tag, bits))


def read_wav(path):
    """(samples, rate): float64 samples in [-1, 1), shape (samples,) for
    mono, (channels, samples) otherwise, and the sample rate in Hz."""
    with open(path, 'rb') as source:
        data = source.read()
    if data[:4] != b'RIFF' or data[8:12] != b'WAVE':
        raise ValueError('%s: not a WAV file' % path)
    fmt = payload = None
    for tag, chunk in _chunks(data):
        if tag == b'fmt ':
            fmt = chunk
        elif tag == b'data':
            payload = chunk
    if fmt is None or payload is None:
        raise ValueError('%s: WAV file without fmt or data chunk' % path)
    tag, channels, rate = struct.unpack_from('<HHI', fmt, 0)
    bits = struct.unpack_from('<H', fmt, 14)[0]
    if tag == _EXTENSIBLE and len(fmt) >= 26:
        tag = struct.unpack_from('<H', fmt, 24)[0]
    if channels < 1:
        raise ValueError('%s: no channels' % path)
    samples = _samples(payload, tag, bits, channels)
    samples = samples.reshape(-1, channels).T
    return (samples[0] if channels == 1 else np.ascontiguousarray(samples)), \
        float(rate)
