#!/usr/bin/env python3
# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Build of hyperres: core library, batch tool, LV2 bundle and tests.

Two variants: the release build in build/ (build/hyperres,
build/hyperres.lv2/) and a debug build with AddressSanitizer and
UBSan in build/debug/, which the tests use.
"""

import os
import subprocess
import sys

from waflib import Build, Logs, Options

APPNAME = 'hyperres'
VERSION = '0.1.0'
top = '.'
out = 'build'

# The core: every core/*.c (C99 + FFTW, no LV2, no files).
CORE_GLOB = 'core/*.c'

RENDER_SOURCES = [
    'ui/colormap.c',
    'ui/axes.c',
    'ui/render.c',
    'ui/render_decor.c',
]

CLI_SOURCES = [
    'cli/hyperres_cli.c',
    'cli/arg_values.c',
    'cli/args.c',
    'cli/audio_in.c',
    'cli/complex_out.c',
    'cli/demo.c',
    'cli/host.c',
    'cli/inputs.c',
    'cli/npy.c',
    'cli/npz.c',
    'cli/outfile.c',
    'cli/plugin_mode.c',
    'cli/png_out.c',
    'cli/render_job.c',
    'cli/urid_table.c',
]

# The UI's logic without X (tests use it too), and the UI itself.
UI_VIEW_SOURCES = [
    'ui/view.c',
    'ui/col_ring.c',
    'ui/capture.c',
    'ui/capture_file.c',
]

UI_SOURCES = [
    'ui/hyperres_ui.c',
    'ui/ui_controls.c',
    'ui/ui_input.c',
    'ui/ui_captures.c',
    'ui/ui_draw.c',
    'ui/ui_status.c',
    'ui/x11_window.c',
    'ui/live_image.c',
    'ui/compare.c',
    'ui/widgets.c',
]

# Fuzz tests: tests/NAME.c with the driver tests/fuzz.c, extra sources,
# uses. Inputs that once broke something are replayed from
# tests/fuzz_regressions/ on every run.
FUZZ_TESTS = [
    ('test_fuzz_protocol', [], 'hrprotocol LV2'),
    ('test_fuzz_audio', ['cli/audio_in.c'], 'SNDFILE M'),
]

# Folders with a wscript of their own (configure + build functions).
SUBPROJECTS = [d for d in ['plugin'] if os.path.exists(os.path.join(d, 'wscript'))]

# Each tests/test_NAME.c (with the extra sources listed) becomes one
# executable in build/debug/tests/.
C_TESTS = {
    'test_render': [],
    'test_stream': ['tests/agreement.c', 'tests/signals.c'],
    'test_consensus_stream': ['tests/agreement.c', 'tests/signals.c'],
}

PACKAGES = [
    # (pkg-config name, store, Debian package)
    ('fftw3', 'FFTW3', 'libfftw3-dev'),
    ('fftw3f', 'FFTW3F', 'libfftw3-dev'),
    ('sndfile', 'SNDFILE', 'libsndfile1-dev'),
    ('cairo', 'CAIRO', 'libcairo2-dev'),
    ('x11', 'X11', 'libx11-dev'),
    ('zlib', 'ZLIB', 'zlib1g-dev'),
]

WARNINGS = ['-Wall', '-Wextra', '-Wshadow', '-Wstrict-prototypes',
            '-Wmissing-prototypes', '-Wvla']


def options(opt):
    opt.load('compiler_c')
    for folder in SUBPROJECTS:
        opt.recurse(folder)
    opt.add_option('--no-debug-variant', action='store_true', default=False,
                   help='do not configure the sanitizer build used by tests')


def check_packages(conf):
    for name, store, debian in PACKAGES:
        conf.check_cfg(package=name, uselib_store=store,
                       args=['--cflags', '--libs'],
                       errmsg='not found: install Debian package %s '
                              '(./setup.sh does)' % debian)


def configure(conf):
    conf.load('compiler_c')
    conf.find_program('pkg-config', errmsg='install Debian package pkg-config')
    check_packages(conf)
    conf.check_cc(lib='m', uselib_store='M')
    conf.check_cc(lib='pthread', uselib_store='PTHREAD')
    for folder in SUBPROJECTS:
        conf.recurse(folder)
    base = ['-std=c99', '-D_POSIX_C_SOURCE=200809L', '-fPIC'] + WARNINGS
    conf.env.CFLAGS = base + ['-O2', '-g']
    conf.env.append_value('LINKFLAGS', ['-pthread'])
    release_env = conf.env

    if not Options.options.no_debug_variant:
        conf.setenv('debug', env=release_env.derive())
        sanitize = ['-fsanitize=address,undefined',
                    '-fno-omit-frame-pointer', '-fno-sanitize-recover=all']
        conf.env.CFLAGS = base + ['-O1', '-g'] + sanitize
        conf.env.LINKFLAGS = ['-pthread'] + sanitize
        conf.env.DEFINES = ['HR_DEBUG_BUILD=1']
        conf.setenv('')
    Logs.pprint('GREEN', 'configured: release in build/, '
                'sanitizer build in build/debug/')


def build(bld):
    bld.stlib(source=bld.path.ant_glob(CORE_GLOB), target='hrcore', includes='core',
              export_includes='core', use='FFTW3 FFTW3F M PTHREAD')
    bld.stlib(source=RENDER_SOURCES, target='hrrender', includes='ui',
              export_includes='ui', use='CAIRO M')
    bld.program(source=CLI_SOURCES, target='hyperres', includes='cli',
                use='hrcore hrrender hrprotocol LILV LV2 SNDFILE CAIRO FFTW3 FFTW3F '
                    'ZLIB M PTHREAD')
    for folder in SUBPROJECTS:
        bld.recurse(folder)
    build_ui(bld)
    build_benchmarks(bld)
    build_test_tools(bld)
    regressions = bld.path.find_dir('tests/fuzz_regressions').abspath()
    for name, extra, use in FUZZ_TESTS:
        bld.program(source=['tests/%s.c' % name, 'tests/fuzz.c'] + extra,
                    target='tests/' + name, includes='tests cli',
                    defines=['HR_FUZZ_REGRESSIONS="%s"' % regressions],
                    install_path=None, use=use)
    for name, extra in C_TESTS.items():
        bld.program(source=['tests/%s.c' % name] + extra,
                    target='tests/' + name,
                    includes='tests', install_path=None,
                    use='hrcore hrrender CAIRO FFTW3 FFTW3F M PTHREAD')


def build_ui(bld):
    """The X11 UI into the bundle (after plugin/, which makes hrprotocol
    and the bundle folder), and its tests."""
    bundle = 'hyperres.lv2'
    install_dir = '${LV2DIR}/' + bundle
    bld.stlib(source=UI_VIEW_SOURCES, target='hruiview',
              includes=['ui', 'plugin'], export_includes=['ui', 'plugin'],
              use='hrrender CAIRO LV2 M')
    ui = bld.shlib(source=UI_SOURCES, target=bundle + '/hyperres_ui',
                   includes=['ui', 'plugin'], cflags=['-fvisibility=hidden'],
                   linkflags=['-Wl,--exclude-libs,ALL', '-Wl,--no-undefined'],
                   use='hruiview hrrender hrprotocol CAIRO X11 LV2 M',
                   install_path=install_dir)
    ui.env.cshlib_PATTERN = '%s' + bld.env.LIB_EXT
    bld(features='subst', is_copy=True, source='ttl/hyperres_ui.ttl',
        target=bundle + '/hyperres_ui.ttl', install_path=install_dir)
    bld.program(source=['tests/test_ui_view.c'], target='tests/test_ui_view',
                includes=['tests'], install_path=None,
                use='hruiview hrrender CAIRO LV2 M')
    bld.program(source=['tests/test_ui_lifecycle.c', 'tests/ui_test_host.c'],
                target='tests/test_ui_lifecycle',
                includes=['ui', 'plugin', 'tests'],
                defines=['HR_TEST_BUNDLE="%s"'
                         % bld.bldnode.make_node(bundle).abspath()],
                install_path=None, use='hrprotocol CAIRO X11 LV2 DL M')


def build_test_tools(bld):
    """Helpers the Python tests run (not tests themselves)."""
    bld.program(source=['tests/npz_sample.c', 'cli/npz.c', 'cli/outfile.c'],
                target='tests/npz_sample', includes='cli', install_path=None,
                use='ZLIB')


def build_benchmarks(bld):
    bld.program(source=['tests/bench_fft.c'], target='tests/bench_fft',
                install_path=None, use='FFTW3 M')
    bld.program(source=['tests/bench_plugin.c', 'cli/host.c',
                        'cli/urid_table.c'],
                target='tests/bench_plugin', includes='cli plugin',
                defines=['_GNU_SOURCE'], install_path=None,
                use='LILV LV2 M')


class DebugBuild(Build.BuildContext):
    """build the sanitizer variant into build/debug/"""
    cmd = 'build_debug'
    variant = 'debug'


class DebugClean(Build.CleanContext):
    """clean the sanitizer variant"""
    cmd = 'clean_debug'
    variant = 'debug'


def test(ctx):
    """build the sanitizer variant and run every test (tests/run_tests.py)"""
    # The release build too: real hosts (jalv, Ardour, Carla) load the
    # release bundle, as users do.
    Options.commands = ['build', 'build_debug', 'run_tests'] + Options.commands


def run_tests(ctx):
    """run the test suite against the sanitizer build (no rebuild)"""
    runner = os.path.join(ctx.path.abspath(), 'tests', 'run_tests.py')
    python = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') \
        else sys.executable
    status = subprocess.call([python, runner, '--build',
                              os.path.join(out, 'debug')])
    if status != 0:
        ctx.fatal('tests failed')


def bench(ctx):
    """build the release variant and print the benchmark figures"""
    Options.commands = ['build', 'run_bench'] + Options.commands


def run_bench(ctx):
    """run the benchmarks against the release build (no rebuild)"""
    runner = os.path.join(ctx.path.abspath(), 'tests', 'bench.py')
    python = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') \
        else sys.executable
    if subprocess.call([python, runner, out]) != 0:
        ctx.fatal('benchmark failed')
