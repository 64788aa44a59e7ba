#!/usr/bin/env python3
"""In-process variant of scripts/mutation_probe.py (issue #15): writes structured mutations of the
HDF5 files in ../shared (and the EMD/project seeds of tests/fuzz-regressions, plus any PROJECT
files given) into OUT/emd and OUT/project, three EMD inputs to one project, with empty folders
for fuzz_replay's other targets. Replay them with the normal build, which needs no CLI start per
file and runs under a 4 GB address-space limit:

    scripts/mutation_corpus.py OUT COUNT SEED [PROJECT...] && build/bin/fuzz_replay OUT

fuzz_replay names the input it crashed on."""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from mutation_probe import mutate  # noqa: E402

TARGETS = ('tiff', 'dm', 'mrc', 'ser', 'emd', 'imagej_roi', 'ec_log', 'project', 'recipe')


def main():
    out, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    repo = os.path.join(os.path.dirname(__file__), '..')
    shared = os.path.join(repo, '..', 'shared', 'data', 'external')
    regressions = os.path.join(repo, 'tests', 'fuzz-regressions')
    emd = [os.path.join(d, f) for d, _, fs in os.walk(shared) for f in fs
           if f.lower().endswith(('.emd', '.h5'))]
    emd += [os.path.join(regressions, 'emd', f) for f in os.listdir(os.path.join(regressions, 'emd'))
            if f.startswith('seed')]
    projects = [os.path.join(regressions, 'project', f)
                for f in os.listdir(os.path.join(regressions, 'project')) if f.startswith('seed')]
    projects += sys.argv[4:]
    for target in TARGETS:
        os.makedirs(os.path.join(out, target), exist_ok=True)
    emd_seeds = [open(f, 'rb').read() for f in sorted(emd)]
    project_seeds = [open(f, 'rb').read() for f in projects]
    rng = random.Random(seed)
    for i in range(count):
        if i % 4 == 3:
            data, target = project_seeds[i % len(project_seeds)], 'project'
        else:
            data, target = emd_seeds[i % len(emd_seeds)], 'emd'
        with open(os.path.join(out, target, 'm%05d' % i), 'wb') as f:
            f.write(mutate(data, rng))
    print('%d inputs from %d EMD/HDF5 and %d project seeds' %
          (count, len(emd_seeds), len(project_seeds)))


if __name__ == '__main__':
    main()
