#!/usr/bin/env bash
# valgrind_load.sh INCMAP TESTS - the record loader reads no uninitialised
# memory on a CSV with time_precision 3 and an unparseable date (it used to),
# nor on lenient loads of the real-world files. Exit 77 when valgrind is absent.
set -u
incmap=$1 tests=$2
command -v valgrind >/dev/null || exit 77
# valgrind cannot run an AddressSanitizer build.
if ldd "$incmap" 2>/dev/null | grep -q asan || nm "$incmap" 2>/dev/null | grep -q __asan_init; then exit 77; fi
run() {
  valgrind -q --error-exitcode=99 --leak-check=no "$incmap" "$@" >/dev/null 2>"$tmp"
  rc=$?
  if [ $rc -eq 99 ]; then echo "valgrind: $*"; cat "$tmp"; exit 1; fi
}
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
run validate "$tests/data/inputs/uninit-date.csv"
run info --skip-invalid "$tests/data/realworld/gtd-no-coordinates.csv"
echo "valgrind: clean"
