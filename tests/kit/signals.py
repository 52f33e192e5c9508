# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Test signals for the streaming/plugin agreement tests (seeded,
deterministic): each is a function of (seconds, rate) -> samples."""

import numpy as np

import hrtest


def fade(x, rate, seconds=0.05):
    ramp = min(len(x) // 2, int(seconds * rate))
    envelope = np.ones(len(x))
    envelope[:ramp] = np.linspace(0.0, 1.0, ramp)
    envelope[len(x) - ramp:] = np.linspace(1.0, 0.0, ramp)
    return x * envelope


def times(seconds, rate):
    return np.arange(int(seconds * rate)) / rate


def tone(seconds, rate):
    return 0.3 * np.sin(2 * np.pi * 1000 * times(seconds, rate))


def two_tones(seconds, rate):
    t = times(seconds, rate)
    return 0.2 * np.sin(2 * np.pi * 1000 * t) + 0.2 * np.sin(2 * np.pi * 1200 * t)


def vibrato(seconds, rate):
    t = times(seconds, rate)
    return 0.3 * np.sin(2 * np.pi * (1500 * t - 100 / 6 * np.cos(2 * np.pi * 6 * t)))


def chirp(seconds, rate):
    t = times(seconds, rate)
    growth = np.log(10000 / 100) / seconds
    return 0.3 * np.sin(2 * np.pi * 100 * (np.exp(growth * t) - 1) / growth)


def clicks(seconds, rate):
    x = np.zeros(int(seconds * rate))
    x[rate // 20::rate // 10] = 0.8
    return x


def tone_clicks(seconds, rate):
    x = 0.3 * np.sin(2 * np.pi * 440 * times(seconds, rate))
    x[rate // 4::rate // 2] += 0.6
    return x


def speech(seconds, rate):
    """Voiced syllables (a gliding 120 Hz pulse train's harmonics under
    moving formants, 4 syllables a second) with noisy consonants."""
    t = times(seconds, rate)
    f0 = 120 + 20 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / rate
    formant1 = 500 + 200 * np.sin(2 * np.pi * 2 * t)
    formant2 = 1500 + 500 * np.sin(2 * np.pi * 1.3 * t)
    voiced = np.zeros_like(t)
    for k in range(1, 30):
        freq = k * f0
        gain = (np.exp(-((freq - formant1) / 150) ** 2)
                + 0.5 * np.exp(-((freq - formant2) / 250) ** 2) + 0.02)
        voiced += gain * np.sin(k * phase) / k
    syllable = np.clip(np.sin(2 * np.pi * 4 * t), 0, None) ** 2
    consonant = np.clip(-np.sin(2 * np.pi * 4 * t), 0, None) ** 8
    noise = np.random.default_rng(7).standard_normal(len(t))
    return 0.3 * voiced * syllable + 0.05 * noise * consonant


def noise(seconds, rate):
    n = int(seconds * rate)
    return fade(0.1 * np.random.default_rng(3).standard_normal(n), rate, 0.5)


# name -> (function, single ridge?)
SIGNALS = {
    'tone': (tone, True),
    'two_tones': (two_tones, False),
    'vibrato': (vibrato, True),
    'chirp': (chirp, True),
    'clicks': (clicks, False),
    'tone_clicks': (tone_clicks, False),
    'speech': (speech, False),
    'noise': (noise, False),
}


def make(name, seconds, rate):
    function, _ = SIGNALS[name]
    n = int(seconds * rate)
    return fade(function(seconds, rate), rate) + hrtest.noise(n, 1e-5, seed=11)
