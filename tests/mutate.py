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
import concurrent.futures
import hashlib
import json
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


SURVIVOR = re.compile(r'^\s+(\S+?):(\d+):(\d+): (\w+): (.*) -> (.*?)(?:  \[[^]]*\])?$')


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


def sync_tree(dirs, tree):
    """Make tree a copy of ROOT's dirs and top-level files: changed or new
    files copied (new times), files gone from ROOT removed, the rest kept."""
    import filecmp
    for d in dirs:
        src_top = os.path.join(ROOT, d)
        if not os.path.isdir(src_top):
            continue
        want = set()
        for sd, subdirs, fs in os.walk(src_top):
            rel = os.path.relpath(sd, ROOT)
            os.makedirs(os.path.join(tree, rel), exist_ok=True)
            for f in fs + [x for x in subdirs if os.path.islink(os.path.join(sd, x))]:
                a, b = os.path.join(sd, f), os.path.join(tree, rel, f)
                want.add(os.path.join(rel, f))
                if os.path.islink(a):
                    if not os.path.islink(b) or os.readlink(a) != os.readlink(b):
                        if os.path.lexists(b):
                            os.remove(b) if not os.path.isdir(b) or os.path.islink(b) \
                                else shutil.rmtree(b)
                        os.symlink(os.readlink(a), b)
                elif os.path.islink(b) or not os.path.isfile(b) or \
                        not filecmp.cmp(a, b, shallow=False):
                    if os.path.lexists(b) and (os.path.islink(b) or not os.path.isdir(b)):
                        os.remove(b)
                    shutil.copy(a, b)
        for sd, subdirs, fs in os.walk(os.path.join(tree, d)):
            for f in fs:
                rel = os.path.relpath(os.path.join(sd, f), tree)
                if rel not in want:
                    os.remove(os.path.join(sd, f))
    for f in os.listdir(ROOT):
        if os.path.isfile(os.path.join(ROOT, f)):
            a, b = os.path.join(ROOT, f), os.path.join(tree, f)
            if not os.path.isfile(b) or not filecmp.cmp(a, b, shallow=False):
                shutil.copy(a, b)


def ctest_regex(names):
    """A ctest -R pattern matching exactly these test names."""
    esc = [re.sub(r'([][.*+?^$|()\\])', r'\\\1', n) for n in names]
    return '^(' + '|'.join(esc) + ')$'


def test_list(bdir, label):
    """[(name, [command args])] of the tests with the label, in ctest's order."""
    out = subprocess.run(['ctest', '--show-only=json-v1'], cwd=bdir, stdout=subprocess.PIPE,
                         universal_newlines=True, check=True).stdout
    res = []
    for t in json.loads(out)['tests']:
        labels = []
        for prop in t.get('properties', []):
            if prop['name'] == 'LABELS':
                labels = prop['value']
        if label in labels:
            res.append((t['name'], t.get('command', [])))
    return res


def tree_key(tree):
    """A hash of the sources and tests of the private copy (what the coverage map depends on)."""
    h = hashlib.sha1()
    for top in ('src', 'tests', 'cmake', 'CMakeLists.txt'):
        base = os.path.join(tree, top)
        paths = [base] if os.path.isfile(base) else sorted(
            os.path.join(d, f) for d, _, fs in os.walk(base) for f in fs)
        for f in paths:
            if os.path.islink(f) or not os.path.isfile(f) or \
                    os.path.basename(f).startswith('mutate'):
                continue
            h.update(os.path.relpath(f, tree).encode())
            with open(f, 'rb') as fh:
                h.update(hashlib.sha1(fh.read()).digest())
    return h.hexdigest()


