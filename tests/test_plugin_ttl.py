# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The LV2 bundle as hosts and validators see it: every Turtle file
parses (sordi), lv2_validate finds 0 errors, lv2info and lv2ls list both
plugins with their ports, the shared object exports only lv2_descriptor,
and the bundle holds what the manifest names."""

import os
import re
import shutil
import subprocess

BUNDLE = 'hyperres.lv2'
URI = 'urn:uuid:f0b0c2a0-ac39-4130-8348-11027bec971e'
SPEC_DIR = '/usr/lib/lv2'

# Published: hosts store these in saved sessions, so they never change
# after a release (README.md, "Plugin URIs"). Everything the bundle
# declares as a plugin, UI or preset, after URI.
PUBLISHED = {'#mono', '#stereo', '#ui', '#preset-seed_reference',
             '#preset-light', '#preset-voice', '#preset-transients',
             '#preset-tonal'}
TYPES = {'<http://lv2plug.in/ns/lv2core#Plugin>',
         '<http://lv2plug.in/ns/extensions/ui#X11UI>',
         '<http://lv2plug.in/ns/ext/presets#Preset>'}
RDF_TYPE = '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>'

MONO_SYMBOLS = ['control', 'notify', 'q', 'time_step', 'rows_per_octave',
                'filters_per_row', 'fmin', 'fmax', 'lint', 'analyse',
                'bandwidths', 'latency', 'load', 'drops', 'in', 'out']
STEREO_SYMBOLS = MONO_SYMBOLS[:14] + ['in_l', 'out_l', 'in_r', 'out_r',
                                      'channel']


def bundle_dir(context):
    path = os.path.join(context.build_dir, BUNDLE)
    assert os.path.isdir(path), '%s is missing: build first' % path
    return path


def ttl_files(context):
    found = []
    for folder, _, names in os.walk(bundle_dir(context)):
        found += [os.path.join(folder, n) for n in sorted(names)
                  if n.endswith('.ttl')]
    assert len(found) == 8, found  # manifest, hyperres, hyperres_ui, 5 presets
    return found


def tool(name):
    path = shutil.which(name)
    assert path, '%s not found: install Debian package %s' % (
        name, {'sordi': 'sordi', 'lv2_validate': 'lv2-dev',
               'lv2info': 'lilv-utils', 'lv2ls': 'lilv-utils'}[name])
    return path


def lv2_env(context):
    """LV2_PATH with the build's bundle (and the specs) only: a folder
    holding a link to it, since the build folder holds other things."""
    folder = context.tmpdir('lv2')
    link = os.path.join(folder, BUNDLE)
    if not os.path.islink(link):
        os.symlink(bundle_dir(context), link)
    env = dict(os.environ)
    env['LV2_PATH'] = '%s:%s' % (folder, SPEC_DIR)
    return env


def run(args, env=None):
    proc = subprocess.run(args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env,
                          timeout=120)
    return proc


def test_every_ttl_parses(context):
    sordi = tool('sordi')
    for path in ttl_files(context):
        base = 'file://' + path
        proc = run([sordi, '-i', 'turtle', '-o', 'ntriples', path, base])
        assert proc.returncode == 0 and not proc.stderr.strip(), \
            '%s: %s' % (path, proc.stderr)
        assert proc.stdout.count('\n') > 5, path


def test_uris_are_the_published_ones(context):
    """The plugins, UI and presets the bundle declares, and the URI the
    code uses (protocol/uris.h), are the published ones."""
    sordi = tool('sordi')
    declared = set()
    for path in ttl_files(context):
        proc = run([sordi, '-i', 'turtle', '-o', 'ntriples', path,
                    'file://' + path])
        for line in proc.stdout.splitlines():
            parts = line.split(' ')
            if len(parts) >= 3 and parts[1] == RDF_TYPE and parts[2] in TYPES:
                declared.add(parts[0].strip('<>'))
    assert declared == {URI + name for name in PUBLISHED}, sorted(declared)
    with open(os.path.join(context.top, 'protocol', 'uris.h')) as header:
        assert '#define HR_URI "%s"' % URI in header.read()


def test_ports_have_units_and_comments(context):
    sordi = tool('sordi')
    path = os.path.join(bundle_dir(context), 'hyperres.ttl')
    triples = run([sordi, '-i', 'turtle', '-o', 'ntriples', path,
                   'file://' + path]).stdout.splitlines()
    units = [t for t in triples if '/units#unit>' in t]
    hz = [t for t in units if t.endswith('<http://lv2plug.in/ns/extensions/'
                                         'units#hz> .')]
    assert len(hz) == 4, hz  # fmin and fmax of both plugins
    ports = {t.split()[2] for t in triples
             if t.split()[1] == '<http://lv2plug.in/ns/lv2core#port>'}
    assert len(ports) == len(MONO_SYMBOLS) + len(STEREO_SYMBOLS), ports
    commented = {t.split()[0] for t in triples if '#comment>' in t}
    assert ports <= commented, ports - commented


def test_lv2_validate_finds_no_errors(context):
    validate = tool('lv2_validate')
    assert os.path.isdir(os.path.join(SPEC_DIR, 'core.lv2')), \
        'LV2 specs missing in %s: install Debian package lv2-dev' % SPEC_DIR
    proc = run([validate] + ttl_files(context))
    output = proc.stdout + proc.stderr
    # its exit status is unreliable: read its summary line
    match = re.search(r'Found (\d+) errors', output)
    assert match, 'no summary from lv2_validate:\n' + output
    assert match.group(1) == '0', output
    warnings = [line for line in output.splitlines() if 'warning' in line]
    assert not warnings, '\n'.join(warnings)


def port_symbols(lv2info_output):
    return re.findall(r'^\s*Symbol:\s*(\S+)', lv2info_output, re.M)


def test_lv2info_lists_both_plugins_with_their_ports(context):
    lv2info = tool('lv2info')
    lv2ls = tool('lv2ls')
    env = lv2_env(context)
    listed = run([lv2ls], env=env).stdout.split()
    assert URI + '#mono' in listed and URI + '#stereo' in listed, listed
    for name, symbols in (('mono', MONO_SYMBOLS), ('stereo', STEREO_SYMBOLS)):
        proc = run([lv2info, URI + '#' + name], env=env)
        assert proc.returncode == 0, proc.stderr
        out = proc.stdout
        assert port_symbols(out) == symbols, port_symbols(out)
        assert 'Required Features' in out and 'worker#schedule' in out, out
        assert 'Presets:' in out and 'Seed reference' in out, out
        assert re.search(r'Has latency:\s*no', out), 'reports latency'
        assert out.count('port-props#logarithmic') == 3, 'log ports'
        assert not proc.stderr.strip(), proc.stderr


def test_presets_are_listed_for_both_plugins(context):
    lv2info = tool('lv2info')
    env = lv2_env(context)
    for name in ('mono', 'stereo'):
        out = run([lv2info, URI + '#' + name], env=env).stdout
        section = out[out.index('Presets:'):].split('\n\n')[0]
        for label in ('Seed reference', 'Light', 'Voice', 'Transients',
                      'Tonal'):
            assert label in section, '%s: %s missing' % (name, label)


def test_only_lv2_descriptor_is_exported(context):
    nm = shutil.which('nm')
    assert nm, 'nm not found: install Debian package binutils'
    so = os.path.join(bundle_dir(context), 'hyperres.so')
    proc = run([nm, '-D', '--defined-only', so])
    assert proc.returncode == 0, proc.stderr
    names = [line.split()[-1] for line in proc.stdout.splitlines()
             if line.strip()]
    assert names == ['lv2_descriptor'], names
