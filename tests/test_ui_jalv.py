# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The UI in a real host, headless: Xvfb, `jackd -d dummy`, jalv.gtk3
with the bundle's mono plugin and its UI, a 1 kHz tone from jack_metro,
screenshots with `import -window root`. Checks that the window is not
blank, that the tone's ridge lies on the row the frequency axis puts
1 kHz at (its tick), and that the picture scrolls between two shots.

Uses the release bundle (jalv.gtk3 cannot load sanitizer builds). Needs
the Debian packages xvfb imagemagick jalv jackd2 (./setup.sh installs
them); without them, or without the bundle's hyperres_ui.so, it fails
and says why.

JACK itself sometimes loses a client on a loaded machine: in about one
run in seven under load, when this test ran jack_lsp twenty times a
second, jackd logged "client = hr was not finished, state =
Triggered" every cycle from then on (it woke jalv's process thread, which
sat waiting in libjack and never entered run()), or, in synchronous mode,
"engine may now behave abnormally" after a short-lived client (jack_lsp,
jack_connect) closed. Short-lived clients are therefore polled for
sparingly, and when jackd's log shows that state the whole host is
started again, at most twice; the message says so if it never works."""

import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                'hosts'))
import hostkit  # noqa: E402

PLUGIN = 'urn:uuid:f0b0c2a0-ac39-4130-8348-11027bec971e#mono'
TOOLS = ['Xvfb', 'import', 'jalv.gtk3', 'jackd', 'jack_wait', 'jack_metro',
         'jack_connect', 'jack_lsp']
TONE_HZ = 1000.0
# The Config the plugin sends with its default ports at 48 kHz.
FMAX, FMIN, NOCT, SPAN_S = 20000.0, 50.0, 108.0, 10.0
FRAME_RGB = (128, 133, 148)  # render/render_decor.c k_frame


# jackd's words for a graph that no longer runs (see the docstring).
JACK_LOST_CLIENT = 'client = hr was not finished, state = Triggered'
JACK_BROKEN = 'engine may now behave abnormally'
ATTEMPTS = 3


class JackStalled(Exception):
    """jackd stopped running the graph: not the plugin's doing."""


def check_jack(procs):
    """Raise JackStalled when jackd's log shows the graph stuck: the
    client skipped in a hundred cycles (about a second) or the engine said
    it is broken. A plugin stuck in run() would be "Running" instead."""
    log = procs.log('jackd')
    if log.count(JACK_LOST_CLIENT) >= 100 or JACK_BROKEN in log:
        raise JackStalled(procs.tail('jackd', 3))


def is_sanitized(path):
    """True for a library built with AddressSanitizer (jalv.gtk3 hangs with
    the sanitizer preloaded, so those bundles are not used)."""
    with open(path, 'rb') as f:
        return b'__asan_init' in f.read()


def find_bundle(context):
    """The release bundle next to the sanitizer build (build/hyperres.lv2
    beside build/debug/), else the build's own if it is not sanitized."""
    candidates = [os.path.join(os.path.dirname(context.build_dir),
                               'hyperres.lv2'),
                  os.path.join(context.build_dir, 'hyperres.lv2')]
    for bundle in candidates:
        ui_so = os.path.join(bundle, 'hyperres_ui.so')
        if os.path.exists(ui_so) and not is_sanitized(ui_so):
            return bundle
    return None


def screenshot(env, path):
    subprocess.run(['import', '-window', 'root', '-depth', '8', path],
                   env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    with open(path, 'rb') as f:
        data = f.read()
    # binary PPM: "P6\n<w> <h>\n<max>\n" then RGB samples
    fields, offset = [], 0
    while len(fields) < 4:
        while data[offset:offset + 1].isspace():
            offset += 1
        end = offset
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[offset:end])
        offset = end
    width, height, most = int(fields[1]), int(fields[2]), int(fields[3])
    dtype = np.uint8 if most < 256 else np.dtype('>u2')
    pixels = np.frombuffer(data, dtype, width * height * 3, offset + 1)
    pixels = pixels.reshape(height, width, 3).astype(np.int32)
    return pixels * 255 // most


