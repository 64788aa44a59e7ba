#!/usr/bin/env python3
"""Structured-mutation probe of the CLI (issue #15): mutates copies of real files and runs
`insitu info` (every run) and `insitu drift` (every tenth) on each, under a 4 GB address-space
limit and 30 s of CPU, and counts crashes (signals), hangs (CPU limit), exit codes, refusals
longer than one stderr line and "internal error"s.

    scripts/mutation_probe.py INSITU RUNS [SEED] [FILES...]   (default files: ../shared movies)

Mutations: an aligned 2/4/8-byte field (either byte order) set to a size-breaking value (0, 1,
-1, 2^31-1, 2^32, the file size, ...), mostly in the first 4 KiB where headers live; truncation;
a few random bytes; a repeated block. Prints one summary and the worst cases; exit 1 when any
run crashed, hung, hit the memory cap, ended in an internal error or printed a multi-line
refusal."""
import collections
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time

INTERESTING = [0, 1, 2, 0x7F, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
               0x100000000, 0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF]
EXTENSIONS = ('.tif', '.tiff', '.dm3', '.dm4', '.mrc', '.ser', '.emd', '.h5')


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    kind = rng.random()
    if kind < 0.6 and len(b) >= 8:
        for _ in range(rng.randint(1, 3)):
            width = rng.choice((2, 4, 8))
            limit = min(len(b), 4096) if rng.random() < 0.8 else len(b)
            offset = 2 * rng.randrange(max(1, (limit - width) // 2))
            value = rng.choice(INTERESTING + [len(b), len(b) * 2])
            if rng.random() < 0.25:
                value += rng.randint(-2, 2)
            value &= (1 << (8 * width)) - 1
            b[offset:offset + width] = value.to_bytes(width, rng.choice(('little', 'big')))
    elif kind < 0.75:
        del b[rng.randrange(1, max(2, len(b))):]
    elif kind < 0.9:
        for _ in range(rng.randint(1, 16)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    else:
        start = rng.randrange(len(b))
        block = b[start:start + rng.randint(1, 4096)]
        at = rng.randrange(len(b))
        b[at:at] = block * rng.randint(1, 8)
    return bytes(b)


def limits():
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (30, 31))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run(command):
    started = time.time()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=limits)
    try:
        _, err = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return proc.returncode, err.decode('utf-8', 'replace'), time.time() - started


def main():
    insitu, runs = sys.argv[1], int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    files = sys.argv[4:]
    if not files:
        root = os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'data', 'external')
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs
                       if f.lower().endswith(EXTENSIONS) and os.path.getsize(os.path.join(d, f)) < 3 << 20)
    seeds = [(f, open(f, 'rb').read()) for f in files]
    rng = random.Random(seed)
    outcomes = collections.Counter()
    bad = []
    work = tempfile.mkdtemp(prefix='insitu-mutation-')
    for i in range(runs):
        name, data = seeds[i % len(seeds)]
        path = os.path.join(work, 'm' + os.path.splitext(name)[1].lower())
        with open(path, 'wb') as out:
            out.write(mutate(data, rng))
        commands = [[insitu, 'info', path]]
        if i % 10 == 0:
            commands.append([insitu, 'drift', path, '-o', os.path.join(work, 'd.csv')])
        for command in commands:
            code, err, wall = run(command)
            lines = err.count('\n')
            if code < 0 and -code == signal.SIGXCPU:
                outcome = 'hang (30 s CPU)'
            elif code < 0:
                outcome = 'crash (signal %d)' % -code
            elif 'internal error' in err:
                outcome = 'internal error'
            elif code == 2 and lines != 1:
                outcome = 'refusal of %d lines' % lines
            else:
                outcome = 'exit %d' % code
            outcomes[command[1] + ': ' + outcome] += 1
            if not outcome.startswith('exit'):
                keep = os.path.join(work, 'case-%05d%s' % (i, os.path.splitext(name)[1].lower()))
                os.replace(path, keep) if command[1] == 'info' else None
                bad.append((outcome, name, ' '.join(command[1:2]), err.strip()[:300]))
        if (i + 1) % 500 == 0:  # partial counts, for a long probe that may be stopped
            print('after %d files: %s' % (i + 1, ', '.join(
                '%s %d' % kv for kv in sorted(outcomes.items()))), flush=True)
            for outcome, name, command, err in bad:
                print('  BAD so far %s: %s of %s: %s' % (outcome, command, name, err), flush=True)
    total = sum(outcomes.values())
    print('mutation probe: %d mutated files, %d runs, seed %d, %d source files' %
          (runs, total, seed, len(seeds)))
    for key, count in sorted(outcomes.items()):
        print('  %-40s %6d' % (key, count))
    for outcome, name, command, err in bad[:20]:
        print('BAD %s: %s of %s: %s' % (outcome, command, name, err))
    print('cases kept in', work)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