def coverage_map(a, tree):
    """Which fast tests run which lines of src/: a build with --coverage
    (BUILD/cov), each test run alone with its counters sent to a folder of
    its own (GCOV_PREFIX) and read back with gcov. Cached in
    BUILD/coverage.json while the sources and tests stay the same.
    Returns {'tests': [names], 'lines': {file: {line: [test indexes]}},
    'failed': [names that failed unmutated]}."""
    cache = os.path.join(a.build, 'coverage.json')
    key = tree_key(tree) + ':' + a.label
    if os.path.exists(cache):
        with open(cache) as fh:
            cov = json.load(fh)
        if cov.get('key') == key:
            print(f'coverage map from {cache}', flush=True)
            return cov
    t0 = time.time()
    cdir = os.path.join(a.build, 'cov')
    gen = ['-G', 'Ninja'] if shutil.which('ninja') and not os.path.exists(
        os.path.join(cdir, 'Makefile')) else []
    flags = '--coverage'
    # INCMAP_GCOV_DUMP: batch workers write their counts before _exit()
    rc, out = run(['cmake', '-S', tree, '-B', cdir] + gen + [
        '-DCMAKE_BUILD_TYPE=Debug', f'-DCMAKE_C_FLAGS={flags} -DINCMAP_GCOV_DUMP',
        f'-DCMAKE_EXE_LINKER_FLAGS={flags}', f'-DCMAKE_SHARED_LINKER_FLAGS={flags}',
        f'-DCMAKE_MODULE_LINKER_FLAGS={flags}'], ROOT, 600)
    if rc != 0:
        sys.exit('coverage configure failed:\n' + out)
    rc, out = run(['cmake', '--build', cdir, f'-j{a.jobs}'], ROOT, 1800)
    if rc != 0:
        sys.exit('the coverage build failed:\n' + out[-3000:])
    tests = [n for n, _ in test_list(cdir, a.label)]
    data = os.path.join(a.build, 'covdata')
    shutil.rmtree(data, ignore_errors=True)
    lines, failed = {}, []

    def one(i):
        prefix = os.path.join(data, str(i))
        env = dict(os.environ, GCOV_PREFIX=prefix, GCOV_PREFIX_STRIP='0')
        try:
            p = subprocess.run(['ctest', '-R', ctest_regex([tests[i]]), '--timeout', '300'],
                               cwd=cdir, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=900)
            ok = p.returncode == 0
        except subprocess.TimeoutExpired:
            ok = False
        hits = {}
        for d, _, fs in os.walk(prefix):
            gcda = [os.path.join(d, f) for f in fs if f.endswith('.gcda')]
            if not gcda:
                continue
            objdir = d[len(prefix):]  # the build's own object folder
            for g in gcda:
                gcno = os.path.join(objdir, os.path.basename(g)[:-5] + '.gcno')
                if os.path.exists(gcno):
                    os.symlink(gcno, g[:-5] + '.gcno')
            q = subprocess.run(['gcov', '--json-format', '--stdout', '-o', d] + gcda,
                               cwd=prefix, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               universal_newlines=True)
            for doc in q.stdout.split('\n'):
                if not doc.strip():
                    continue
                doc = json.loads(doc)
                for f in doc['files']:
                    # gcov names a source under the source folder relatively
                    rel = f['file']
                    if os.path.isabs(rel):
                        rel = os.path.relpath(rel, tree)
                    if not rel.startswith('src/'):
                        continue
                    h = hits.setdefault(rel, {})
                    for ln in f['lines']:
                        n = ln['line_number']
                        h[n] = h.get(n, 0) + ln['count']
        shutil.rmtree(prefix, ignore_errors=True)
        return i, ok, hits

    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        for i, ok, hits in pool.map(one, range(len(tests))):
            if not ok:
                failed.append(tests[i])
            for f, h in hits.items():
                fl = lines.setdefault(f, {})
                for n, c in h.items():
                    users = fl.setdefault(str(n), [])
                    if c > 0 and ok:
                        users.append(i)
    cov = {'key': key, 'tests': tests, 'lines': lines, 'failed': failed}
    with open(cache, 'w') as fh:
        json.dump(cov, fh)
    print(f'coverage map: {len(tests)} tests, {len(lines)} files, {time.time() - t0:.0f} s'
          + (f'; failing unmutated (left out): {", ".join(failed)}' if failed else ''),
          flush=True)
    return cov


def tests_for(cov, path, ln):
    """Names of the tests that run line ln of path (or, for a line gcov does
    not count -- the rest of a statement spread over lines -- the nearest
    counted lines above and below it, up to 10 lines away)."""
    fl = cov['lines'].get(path)
    if not fl:
        return []
    if str(ln) in fl:
        users = set(fl[str(ln)])
    else:
        users = set()
        for step in (-1, 1):
            for k in range(1, 11):
                if str(ln + step * k) in fl:
                    users |= set(fl[str(ln + step * k)])
                    break
    return [cov['tests'][i] for i in sorted(users)]


