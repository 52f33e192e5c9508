# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The Python package around the numbers: load() of every output kind,
plot() headless, the worked example, the installed library, header,
pkg-config file and package, and the library's exported symbols."""

import csv
import importlib.util
import json
import os
import re
import subprocess

import numpy as np

import hrpython
import hrtest


def write_sparse(path, dense, layout='csr'):
    """dense as scipy.sparse.save_npz writes a CSR or CSC matrix, with
    numpy alone."""
    source = dense if layout == 'csr' else dense.T
    outer, inner = np.nonzero(source)
    indptr = np.concatenate([[0], np.cumsum(np.bincount(
        outer, minlength=source.shape[0]))]).astype(np.int32)
    np.savez(path, format=np.array(layout.encode()),
             shape=np.array(dense.shape), data=source[outer, inner],
             indices=inner.astype(np.int32), indptr=indptr)


def sample_outputs(folder, rng):
    """Files in the batch tool's layout, written with numpy: a dense
    float32 input, a sparse float64 one, and a complex one."""
    energy = rng.random((40, 30)) * (rng.random((40, 30)) > 0.7)
    count = np.floor(rng.random((40, 30)) * 9)
    complex_hist = rng.standard_normal((40, 30)) + \
        1j * rng.standard_normal((40, 30))
    freq_hz = 8000.0 * 2.0 ** (-np.arange(40) / 12.0)
    time_s = np.arange(30) * 0.006
    params = {'sample_rate': 16000.0, 'q': 2.0, 'noct': 12.0, 'tdeci': 96,
              'scale': 'log', 'input': 'dense.wav', 'channel': 0}
    np.save(os.path.join(folder, 'dense_spec.npy'), energy.astype(np.float32))
    np.save(os.path.join(folder, 'dense_count.npy'), count.astype(np.float32))
    np.save(os.path.join(folder, 'dense_complex.npy'), complex_hist)
    np.savez(os.path.join(folder, 'dense_axes.npz'), freq_hz=freq_hz,
             time_s=time_s, params=np.array(json.dumps(params)))
    write_sparse(os.path.join(folder, 'sparse_ch2_spec.npz'), energy)
    write_sparse(os.path.join(folder, 'sparse_ch2_count.npz'), count, 'csc')
    np.savez(os.path.join(folder, 'sparse_ch2_axes.npz'), freq_hz=freq_hz,
             time_s=time_s, params=np.array(json.dumps(dict(params,
                                                            channel=2))))
    with open(os.path.join(folder, 'hyperres_index.jsonl'), 'w') as index:
        for name, ext, channel in (('dense', 'npy', 0), ('sparse_ch2', 'npz',
                                                          2)):
            index.write(json.dumps({
                'input': name + '.wav', 'channel': channel,
                'outputs': ['%s_spec.%s' % (name, ext),
                            '%s_axes.npz' % name]}) + '\n')
    return energy, count, complex_hist, freq_hz, time_s, params


def test_load_round_trips_every_output_kind(context):
    hyperres = hrpython.import_hyperres(context)
    folder = context.tmpdir('load_layout')
    energy, count, complex_hist, freq_hz, time_s, params = \
        sample_outputs(folder, np.random.default_rng(5))
    for path in ('dense_spec.npy', 'dense_count.npy', 'dense_complex.npy',
                 'dense_axes.npz', 'dense'):
        dense = hyperres.load(os.path.join(folder, path))
        assert dense.name == 'dense' and dense.energy.dtype == np.float32
        assert np.array_equal(dense.energy, energy.astype(np.float32))
        assert np.array_equal(dense.count, count.astype(np.float32))
        assert np.array_equal(dense.complex, complex_hist)
        assert np.array_equal(dense.freq_hz, freq_hz)
        assert np.array_equal(dense.time_s, time_s)
        assert dense.params == params and dense.rate == 16000.0
    sparse = hyperres.load(os.path.join(folder, 'sparse_ch2_spec.npz'))
    assert sparse.energy.dtype == np.float64
    assert np.array_equal(sparse.energy, energy)
    assert np.array_equal(sparse.count, count) and sparse.complex is None
    assert sparse.params['channel'] == 2
    kept = hyperres.load(os.path.join(folder, 'sparse_ch2'), sparse=True)
    assert kept.energy.format == 'csr' and kept.count.format == 'csc'
    assert np.array_equal(kept.energy.toarray(), energy)
    assert np.array_equal(kept.count.toarray(), count)
    everything = hyperres.load(folder)
    assert [r.name for r in everything] == ['dense', 'sparse_ch2']
    assert everything[1].index['channel'] == 2
    assert everything[0].index['input'] == 'dense.wav'
    assert len(hyperres.load_index(folder)) == 2
    try:
        hyperres.load(os.path.join(folder, 'missing_spec.npy'))
    except FileNotFoundError:
        pass
    else:
        raise AssertionError('a missing output did not raise')


