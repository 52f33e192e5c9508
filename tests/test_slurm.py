# Copyright 2026 The hyperres authors
# SPDX-License-Identifier: ISC
"""The README's Slurm job array on a real one-node Slurm cluster started
for the test on localhost: its own munge key and munged socket, its own
slurm.conf, ports, state, spool and log folders. The array covers a
nested corpus exactly once with the outputs of a single process; an array
cancelled half-way and submitted again finishes without redoing what was
finished. Every daemon started here is stopped by its PID."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time

import corpus
import hrtest

HERE = os.path.dirname(os.path.abspath(__file__))
DAEMONS = ('munged', 'slurmctld', 'slurmd')
CLIENTS = ('sbatch', 'squeue', 'scancel', 'sinfo')
OPTIONS = ['--no-png', '--noct', '24', '--tdeci', '64']


def why_not_here():
    if os.geteuid() != 0:
        return 'needs root (slurmd runs jobs as root here: SlurmUser=root)'
    missing = [p for p in DAEMONS + CLIENTS if not shutil.which(
        p, path=os.environ.get('PATH', '') + ':/usr/sbin:/sbin')]
    if missing:
        return 'not installed: %s (Debian: slurmctld slurmd slurm-client ' \
               'munge)' % ' '.join(missing)
    if not os.path.ismount('/sys/fs/cgroup'):
        # Slurm 22.05's slurmd sets up its cgroup plugin whatever the
        # ProctrackType and TaskPlugin, and stops without cgroups (as in
        # a chroot whose /sys has no cgroup mount).
        return 'slurmd needs a cgroup file system at /sys/fs/cgroup; ' \
               'none is mounted here'
    return None


def free_ports(count):
    sockets, ports = [], []
    for _ in range(count):
        s = socket.socket()
        s.bind(('', 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


def readme_array_script():
    with open(os.path.join(HERE, '..', 'README.md')) as f:
        text = f.read()
    match = re.search(r'```sh\n(#!/bin/bash\n# hyperres-array.sbatch.*?)```',
                      text, re.S)
    assert match, 'README.md has no hyperres-array.sbatch script'
    return match.group(1)


class Cluster:
    """munged, slurmctld and slurmd in `folder`, on free ports."""

    def __init__(self, folder):
        self.folder = folder
        self.processes = []
        self.host = socket.gethostname().split('.')[0]
        self.env = dict(os.environ)
        self.env['PATH'] = self.env.get('PATH', '') + ':/usr/sbin:/sbin'
        self.env['SLURM_CONF'] = os.path.join(folder, 'slurm.conf')
        for name in list(self.env):  # a surrounding Slurm job's settings
            if name.startswith(('SLURM_', 'SBATCH_', 'SQUEUE_')) and \
                    name != 'SLURM_CONF':
                del self.env[name]

    def path(self, name):
        return os.path.join(self.folder, name)

    def start_daemon(self, args, log):
        out = open(self.path(log), 'w')
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL,
                                   stdout=out, stderr=subprocess.STDOUT,
                                   env=self.env)
        out.close()
        self.processes.append(process)
        return process

    def wait_for(self, what, test, limit=60):
        deadline = time.time() + limit
        while time.time() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise AssertionError('%s ended (%d) while waiting for %s'
                                         % (process.args[0],
                                            process.returncode, what)
                                         + self.logs())
            if test():
                return
            time.sleep(0.1)
        raise AssertionError('no %s after %d s' % (what, limit) + self.logs())

    def logs(self):
        text = ''
        for name in sorted(os.listdir(self.folder)):
            if name.endswith('.log'):
                with open(self.path(name), errors='replace') as f:
                    text += '\n--- %s\n%s' % (name, f.read()[-3000:])
        return text

    def start_munge(self):
        key = self.path('munge.key')
        with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), 'wb') as f:
            f.write(os.urandom(1024))
        self.socket = self.path('munge.socket')
        self.start_daemon(['munged', '--foreground', '--force',
                           '--socket=' + self.socket, '--key-file=' + key,
                           '--pid-file=' + self.path('munged.pid'),
                           '--seed-file=' + self.path('munged.seed'),
                           '--log-file=' + self.path('munged.log')],
                          'munged.out.log')
        self.wait_for('munge socket', lambda: os.path.exists(self.socket))

    def write_conf(self):
        node = subprocess.run(['slurmd', '-C'], stdout=subprocess.PIPE,
                              text=True, env=self.env,
                              check=True).stdout.splitlines()[0]
        node = re.sub(r'^NodeName=\S+', 'NodeName=' + self.host, node)
        ctld_port, slurmd_port = free_ports(2)
        for name in ('state', 'spool'):
            os.makedirs(self.path(name), exist_ok=True)
        conf = """ClusterName=hrtest
