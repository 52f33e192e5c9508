# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""Exact mode against the reference program's output, case by case."""

import os

import numpy as np

import hrtest


def test_every_reference_case_matches(context):
    out_dir = context.tmpdir('reference')
    failures = []
    cases = list(hrtest.reference_cases(context))
    assert len(cases) >= 10, 'reference data missing'
    for name, meta in cases:
        wav = os.path.join(context.reference_dir, name + '.wav')
        energy = hrtest.render(context, wav, out_dir, '--force',
                               *hrtest.params_options(meta))
        golden = np.load(os.path.join(context.reference_dir, name + '.npy'))
        ok, text = hrtest.compare_spec(energy, golden)
        print('  %-16s %s %s' % (name, text, 'ok' if ok else 'MISMATCH'))
        if not ok:
            failures.append(name)
    assert not failures, 'cases differ from the reference: %s' % failures


def test_comparison_detects_a_wrong_parameter(context):
    """The comparison is not vacuous: lint 0.4 instead of 0.5 fails it."""
    name, meta = next(hrtest.reference_cases(context))
    wav = os.path.join(context.reference_dir, name + '.wav')
    options = hrtest.params_options(meta)
    options[options.index('--lint') + 1] = repr(meta['lint'] * 0.8)
    energy = hrtest.render(context, wav, context.tmpdir('wrong'), *options)
    golden = np.load(os.path.join(context.reference_dir, name + '.npy'))
    ok, text = hrtest.compare_spec(energy, golden)
    assert not ok, 'a wrong lint still matched: ' + text


def test_float64_output_and_thread_count_do_not_change_numbers(context):
    wav = os.path.join(context.reference_dir, 'chirp.wav')
    one = context.tmpdir('threads1')
    two = context.tmpdir('threads2')
    hrtest.run(context, 'render', wav, '-o', one, '--no-png', '--float64',
               '--threads', '1', expect=0)
    hrtest.run(context, 'render', wav, '-o', two, '--no-png', '--float64',
               '--threads', '2', expect=0)
    a = np.load(os.path.join(one, 'chirp_spec.npy'))
    b = np.load(os.path.join(two, 'chirp_spec.npy'))
    assert a.dtype == np.float64
    assert np.array_equal(a, b), 'result depends on the thread count'
