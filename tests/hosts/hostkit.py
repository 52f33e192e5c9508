# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Shared by tests/test_hosts_*.py: which bundle real hosts load, a private
LV2_PATH holding only that bundle, host processes started with logs and a
time limit and stopped by process id, and audio comparisons.

The hosts load the release bundle, build/hyperres.lv2 (beside the
sanitizer build the suite runs against), not build/debug/hyperres.lv2:
Debian 12's jalv 1.6.6 hands plugins atom buffers that are only 4-byte
aligned (fixed upstream in 1.6.8), which the UBSan build (built with
-fno-sanitize-recover) turns into an abort on the first event it reads;
and preloading libasan into Ardour or Carla tests their allocators more
than our plugin. The sanitizers keep covering the plugin through our own
host (tests/test_plugin_*.c); these tests cover what users install."""

import glob
import os
import re
import select
import shutil
import signal
import subprocess
import time

import numpy as np

MONO = 'urn:uuid:f0b0c2a0-ac39-4130-8348-11027bec971e#mono'
STEREO = 'urn:uuid:f0b0c2a0-ac39-4130-8348-11027bec971e#stereo'
PRESETS = 'urn:uuid:f0b0c2a0-ac39-4130-8348-11027bec971e#preset-'

# Sources the release plugin is built from: a bundle older than any of
# them was not rebuilt (./waf build) and would test old code.
SOURCE_GLOBS = ['plugin/*.[ch]', 'protocol/*.[ch]', 'render/*.[ch]',
                'core/*.[ch]', 'ttl/*', 'presets/*.ttl']


def release_bundle(context):
    """build/hyperres.lv2, checked to exist and to be newer than its
    sources; raises AssertionError saying what to do otherwise."""
    bundle = os.path.join(os.path.dirname(context.build_dir), 'hyperres.lv2')
    binary = os.path.join(bundle, 'hyperres.so')
    if not os.path.exists(binary):
        raise AssertionError('%s is missing: the host tests load the release '
                             'bundle; build it with ./waf build' % binary)
    built = os.path.getmtime(binary)
    for pattern in SOURCE_GLOBS:
        for source in glob.glob(os.path.join(context.top, pattern)):
            if os.path.getmtime(source) > built + 1:
                raise AssertionError('%s is older than %s: rebuild with '
                                     './waf build' % (binary, source))
    return bundle


def lv2_path(context, name, bundle=None):
    """A folder holding only a link to `bundle` (default: the release
    bundle), for LV2_PATH: the hosts see our build and nothing else of
    build/ (they scan every entry of an LV2_PATH folder)."""
    folder = context.tmpdir(name)
    link = os.path.join(folder, 'hyperres.lv2')
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.abspath(bundle or release_bundle(context)), link)
    return folder


def host_env(**extra):
    """The environment for a host process: ours, less the sanitizer
    settings run_tests.py sets for sanitized programs, plus `extra`."""
    env = dict(os.environ)
    for key in ('ASAN_OPTIONS', 'LSAN_OPTIONS', 'UBSAN_OPTIONS',
                'LD_PRELOAD'):
        env.pop(key, None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def need_tools(*names):
    """Fail (never skip) when a host program is missing."""
    missing = [n for n in names if not shutil.which(n)]
    if missing:
        raise AssertionError('host programs missing: %s (Debian packages: '
                             'see setup.sh TEST_PACKAGES)' % ' '.join(missing))


class Processes:
    """Processes a test starts; each has a log file and a name. stop_all()
    ends them newest first by process id: SIGTERM, then SIGKILL after a
    grace time. Exit statuses are kept to tell crashes from clean exits."""

    def __init__(self, log_dir, env):
        self.log_dir = log_dir
        self.env = env
        self.procs = []
        self.status = {}

    def start(self, name, argv, stdin=None, env=None):
        log = open(self.log_path(name), 'w')
        proc = subprocess.Popen(argv, stdin=stdin, stdout=log,
                                stderr=subprocess.STDOUT,
                                env=env or self.env, text=True)
        self.procs.append((name, proc, log))
        return proc

    def log_path(self, name):
        return os.path.join(self.log_dir, name + '.log')

    def log(self, name):
        with open(self.log_path(name), errors='replace') as f:
            return f.read()

    def wait(self, name, seconds):
        """Wait for a process to end by itself; its exit status."""
        for n, proc, _ in self.procs:
            if n == name:
                try:
                    self.status[name] = proc.wait(timeout=seconds)
                except subprocess.TimeoutExpired:
                    raise AssertionError('%s did not end within %g s; log:\n%s'
                                         % (name, seconds, self.tail(name)))
                return self.status[name]
        raise KeyError(name)

    def stop(self, name, grace=5.0):
        for n, proc, log in self.procs:
            if n == name:
                self._stop(n, proc, log, grace)

    def stop_all(self, grace=5.0):
        for n, proc, log in reversed(self.procs):
            self._stop(n, proc, log, grace)

    def _stop(self, name, proc, log, grace):
        if proc.poll() is None:
            if proc.stdin:
                try:
                    proc.stdin.close()
                except OSError:
                    pass
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.status.setdefault(name, proc.returncode)
        log.close()

    def tail(self, name, lines=25):
        try:
            return '\n'.join(self.log(name).splitlines()[-lines:])
        except OSError:
            return '(no log)'


# How often a condition that starts a JACK client (jack_lsp,
# jack_connect) is polled: each opens and closes a client, and jackd has
# been seen to lose another client's wake-up when they come many a
# second on a loaded machine (tests/test_ui_jalv.py).
JACK_POLL_S = 0.5


def wait_for(condition, seconds, what, details=None, interval=0.05):
    """Poll `condition` every `interval` s until true; after `seconds`,
    fail saying `what` was awaited, with details() (e.g. a log tail) if
    given."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError('timed out after %g s waiting for %s%s'
                         % (seconds, what,
                            ':\n' + details() if details else ''))


