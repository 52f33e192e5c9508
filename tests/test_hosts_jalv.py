# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Both plugins in jalv (console), under a private JACK server with the
dummy driver: a tone from jack-stdin goes through each plugin into
jack-stdout and must come back bit for bit; jalv applies a preset and the
plugin's output ports show that it analysed (load > 0, the picture latency
the preset's filters give, no drops). Then everything started is stopped
by process id and must have ended without a crash.

Console jalv has no UI, so no UIOn reaches the plugin and no columns flow:
the spectral proof in jalv is tests/test_ui_jalv.py (jalv.gtk3 + our UI)."""

import os
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                'hosts'))
import hostkit  # noqa: E402

RATE = 48000
PERIOD = 256
SECONDS = 2.0
SERVER = 'hr-hosts-jalv-%d' % os.getpid()
TOOLS = ['jackd', 'jack_wait', 'jack_lsp', 'jalv', 'stdbuf', 'jack-stdin',
         'jack-stdout']


def send(proc, line):
    proc.stdin.write(line + '\n')
    proc.stdin.flush()


def test_jalv_passes_audio_and_analyses(context):
    hostkit.need_tools(*TOOLS)
    work = context.tmpdir('hosts_jalv')
    env = hostkit.host_env(JACK_DEFAULT_SERVER=SERVER,
                           JACK_NO_AUDIO_RESERVATION=1,
                           LV2_PATH=hostkit.lv2_path(context, 'hosts_jalv_lv2'))
    procs = hostkit.Processes(work, env)
    timing = {}
    start = time.time()
    try:
        hostkit.start_jack(procs, SERVER, RATE, PERIOD)
        timing['jackd'] = time.time() - start

        jalv = {}
        for name, uri in (('hr_mono', hostkit.MONO),
                          ('hr_stereo', hostkit.STEREO)):
            jalv[name] = procs.start(name, ['stdbuf', '-oL', 'jalv', '-x',
                                            '-n', name, uri],
                                     stdin=subprocess.PIPE)
        ports = ['hr_mono:in', 'hr_mono:out', 'hr_stereo:in_l',
                 'hr_stereo:in_r', 'hr_stereo:out_l', 'hr_stereo:out_r']
        hostkit.wait_for(lambda: all(p in hostkit.jack_ports(env).split()
                                     for p in ports) or any(
                             p.poll() is not None for p in jalv.values()),
                         20, 'the jalv clients\' ports',
                         interval=hostkit.JACK_POLL_S)
        for name, proc in jalv.items():
            assert proc.poll() is None, '%s ended early:\n%s' % (
                name, procs.tail(name))
        timing['jalv up'] = time.time() - start

        # A preset through jalv's preset command, a control by symbol.
        # jalv loads preset data with `presets`, before `preset URI` works.
        send(jalv['hr_mono'], 'presets')
        send(jalv['hr_mono'], 'preset %stonal' % hostkit.PRESETS)
        send(jalv['hr_stereo'], 'channel = 3')
        hostkit.wait_for(lambda: 'q = 4.0' in procs.log('hr_mono'), 10,
                         'jalv to apply the Tonal preset',
                         lambda: procs.tail('hr_mono'))

        source = np.stack([hostkit.tone(SECONDS, RATE, 1000.0),
                           hostkit.tone(SECONDS, RATE, 1500.0, 0.2, 0.7),
                           hostkit.tone(SECONDS, RATE, 440.0, 0.3, 1.1)],
                          axis=1)
        play_start = time.time()
        recorded = hostkit.play_and_record(
            procs, env, work, source,
            ['hr_mono:in', 'hr_stereo:in_l', 'hr_stereo:in_r'],
            ['hr_mono:out', 'hr_stereo:out_l', 'hr_stereo:out_r'], RATE)
        timing['play'] = time.time() - play_start
        for proc in jalv.values():
            send(proc, 'monitors')
        hostkit.wait_for(lambda: all(
            'drops = ' in procs.log(n) for n in jalv), 10,
            'jalv to print the output ports',
            lambda: procs.tail('hr_mono') + procs.tail('hr_stereo'))

        # Clean exits: jalv ends at the end of its input, then the server.
        for name, proc in jalv.items():
            proc.stdin.close()
            status = procs.wait(name, 10)
            assert status == 0, '%s exit status %d:\n%s' % (
                name, status, procs.tail(name))
        procs.stop('jackd')
        crashes = {n: hostkit.crashed(s) for n, s in procs.status.items()
                   if hostkit.crashed(s)}
        assert not crashes, 'crashed: %s' % crashes
        timing['total'] = time.time() - start

        ok, how = hostkit.find_exact(recorded, source)
        assert ok, 'audio through jalv: ' + how
        mono = hostkit.last_values(procs.log('hr_mono'),
                                   ['q', 'latency', 'load', 'drops'])
        stereo = hostkit.last_values(procs.log('hr_stereo'),
                                     ['q', 'channel', 'latency', 'load',
                                      'drops'])
        print('jalv: %s; mono %s; stereo %s; %s' % (
            how, mono, stereo, ', '.join('%s %.1f s' % kv
                                         for kv in timing.items())))
        assert mono.get('q') == 4.0, mono
        assert stereo.get('channel') == 3.0, stereo
        for name, values in (('mono', mono), ('stereo', stereo)):
            assert values.get('load', 0) > 0, \
                '%s: load %r: run() did not analyse' % (name, values)
            assert values.get('drops') == 0, '%s: %r' % (name, values)
        # Tonal (q 4) has twice the picture latency of the defaults (q 2).
        ratio = mono['latency'] / stereo['latency']
        assert 1.8 < ratio < 2.2, 'latency %r vs %r' % (mono, stereo)
    finally:
        procs.stop_all()
