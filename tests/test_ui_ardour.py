# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The plugin in Ardour 7's own GUI, on screen (Xvfb), proven on pixels.

1. tests/hosts/ardour_gui_session.lua (ardour7-lua, headless) makes a
   session: one mono track with hyperres mono, fed by the Dummy
   backend's 1 kHz sine input, monitoring its input. The engine hints it
   saves are dropped (else the GUI first asks about a changed I/O
   device).
2. A private Xvfb starts (a display number of its own choosing:
   -displayfd); a fresh HOME says the first-run wizard is done, shows
   the Dummy backend (the GUI hides it unless hide-dummy-backend is off:
   then no JACK server, nothing outside the process can stall the
   engine) and names it as the engine to start.
3. `ardour -n -a SESSION.ardour` opens the session and plays the tone
   through the track; Alt+M shows the mixer. The inline display
   (the plugin's picture in the mixer strip, found as the box of the
   colour map's floor colour) must show the tone's line at the height
   1 kHz has on its frequency axis.
4. A double-click on the plugin's name in the strip (as a user opens it)
   opens the plugin's window; in it the UI's picture must show the
   tone's ridge on the row of the 1 kHz tick and scroll between shots.

Screenshots: build/ui_ardour/ (mixer.png, strip.png, plugin_window.png;
the README's doc/ui_ardour_*.png are copies of good ones). Uses the
release bundle (as the other host tests). Every process is started here
and stopped by its process id."""

import os
import shutil
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'hosts'))
import hostkit  # noqa: E402
import test_ui_jalv as jalv  # noqa: E402

TOOLS = ['ardour', 'ardour7-lua', 'Xvfb', 'import', 'convert', 'xdotool']
NAME = 'hr'
TONE_HZ = 1000.0
SCREEN = (1600, 1000)
# The floor colour of the default colour map (inferno at 0): the inline
# display's background wherever the picture is below the floor.
FLOOR_RGB = (0, 0, 4)

# A user's config folder after the first run: the wizard's marker file,
# and the engine the Audio/MIDI setup dialog saves when a user picks the
# Dummy backend (offered once hide-dummy-backend is off) and its sine
# device; try-autostart-engine starts it without asking. lru: when it
# was last used (seconds since 1970).
ARDOUR_CONFIG = """<?xml version="1.0" encoding="UTF-8"?>
<Ardour>
  <Config>
    <Option name="try-autostart-engine" value="1"/>
    <Option name="hide-dummy-backend" value="0"/>
  </Config>
  <Extra>
    <AudioMIDISetup>
      <EngineStates>
        <State backend="None (Dummy)" driver="Normal Speed"
               device="Sine Wave 1K, 1/3 Oct" input-device=""
               output-device="" sample-rate="48000" buffer-size="1024"
               n-periods="0" input-latency="0" output-latency="0"
               lm-input="" lm-output="" active="1" use-buffered-io="0"
               midi-option="1 in, 1 out, Silence" lru="%d">
          <MIDIDevices/>
        </State>
      </EngineStates>
    </AudioMIDISetup>
  </Extra>
</Ardour>
"""


def user_home(home):
    config = os.path.join(home, '.config', 'ardour7')
    os.makedirs(config, exist_ok=True)
    open(os.path.join(config, '.a7'), 'w').close()  # first run done
    with open(os.path.join(config, 'config'), 'w') as f:
        f.write(ARDOUR_CONFIG % int(time.time()))


def make_session(env, session):
    proc = subprocess.run(['ardour7-lua',
                           os.path.join(HERE, 'hosts',
                                        'ardour_gui_session.lua')],
                          env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True,
                          errors='replace', timeout=90)
    assert 'HR DONE' in proc.stdout and proc.returncode == 0, \
        proc.stdout[-3000:]
    assert 'HR MONITORING 1' in proc.stdout, proc.stdout[-3000:]
    assert 'HR INPUT true' in proc.stdout, proc.stdout[-3000:]
    path = os.path.join(session, NAME + '.ardour')
    with open(path) as f:
        text = f.read()
    lines = [line for line in text.splitlines(True)
             if '<EngineHints ' not in line]
    with open(path, 'w') as f:
        f.write(''.join(lines))
    return path


def windows(env, name):
    """X windows whose name matches `name` (a regular expression)."""
    proc = subprocess.run(['xdotool', 'search', '--name', name], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True, timeout=10)
    return proc.stdout.split()


def geometry(env, window):
    """(x, y, width, height) of a window."""
    out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', window],
                         env=env, stdout=subprocess.PIPE, text=True,
                         timeout=10).stdout
    values = dict(line.split('=', 1) for line in out.split())
    return tuple(int(values[k]) for k in ('X', 'Y', 'WIDTH', 'HEIGHT'))


def xdotool(env, *args):
    subprocess.run(['xdotool'] + [str(a) for a in args], env=env,
                   check=True, timeout=10)


def save_png(ppm, png):
    subprocess.run(['convert', ppm, png], check=True, timeout=30)


def shot(env, work, name):
    path = os.path.join(work, name + '.ppm')
    image = jalv.screenshot(env, path)
    return image, path


def inline_box(image):
    """(left, top, right, bottom) of the inline display: the box of the
    floor colour's pixels (rows and columns with several), or None."""
    floor = np.all(image == FLOOR_RGB, axis=2)
    rows = np.nonzero(floor.sum(axis=1) >= 3)[0]
    cols = np.nonzero(floor.sum(axis=0) >= 3)[0]
    if len(rows) < 10 or len(cols) < 10:
        return None
    return cols[0], rows[0], cols[-1] + 1, rows[-1] + 1


def inline_ridge(image, box):
    """The row (screen y) with the most bright pixels in the newest half
    of the inline display, and how many it has."""
    left, top, right, bottom = box
    plot = image[top:bottom, left:right].sum(axis=2)
    recent = plot[:, plot.shape[1] // 2:]
    bright = (recent > 450).sum(axis=1)
    return top + int(np.argmax(bright)), int(bright.max())


def expected_inline_y(box, hz):
    """Where `hz` lies in the inline display: rows from fmax (top) to
    fmin (bottom), log frequency, as the UI's picture."""
    _, top, _, bottom = box
    return jalv.hz_y(top, bottom, hz)


def mixer_shows_tone(image):
    box = inline_box(image)
    if box is None:
        return False
    return inline_ridge(image, box)[1] >= 5


def test_ui_in_ardour(context):
    hostkit.need_tools(*TOOLS)
    work = context.tmpdir('ui_ardour')
    home = context.tmpdir('ui_ardour_home')
    shutil.rmtree(home)
    user_home(home)
    shots = os.path.join(os.path.dirname(context.build_dir)
                         if os.path.basename(context.build_dir) == 'debug'
                         else context.build_dir, 'ui_ardour')
    os.makedirs(shots, exist_ok=True)
    session = os.path.join(work, 'session')
    shutil.rmtree(session, ignore_errors=True)
    env = hostkit.host_env(
        HOME=home, XDG_CONFIG_HOME=os.path.join(home, '.config'),
        XDG_CACHE_HOME=os.path.join(home, '.cache'),
        LV2_PATH=hostkit.lv2_path(context, 'ui_ardour_lv2'),
        HR_SESSION_DIR=session, HR_SESSION_NAME=NAME,
        HR_PLUGIN_URI=hostkit.MONO)
    env.pop('DISPLAY', None)
    session_file = make_session(env, session)

    procs = hostkit.Processes(work, env)
    try:
        env['DISPLAY'] = hostkit.start_xvfb(procs, SCREEN)
        ardour = procs.start('ardour', ['ardour', '-n', '-a', session_file])
        hostkit.wait_for(lambda: windows(env, '^%s - Ardour$' % NAME)
                         or ardour.poll() is not None, 60,
                         'the session window', lambda: procs.tail('ardour'))
        assert ardour.poll() is None, procs.tail('ardour')
        main = windows(env, '^%s - Ardour$' % NAME)[0]
        xdotool(env, 'key', '--window', main, 'alt+m')  # show the mixer

        def mixer():
            return shot(env, work, 'mixer')[0]
        hostkit.wait_for(lambda: mixer_shows_tone(mixer()), 60,
                         'the inline display to show the tone',
                         lambda: procs.tail('ardour'))
        time.sleep(2.0)  # a few seconds of the tone in the strip
        image, path = shot(env, work, 'mixer')
        save_png(path, os.path.join(shots, 'mixer.png'))
        box = inline_box(image)
        left, top, right, bottom = box
        height, width = bottom - top, right - left
        assert width >= 40 and abs(height - 0.6 * width) <= 2, \
            'inline display box %r is not the picture (%s)' % (box, shots)
        ridge, count = inline_ridge(image, box)
        want = expected_inline_y(box, TONE_HZ)
        print('ardour: inline display %dx%d at (%d, %d), tone line at '
              'y=%d (%d px), 1 kHz at y=%.1f' % (width, height, left, top,
                                                 ridge, count, want))
        assert abs(ridge - want) <= 2.0, \
            'inline display: line at y=%d, 1 kHz at y=%.1f (%s)' % (
                ridge, want, shots)
        subprocess.run(['convert', path, '-crop', '%dx%d+%d+%d' % (
            width + 80, height + 120, left - 40, top - 40), '+repage',
            '-scale', '300%', os.path.join(shots, 'strip.png')], check=True,
            timeout=30)

        # Open the plugin's window: double-click its name in the strip.
        xdotool(env, 'mousemove', (left + right) // 2, top - 9)
        xdotool(env, 'click', '--repeat', 2, '--delay', 80, 1)
        hostkit.wait_for(lambda: windows(env, '^hr mono: hyperres mono'), 30,
                         'the plugin window', lambda: procs.tail('ardour'))
        window = windows(env, '^hr mono: hyperres mono')[0]
        x, y, w, h = geometry(env, window)

        def plugin_view():
            image = shot(env, work, 'plugin')[0]
            return image[y:y + h, x:x + w]
        hostkit.wait_for(lambda: jalv.shows_signal(plugin_view()), 60,
                         'the plugin window to show the tone')
        time.sleep(3.0)  # a few seconds of the tone in the picture
        t1 = time.time()
        first, path = shot(env, work, 'plugin_window')
        time.sleep(1.5)
        t2 = time.time()
        second = shot(env, work, 'plugin_window2')[0]
        save_png(path, os.path.join(shots, 'plugin_window.png'))
        assert ardour.poll() is None, procs.tail('ardour')
    except BaseException:
        if env.get('DISPLAY'):  # what the screen showed, for the log
            subprocess.run(['import', '-window', 'root',
                            os.path.join(shots, 'failure.png')], env=env,
                           timeout=30)
            print('ardour: the screen at the failure: %s'
                  % os.path.join(shots, 'failure.png'))
        shutil.copy(procs.log_path('ardour'), shots)
        raise
    finally:
        procs.stop_all()
    crash = hostkit.crashed(procs.status.get('ardour'))
    assert not crash, 'ardour %s:\n%s' % (crash, procs.tail('ardour'))

    first, second = first[y:y + h, x:x + w], second[y:y + h, x:x + w]
    left, top, right, bottom = jalv.plot_rect(first)
    assert right - left > 300 and bottom - top > 200, (left, top, right,
                                                       bottom)
    bright, _ = jalv.recent_bright_rows(first)
    ridge = top + int(np.argmax(bright))
    want = jalv.hz_y(top, bottom, TONE_HZ)
    print('ardour: plugin window %dx%d, ridge at y=%d, 1 kHz at y=%.1f'
          % (w, h, ridge, want))
    assert abs(ridge - want) <= 2.0, 'plugin window: ridge at y=%d, 1 kHz ' \
        'at y=%.1f (%s)' % (ridge, want, shots)
    a = first[top:bottom, left:right].sum(axis=2)
    b = second[top:bottom, left:right].sum(axis=2)
    # Scrolling: the second shot is the first moved left as a whole.
    # How far is printed, not gated: on a loaded machine the analysis
    # (and so the picture's clock) can lag the wall clock.
    expected = (t2 - t1) / jalv.SPAN_S * a.shape[1]
    shift, errors = jalv.best_shift(a, b, int(3 * expected) + 10)
    print('ardour: the picture scrolled %d px in %.2f s (%.0f px at full '
          'speed); mismatch %.1f unshifted, %.1f shifted' % (
              shift, t2 - t1, expected, errors[0], errors[shift]))
    assert errors[0] > 0, 'the plugin window did not change'
    assert shift >= 3 and errors[shift] < 0.5 * errors[0], \
        'the picture did not scroll: best shift %d px, mismatch %.1f ' \
        'shifted vs %.1f unshifted' % (shift, errors[shift], errors[0])
