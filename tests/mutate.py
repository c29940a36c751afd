#!/usr/bin/env python3
"""Mutation check: do the tests notice when the library's code changes?

Generates small changes ("mutants") of src/*.c outside src/cli -- a
comparison or arithmetic operator swapped, && and || swapped, a number
changed, a statement dropped -- draws a seeded random sample, and for each
one: applies it to a private copy of the tree, rebuilds incrementally in
that copy's build folder, runs the fast tests (ctest -L fast, stopping at the
first failure) and restores the file. A mutant is killed when a test fails
or times out, survives when every test passes, and is not counted when it
does not compile (the compiler caught it, not the tests).

    tests/mutate.py                      # 80 mutants, seed 1
    tests/mutate.py -n 40 --seed 7 --file src/date.c
    tests/mutate.py --list               # every candidate, no runs
    tests/mutate.py --rerun build-mutate/mutate-report.txt   # its survivors again

Prints one line per mutant and ends with the score and the survivors
(file:line:col: original -> replacement), also written to
BUILD/mutate-report.txt. Needs only Python 3, cmake and the build deps; the
working tree is never touched (the copy lives in BUILD/tree)."""
import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

# (pattern, replacement) pairs; a pattern must match as a whole token with
# the surrounding spaces (binary operators are written with spaces here).
OPS = [
    (' < ', ' <= '), (' <= ', ' < '), (' > ', ' >= '), (' >= ', ' > '),
    (' == ', ' != '), (' != ', ' == '),
    (' && ', ' || '), (' || ', ' && '),
    (' + ', ' - '), (' - ', ' + '), (' * ', ' / '), (' / ', ' * '),
    (' += ', ' -= '), (' -= ', ' += '),
]
NUM = re.compile(r'(?<![\w.])(\d+\.\d*|\d*\.\d+|\d+)(?![\w.])')
STMT = re.compile(r'^\s*(?:[A-Za-z_][\w\->.\[\]]*\s*(?:[-+*/|&]?=|\+\+|--)|[A-Za-z_]\w*\s*\().*;\s*$')
SKIP_LINE = re.compile(r'^\s*(#|//|/\*|\*|static\s+const|const\s|typedef|case\s|default:|'
                       r'return\b|break;|continue;|goto\b|else\b|\}|\{)')
DECL = re.compile(r'^\s*(?:static\s+|const\s+|unsigned\s+|struct\s+)*'
                  r'(?:int|double|float|char|size_t|bool|long|short|uint\w*|int\w*_t|im_\w+|'
                  r'PJ\w*|cairo_\w+|json_t|FILE|va_list)\b[\s*]+\w')


def strip_strings(line):
    """The line with string and char literals and comments blanked."""
    out, i, n = [], 0, len(line)
    while i < n:
        c = line[i]
        if c in '"\'':
            q = c
            out.append(' ')
            i += 1
            while i < n and line[i] != q:
                if line[i] == '\\':
                    out.append(' ')
                    i += 1
                out.append(' ')
                i += 1
            out.append(' ')
            i += 1
        elif line.startswith('//', i) or line.startswith('/*', i):
            out.append(' ' * (n - i))
            break
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def candidates(files):
    """Every mutant: (path, line_no, col, original, replacement, kind)."""
    res = []
    for path in files:
        in_comment = False
        with open(os.path.join(ROOT, path)) as fh:
            lines = fh.read().split('\n')
        depth = 0
        for ln, line in enumerate(lines, 1):
            s = line.strip()
            if in_comment:
                if '*/' in s:
                    in_comment = False
                continue
            if s.startswith('/*') and '*/' not in s:
                in_comment = True
                continue
            bare = strip_strings(line)
            opened = depth
            depth += bare.count('{') - bare.count('}')
            if opened == 0 or s.startswith('#') or SKIP_LINE.match(s) and not s.startswith('return'):
                # outside functions (tables, declarations) or not code
                if not (opened > 0 and s.startswith('return')):
                    continue
            for pat, rep in OPS:
                start = 0
                while True:
                    k = bare.find(pat, start)
                    if k < 0:
                        break
                    start = k + 1
                    # '*' or '-' right after '(' ',' '=' is unary; ' - ' with spaces is binary
                    res.append((path, ln, k, pat, rep, 'operator'))
            for m in NUM.finditer(bare):
                v = m.group(1)
                if m.start() > 0 and bare[m.start() - 1] in '[':
                    pass
                if '.' in v:
                    f = float(v)
                    rep = repr(f * 2 if f != 0 else 1.0)
                else:
                    rep = str(int(v) + 1) if int(v) != 1 else '0'
                res.append((path, ln, m.start(), v, rep, 'constant'))
            if STMT.match(bare) and not DECL.match(bare) and bare.count('(') == bare.count(')'):
                ind = len(line) - len(line.lstrip())
                res.append((path, ln, ind, line.strip(), ';', 'dropped'))
    return res


