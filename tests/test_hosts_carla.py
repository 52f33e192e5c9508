# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Both plugins in Carla's engine, headless, under a private JACK server
(dummy driver). Runs when CARLA_DIR names a Carla source tree whose
backend is built (`make backend`: bin/libcarla_standalone2.so); Debian 12
has no Carla package, so without CARLA_DIR the test says SKIP and why.

tests/hosts/carla_session.py (its own process) loads hyperres mono and
stereo by URI through Carla's ctypes binding, one JACK client each. The
test selects presets as Carla programs, plays tones through both with
jack-stdin/jack-stdout (bit for bit back), reads the output parameters
(load > 0, the preset's latency, no drops), saves each plugin's state,
changes a control, restores the state and checks the control came back,
then closes the engine: no crash, exit 0."""

import os
import re
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'hosts'))
import hostkit  # noqa: E402
import hrtest  # noqa: E402

RATE = 48000
PERIOD = 256
SECONDS = 2.0
SERVER = 'hr-hosts-carla-%d' % os.getpid()
TOOLS = ['jackd', 'jack_wait', 'jack_lsp', 'jack-stdin', 'jack-stdout']


class Carla:
    """The carla_session.py process: commands in, "HR " lines out."""

    def __init__(self, procs, env, lv2_path):
        self.procs = procs
        self.proc = procs.start('carla', [
            '/usr/bin/python3', '-u', os.path.join(HERE, 'hosts',
                                                   'carla_session.py'),
            lv2_path, hostkit.MONO, hostkit.STEREO], stdin=subprocess.PIPE)
        self.expect('HR READY', 30)

    def expect(self, line, seconds):
        hostkit.wait_for(lambda: line in self.procs.log('carla')
                         or self.proc.poll() is not None
                         or 'HR ERROR' in self.procs.log('carla'),
                         seconds, 'Carla: ' + line,
                         lambda: self.procs.tail('carla'))
        log = self.procs.log('carla')
        assert line in log and 'HR ERROR' not in log, \
            'Carla:\n' + self.procs.tail('carla', 60)

    def command(self, line, seconds=10):
        done = self.procs.log('carla').count('HR OK')
        self.proc.stdin.write(line + '\n')
        self.proc.stdin.flush()
        hostkit.wait_for(lambda: self.procs.log('carla').count('HR OK') > done
                         or 'HR ERROR' in self.procs.log('carla')
                         or self.proc.poll() is not None, seconds,
                         'Carla: ' + line, lambda: self.procs.tail('carla'))
        log = self.procs.log('carla')
        assert 'HR ERROR' not in log, 'Carla %s:\n%s' % (
            line, self.procs.tail('carla'))
        return log

    def params(self):
        """{(plugin id, symbol): value} from the latest `params`."""
        log = self.command('params')
        block = log.split('HR OK')[-2]  # this command's lines
        return {(int(p), s): float(v) for p, s, _, v in re.findall(
            r'^HR PARAM (\d+) (\S+) (in|out) (\S+)$', block, re.M)}


def test_carla_hosts_the_plugins(context):
    carla_dir = os.environ.get('CARLA_DIR')
    if not carla_dir:
        raise hrtest.Skip('CARLA_DIR is not set (Debian 12 has no Carla; '
                          'point CARLA_DIR at a Carla source tree built with '
                          '`make backend`)')
    library = os.path.join(carla_dir, 'bin', 'libcarla_standalone2.so')
    binding = os.path.join(carla_dir, 'source', 'frontend',
                           'carla_backend.py')
    for path in (library, binding):
        assert os.path.exists(path), 'CARLA_DIR=%s lacks %s' % (carla_dir,
                                                                 path)
    hostkit.need_tools(*TOOLS)
    work = context.tmpdir('hosts_carla')
    lv2_path = hostkit.lv2_path(context, 'hosts_carla_lv2')
    env = hostkit.host_env(JACK_DEFAULT_SERVER=SERVER,
                           JACK_NO_AUDIO_RESERVATION=1, CARLA_DIR=carla_dir,
                           HOME=context.tmpdir('hosts_carla_home'))
    procs = hostkit.Processes(work, env)
    start = time.time()
    try:
        hostkit.start_jack(procs, SERVER, RATE, PERIOD)
        carla = Carla(procs, env, lv2_path)
        # Multiple-clients mode: a JACK client per plugin, named after it.
        names = dict(re.findall(r'^HR PLUGIN (\d)+ [^|]*\|([^|]*)\|',
                                procs.log('carla'), re.M))
        ports = hostkit.jack_ports(env).split('\n')
        ins = ['%s:In' % names['0'], '%s:In L' % names['1'],
               '%s:In R' % names['1']]
        outs = [p.replace(':In', ':Out') for p in ins]
        assert all(p in ports for p in ins + outs), (ins, outs, ports)
        carla.command('program 0 Tonal')
        carla.command('program 1 Voice')
        carla.command('set 1 channel 3')
        before = carla.params()
        assert before[(0, 'q')] == 4.0, before

        source = np.stack([hostkit.tone(SECONDS, RATE, 1000.0),
                           hostkit.tone(SECONDS, RATE, 1500.0, 0.2, 0.7),
                           hostkit.tone(SECONDS, RATE, 440.0, 0.3, 1.1)],
                          axis=1)
        recorded = hostkit.play_and_record(procs, env, work, source, ins,
                                           outs, RATE)
        ok, how = hostkit.find_exact(recorded, source)
        assert ok, 'audio through Carla (%s -> %s): %s' % (ins, outs, how)
        after = carla.params()
        for pid in (0, 1):
            assert after[(pid, 'load')] > 0, after
            assert after[(pid, 'drops')] == 0, after
        # The picture latency follows the longest filter, q / fmin.
        expected = ((before[(0, 'q')] / before[(0, 'fmin')])
                    / (before[(1, 'q')] / before[(1, 'fmin')]))
        ratio = after[(0, 'latency')] / after[(1, 'latency')]
        assert abs(ratio / expected - 1) < 0.05, (ratio, expected, after)

        # State: save, change, restore.
        for pid in (0, 1):
            path = os.path.join(work, 'state%d.carxs' % pid)
            carla.command('save %d %s' % (pid, path))
            assert os.path.getsize(path) > 0
            carla.command('set %d q 0.5' % pid)
            assert carla.params()[(pid, 'q')] == 0.5
            carla.command('load %d %s' % (pid, path))
        restored = carla.params()
        for key in [(0, 'q'), (1, 'q'), (1, 'channel'), (0, 'fmin')]:
            assert restored[key] == before[key], (key, restored, before)

        carla.proc.stdin.write('quit\n')
        carla.proc.stdin.close()
        status = procs.wait('carla', 20)
        crash = hostkit.crashed(status)
        assert not crash and status == 0, 'Carla ended with %s:\n%s' % (
            crash or 'exit %d' % status, procs.tail('carla'))
        procs.stop('jackd')
        print('carla: %s; mono %s; stereo %s; %.1f s' % (
            how, {k[1]: v for k, v in after.items() if k[0] == 0},
            {k[1]: v for k, v in after.items() if k[0] == 1},
            time.time() - start))
    finally:
        procs.stop_all()
