#!/usr/bin/python3
# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Run every hyperres test against a build folder (the sanitizer build).

C tests: each executable build/debug/tests/test_* prints one PASS/FAIL
line per check and ends with "N passed, N failed".
Python tests: each function test_* in tests/test_*.py gets a TestContext.
The last line of the output is the total: "N passed, N failed".
"""

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))

# What runs again against the ThreadSanitizer build (--tsan-build): the
# tests with threads of their own. test_threads runs the plugin with an
# audio, a worker and a GUI thread together (UI messages, inline display,
# state save); test_fftw_shared plans from several threads beside another
# FFTW-using plugin; the UI's life in a host; exact mode's worker threads.
# (Single-threaded tests give ThreadSanitizer little to find; test_torture
# and test_plugin_rt replace malloc and friends, as ThreadSanitizer does.)
TSAN_C_TESTS = ['test_threads', 'test_fftw_shared', 'test_ui_lifecycle']
TSAN_PY_TESTS = ['test_plugin_mode.py::test_exact_mode_is_bit_identical_in_every_run']
TOP = os.path.dirname(HERE)
KIT = os.path.join(HERE, 'kit')  # hrtest, signals: what the tests share
SUMMARY = re.compile(r'^(\d+) passed, (\d+) failed', re.M)


class TestContext:
    """What a Python test gets: where the build is, a scratch folder."""

    def __init__(self, build_dir, scratch):
        self.build_dir = build_dir
        self.hyperres = os.path.join(build_dir, 'hyperres')
        self.scratch = scratch
        self.reference_dir = os.path.join(HERE, 'reference')
        self.top = TOP

    def tmpdir(self, name):
        path = os.path.join(self.scratch, name)
        os.makedirs(path, exist_ok=True)
        return path


def sanitizer_env():
    env = dict(os.environ)
    env.setdefault('ASAN_OPTIONS', 'detect_leaks=1:abort_on_error=0')
    env.setdefault('LSAN_OPTIONS', 'suppressions=%s:print_suppressions=0'
                   % os.path.join(HERE, 'lsan.supp'))
    env.setdefault('UBSAN_OPTIONS', 'print_stacktrace=1:halt_on_error=1')
    env.setdefault('TSAN_OPTIONS', 'halt_on_error=1:second_deadlock_stack=1:'
                   'suppressions=%s' % os.path.join(HERE, 'tsan.supp'))
    return env


def run_c_tests(build_dir, selected, only_prefixes=None):
    passed = failed = 0
    test_dir = os.path.join(build_dir, 'tests')
    names = sorted(n for n in os.listdir(test_dir)
                   if n.startswith('test_') and '.' not in n) \
        if os.path.isdir(test_dir) else []
    for name in names:
        if selected and not any(s in name for s in selected):
            continue
        if only_prefixes is not None and \
                not any(name.startswith(p) for p in only_prefixes):
            continue
        start = time.time()
        proc = subprocess.run([os.path.join(test_dir, name)], cwd=TOP,
                              env=sanitizer_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        sys.stdout.write(proc.stdout)
        match = SUMMARY.search(proc.stdout)
        if match and proc.returncode == 0:
            passed += int(match.group(1))
            failed += int(match.group(2))
        else:
            failed += 1 + (int(match.group(2)) if match else 0)
            passed += int(match.group(1)) if match else 0
            print('FAIL %s: exit status %d' % (name, proc.returncode))
        print('-- %s: %.1f s' % (name, time.time() - start))
    return passed, failed


def load_module(path):
    name = os.path.splitext(os.path.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, KIT)
    spec.loader.exec_module(module)
    return module


def run_python_tests(context, selected, only_labels=None):
    passed = failed = skipped = 0
    sys.path.insert(0, KIT)
    import hrtest
    files = sorted(f for f in os.listdir(HERE)
                   if f.startswith('test_') and f.endswith('.py'))
    if only_labels is not None:
        files = [f for f in files
                 if any(label.startswith(f + '::') for label in only_labels)]
    for filename in files:
        module = load_module(os.path.join(HERE, filename))
        for name in sorted(dir(module)):
            if not name.startswith('test_') or not callable(getattr(module, name)):
                continue
            label = '%s::%s' % (filename, name)
            if selected and not any(s in label for s in selected):
                continue
            if only_labels is not None and label not in only_labels:
                continue
            start = time.time()
            try:
                getattr(module, name)(context)
            except hrtest.Skip as reason:
                skipped += 1
                print('SKIP %s: %s' % (label, reason))
            except Exception:  # a failed assertion or a crash of the test
                failed += 1
                print('FAIL %s (%.1f s)' % (label, time.time() - start))
                traceback.print_exc(file=sys.stdout)
            else:
                passed += 1
                print('PASS %s (%.1f s)' % (label, time.time() - start))
            sys.stdout.flush()
    return passed, failed, skipped


def run_tsan_tests(tsan_dir, selected, scratch):
    """The threaded tests again, against the ThreadSanitizer build."""
    if not os.path.exists(os.path.join(tsan_dir, 'hyperres')):
        print('FAIL tsan: %s/hyperres is missing: ./waf build_tsan'
              % tsan_dir)
        return 0, 1, 0
    print('-- ThreadSanitizer build %s' % tsan_dir)
    sys.stdout.flush()
    c_passed, c_failed = run_c_tests(tsan_dir, selected, TSAN_C_TESTS)
    context = TestContext(tsan_dir, os.path.join(scratch, 'tsan'))
    py_passed, py_failed, skipped = run_python_tests(context, selected,
                                                     TSAN_PY_TESTS)
    return c_passed + py_passed, c_failed + py_failed, skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--build', default=os.path.join('build', 'debug'),
                        help='build folder with hyperres and tests/')
    parser.add_argument('only', nargs='*',
                        help='run only tests whose name contains one of these')
    parser.add_argument('--tsan-build', default=None,
                        help='ThreadSanitizer build folder: run the '
                             'threaded tests against it as well')
    args = parser.parse_args()
    build_dir = os.path.abspath(os.path.join(TOP, args.build))
    if not os.path.exists(os.path.join(build_dir, 'hyperres')):
        print('run_tests: %s/hyperres is missing: build first (./waf test)'
              % build_dir)
        return 2
    os.environ.update(sanitizer_env())
    with tempfile.TemporaryDirectory(prefix='hyperres-tests-') as scratch:
        context = TestContext(build_dir, scratch)
        c_passed, c_failed = run_c_tests(build_dir, args.only)
        py_passed, py_failed, skipped = run_python_tests(context, args.only)
        t_passed = t_failed = t_skipped = 0
        if args.tsan_build:
            t_passed, t_failed, t_skipped = run_tsan_tests(
                os.path.abspath(os.path.join(TOP, args.tsan_build)),
                args.only, scratch)
    passed = c_passed + py_passed + t_passed
    failed = c_failed + py_failed + t_failed
    skipped += t_skipped
    print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
