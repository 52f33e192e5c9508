# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The Python package hyperres for the tests: imported from the clone's
python/ folder with the release build's libhyperres (the sanitizer
build's cannot be loaded into a Python that does not preload ASan)."""

import os
import sys


def library(context):
    """Path of the release build's libhyperres."""
    path = os.path.join(context.release_dir, 'lib', 'libhyperres.so.0')
    if not os.path.exists(path):
        raise AssertionError('%s is missing: build the release variant '
                             '(./waf build; ./waf test does)' % path)
    return path


def environment(context):
    """Environment for a child Python that imports hyperres."""
    env = dict(os.environ)
    env['HYPERRES_LIBRARY'] = library(context)
    env['PYTHONPATH'] = os.path.join(context.top, 'python')
    env['MPLBACKEND'] = 'Agg'
    return env


def import_hyperres(context):
    """The package, imported once into this process."""
    os.environ['HYPERRES_LIBRARY'] = library(context)
    os.environ['MPLBACKEND'] = 'Agg'
    package = os.path.join(context.top, 'python')
    if package not in sys.path:
        sys.path.insert(0, package)
    import hyperres
    return hyperres
