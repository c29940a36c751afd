#!/usr/bin/env bash
# Run the Python package's tests (tests/python/*.py) with Debian's python3
# and pytest, against the build tree or an installed prefix.
#   run.sh build SOURCE_DIR BUILD_DIR [pytest args]      python/ + build/libincmap.so.0
#   run.sh installed SOURCE_DIR BUILD_DIR [pytest args]  cmake --install to a temporary
#        prefix; the package finds its library relative to itself (no INCMAP_LIBRARY)
# Exit 77 (skipped) when no python3 with pytest and numpy is installed.
set -euo pipefail
mode=$1 src=$(cd "$2" && pwd) build=$(cd "$3" && pwd)
shift 3
py=""
for cand in /usr/bin/python3 python3; do
  if command -v "$cand" >/dev/null && "$cand" -c 'import pytest, numpy' 2>/dev/null; then
    py=$(command -v "$cand")
    break
  fi
done
if [ -z "$py" ]; then
  echo "SKIP: no python3 with pytest and numpy (apt-get install python3-pytest python3-numpy)"
  exit 77
fi
export PYTHONDONTWRITEBYTECODE=1 INCMAP_DATA=$src/data INCMAP_EXAMPLES=$src/python/examples
# Under the sanitizers the library needs the ASan runtime loaded first, and
# the interpreter's own allocations are not ours to check for leaks.
# Only the interpreter gets them (not mktemp, cmake, ...).
pyrun=("$py")
if [ -n "${SANITIZED:-}" ]; then
  asan=$(${CC:-cc} -print-file-name=libasan.so)
  [ -f "$asan" ] || { echo "SKIP: ASan runtime not found"; exit 77; }
  # libstdc++ too: PROJ throws C++ exceptions, and ASan's __cxa_throw
  # interceptor must find the real one when the interpreter starts.
  cxx=$(${CC:-cc} -print-file-name=libstdc++.so.6)
  pyrun=(env "LD_PRELOAD=$asan $cxx" "ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0" "$py")
fi
tmp=$(mktemp -d /tmp/incmap-python.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp "$src"/tests/python/*.py "$src"/tests/python/pytest.ini "$tmp/"
case $mode in
  build)
    export PYTHONPATH=$src/python INCMAP_LIBRARY=$build/libincmap.so.0 INCMAP_EXE=$build/incmap
    ;;
  installed)
    cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" ||
      { cat "$tmp/install.log"; exit 1; }
    unset INCMAP_LIBRARY INCMAP_BASEMAPS
    export PYTHONPATH=$tmp/prefix/lib/python3/dist-packages INCMAP_EXE=$tmp/prefix/bin/incmap
    # The package and the library it loads are the installed ones.
    found=$(cd "$tmp" && "${pyrun[@]}" -c 'import incmap, incmap._lib as l; print(incmap.__file__); print(l.path)')
    echo "$found"
    while read -r f; do
      case $f in "$tmp/prefix/"*) ;; *) echo "FAIL: $f is not under the prefix"; exit 1 ;; esac
    done <<<"$found"
    ;;
  *) echo "usage: run.sh build|installed SOURCE_DIR BUILD_DIR [pytest args]"; exit 2 ;;
esac
cd "$tmp"
exec "${pyrun[@]}" -m pytest -q -p no:cacheprovider "$@"