def crashed(status):
    """A description if an exit status is a crash (a signal other than the
    SIGTERM/SIGKILL we send), else None."""
    if status is None or status >= 0:
        return None
    sig = -status
    if sig in (signal.SIGTERM, signal.SIGKILL):
        return None
    return 'killed by signal %d (%s)' % (sig, signal.Signals(sig).name)


def tone(seconds, rate, hz, level=0.25, phase=0.3):
    """A float32 sine whose first sample is not zero (so it can be found
    in a recording that starts with silence)."""
    t = np.arange(int(round(seconds * rate))) / rate
    return (level * np.sin(2 * np.pi * hz * t + phase)).astype(np.float32)


def locate(recorded, source):
    """The first frame where `recorded` (frames x channels) is not zero,
    None if it is silent, and whether `source` lies there bit for bit."""
    nonzero = np.flatnonzero(np.any(recorded != 0, axis=1))
    if nonzero.size == 0:
        return None, False
    start = int(nonzero[0])
    part = recorded[start:start + len(source)]
    whole = (len(part) == len(source) and
             np.array_equal(part.view(np.uint32), source.view(np.uint32)))
    return start, whole


def find_exact(recorded, source):
    """Where `source` (frames x channels) starts in `recorded`, found at
    the first non-zero sample, and whether every sample there is equal
    bit for bit with only silence around it. Returns (ok, description)."""
    rec = np.asarray(recorded, np.float32)
    src = np.asarray(source, np.float32)
    start, whole = locate(rec, src)
    if start is None:
        return False, 'the recording is silent (%d frames)' % len(rec)
    seg = rec[start:start + len(src)]
    if len(seg) < len(src):
        return False, ('recording ends %d frames into the signal (needs %d)'
                       % (len(seg), len(src)))
    if not whole:
        bad = np.flatnonzero(np.any(seg != src, axis=1))
        return False, ('%d of %d frames differ, first at %d (%r vs %r), '
                       'largest difference %.3g; %s'
                       % (bad.size, len(src), bad[0], seg[bad[0]].tolist(),
                          src[bad[0]].tolist(), np.abs(seg - src).max(),
                          channel_starts(rec, src)))
    after = rec[start + len(src):]
    if np.any(after != 0):
        return False, 'non-zero samples after the signal ended'
    return True, 'equal bit for bit, starting at frame %d' % start