def apply(text_lines, m):
    path, ln, col, orig, rep, kind = m
    lines = list(text_lines)
    line = lines[ln - 1]
    if kind == 'dropped':
        lines[ln - 1] = line[:col] + '; /* mutant: statement dropped */'
    else:
        assert line[col:col + len(orig)] == orig, (m, line)
        lines[ln - 1] = line[:col] + rep + line[col + len(orig):]
    return lines


def describe(m):
    path, ln, col, orig, rep, kind = m
    return f'{path}:{ln}:{col + 1}: {kind}: {orig.strip()} -> {rep.strip()}'


SURVIVOR = re.compile(r'^\s+(\S+?):(\d+):(\d+): (\w+): (.*) -> (.*)$')


def rerun_sample(report, cands):
    """The survivors of an earlier report, matched to today's candidates:
    same file, kind, column and text, at the nearest line (edits since the
    report may have moved it)."""
    sample = []
    with open(report) as fh:
        for line in fh:
            m = SURVIVOR.match(line.rstrip('\n'))
            if not m:
                continue
            path, ln, col, kind, orig, rep = m.groups()
            ln, col = int(ln), int(col) - 1
            same = [c for c in cands if c[0] == path and c[5] == kind and c[2] == col and
                    c[3].strip() == orig and c[4].strip() == rep]
            if not same:
                print(f'not found any more: {line.strip()}', flush=True)
                continue
            sample.append(min(same, key=lambda c: abs(c[1] - ln)))
    return sample