def plot_rect(image):
    """Inside of the picture's frame: (left, top, right, bottom), the
    left/right/top/bottom frame lines being the longest runs of the frame
    colour (the colour bar's frame is narrower and lies further right)."""
    frame = np.all(np.abs(image - FRAME_RGB) <= 2, axis=2)
    columns = np.nonzero(frame.sum(axis=0) > 0.5 * frame.sum(axis=0).max())[0]
    rows = np.nonzero(frame.sum(axis=1) > 0.5 * frame.sum(axis=1).max())[0]
    assert len(columns) >= 2 and len(rows) >= 2, 'no picture frame found'
    left, top, bottom = columns[0], rows[0], rows[-1]
    right = columns[np.argmax(columns > left + 50)]
    return left + 1, top + 1, right, bottom


def recent_bright_rows(image):
    """Bright pixels per row in the newest 40 % of the picture, and the
    picture's top."""
    left, top, right, bottom = plot_rect(image)
    plot = image[top:bottom, left:right].sum(axis=2)
    recent = plot[:, int(0.6 * plot.shape[1]):]
    return (recent > 450).sum(axis=1), top


def shows_signal(image):
    try:
        return recent_bright_rows(image)[0].max() >= 10
    except AssertionError:  # no frame drawn yet
        return False


def hz_y(top, bottom, hz):
    rows = int(np.ceil(NOCT * np.log2(FMAX / FMIN) + 1.0))
    row = NOCT * np.log2(FMAX / hz)
    return top + (row + 0.5) * (bottom - top) / rows


def start_host(procs, env, server):
    """Xvfb, jackd, jalv.gtk3 with the plugin and jack_metro's tone into
    it; returns jalv's process once the tone is connected (jack_lsp and
    jack_connect polled at hostkit.JACK_POLL_S)."""
    # Xvfb picks a free display itself: a number of our own could clash
    # with another X server, in this machine or a chroot sharing its
    # abstract sockets.
    env['DISPLAY'] = hostkit.start_xvfb(procs, (1280, 800))
    # jackd's default mode (asynchronous, real-time threads asked for):
    # the picture needs no bit-exact audio.
    hostkit.start_jack(procs, server, 48000, 512, 10, mode=())
    # A roomy plugin-to-UI ring (4 MB): Columns messages are up to the
    # notify port's 128 KB, and jalv's default ring overflowed.
    host = procs.start('jalv', ['jalv.gtk3', '-n', '-x', '-b', '4194304',
                                '--jack-name', 'hr', PLUGIN])
    procs.start('metro', ['jack_metro', '-f', str(TONE_HZ), '-A', '0.5',
                          '-D', '900', '-b', '60', '-n', 'metro'])
    found = {}

    def ports_exist():
        listing = hostkit.jack_ports(env).split()
        metro = [p for p in listing if p.startswith('metro:')]
        if 'hr:in' in listing and metro:
            found['metro'] = metro[0]
            return True
        return False

    hostkit.wait_for(ports_exist, 20, 'jalv and jack_metro ports',
                     interval=hostkit.JACK_POLL_S)

    def connected():  # jalv's ports exist before it is active
        subprocess.run(['jack_connect', found['metro'], 'hr:in'], env=env,
                       capture_output=True)
        return found['metro'] in subprocess.run(
            ['jack_lsp', '-c', 'hr:in'], env=env, capture_output=True,
            text=True).stdout

    hostkit.wait_for(connected, 20, 'the tone to reach the plugin',
                     interval=hostkit.JACK_POLL_S)
    return host