def targets_for(bdir, commands, names):
    """Build outputs (paths relative to bdir) the named tests' commands run."""
    res = set()
    for n in names:
        for arg in commands.get(n, []):
            if arg.startswith(bdir + os.sep) and os.path.isfile(arg):
                res.add(os.path.relpath(arg, bdir))
    return sorted(res)


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
    ap.add_argument('--select', choices=('coverage', 'all'), default='coverage',
                    help='coverage (default): run only the tests that execute the mutated '
                         'line, found once with a --coverage build (BUILD/cov, cached in '
                         'BUILD/coverage.json), building only what they run; a mutant no '
                         'test executes survives without a run. all: every test of the label')
    ap.add_argument('--no-baseline', action='store_true',
                    help='skip the unmutated test run (on a busy machine it costs as much as a '
                         'surviving mutant); --timeout is used as given. Only when the same '
                         'tree just passed here: a failing baseline makes every mutant "killed"')
    ap.add_argument('--time-limit', type=int, metavar='SECONDS',
                    help='start no new mutant after SECONDS from the start (counting the '
                         'builds and the coverage map); the report then covers the mutants run')
    ap.add_argument('--sorted', action='store_true',
                    help='run the sample in file and line order (default: a seeded random order)')
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
    # The sample (the same set as before this option existed), run in a
    # seeded random order: a run stopped early (--time-limit, a signal) is
    # then a random part of the sample, not its first files in name order.
    sample.sort()
    if not a.sorted:
        random.Random(a.seed).shuffle(sample)

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
    # Files that changed are copied with new times (a copy keeping the
    # sources' old times could be older than objects a previous run's
    # mutants rebuilt, and the incremental build would keep stale objects);
    # files whose bytes are the same are left as they are, so that a second
    # run on the same sources (--rerun) rebuilds nothing. Each run ends by
    # rebuilding the unmutated copy.
    sync_tree(dirs, tree)
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
    a.deadline = t0 + a.time_limit if a.time_limit else None
    ctest = ['ctest', '-L', a.label, f'-j{a.jobs}', '--stop-on-failure', '--timeout', '120']
    cov = None
    if a.select == 'coverage':
        cov = coverage_map(a, tree)
        cov['commands'] = dict(test_list(bdir, a.label))
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
        done = run_sample(a, sample, tree, bdir, ctest, killed, survived, stillborn, cov)
    except KeyboardInterrupt:
        done = len(killed) + len(survived) + len(stillborn)
        print(f'stopped after {done} mutants; the report covers those', flush=True)
    run(['cmake', '--build', bdir, f'-j{a.jobs}'], ROOT, 900)  # back to the original

    counted = len(killed) + len(survived)
    score = 100.0 * len(killed) / counted if counted else 0
    lines = [f'mutation score: {len(killed)} of {counted} killed ({score:.0f} %); '
             f'{len(stillborn)} did not compile; seed {a.seed}, {done} run of a sample of '
             f'{len(sample)} from {len(cands)} candidates; ctest -L {a.label}'
             f'{" (the tests that run the mutated line)" if cov else ""}; '
             f'{time.time() - t0:.0f} s',
             'survivors:'] + ['  ' + s for s in survived]
    report = '\n'.join(lines) + '\n'
    print(report, end='')
    with open(os.path.join(a.build, 'mutate-report.txt'), 'w') as fh:
        fh.write(report)
    return 0


def run_sample(a, sample, tree, bdir, ctest, killed, survived, stillborn, cov=None):
    """Run each mutant; returns how many ran. With a coverage map, only the
    tests that execute the mutated line run, after building only what they
    run; a mutant that passes them is confirmed after a full build."""
    ninja = os.path.exists(os.path.join(bdir, 'build.ninja'))
    for i, m in enumerate(sample, 1):
        if a.deadline and time.time() > a.deadline:
            print(f'time limit reached: stopped after {i - 1} of {len(sample)} mutants; '
                  'the report covers those', flush=True)
            return i - 1
        path, ln, col, orig, rep, kind = m
        src = os.path.join(tree, path)
        with open(src) as fh:
            text = fh.read()
        lines = text.split('\n')
        desc = describe(m)
        names = None
        if cov is not None:
            names = [n for n in tests_for(cov, path, ln) if n not in cov['failed']]
        if names == []:
            survived.append(desc + '  [no fast test runs this line]')
            print(f'[{i}/{len(sample)}] SURVIVED (no fast test runs this line): {desc}',
                  flush=True)
            continue
        build = ['cmake', '--build', bdir, f'-j{a.jobs}']
        tests = ctest
        if names:
            targets = targets_for(bdir, cov['commands'], names)
            if ninja and targets:
                build = ['ninja', '-C', bdir, f'-j{a.jobs}'] + targets
            tests = ['ctest', '-R', ctest_regex(names), f'-j{a.jobs}', '--stop-on-failure',
                     '--timeout', '120']
        try:
            with open(src, 'w') as fh:
                fh.write('\n'.join(apply(lines, m)))
            rc, out = run(build, ROOT, 900)
            if rc != 0:
                stillborn.append(desc)
                verdict = 'does not compile'
            else:
                rc, out = run(tests, bdir, a.timeout)
                if rc == 0 and names:
                    # confirm with everything rebuilt (a program the tests
                    # run that the command lines do not name)
                    rc, out = run(['cmake', '--build', bdir, f'-j{a.jobs}'], ROOT, 900)
                    rc, out = run(tests, bdir, a.timeout) if rc == 0 else ('nobuild', out)
                if rc == 'nobuild':
                    stillborn.append(desc)
                    verdict = 'does not compile'
                elif rc == 0:
                    survived.append(desc + (f'  [{len(names)} tests run it]' if names else ''))
                    verdict = 'SURVIVED' + (f' {len(names)} tests' if names else '')
                else:
                    killed.append(desc)
                    failed = re.findall(r'\d+ - (\S+) \(', out)
                    verdict = 'killed' + (f' by {failed[0]}' if failed else ' (timeout)'
                                          if rc == 'timeout' else '')
                    if names:
                        verdict += f' ({len(names)} tests run it)'
        finally:
            with open(src, 'w') as fh:
                fh.write(text)
        print(f'[{i}/{len(sample)}] {verdict}: {desc}', flush=True)
    return len(sample)


if __name__ == '__main__':
    sys.exit(main())
