# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Both plugins in lv2file, Debian's offline host: a WAV file in, a WAV
file out, with a preset; the output must equal the input bit for bit.

Known host bug (Debian 12, lv2file 0.95): lv2file.c declares the
work:schedule LV2_Feature inside an `if` block and passes its address
after the block ends, so plugins that require work:schedule (ours) get a
features array whose last entry is stale stack memory (URI NULL) and
instantiate reads it. The test then fails saying so."""

import os
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                'hosts'))
import hostkit  # noqa: E402
import hrtest  # noqa: E402

RATE = 48000


def run_lv2file(context, env, wav_in, wav_out, uri, preset):
    argv = ['lv2file', '-i', wav_in, '-o', wav_out, '-P', preset, '-b', '1000',
            uri]
    try:
        proc = subprocess.run(argv, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        raise AssertionError('lv2file did not end within 60 s: %s' % argv)
    crash = hostkit.crashed(proc.returncode)
    if crash:
        raise AssertionError(
            'lv2file %s: %s. lv2file 0.95 passes a dangling work:schedule '
            'feature (lv2file.c: `schedule_feature` goes out of scope before '
            'lilv_plugin_instantiate), which plugins requiring work:schedule '
            'read as a feature with a NULL URI.\n%s'
            % (uri, crash, proc.stdout[-2000:]))
    assert proc.returncode == 0, 'lv2file %s: exit %d\n%s' % (
        uri, proc.returncode, proc.stdout[-2000:])
    return proc.stdout


def test_lv2file_passes_audio(context):
    hostkit.need_tools('lv2file')
    work = context.tmpdir('hosts_lv2file')
    env = hostkit.host_env(LV2_PATH=hostkit.lv2_path(context,
                                                     'hosts_lv2file_lv2'))
    left = hostkit.tone(1.5, RATE, 1000.0)
    right = hostkit.tone(1.5, RATE, 1500.0, 0.2, 0.7)
    cases = [('mono', hostkit.MONO, left[:, np.newaxis], 'Tonal'),
             ('stereo', hostkit.STEREO, np.stack([left, right], axis=1),
              'Transients')]
    for name, uri, signal, preset in cases:
        start = time.time()
        wav_in = os.path.join(work, name + '_in.wav')
        wav_out = os.path.join(work, name + '_out.wav')
        hrtest.write_wav(wav_in, signal, RATE)
        log = run_lv2file(context, env, wav_in, wav_out, uri, preset)
        out, rate = hostkit.read_wav(wav_out)
        assert rate == RATE, rate
        assert out.shape == signal.shape, (out.shape, signal.shape, log)
        assert np.array_equal(out.view(np.uint32),
                              signal.astype(np.float32).view(np.uint32)), \
            'lv2file %s: output differs from the input' % name
        print('lv2file %s: %d frames equal bit for bit (%.1f s)'
              % (name, len(out), time.time() - start))