def shoot(procs, env, host, work):
    """Two shots 1.5 s apart once the picture shows the tone."""
    time.sleep(5.0)
    assert host.poll() is None, 'jalv.gtk3 exited: see %s' % work

    def tone_shown():
        check_jack(procs)
        return shows_signal(screenshot(env, os.path.join(work, 'wait.ppm')))

    # On a loaded machine the first columns can take longer (latency,
    # worker, jalv's UI timer; seen past 30 s at load 10): wait until the
    # newest part of the picture shows something, then take the shots.
    # The wait ends as soon as it does.
    hostkit.wait_for(tone_shown, 90, 'the picture to show the tone',
                     interval=0.1)
    shots = []
    for name in ['shot1.ppm', 'shot2.ppm']:
        stamp = time.time()
        shots.append((screenshot(env, os.path.join(work, name)), stamp))
        time.sleep(1.5)
    return shots


def run_host(lv2_dir, work):
    """Start everything with LV2_PATH `lv2_dir`, take two shots 1.5 s
    apart; [(image, time)]. Starts again, with a new JACK server, when
    jackd stalls."""
    stalls = []
    for attempt in range(ATTEMPTS):
        attempt_work = os.path.join(work, 'attempt%d' % attempt)
        os.makedirs(attempt_work)
        env = dict(os.environ)
        server = 'hyperres-test-%d-%d' % (os.getpid(), attempt)
        env.update({'JACK_DEFAULT_SERVER': server,
                    'JACK_NO_AUDIO_RESERVATION': '1',
                    'LV2_PATH': lv2_dir,
                    'XDG_CACHE_HOME': os.path.join(work, 'cache')})
        procs = hostkit.Processes(attempt_work, env)
        try:
            host = start_host(procs, env, server)
            return shoot(procs, env, host, attempt_work)
        except JackStalled as stall:
            stalls.append('%s: %s' % (attempt_work, stall))
            print('jackd stalled, starting again (%s)' % attempt_work,
                  file=sys.stderr)
        finally:
            procs.stop_all()
    raise AssertionError('jackd stalled in every attempt:\n' +
                         '\n'.join(stalls))


def best_shift(a, b, most):
    """Shift s (pixels) that best maps a[:, s:] onto b[:, :-s]."""
    errors = [np.abs(a[:, s:] - b[:, :a.shape[1] - s]).mean()
              for s in range(0, most)]
    return int(np.argmin(errors)), errors


def test_ui_in_jalv(context):
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        raise AssertionError('missing ' + ', '.join(missing) +
                             ' (./setup.sh installs xvfb imagemagick jalv '
                             'jackd2)')
    bundle_dir = find_bundle(context)
    if not bundle_dir:
        raise AssertionError('no release hyperres.lv2 with hyperres_ui.so '
                             'beside ' + context.build_dir + ' (./waf build)')
    work = tempfile.mkdtemp(prefix='jalv-', dir=context.scratch)
    lv2_dir = hostkit.lv2_path(context, 'ui_jalv_lv2', bundle_dir)
    (first, t1), (second, t2) = run_host(lv2_dir, work)

    assert len(np.unique(first.reshape(-1, 3), axis=0)) > 50, 'blank window'
    left, top, right, bottom = plot_rect(first)
    assert right - left > 300 and bottom - top > 200, (left, top, right, bottom)

    bright, _ = recent_bright_rows(first)
    ridge = top + int(np.argmax(bright))
    want = hz_y(top, bottom, TONE_HZ)
    assert abs(ridge - want) <= 2.0, 'ridge at y=%d, 1 kHz at y=%.1f (%s)' % (
        ridge, want, work)
    tick = first[int(round(want)) - 1:int(round(want)) + 2, left - 5:left - 1]
    assert np.any(np.all(np.abs(tick - FRAME_RGB) <= 2, axis=2)), \
        'no axis tick at 1 kHz (y=%.1f)' % want

    a = first[top:bottom, left:right].sum(axis=2)
    b = second[top:bottom, left:right].sum(axis=2)
    expected = (t2 - t1) / SPAN_S * a.shape[1]
    shift, errors = best_shift(a, b, int(2 * expected) + 10)
    assert errors[0] > 0, 'the picture did not change'
    assert abs(shift - expected) <= 0.25 * expected + 3, \
        'scrolled %d px, expected about %.0f' % (shift, expected)
