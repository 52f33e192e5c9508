#!/usr/bin/python3
# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""hyperres benchmarks (./waf bench): figures, never a pass/fail on time.

Exact mode: throughput at 1 thread and all threads, share of wall time
inside FFTW, peak memory; a numpy reference program on the same input
(the script named by $HR_REFERENCE_PROGRAM, called as SCRIPT IN.wav
OUT.npy, when that is set) for a speed ratio. Streaming plugin (when built): CPU time per second of audio
per preset, rate, block size, mono and stereo, via lilv; picture latency;
memory per instance; on white noise the worst single run() and the ratio
to x42 spectr30 measured in the same run (skipped with a message when
x42-plugins is not installed). Ardour's inline display (when built): render() time
at mixer-strip sizes, scrolling and drawn anew, and the cost of feeding
it in run(). A corpus of short files, --jobs 1 against --jobs 2. Prints a
table and writes build/bench.json.
"""

import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(TOP, 'tests', 'kit'))
import corpus  # noqa: E402
import hrtest  # noqa: E402

# Presets as the plugin ships them (presets/*.ttl): exact-mode options.
PRESETS = {
    'Seed reference': ['--q', '2', '--noct', '108', '--over', '2',
                       '--fmin-hz', '50', '--fmax-hz', '20000'],
    'Light': ['--q', '2', '--noct', '48', '--over', '1',
              '--fmin-hz', '50', '--fmax-hz', '20000'],
    'Voice': ['--q', '2', '--noct', '108', '--over', '2',
              '--fmin-hz', '80', '--fmax-hz', '8000'],
    'Transients': ['--q', '0.7', '--noct', '108', '--over', '2',
                   '--fmin-hz', '50', '--fmax-hz', '20000'],
    'Tonal': ['--q', '4', '--noct', '108', '--over', '2',
              '--fmin-hz', '50', '--fmax-hz', '20000'],
}
TIME_STEP_MS = {'Light': 5.0}
# bench_long's analysis, the same for every length.
LONG_OPTIONS = ['--q', '2', '--noct', '12', '--over', '1', '--fmin-hz', '50',
                '--fmax-hz', '20000', '--tdeci', '240']


def test_signal(seconds, rate):
    n = int(seconds * rate)
    t = np.arange(n) / rate
    x = 0.3 * np.sin(2 * np.pi * 440 * t) + 0.2 * np.sin(
        2 * np.pi * (1500 * t + 100 / 6 * np.sin(2 * np.pi * 6 * t)))
    x[::rate // 4] += 0.5
    return x + hrtest.noise(n, 1e-4)


def run_measured(command):
    """Run a command; returns (wall seconds, stdout)."""
    start = time.time()
    proc = subprocess.run(command, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    wall = time.time() - start
    if proc.returncode != 0:
        raise RuntimeError('%s failed: %s' % (command[0], proc.stderr.strip()))
    return wall, proc.stdout


def peak_rss_mb(command):
    """Peak resident memory of one run, MB, as hyperres reports it (its
    VmHWM: a child's getrusage() peak would start at this Python's size)."""
    out = run_measured([c for c in command if c != '-q'])[1]
    match = re.search(r'peak memory (\d+) MB', out)
    return float(match.group(1)) if match else float('nan')


def exact_row(build, wav, out_dir, preset, threads, seconds, rate):
    options = PRESETS[preset]
    step = TIME_STEP_MS.get(preset, 2.0)
    tdeci = str(int(round(step * rate / 1000)))
    command = [os.path.join(build, 'hyperres'), 'render', wav, '-o', out_dir,
               '--force', '--no-png', '-q', '--tdeci', tdeci,
               '--threads', str(threads)] + options
    walls = []
    for _ in range(2):
        wall, _ = run_measured(command)
        walls.append(wall)
    wall = min(walls)
    return {'preset': preset, 'threads': threads, 'seconds': wall,
            'samples_per_s': seconds * rate / wall,
            'peak_rss_mb': peak_rss_mb(command)}


def fftw_seconds(build, n, n_filters):
    out = subprocess.run([os.path.join(build, 'bench', 'bench_fft'), str(n),
                          str(n_filters)], stdout=subprocess.PIPE, text=True,
                         check=True)
    return float(out.stdout.strip())


def reference_seconds(wav, out_dir):
    script = os.environ.get('HR_REFERENCE_PROGRAM')
    if not script or not os.path.exists(script):
        return None
    start = time.time()
    subprocess.run(['/usr/bin/python3', script, wav,
                    os.path.join(out_dir, 'reference.npy')],
                   stdout=subprocess.DEVNULL, check=True)
    return time.time() - start


def bench_exact(build, scratch, results):
    rate = 48000
    seconds = 1.0
    wav = os.path.join(scratch, 'bench_1s.wav')
    hrtest.write_wav(wav, test_signal(seconds, rate), rate)
    cores = os.cpu_count() or 1
    print('exact mode, 1 s of 48 kHz audio (per-point work on the vector '
          'path HR_SIMD=%s picks):' % os.environ.get('HR_SIMD', 'auto'))
    print('  %-16s %7s %9s %12s %9s' % ('preset', 'threads', 'seconds',
                                         'samples/s', 'RSS MB'))
    rows = []
    for preset in PRESETS:
        for threads in sorted({1, cores}):
            row = exact_row(build, wav, scratch, preset, threads, seconds, rate)
            rows.append(row)
            print('  %-16s %7d %9.3f %12.0f %9.1f' % (
                preset, threads, row['seconds'], row['samples_per_s'],
                row['peak_rss_mb']))
    results['exact'] = rows
    # The reference program's defaults (fmin 0.001, fmax 0.5: 1940
    # filters), ours and numpy's, and FFTW alone doing the same FFTs.
    default_cmd = [os.path.join(build, 'hyperres'), 'render', wav, '-o',
                   scratch, '--force', '--no-png', '-q', '--threads', '1']
    ours = min(run_measured(default_cmd)[0] for _ in range(2))
    fftw = fftw_seconds(build, int(seconds * rate), 970 * 2)
    reference = reference_seconds(wav, scratch)
    results['reference_defaults'] = {
        'hyperres_1_thread_s': ours, 'fftw_alone_s': fftw,
        'fftw_share': fftw / ours, 'numpy_reference_s': reference,
        'speedup_vs_reference': reference / ours if reference else None}
    print('  reference defaults (1940 filters), 1 thread: %.3f s; FFTW alone '
          '%.3f s (%.0f %% of the time)' % (ours, fftw, 100 * fftw / ours))
    if reference:
        print('  numpy reference program: %.2f s -> hyperres is %.1fx faster'
              % (reference, reference / ours))
    else:
        print('  numpy reference program: skipped '
              '(HR_REFERENCE_PROGRAM not set)')


def bench_corpus(build, scratch, results, n_files=240):
    """A corpus of short files in nested folders: --jobs 1 (threads: all
    cores) against --jobs 2 (cores/2 threads each), then a --resume of the
    finished corpus (every file skipped)."""
    recordings = os.path.join(scratch, 'corpus')
    corpus.write_corpus(recordings, n_files, rate=16000, seconds=0.25)
    program = os.path.join(build, 'hyperres')
    options = ['--no-png', '-q', '--noct', '36']
    print('corpus: %d files of 0.25 s at 16 kHz in nested folders, '
          '--noct 36, --no-png:' % n_files)
    rows = {}
    for jobs in (1, 2):
        out = os.path.join(scratch, 'corpus_out%d' % jobs)
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
        rows['jobs_%d_s' % jobs] = run_measured(
            [program, 'render', recordings, '-r', '-o', out, '--jobs', str(jobs)]
            + options)[0]
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        rows['jobs_%d_cpu_s' % jobs] = (used.ru_utime + used.ru_stime
                                        - cpu.ru_utime - cpu.ru_stime)
    rows['resume_s'] = run_measured(
        [program, 'render', recordings, '-r', '-o', out, '--jobs', '2',
         '--resume'] + options)[0]
    results['corpus'] = dict(rows, files=n_files)
    print('  --jobs 1: %.1f s (CPU %.1f s), --jobs 2: %.1f s (CPU %.1f s): '
          '%.2fx; --resume of the finished corpus: %.2f s' % (
              rows['jobs_1_s'], rows['jobs_1_cpu_s'], rows['jobs_2_s'],
              rows['jobs_2_cpu_s'], rows['jobs_1_s'] / rows['jobs_2_s'],
              rows['resume_s']))
def bench_long(build, scratch, results):
    """Exact mode at 10 s, 1 min and 10 min of 48 kHz audio (segments,
    sparse output): throughput and peak memory, and long/short ratios.
    One light analysis for every length, so the ratios compare like with
    like: q 2, 12 rows per octave, 1 filter per row, 50 Hz - 20 kHz
    (105 filters), 5 ms columns; the 10-min rows then take a few minutes
    of CPU each rather than half an hour at the reference defaults."""
    rate = 48000
    cores = os.cpu_count() or 1
    options = LONG_OPTIONS
    print('exact mode on long inputs (48 kHz, %s, segments, sparse .npz; '
          'load average %.1f):' % (' '.join(options), os.getloadavg()[0]))
    print('  %-8s %7s %9s %12s %9s %16s' % ('length', 'threads', 'seconds',
                                            'samples/s', 'RSS MB',
                                            'samples/CPU-s'))
    rows = []
    for seconds in (10, 60, 600):
        wav = os.path.join(scratch, 'long_%d.wav' % seconds)
        hrtest.write_wav(wav, test_signal(seconds, rate), rate, bits=16)
        for threads in sorted({1, min(cores, 2)}):
            command = [os.path.join(build, 'hyperres'), 'render', wav, '-o',
                       scratch, '--force', '--no-png', '--sparse',
                       '--threads', str(threads)] + options
            # CPU time as well as wall time: on a shared machine the wall
            # time follows the load, the CPU time much less.
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall, out = run_measured(command)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime +
                   after.ru_stime - before.ru_stime)
            match = re.search(r'peak memory (\d+) MB', out)
            row = {'seconds_audio': seconds, 'threads': threads,
                   'seconds': wall, 'samples_per_s': seconds * rate / wall,
                   'cpu_seconds': cpu,
                   'samples_per_cpu_s': seconds * rate / cpu,
                   'peak_rss_mb': float(match.group(1)) if match
                   else float('nan')}
            rows.append(row)
            print('  %-8s %7d %9.2f %12.0f %9.1f %16.0f' % (
                '%d s' % seconds, threads, wall, row['samples_per_s'],
                row['peak_rss_mb'], row['samples_per_cpu_s']), flush=True)
        os.remove(wav)
    for threads in sorted({1, min(cores, 2)}):
        for key, what in (('samples_per_s', 'wall'),
                          ('samples_per_cpu_s', 'CPU')):
            by_length = {r['seconds_audio']: r[key] for r in rows
                         if r['threads'] == threads}
            print('  throughput ratio (%s time), %d thread(s): 1 min / 10 s '
                  '%.2f, 10 min / 10 s %.2f' % (
                      what, threads, by_length[60] / by_length[10],
                      by_length[600] / by_length[10]))
    print('  load average at the end: %.1f' % os.getloadavg()[0])
    results['exact_long'] = rows


def main():
    build = os.path.join(TOP, sys.argv[1] if len(sys.argv) > 1 else 'build')
    results = {'machine': {'cpu': platform.processor() or platform.machine(),
                           'cores': os.cpu_count(),
                           'date': time.strftime('%Y-%m-%d')}}
    with open('/proc/cpuinfo') as f:
        for line in f:
            if line.startswith('model name'):
                results['machine']['cpu'] = line.split(':', 1)[1].strip()
                break
    print('machine: %s, %d cores' % (results['machine']['cpu'],
                                     results['machine']['cores']))
    with tempfile.TemporaryDirectory(prefix='hyperres-bench-') as scratch:
        bench_exact(build, scratch, results)
        bench_corpus(build, scratch, results)
        bench_long(build, scratch, results)
        plugin_bench = os.path.join(build, 'bench', 'bench_plugin')
        if os.path.exists(plugin_bench):
            bench_plugin(build, plugin_bench, results)
        inline_bench = os.path.join(build, 'bench', 'bench_inline')
        if os.path.exists(inline_bench):
            bench_inline(build, inline_bench, results)
    with open(os.path.join(build, 'bench.json'), 'w') as f:
        json.dump(results, f, indent=2)
    print('written: %s' % os.path.join(build, 'bench.json'))
    return 0


def bench_plugin(build, program, results):
    """CPU time per second of audio of the plugin via lilv (bench_plugin
    prints one JSON object per configuration): first on white noise,
    side by side with x42 spectr30 in the same run, then a tone for
    every preset, rate and block size."""
    print('plugin (streaming, single precision) via lilv, CPU seconds per '
          'second of audio:')
    args = [program, os.path.join(build, 'hyperres.lv2'), '3']
    if os.environ.get('HR_BENCH_NOISE_ONLY'):
        args.append('noise')
    out = subprocess.run(args, stdout=subprocess.PIPE, text=True, check=True)
    lines = [json.loads(line) for line in out.stdout.splitlines()
             if line.startswith('{')]
    rows = [row for row in lines if 'preset' in row]
    for row in lines:
        if 'skipped' in row:
            print('  %s: skipped (%s; Debian package x42-plugins)' % (
                row['skipped'], row['why']))
    noise = [row for row in rows if row['signal'] == 'white noise']
    print('  white noise, 48 kHz, the vector path HR_SIMD=%s picks:' % (
        os.environ.get('HR_SIMD', 'auto')))
    print('  %-16s %4s %6s %5s %9s %10s %9s %12s %11s %10s' % (
        'preset', 'ch', 'block', 'bands', 'CPU s/s', 'x realtime',
        'x x42', 'worst run ms', 'p99.9 ms', 'latency ms'))
    x42 = {row['block']: row['cpu_per_second'] for row in noise
           if row['preset'] == 'x42 spectr30'}
    for row in noise:
        ratio = (row['cpu_per_second'] / x42[row['block']]
                 if row['block'] in x42 else float('nan'))
        row['times_x42'] = ratio
        print('  %-16s %4d %6d %5d %9.4f %10.1f %9.1f %12.3f %11.3f %10.0f' % (
            row['preset'], row['channels'], row['block'],
            row['bandwidths'], row['cpu_per_second'],
            1.0 / row['cpu_per_second'], ratio, row['worst_run_ms'],
            row['p999_run_ms'], row['latency_ms']))
    print('  a tone (440 Hz and faint noise):')
    print('  %-16s %6s %4s %6s %4s %5s %9s %10s %10s %8s' % (
        'preset', 'rate', 'ch', 'block', 'UI', 'bands', 'CPU s/s',
        'x realtime', 'latency ms', 'heap MB'))
    for row in rows:
        if row['signal'] == 'white noise':
            continue
        print('  %-16s %6d %4d %6d %4s %5d %9.4f %10.1f %10.0f %8.1f' % (
            row['preset'], row['rate'], row['channels'], row['block'],
            'on' if row['ui'] else 'off', row['bandwidths'],
            row['cpu_per_second'], 1.0 / row['cpu_per_second'],
            row['latency_ms'], row['heap_mb']))
    results['plugin'] = rows


def bench_inline(build, program, results):
    """Ardour's inline display: render() at strip sizes, and what feeding
    the thumbnail adds to run() (bench_inline prints JSON lines)."""
    out = subprocess.run([program, os.path.join(build, 'hyperres.lv2')],
                         stdout=subprocess.PIPE, text=True, check=True)
    rows = [json.loads(line) for line in out.stdout.splitlines()
            if line.startswith('{')]
    print('inline display (Ardour mixer strip), CPU per render() and share '
          'of a core at 30 renders/s:')
    print('  %-6s %-9s %12s %8s %16s %8s' % (
        'signal', 'size', 'scrolling', '% core', 'all drawn again',
        '% core'))
    renders = [r for r in rows if r['what'] == 'render']
    for row in renders:
        full = next((r for r in rows if r['what'] == 'render_all' and
                     r['signal'] == row['signal'] and
                     abs(r['width'] - row['width']) <= 1), None)
        print('  %-6s %-9s %9.1f us %8.3f %13.1f us %8.3f' % (
            row['signal'], '%dx%d' % (row['width'], row['height']),
            row['us_per_render'], row['core_percent_at_30'],
            full['us_per_render'] if full else float('nan'),
            full['core_percent_at_30'] if full else float('nan')))
    for row in rows:
        if row['what'] == 'run':
            print('  run(): feeding the thumbnail (%d rows, %d columns/s): '
                  '%.0f us per second of audio (%.3f %% of a core)' % (
                      row['rows'], row['columns_per_second'],
                      row['us_per_second_of_audio'], row['core_percent']))
    results['inline_display'] = rows


if __name__ == '__main__':
    sys.exit(main())
