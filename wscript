#!/usr/bin/env python3
# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Build of hyperres: core library, batch tool, LV2 bundle and tests.

Three variants: the release build in build/ (build/hyperres,
build/hyperres.lv2/), a debug build with AddressSanitizer and UBSan in
build/debug/, which the tests use, and a ThreadSanitizer build in
build/tsan/ for the tests with real threads.
"""

import os
import subprocess
import sys

from waflib import Build, Logs, Options

APPNAME = 'hyperres'
VERSION = '0.1.0'
top = '.'
out = 'build'

# Folders with a wscript of their own, in build order (a library before
# its users; plugin/ makes the bundle folder that ui/ adds to).
FOLDERS = ['core', 'lib', 'render', 'protocol', 'files', 'plugin', 'ui', 'host',
           'cli', 'python', 'tests', 'bench']

# Folders whose wscript also has options and configure functions.
CONFIGURED = ['plugin', 'lib', 'python']

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
    for folder in CONFIGURED:
        opt.recurse(folder)
    opt.add_option('--no-debug-variant', action='store_true', default=False,
                   help='do not configure the sanitizer build used by tests')


# FFTW's process-wide planner lock (core/hr_fft.c) lives in the threads
# libraries (no pkg-config file in Debian; in libfftw3-dev, FFTW >= 3.3.5).
FFTW_THREADS = [('fftw3_threads', 'fftw_make_planner_thread_safe', 'FFTW3'),
                ('fftw3f_threads', 'fftwf_make_planner_thread_safe', 'FFTW3F')]


def check_fftw_threads(conf):
    for lib, function, base in FFTW_THREADS:
        conf.check_cc(lib=lib, use=[base, 'PTHREAD'],
                      uselib_store=base + '_THREADS',
                      fragment='#include <fftw3.h>\nint main(void) '
                               '{ %s(); return 0; }\n' % function,
                      msg='Checking for %s in %s' % (function, lib),
                      errmsg='not found: install Debian package '
                             'libfftw3-dev (FFTW >= 3.3.5)')


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
    check_fftw_threads(conf)
    conf.recurse('core')
    for folder in CONFIGURED:
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
        # ThreadSanitizer: the tests with real threads (audio, worker,
        # GUI; tests/run_tests.py --tsan-build) run against this one.
        conf.setenv('tsan', env=release_env.derive())
        tsan = ['-fsanitize=thread', '-fno-omit-frame-pointer']
        # -Wno-tsan: ThreadSanitizer does not model the fences of the
        # seqlocks (plugin/state.c, plugin/thumbnail.c); their counters are
        # acquire/release atomics it does see.
        conf.env.CFLAGS = base + ['-O1', '-g', '-Wno-tsan'] + tsan
        conf.env.LINKFLAGS = ['-pthread'] + tsan
        conf.env.DEFINES = ['HR_DEBUG_BUILD=1']
        conf.setenv('')
    Logs.pprint('GREEN', 'configured: release in build/, '
                'sanitizer builds in build/debug/ and build/tsan/')


def build(bld):
    # Includes are written from the top ("render/render.h"), so that the
    # arrows between folders show in the code.
    bld.env.append_unique('INCLUDES', [bld.srcnode.abspath()])
    for folder in FOLDERS:
        bld.recurse(folder)


class DebugBuild(Build.BuildContext):
    """build the sanitizer variant into build/debug/"""
    cmd = 'build_debug'
    variant = 'debug'


class TsanBuild(Build.BuildContext):
    """build the ThreadSanitizer variant into build/tsan/"""
    cmd = 'build_tsan'
    variant = 'tsan'


class DebugClean(Build.CleanContext):
    """clean the sanitizer variant"""
    cmd = 'clean_debug'
    variant = 'debug'


def test(ctx):
    """build the sanitizer variant and run every test (tests/run_tests.py)"""
    # The release build too: real hosts (jalv, Ardour, Carla) load the
    # release bundle, as users do.
    Options.commands = ['build', 'build_debug', 'build_tsan',
                        'run_tests'] + Options.commands


def run_tests(ctx):
    """run the test suite against the sanitizer build (no rebuild)"""
    runner = os.path.join(ctx.path.abspath(), 'tests', 'run_tests.py')
    python = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') \
        else sys.executable
    # Then the tests with real threads again against the ThreadSanitizer
    # build (one summary line for both).
    status = subprocess.call([python, runner, '--build',
                              os.path.join(out, 'debug'), '--tsan-build',
                              os.path.join(out, 'tsan')])
    if status != 0:
        ctx.fatal('tests failed')


def bench(ctx):
    """build the release variant and print the benchmark figures"""
    Options.commands = ['build', 'run_bench'] + Options.commands


def run_bench(ctx):
    """run the benchmarks against the release build (no rebuild)"""
    runner = os.path.join(ctx.path.abspath(), 'bench', 'bench.py')
    python = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') \
        else sys.executable
    if subprocess.call([python, runner, out]) != 0:
        ctx.fatal('benchmark failed')