def channel_starts(recorded, source):
    """Where each channel's own signal starts in the recording, and whether
    it is whole there (to tell a shifted channel from a damaged one)."""
    found = []
    for c in range(source.shape[1]):
        start, whole = locate(recorded[:, c:c + 1], source[:, c:c + 1])
        if start is None:
            found.append('channel %d silent' % c)
        else:
            found.append('channel %d from frame %d%s' % (
                c, start, '' if whole else ' (not equal there)'))
    return ', '.join(found)


def read_wav(path):
    """A WAV file as float32 (frames x channels): float32 or 16/24/32-bit
    PCM, WAVE_FORMAT_EXTENSIBLE too; and its rate."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:4] != b'RIFF' or data[8:12] != b'WAVE':
        raise AssertionError('%s is not a WAV file' % path)
    pos, fmt, body = 12, None, None
    while pos + 8 <= len(data):
        tag = data[pos:pos + 4]
        size = int.from_bytes(data[pos + 4:pos + 8], 'little')
        chunk = data[pos + 8:pos + 8 + size]
        if tag == b'fmt ':
            fmt = chunk
        elif tag == b'data':
            body = chunk
        pos += 8 + size + (size & 1)
    if fmt is None or body is None:
        raise AssertionError('%s: no fmt or data chunk' % path)
    code = int.from_bytes(fmt[0:2], 'little')
    channels = int.from_bytes(fmt[2:4], 'little')
    rate = int.from_bytes(fmt[4:8], 'little')
    bits = int.from_bytes(fmt[14:16], 'little')
    if code == 0xFFFE:
        code = int.from_bytes(fmt[24:26], 'little')
    if code == 3 and bits == 32:
        samples = np.frombuffer(body, '<f4')
    elif code == 1 and bits == 16:
        samples = np.frombuffer(body, '<i2').astype(np.float32) / 32768.0
    elif code == 1 and bits == 32:
        samples = (np.frombuffer(body, '<i4').astype(np.float64)
                   / 2147483648.0).astype(np.float32)
    elif code == 1 and bits == 24:
        raw = np.frombuffer(body, np.uint8).reshape(-1, 3).astype(np.int32)
        value = raw[:, 0] | (raw[:, 1] << 8) | (raw[:, 2] << 16)
        value = np.where(value >= 1 << 23, value - (1 << 24), value)
        samples = (value / 8388608.0).astype(np.float32)
    else:
        raise AssertionError('%s: WAV format %d, %d bits not read here'
                             % (path, code, bits))
    frames = len(samples) // channels
    return samples[:frames * channels].reshape(frames, channels), rate


def last_values(text, names):
    """The last `name = value` line of each name in a host's output."""
    values = {}
    for name in names:
        found = re.findall(r'^\s*(?:> )*%s = (-?[0-9.eE+-]+|nan|inf)\s*$'
                           % re.escape(name), text, re.M)
        if found:
            values[name] = float(found[-1])
    return values


def jack_ports(env, connections=False):
    """jack_lsp's output (with -c: each port's connections indented)."""
    proc = subprocess.run(['jack_lsp'] + (['-c'] if connections else []),
                          env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, timeout=10)
    return proc.stdout


def connect_missing(env, outputs, recorder='jstdout'):
    """Connect each of `outputs` not yet connected to jack-stdout's input
    of the same position; True once all are connected."""
    listing = jack_ports(env, True)
    missing = [(i, p) for i, p in enumerate(outputs) if listing.count(p) < 2]
    for i, port in missing:
        subprocess.run(['jack_connect', port, '%s:input%d' % (recorder, i + 1)],
                       env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=10)
    return not missing