SlurmctldHost=%(host)s(127.0.0.1)
SlurmctldPort=%(ctld_port)d
SlurmdPort=%(slurmd_port)d
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=%(socket)s
CredType=cred/munge
StateSaveLocation=%(dir)s/state
SlurmdSpoolDir=%(dir)s/spool
SlurmctldPidFile=%(dir)s/slurmctld.pid
SlurmdPidFile=%(dir)s/slurmd.pid
SlurmctldLogFile=%(dir)s/slurmctld.log
SlurmdLogFile=%(dir)s/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
PlugStackConfig=%(dir)s/plugstack.conf
MaxArraySize=1000
%(node)s NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=hrtest Nodes=%(host)s Default=YES MaxTime=INFINITE State=UP
""" % dict(host=self.host, ctld_port=ctld_port, slurmd_port=slurmd_port,
           socket=self.socket, dir=self.folder, node=node)
        with open(self.path('slurm.conf'), 'w') as f:
            f.write(conf)
        open(self.path('plugstack.conf'), 'w').close()

    def start(self):
        self.start_munge()
        self.write_conf()
        conf = self.env['SLURM_CONF']
        self.start_daemon(['slurmctld', '-D', '-i', '-f', conf],
                          'slurmctld.out.log')
        self.start_daemon(['slurmd', '-D', '-f', conf, '-N', self.host],
                          'slurmd.out.log')
        self.wait_for('idle node', lambda: self.run(
            'sinfo', '-h', '-o', '%T', check=False).strip() == 'idle')

    def run(self, *args, check=True):
        proc = subprocess.run(list(args), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True,
                              env=self.env, timeout=60)
        if check and proc.returncode != 0:
            raise AssertionError('%s: %s' % (' '.join(args), proc.stderr)
                                 + self.logs())
        return proc.stdout

    def submit(self, script, workdir, env, *args):
        env_args = ','.join('%s=%s' % item for item in env.items())
        out = self.run('sbatch', '--parsable', '--chdir', workdir,
                       '--export', 'ALL,' + env_args, script, *args)
        return out.strip().split(';')[0]

    def queued(self, job):
        return self.run('squeue', '-h', '-j', job, '-o', '%i %T',
                        check=False).strip()

    def wait_job(self, job, limit=240):
        self.wait_for('end of job %s' % job, lambda: not self.queued(job),
                      limit)

    def stop(self):
        if len(self.processes) > 1:  # slurmctld is up: cancel what is left
            self.run('scancel', '--user', 'root', check=False)
            deadline = time.time() + 20
            while time.time() < deadline and self.run(
                    'squeue', '-h', check=False).strip():
                time.sleep(0.2)
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def test_readme_job_array_on_a_one_node_slurm_cluster(context):
    why = why_not_here()
    if why:
        raise hrtest.Skip(why)
    work = context.tmpdir('slurm')
    recordings = os.path.join(work, 'recordings')
    paths = corpus.write_corpus(recordings, 36, seconds=0.25)
    single = os.path.join(work, 'single')
    hrtest.run(context, 'render', recordings, '-r', '-o', single, *OPTIONS,
               expect=0)
    script = os.path.join(work, 'hyperres-array.sbatch')
    with open(script, 'w') as f:
        f.write(readme_array_script())
    cluster = Cluster(context.tmpdir('slurm_cluster'))
    try:
        cluster.start()
        # A whole array.
        started = time.time()
        job = cluster.submit(script, work, {
            'HYPERRES': context.hyperres, 'CORPUS': recordings,
            'OUT': 'array'}, *OPTIONS)
        cluster.wait_job(job)
        seconds = time.time() - started
        out = os.path.join(work, 'array')
        corpus.assert_same_outputs(single, out)
        check_index(out, paths, shards=4)
        print('  job array of 4 tasks over %d files: %.1f s wall time'
              % (len(paths), seconds))
        # Cancelled half-way, then submitted again.
        env = {'HYPERRES': context.hyperres, 'CORPUS': recordings,
               'OUT': 'again'}
        job = cluster.submit(script, work, env, *OPTIONS)
        again = os.path.join(work, 'again')
        wait_for_rows(cluster, again, len(paths) // 3)
        cluster.run('scancel', job)
        cluster.wait_job(job, 60)
        finished = {r['name'] for r in corpus.latest_rows(again).values()
                    if r['status'] == 'done'}
        before = corpus.stamps(again)
        assert 0 < len(finished) < len(paths), finished
        job = cluster.submit(script, work, env, *OPTIONS)
        cluster.wait_job(job)
        after = corpus.stamps(again)
        for name in finished:
            for kind in ('_spec.npy', '_axes.npz'):
                assert after[name + kind] == before[name + kind], \
                    name + kind + ' was made again'
        corpus.assert_same_outputs(single, again)
        check_index(again, paths, shards=4)
        print('  cancelled after %d of %d files; the resubmitted array '
              'analysed the other %d' % (len(finished), len(paths),
                                         len(paths) - len(finished)))
    finally:
        cluster.stop()


def wait_for_rows(cluster, out, count):
    index = os.path.join(out, 'hyperres_index.jsonl')

    def enough():
        if not os.path.exists(index):
            return False
        with open(index) as f:
            return sum('"status":"done"' in line for line in f) >= count
    cluster.wait_for('%d finished files' % count, enough, 240)


def check_index(out, paths, shards):
    """One done row per input, no failure, every share present."""
    rows = corpus.index_rows(out)
    done = [r for r in rows if r['status'] == 'done']
    assert not [r for r in rows if r['status'] != 'done'], rows
    assert sorted(r['input'] for r in done) == sorted(paths), 'not once each'
    assert {r['shard'] for r in done} == \
        {'%d/%d' % (k, shards) for k in range(shards)}