def test_load_reads_what_the_cli_writes(context):
    hyperres = hrpython.import_hyperres(context)
    folder = context.tmpdir('load_cli')
    wav = os.path.join(context.reference_dir, 'tone_click.wav')
    hrtest.run(context, 'render', wav, '-o', folder, '--no-png', '-q',
               '--count', '--complex', expect=0)
    result = hyperres.load(os.path.join(folder, 'tone_click_spec.npy'))
    assert np.array_equal(result.energy,
                          np.load(os.path.join(folder,
                                               'tone_click_spec.npy')))
    assert result.count is not None and result.complex is not None
    assert result.energy.shape == result.count.shape == result.complex.shape
    x, rate = hyperres.read_wav(wav)
    computed = hyperres.spectrogram(x, rate)
    assert np.array_equal(result.energy, computed.energy.astype(np.float32))
    if result.freq_hz is not None:  # the axes file
        assert np.allclose(result.freq_hz, computed.freq_hz)
        assert np.allclose(result.time_s, computed.time_s)


def _texts(figure):
    found = set()
    for ax in figure.axes:
        found.update([ax.get_xlabel(), ax.get_ylabel(), ax.get_title()])
        found.update(t.get_text() for t in ax.get_yticklabels())
    return found


def test_plot_renders_headless_with_the_cli_axes(context):
    hyperres = hrpython.import_hyperres(context)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.image
    import matplotlib.pyplot as plt
    x, rate = hyperres.read_wav(os.path.join(context.reference_dir,
                                             'chirp.wav'))
    result = hyperres.spectrogram(x, rate, count=True)
    result.name = 'chirp'
    pictures = []
    for kind, unit in (('energy', 'dB'), ('count', 'points')):
        ax = hyperres.plot(result, kind=kind)
        texts = _texts(ax.figure)
        for label in ('Frequency (Hz)', 'Time (s)', unit, '1k', 'C4'):
            assert label in texts, '%s: no %r in %s' % (kind, label, texts)
        assert ax.get_title().startswith('chirp')
        path = os.path.join(context.tmpdir('plot'), kind + '.png')
        ax.figure.savefig(path)
        plt.close(ax.figure)
        pixels = matplotlib.image.imread(path)[..., :3]
        assert pixels.std() > 0.05, '%s picture is blank' % kind
        pictures.append(pixels)
    # The chirp's ridge: bright pixels inside the image, not just frame.
    image = pictures[0][60:-60, 150:-250]
    assert (image.max(axis=2) > 0.9).sum() > 100
    lin = hyperres.spectrogram(x, rate, scale='lin', ndiv=100)
    ax = hyperres.plot(lin)
    assert 'C4' not in _texts(ax.figure), 'notes drawn on a linear axis'
    plt.close(ax.figure)
    try:
        hyperres.plot(lin, kind='count')
    except ValueError as error:
        assert 'count=True' in str(error)
    else:
        raise AssertionError('a count picture without counts')


def test_the_worked_example_finds_the_whistles_ridges(context):
    hrpython.import_hyperres(context)
    folder = context.tmpdir('example')
    script = os.path.join(context.top, 'python', 'examples',
                          'whistle_ridges.py')
    proc = subprocess.run(['/usr/bin/python3', script, '--make-demo', folder],
                          env=hrpython.environment(context),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=300)
    print(proc.stdout.rstrip())
    assert proc.returncode == 0, proc.stderr
    spec = importlib.util.spec_from_file_location('whistle_ridges', script)
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)  # for its whistles' true frequency
    for kind in ('upsweep', 'sine'):
        with open(os.path.join(folder, kind + '_ridge.csv')) as table:
            rows = list(csv.DictReader(table))
        t = np.array([float(r['time_s']) for r in rows])
        found = np.array([float(r['freq_hz']) for r in rows])
        inner = (t > 0.05) & (t < 0.95)
        truth = example.whistle_frequency(kind, np.linspace(0, 1, 48000))
        expected = np.interp(t[inner], np.linspace(0, 1, 48000), truth)
        error = np.abs(found[inner] / expected - 1)
        print('  %s: %d ridge points, median error %.2f %%, worst %.2f %%'
              % (kind, inner.sum(), 100 * np.median(error),
                 100 * error.max()))
        assert inner.sum() > 150 and np.median(error) < 0.005 and \
            error.max() < 0.02
        assert os.path.getsize(os.path.join(folder, kind + '_ridge.png')) > \
            10000


def _header_functions(context):
    with open(os.path.join(context.top, 'lib', 'hyperres', 'hyperres.h')) \
            as header:
        text = header.read()
    return set(re.findall(r'^(hr_\w+)\(', text, re.M))


def test_library_exports_exactly_the_public_header(context):
    hrpython.import_hyperres(context)
    library = hrpython.library(context)
    out = subprocess.run(['nm', '-D', '--defined-only', library],
                         stdout=subprocess.PIPE, text=True,
                         check=True).stdout
    exported = set(re.findall(r' T (\w+)@@HYPERRES_0', out))
    declared = _header_functions(context)
    assert len(declared) >= 25, declared
    assert exported == declared, (exported ^ declared)
    assert not re.search(r' T (?!hr_)', out), 'other symbols exported'
    soname = subprocess.run(['readelf', '-d', library],
                            stdout=subprocess.PIPE, text=True).stdout
    assert '[libhyperres.so.0]' in soname