# jackd's mode for tests that compare audio: synchronous (the server
# waits for every client each period: no client is skipped, so audio
# through the graph is deterministic), without real-time threads.
JACK_SYNCHRONOUS = ('--no-realtime', '-S')


def start_jack(procs, server, rate, period, seconds=15,
               mode=JACK_SYNCHRONOUS):
    """A private jackd, dummy driver, started with the flags `mode`
    (default synchronous); returns when clients can connect."""
    procs.start('jackd', ['jackd', '-n', server] + list(mode) +
                ['-d', 'dummy', '-r', str(rate), '-p', str(period)])
    procs.start('jack_wait', ['jack_wait', '-s', server, '-w', '-t',
                              str(seconds)])
    assert procs.wait('jack_wait', seconds + 5) == 0, \
        'jackd did not start:\n' + procs.tail('jackd')


def play_and_record(procs, env, work, source, inputs, outputs, rate):
    """Play `source` (frames x len(inputs), float32) into the JACK ports
    `inputs` with jack-stdin while jack-stdout records `outputs`; returns
    the recording (frames x len(outputs)). Silence follows the signal:
    jack-stdin may stop before playing its last period."""
    channels = source.shape[1]
    source_path = os.path.join(work, 'source.f32')
    padded = np.concatenate([source, np.zeros((rate // 4, channels),
                                              np.float32)])
    padded.astype('<f4').tofile(source_path)
    recorded_path = os.path.join(work, 'recorded.f32')
    recorder_log = os.path.join(work, 'jack-stdout.log')
    with open(recorded_path, 'wb') as out:
        log = open(recorder_log, 'w')
        recorder = subprocess.Popen(['jack-stdout', '-q', '-e', 'float']
                                    + outputs, stdout=out, stderr=log,
                                    env=env)
        procs.procs.append(('jack-stdout', recorder, log))
        # jack-stdout connects its inputs itself when it starts; a client
        # busy rebuilding its analyser can refuse that once, so connect
        # what is missing again until all are (generous on a loaded
        # machine: a synchronous jackd is slow to take a new client).
        wait_for(lambda: connect_missing(env, outputs)
                 or recorder.poll() is not None,
                 30, 'jack-stdout to connect',
                 lambda: open(recorder_log).read()[-2000:]
                 + '\njack_lsp -c:\n' + jack_ports(env, True),
                 interval=JACK_POLL_S)
        procs.start('jack-stdin', ['jack-stdin', '-q', '-e', 'float', '-f',
                                   source_path] + inputs)
        assert procs.wait('jack-stdin', len(padded) / rate + 15) == 0, \
            'jack-stdin failed:\n' + procs.tail('jack-stdin')
        time.sleep(0.2)
        procs.stop('jack-stdout')
    return np.fromfile(recorded_path, '<f4').reshape(-1, len(outputs))


def start_xvfb(procs, screen):
    """A private X server; its display name (Xvfb picks a free number
    and writes it to a pipe)."""
    read_end, write_end = os.pipe()
    log = open(procs.log_path('xvfb'), 'w')
    proc = subprocess.Popen(['Xvfb', '-displayfd', str(write_end), '-screen',
                             '0', '%dx%dx24' % screen, '-nolisten', 'tcp'],
                            stdout=log, stderr=subprocess.STDOUT,
                            pass_fds=[write_end])
    procs.procs.append(('xvfb', proc, log))
    os.close(write_end)
    # Read up to the newline: Xvfb writes the number and the newline
    # separately, and dies if the pipe is closed in between.
    text, deadline = b'', time.time() + 20
    while not text.endswith(b'\n') and time.time() < deadline:
        if select.select([read_end], [], [], 1)[0]:
            chunk = os.read(read_end, 64)
            if not chunk:  # Xvfb ended
                break
            text += chunk
    os.close(read_end)
    number = text.decode().strip()
    assert number.isdigit(), 'Xvfb did not start:\n' + procs.tail('xvfb')
    return ':' + number
