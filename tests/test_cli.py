# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""`hyperres render` and `hyperres demo` as a user meets them: outputs,
names, shapes, and a clear answer to every kind of bad input."""

import os
import shutil
import struct

import numpy as np

import hrtest

RATE = 16000


def tone_wav(path, seconds=0.5, channels=1, rate=RATE, bits=32):
    t = np.arange(int(seconds * rate)) / rate
    data = np.stack([0.3 * np.sin(2 * np.pi * (440 * (c + 1)) * t)
                     for c in range(channels)], axis=1)
    hrtest.write_wav(path, data, rate, bits=bits)


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    assert head[:8] == b'\x89PNG\r\n\x1a\n', path + ' is not a PNG'
    return struct.unpack('>II', head[16:24])


def fails_with(context, words, *args):
    proc = hrtest.run(context, *args)
    assert proc.returncode != 0, 'accepted: %s' % (args,)
    message = proc.stderr.strip()
    assert message and 'Traceback' not in message, 'no message for %s' % (args,)
    for word in words:
        assert word in message, '%r not in %r' % (word, message)
    assert len(message.splitlines()) <= 3, 'message too long: %r' % message
    return proc


def test_outputs_have_the_documented_names_and_shapes(context):
    d = context.tmpdir('outputs')
    wav = os.path.join(d, 'take.wav')
    tone_wav(wav, seconds=0.5)
    proc = hrtest.run(context, 'render', wav, '-o', d, '--count', '--size',
                      '800x500', expect=0)
    assert 'take' in proc.stdout and 'samples/s' in proc.stdout, proc.stdout
    spec = np.load(os.path.join(d, 'take_spec.npy'))
    count = np.load(os.path.join(d, 'take_count.npy'))
    rows = int(np.ceil(108 * np.log2(0.5 / 0.001) + 1))
    assert spec.dtype == np.float32
    assert spec.shape == (rows, int(np.ceil(8000 / 96))), spec.shape
    assert count.shape == spec.shape and count.max() > 0
    assert (count[spec > 0] >= np.sqrt(count.max())).all(), 'floor not applied'
    assert png_size(os.path.join(d, 'take_spec.png')) == (800, 500)
    assert png_size(os.path.join(d, 'take_count.png')) == (800, 500)
    leftovers = [f for f in os.listdir(d) if '.tmp' in f]
    assert not leftovers, leftovers


def test_multichannel_start_duration_and_channel(context):
    d = context.tmpdir('multichannel')
    wav = os.path.join(d, 'stereo.wav')
    tone_wav(wav, seconds=1.0, channels=2, bits=16)
    hrtest.run(context, 'render', wav, '-o', d, '--no-png', expect=0)
    left = np.load(os.path.join(d, 'stereo_ch1_spec.npy'))
    right = np.load(os.path.join(d, 'stereo_ch2_spec.npy'))
    peak = lambda e: int(np.argmax(e.sum(axis=1)))
    assert peak(left) == hrtest.log_row(440, RATE / 2, 108)
    assert peak(right) == hrtest.log_row(880, RATE / 2, 108)
    part = context.tmpdir('part')
    hrtest.run(context, 'render', wav, '-o', part, '--no-png', '--channel',
               '2', '--start', '0.25', '--duration', '0.5', expect=0)
    files = sorted(os.listdir(part))
    assert files == ['hyperres_index.jsonl', 'stereo_ch2_axes.npz',
                     'stereo_ch2_spec.npy'], files
    files = ['stereo_ch2_spec.npy']
    assert np.load(os.path.join(part, files[0])).shape[1] == 8000 // 96 + 1


def test_folder_input_reports_bad_files_and_renders_the_rest(context):
    d = context.tmpdir('folder')
    tone_wav(os.path.join(d, 'a.wav'))
    tone_wav(os.path.join(d, 'b.flac.wav'))
    with open(os.path.join(d, 'broken.wav'), 'w') as f:
        f.write('this is not audio')
    with open(os.path.join(d, 'notes.txt'), 'w') as f:
        f.write('ignored: not an audio file name')
    out = context.tmpdir('folder_out')
    proc = hrtest.run(context, 'render', d, '-o', out, '--no-png')
    assert proc.returncode == 1, proc.returncode
    assert 'broken.wav' in proc.stderr
    assert sorted(os.listdir(out)) == [
        'a_axes.npz', 'a_spec.npy', 'b.flac_axes.npz', 'b.flac_spec.npy',
        'hyperres_index.jsonl']


def test_existing_outputs_are_kept_without_force(context):
    d = context.tmpdir('force')
    wav = os.path.join(d, 'x.wav')
    tone_wav(wav)
    hrtest.run(context, 'render', wav, '-o', d, '--no-png', expect=0)
    target = os.path.join(d, 'x_spec.npy')
    with open(target, 'wb') as f:
        f.write(b'precious')
    fails_with(context, ['exists', '--force'], 'render', wav, '-o', d,
               '--no-png')
    with open(target, 'rb') as f:
        assert f.read() == b'precious', 'overwritten without --force'
    hrtest.run(context, 'render', wav, '-o', d, '--no-png', '--force', expect=0)
    assert np.load(target).ndim == 2


def test_bad_files_get_a_clear_error(context):
    d = context.tmpdir('badfiles')
    empty = os.path.join(d, 'empty.wav')
    open(empty, 'w').close()
    text = os.path.join(d, 'text.wav')
    with open(text, 'w') as f:
        f.write('RIFF but not really a wave file ' * 10)
    silent = os.path.join(d, 'zero.wav')
    hrtest.write_wav(silent, np.zeros(0), RATE)
    one = os.path.join(d, 'one.wav')
    hrtest.write_wav(one, np.ones(1) * 0.1, RATE)
    fails_with(context, ['missing.wav'], 'render', os.path.join(d,
                                                              'missing.wav'))
    fails_with(context, ['empty.wav'], 'render', empty, '-o', d)
    fails_with(context, ['text.wav'], 'render', text, '-o', d)
    fails_with(context, ['zero.wav', 'no audio'], 'render', silent, '-o', d)
    fails_with(context, ['one.wav', 'at least 2'], 'render', one, '-o', d)
    assert not [f for f in os.listdir(d) if f.endswith(('.npy', '.png'))]


def test_bad_parameters_get_a_clear_error(context):
    d = context.tmpdir('badparams')
    wav = os.path.join(d, 'x.wav')
    tone_wav(wav)
    cases = [
        (['--q', '0'], '--q'),
        (['--q', '-1'], '--q'),
        (['--tdeci', '0'], '--tdeci'),
        (['--noct', '0.5'], '--noct'),
        (['--lint', '0'], '--lint'),
        (['--over', 'two'], '--over'),
        (['--fmin', '0.3', '--fmax', '0.2'], 'below'),
        (['--fmax-hz', '9000'], 'Nyquist'),
        (['--fmin-hz', '5000', '--fmax', '0.25'], 'below'),
        (['--threads', '0'], '--threads'),
        (['--colormap', 'rainbow'], '--colormap'),
        (['--frobnicate'], 'unknown option'),
        (['--q'], 'needs a value'),
        (['--scale', 'lin', '--ndiv', '1'], '--ndiv'),
        (['--channel', '3'], 'channel'),
        (['--start', '10'], 'beyond the end'),
        (['--max-memory', '0.001'], 'GB'),
    ]
    for options, word in cases:
        fails_with(context, [word], 'render', wav, '-o', d, *options)
    fails_with(context, ['no input'], 'render')
    fails_with(context, ['unknown command'], 'paint', wav)
    assert not [f for f in os.listdir(d) if f.endswith(('.npy', '.png'))]


def test_nan_and_inf_samples_are_reported_and_treated_as_silence(context):
    d = context.tmpdir('nan')
    t = np.arange(8000) / RATE
    x = 0.3 * np.sin(2 * np.pi * 1000 * t)
    x[100] = np.nan
    x[200] = np.inf
    x[300] = -np.inf
    wav = os.path.join(d, 'nan.wav')
    hrtest.write_wav(wav, x, RATE)
    proc = hrtest.run(context, 'render', wav, '-o', d, '--no-png', expect=0)
    assert '3 NaN/Inf' in proc.stderr, proc.stderr
    energy = np.load(os.path.join(d, 'nan_spec.npy'))
    assert np.isfinite(energy).all() and energy.max() > 0


def test_unwritable_output_folder_is_reported(context):
    d = context.tmpdir('unwritable')
    wav = os.path.join(d, 'x.wav')
    tone_wav(wav)
    blocker = os.path.join(d, 'not_a_folder')
    open(blocker, 'w').close()
    fails_with(context, ['cannot write'], 'render', wav, '-o', blocker)


def test_demo_renders_the_built_in_signal(context):
    d = context.tmpdir('demo')
    proc = hrtest.run(context, 'demo', '-o', d, '--size', '640x400',
                      '--duration', '1', expect=0)
    assert 'demo_spec.png' in proc.stdout
    energy = np.load(os.path.join(d, 'demo_spec.npy'))
    assert png_size(os.path.join(d, 'demo_spec.png')) == (640, 400)
    # The 440 Hz tone is the strongest steady row.
    rows_per_octave = 108
    fmax = 16000.0
    row440 = hrtest.log_row(440, fmax, rows_per_octave)
    assert abs(int(np.argmax(energy.sum(axis=1))) - row440) <= 1
    fails_with(context, ['exists'], 'demo', '-o', d)


def test_hostile_files(context):
    d = context.tmpdir('hostile')
    out = context.tmpdir('hostile_out')
    good = os.path.join(d, 'good.wav')
    tone_wav(good, seconds=0.3)
    with open(good, 'rb') as f:
        data = f.read()
    # Truncated in the middle of the samples: what is there is analysed.
    with open(os.path.join(d, 'truncated.wav'), 'wb') as f:
        f.write(data[:len(data) // 2 + 1])
    # A header claiming 2 GB of samples in a file of a few kB.
    huge = bytearray(data)
    huge[40:44] = struct.pack('<I', 0x7ffffff0)
    huge[4:8] = struct.pack('<I', 0x7ffffff0 + 36)
    with open(os.path.join(d, 'huge_claim.wav'), 'wb') as f:
        f.write(bytes(huge))
    # Shorter than one column, and eight channels.
    hrtest.write_wav(os.path.join(d, 'short.wav'), np.ones(50) * 0.1, RATE)
    tone_wav(os.path.join(d, 'eight.wav'), seconds=0.2, channels=8)
    proc = hrtest.run(context, 'render', d, '-o', out, '--no-png')
    assert 'Sanitizer' not in proc.stderr
    made = sorted(os.listdir(out))
    for name in ('good', 'truncated', 'short'):
        assert name + '_spec.npy' in made, (name, made, proc.stderr)
    assert np.load(os.path.join(out, 'short_spec.npy')).shape[1] == 1
    assert ['eight_ch%d_spec.npy' % k for k in range(1, 9)] == \
        [m for m in made if m.startswith('eight') and m.endswith('spec.npy')]
    for name in ('truncated', 'huge_claim'):
        assert name + '_spec.npy' in made, (name, made, proc.stderr)
        assert name + '.wav: the header claims more audio' in proc.stderr
    assert not [m for m in made if '.tmp' in m]


def test_inputs_of_the_same_name_keep_apart_and_true_clashes_are_refused(
        context):
    d1 = context.tmpdir('clash1')
    d2 = context.tmpdir('clash2')
    out = context.tmpdir('clash_out')
    tone_wav(os.path.join(d1, 'take.wav'))
    tone_wav(os.path.join(d2, 'take.wav'), seconds=0.7)
    # Named by their path below the folder the inputs share.
    hrtest.run(context, 'render', os.path.join(d1, 'take.wav'),
               os.path.join(d2, 'take.wav'), '-o', out, '--no-png', expect=0)
    for folder, seconds in (('clash1', 0.5), ('clash2', 0.7)):
        spec = np.load(os.path.join(out, folder, 'take_spec.npy'))
        assert spec.shape[1] == int(np.ceil(seconds * RATE / 96))
    # Two inputs that would still write the same names.
    tone_wav(os.path.join(d1, 'take.flac.wav'))
    os.rename(os.path.join(d1, 'take.flac.wav'), os.path.join(d1, 'take.au'))
    out = context.tmpdir('clash_out2')
    proc = hrtest.run(context, 'render', os.path.join(d1, 'take.wav'),
                      os.path.join(d1, 'take.au'), '-o', out, '--no-png')
    assert proc.returncode == 1
    assert 'same names' in proc.stderr, proc.stderr
    # The first one's output is kept, not overwritten by the second.
    assert np.load(os.path.join(out, 'take_spec.npy')).shape[1] == \
        int(np.ceil(0.5 * RATE / 96))


def test_a_channel_output_name_clash_is_refused_in_either_order(context):
    # A stereo take.wav writes take_ch1_*; a mono take_ch1.wav would
    # write the same names. Even with --force neither overwrites the
    # other: the later input is refused, whichever kind it is.
    folder = context.tmpdir('chclash')
    stereo = os.path.join(folder, 'take.wav')
    mono = os.path.join(folder, 'take_ch1.wav')
    tone_wav(stereo, seconds=0.5, channels=2)
    tone_wav(mono, seconds=0.7)
    columns = {stereo: int(np.ceil(0.5 * RATE / 96)),
               mono: int(np.ceil(0.7 * RATE / 96))}
    for first, second in ((stereo, mono), (mono, stereo)):
        out = context.tmpdir('chclash_out_' + os.path.basename(first))
        proc = hrtest.run(context, 'render', first, second, '-o', out,
                          '--no-png', '--force')
        assert proc.returncode == 1, proc.stderr
        assert second + ': its outputs would have the same names as ' \
            'those of ' + first in proc.stderr, proc.stderr
        spec = np.load(os.path.join(out, 'take_ch1_spec.npy'))
        assert spec.shape[1] == columns[first]
    # A mono take.wav beside a mono take_ch1.wav does not clash.
    tone_wav(stereo, seconds=0.5, channels=1)
    out = context.tmpdir('chclash_out_mono')
    hrtest.run(context, 'render', stereo, mono, '-o', out, '--no-png',
               expect=0)
    assert os.path.exists(os.path.join(out, 'take_spec.npy'))
    assert os.path.exists(os.path.join(out, 'take_ch1_spec.npy'))