def test_install_gives_a_working_library_header_and_package(context):
    """./waf install --destdir: the library, its header and pkg-config
    file compile and run a C program; the installed package knows where
    its library went."""
    hrpython.import_hyperres(context)
    dest = context.tmpdir('install')
    waf = subprocess.run([os.path.join(context.top, 'waf'), 'install',
                          '--destdir=' + dest], cwd=context.top,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, timeout=900)
    assert waf.returncode == 0, waf.stdout[-3000:]
    pc = [os.path.join(root, f) for root, _, files in os.walk(dest)
          for f in files if f == 'hyperres.pc']
    assert len(pc) == 1, pc
    env = dict(os.environ, PKG_CONFIG_PATH=os.path.dirname(pc[0]),
               PKG_CONFIG_SYSROOT_DIR=dest)
    flags = subprocess.run(['pkg-config', '--cflags', '--libs', 'hyperres'],
                           env=env, stdout=subprocess.PIPE, text=True,
                           check=True).stdout.split()
    program = os.path.join(dest, 'tone.c')
    with open(program, 'w') as source:
        source.write(TONE_PROGRAM)
    binary = os.path.join(dest, 'tone')
    subprocess.run(['cc', '-std=c99', '-Wall', '-Werror', program, '-o',
                    binary] + flags + ['-lm'], check=True)
    libdir = [f[2:] for f in flags if f.startswith('-L')][0]
    run = subprocess.run([binary], env=dict(os.environ,
                                            LD_LIBRARY_PATH=libdir),
                         stdout=subprocess.PIPE, text=True, timeout=60)
    assert run.returncode == 0 and 'peak 1000 Hz' in run.stdout, run.stdout
    installed = [os.path.join(root, f) for root, _, files in os.walk(dest)
                 for f in files if f == '_installed.py']
    assert len(installed) == 1
    package_dir = os.path.dirname(os.path.dirname(installed[0]))
    check = subprocess.run(
        ['/usr/bin/python3', '-c',
         'import hyperres, hyperres._installed as i; print(i.LIBRARY); '
         'print(hyperres.__file__)'],
        env=dict(os.environ, PYTHONPATH=package_dir,
                 HYPERRES_LIBRARY=os.path.join(libdir, 'libhyperres.so.0')),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert check.returncode == 0, check.stderr
    recorded, imported = check.stdout.split()
    assert os.path.join(dest, recorded.lstrip('/')) == \
        os.path.join(libdir, 'libhyperres.so.0')
    assert imported.startswith(package_dir)


TONE_PROGRAM = r'''
#include <hyperres/hyperres.h>
#include <math.h>
#include <stdio.h>

int
main(void)
{
  static double x[16000];
  for (int i = 0; i < 16000; ++i) {
    x[i] = sin(2 * 3.141592653589793 * 1000.0 * i / 16000.0);
  }
  HrAnalysis* analysis = hr_analysis_new();
  hr_analysis_set(analysis, HR_SETTING_RATE, 16000.0);
  hr_analysis_set(analysis, HR_SETTING_FMIN, 0.01);
  HrError        error = HR_OK;
  HrSpectrogram* spec  = hr_spectrogram_new(analysis, x, 16000, 0, &error);
  if (!spec) {
    printf("%s\n", hr_error_string(error));
    return 1;
  }
  const int     rows = hr_spectrogram_rows(spec);
  const size_t  cols = hr_spectrogram_columns(spec);
  const double* e    = hr_spectrogram_energy(spec);
  int           best = 0;
  for (int r = 0; r < rows; ++r) {
    best = e[r * cols + cols / 2] > e[best * cols + cols / 2] ? r : best;
  }
  printf("libhyperres %s: peak %.0f Hz\n", hr_version(),
         hr_analysis_row_frequency(analysis, best));
  hr_spectrogram_free(spec);
  hr_analysis_free(analysis);
  return 0;
}
'''


def test_the_notebook_runs_headless(context):
    """The example notebook's code cells, in order, as Jupyter would run
    them (without Jupyter: Debian 12's python3 has none by default)."""
    hrpython.import_hyperres(context)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    path = os.path.join(context.top, 'python', 'examples',
                        'whistle_contour.ipynb')
    with open(path) as source:
        notebook = json.load(source)
    assert notebook['nbformat'] == 4
    cells = [''.join(cell['source']) for cell in notebook['cells']
             if cell['cell_type'] == 'code']
    assert len(cells) >= 4
    namespace = {'__name__': '__main__'}
    for number, cell in enumerate(cells):
        exec(compile(cell, '%s cell %d' % (path, number), 'exec'), namespace)
    print('  contour median error %.2f %%' % namespace['median_error_percent'])
    assert namespace['median_error_percent'] < 0.5
    assert namespace['seed_style'].shape[0] == \
        int(np.ceil(len(namespace['x']) / 96))
    assert plt.get_fignums(), 'the notebook drew nothing'
    plt.close('all')