def run(cmd, cwd, timeout):
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        return p.returncode, p.stdout.decode(errors='replace')
    except subprocess.TimeoutExpired:
        return 'timeout', ''


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('-n', type=int, default=80, help='mutants to run (default 80)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--build', default=os.path.join(ROOT, 'build-mutate'))
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--file', action='append', help='only these source files (repeatable)')
    ap.add_argument('--label', default='fast', help='ctest label to run (default fast)')
    ap.add_argument('--timeout', type=int, default=300, help='seconds per test run')
    ap.add_argument('--list', action='store_true', help='list the candidates and stop')
    ap.add_argument('--no-baseline', action='store_true',
                    help='skip the unmutated test run (on a busy machine it costs as much as a '
                         'surviving mutant); --timeout is used as given. Only when the same '
                         'tree just passed here: a failing baseline makes every mutant "killed"')
    ap.add_argument('--rerun', metavar='REPORT',
                    help='run only the survivors listed in REPORT (a mutate-report.txt), '
                         'found again by file, kind, column and text at the nearest line')
    a = ap.parse_args()

    files = a.file or sorted('src/' + f for f in os.listdir(os.path.join(ROOT, 'src'))
                             if f.endswith('.c'))
    files = [os.path.relpath(os.path.join(ROOT, f), ROOT) if os.path.isabs(f) else f
             for f in files]
    cands = candidates(files)
    if a.list:
        for m in cands:
            print(f'{m[0]}:{m[1]}:{m[2] + 1}: {m[5]}: {m[3].strip()} -> {m[4].strip()}')
        print(f'{len(cands)} candidates')
        return 0
    if a.rerun:
        sample = rerun_sample(a.rerun, cands)
    else:
        rng = random.Random(a.seed)
        sample = rng.sample(cands, min(a.n, len(cands)))
    sample.sort()

    tree = os.path.join(a.build, 'tree')
    bdir = os.path.join(a.build, 'build')
    os.makedirs(a.build, exist_ok=True)
    # A private copy of the sources the build reads.
    # Every top-level folder git tracks (src, tests, data, basemaps, cmake,
    # docs, ...): the build reads some of each.
    tracked = subprocess.run(['git', 'ls-files'], cwd=ROOT, stdout=subprocess.PIPE,
                             universal_newlines=True).stdout.split('\n')
    dirs = sorted({f.split('/')[0] for f in tracked if '/' in f} |
                  {'src', 'tests', 'data', 'basemaps'})
    # Copied afresh, with new times: a copy keeping the sources' old times
    # could be older than objects a previous run's mutants rebuilt, and the
    # incremental build would then keep stale objects.
    for d in dirs:
        if not os.path.isdir(os.path.join(ROOT, d)):
            continue
        if os.path.isdir(os.path.join(tree, d)):
            shutil.rmtree(os.path.join(tree, d))
        shutil.copytree(os.path.join(ROOT, d), os.path.join(tree, d), symlinks=True,
                        copy_function=shutil.copy)
    for f in os.listdir(ROOT):
        if os.path.isfile(os.path.join(ROOT, f)):
            shutil.copy(os.path.join(ROOT, f), os.path.join(tree, f))
    t0 = time.time()
    # -O1 without debug info: quicker rebuilds, same behaviour; Ninja when
    # present (cheaper no-op checks).
    gen = ['-G', 'Ninja'] if shutil.which('ninja') and not os.path.exists(
        os.path.join(bdir, 'Makefile')) else []
    rc, out = run(['cmake', '-S', tree, '-B', bdir] + gen + ['-DCMAKE_BUILD_TYPE=Release',
                   '-DCMAKE_C_FLAGS_RELEASE=-O1 -DNDEBUG'], ROOT, 600)
    if rc != 0:
        sys.exit('configure failed:\n' + out)
    rc, out = run(['cmake', '--build', bdir, f'-j{a.jobs}'], ROOT, 1800)
    if rc != 0:
        sys.exit('the unmutated tree does not build:\n' + out[-3000:])
    ctest = ['ctest', '-L', a.label, f'-j{a.jobs}', '--stop-on-failure', '--timeout', '120']
    t1 = time.time()
    if not a.no_baseline:
        rc, out = run(ctest, bdir, a.timeout * 3)
        if rc == 'timeout':
            sys.exit(f'the unmutated tree\'s tests took over {a.timeout * 3} s: raise --timeout')
        if rc != 0:
            sys.exit('the unmutated tree fails its tests:\n' + out[-3000:])
        # A mutant's run may take longer than the baseline's on a busy machine;
        # only a run far longer (a loop the mutant made) counts as a timeout.
        a.timeout = max(a.timeout, int(3 * (time.time() - t1)) + 60)
    print(f'baseline built{"" if a.no_baseline else " and passed"} in {time.time() - t0:.0f} s; {len(cands)} candidates '
          f'in {len(files)} files, running {len(sample)} (seed {a.seed}); a test run over '
          f'{a.timeout} s is a timeout', flush=True)

    killed, survived, stillborn = [], [], []
    def on_term(*_):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_term)
    done = 0
    try:
        done = run_sample(a, sample, tree, bdir, ctest, killed, survived, stillborn)
    except KeyboardInterrupt:
        done = len(killed) + len(survived) + len(stillborn)
        print(f'stopped after {done} mutants; the report covers those', flush=True)
    run(['cmake', '--build', bdir, f'-j{a.jobs}'], ROOT, 900)  # back to the original

    counted = len(killed) + len(survived)
    score = 100.0 * len(killed) / counted if counted else 0
    lines = [f'mutation score: {len(killed)} of {counted} killed ({score:.0f} %); '
             f'{len(stillborn)} did not compile; seed {a.seed}, {done} run of a sample of '
             f'{len(sample)} from {len(cands)} candidates; ctest -L {a.label}; '
             f'{time.time() - t0:.0f} s',
             'survivors:'] + ['  ' + s for s in survived]
    report = '\n'.join(lines) + '\n'
    print(report, end='')
    with open(os.path.join(a.build, 'mutate-report.txt'), 'w') as fh:
        fh.write(report)
    return 0


def run_sample(a, sample, tree, bdir, ctest, killed, survived, stillborn):
    """Run each mutant; returns how many ran."""
    for i, m in enumerate(sample, 1):
        path, ln, col, orig, rep, kind = m
        src = os.path.join(tree, path)
        with open(src) as fh:
            text = fh.read()
        lines = text.split('\n')
        desc = describe(m)
        try:
            with open(src, 'w') as fh:
                fh.write('\n'.join(apply(lines, m)))
            rc, out = run(['cmake', '--build', bdir, f'-j{a.jobs}'], ROOT, 900)
            if rc != 0:
                stillborn.append(desc)
                verdict = 'does not compile'
            else:
                rc, out = run(ctest, bdir, a.timeout)
                if rc == 0:
                    survived.append(desc)
                    verdict = 'SURVIVED'
                else:
                    killed.append(desc)
                    failed = re.findall(r'\d+ - (\S+) \(', out)
                    verdict = 'killed' + (f' by {failed[0]}' if failed else ' (timeout)'
                                          if rc == 'timeout' else '')
        finally:
            with open(src, 'w') as fh:
                fh.write(text)
        print(f'[{i}/{len(sample)}] {verdict}: {desc}', flush=True)
    return len(sample)


if __name__ == '__main__':
    sys.exit(main())
