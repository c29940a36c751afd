"""What the tests/html scripts share: their four arguments (INCMAP DATA_DIR
TESTS_DIR SCRATCH, the scratch folder made), the "ok"/"FAIL" checks, the
incmap runner and the exit status."""
import os
import subprocess
import sys

incmap, data_dir, tests_dir, scratch = sys.argv[1:5]
os.makedirs(scratch, exist_ok=True)
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run(*args):
    return subprocess.run([incmap, *args], capture_output=True, text=True)


def finish():
    """Exit 1 after saying how many checks failed, else 0."""
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)
    print("all checks passed")
    sys.exit(0)
