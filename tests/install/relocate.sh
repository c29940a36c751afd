#!/usr/bin/env bash
# A relocatable install: install to a temporary prefix, move the prefix
# elsewhere, and use it with the source and build trees out of sight:
#  - no installed file names the source tree, the build tree or the prefix
#    it was installed to (strings(1) on binaries, grep on text);
#  - the moved incmap renders with its basemap (different from --basemap
#    none), with the source tree hidden under an empty tmpfs when a mount
#    namespace is available (unshare -m);
#  - without share/incmap/basemaps: exit 3 naming the place looked; with
#    INCMAP_BASEMAPS it renders again; --basemap none renders;
#  - a C program built through pkg-config (incmap.pc) and one through
#    find_package(incmap) (shared and static) render through the library,
#    and fail with IM_ERR_BASEMAP when the basemap is gone.
# Usage: relocate.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$(cd "$1" && pwd) build=$(cd "$2" && pwd)
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d /tmp/incmap-relocate.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
# Under the sanitizers: the LSan suppressions must stay readable once the
# source tree is hidden.
if [[ ${LSAN_OPTIONS:-} =~ suppressions=([^:]*) ]] && [ -f "${BASH_REMATCH[1]}" ]; then
  cp "${BASH_REMATCH[1]}" "$tmp/lsan.supp"
  LSAN_OPTIONS=${LSAN_OPTIONS/suppressions=${BASH_REMATCH[1]}/suppressions=$tmp/lsan.supp}
  export LSAN_OPTIONS
fi

cmake --install "$build" --prefix "$tmp/staged" >install.log || { cat install.log; fail "install"; }
mv "$tmp/staged" "$tmp/moved"
P=$tmp/moved
for f in bin/incmap lib/libincmap.so lib/libincmap.a include/incmap.h lib/pkgconfig/incmap.pc \
         lib/cmake/incmap/incmapConfig.cmake share/incmap/basemaps/middle-east/manifest.json \
         share/man/man1/incmap.1 share/man/man1/incmap-render.1 share/man/man1/incmap-batch.1 \
         share/bash-completion/completions/incmap share/zsh/site-functions/_incmap; do
  [ -e "$P/$f" ] || fail "the install has no $f"
done
# Every basemap file the project ships (not the scripts that build them):
# the world basemap's GeoPackage was once left out, so every map outside
# the Middle East failed on an installed machine.
while IFS= read -r f; do
  [ -e "$P/share/incmap/basemaps/$f" ] || fail "the install has no basemaps/$f"
done < <(cd "$src/basemaps" && find . -type f ! -name '*.py' ! -name '*.pyc' | sed 's|^\./||')

# Nothing installed may name the trees it came from or where it was installed.
bad=$(find "$P" -type f -print0 | xargs -0 strings -a -f | grep -F -e "$src" -e "$build" \
        -e "$tmp/staged" || true)
if [ -n "${SANITIZED:-}" ]; then
  # GCC's ASan/UBSan metadata names each source file by its full path
  # (-ffile-prefix-map does not reach it); a sanitizer build is never
  # deployed, so only those names are tolerated there.
  bad=$(grep -v -E -e "^[^:]*: .{0,4}$src/src/[A-Za-z0-9_/-]+\.[ch].{0,4}\$" \
           -e "^[^:]*: .{0,4}$build/generated/[A-Za-z0-9_-]+\.h.{0,4}\$" <<<"$bad" || true)
fi
bad=$(head -5 <<<"$bad")
[ -z "$bad" ] || fail "installed files name a build machine path: $bad"
echo "ok: no installed file names $src, $build or the staging prefix"

in=$src/data/iraq-2021.json
cp "$in" "$tmp/in.json"
cp -r "$src/tests/install/downstream" "$tmp/downstream"
in=$tmp/in.json

# Run a command with the source and build trees hidden, when we may.
hide=()
if unshare -m true 2>/dev/null; then
  hide=(unshare -m bash -c 'mount -t tmpfs none "$0" && { [ "$1" = "$0" ] || [[ "$1" == "$0"/* ]] || mount -t tmpfs none "$1"; } && shift && exec "$@"' "$src" "$build")
  "${hide[@]}" test ! -e "$src/basemaps" || fail "unshare did not hide the source tree"
  echo "ok: running with $src hidden (mount namespace)"
else
  echo "note: no mount namespace here; the source tree stays visible (strings check above)"
fi
run() { env -u INCMAP_BASEMAPS "${hide[@]}" "$@"; }

mkdir -p out
run "$P/bin/incmap" render "$in" --size 400x300 -o out/with.png || fail "the moved incmap did not render"
run "$P/bin/incmap" render "$in" --size 400x300 --basemap none -o out/none.png || fail "--basemap none"
cmp -s out/with.png out/none.png && fail "the moved incmap drew no basemap"
echo "ok: the moved incmap renders with its basemap"
# A map outside the Middle East comes from the world basemap.
cp "$src/tests/data/render/americas-cities.geojson" "$tmp/americas.geojson"
run "$P/bin/incmap" render "$tmp/americas.geojson" --size 400x300 -o out/world.png ||
  fail "the moved incmap did not render a map of the Americas (world basemap)"
run "$P/bin/incmap" render "$tmp/americas.geojson" --size 400x300 --basemap none -o out/world-none.png
cmp -s out/world.png out/world-none.png && fail "the Americas map has no basemap"
echo "ok: the moved incmap renders the Americas with the world basemap"

# pkg-config: the prefix comes from the .pc file's own folder.
export PKG_CONFIG_PATH=$P/lib/pkgconfig
[ "$(cd "$(pkg-config --variable=prefix incmap)" && pwd -P)" = "$(cd "$P" && pwd -P)" ] \
  || fail "incmap.pc's prefix is $(pkg-config --variable=prefix incmap), not $P"
libdir=$(pkg-config --variable=libdir incmap)
# shellcheck disable=SC2046
cc ${CFLAGS:-} -o embed_pc downstream/embed.c $(pkg-config --cflags --libs incmap) -Wl,-rpath,"$libdir" \
  || fail "cannot build against incmap.pc"
run ./embed_pc "$in" out/pc.png || fail "the pkg-config program did not render"
cmp -s out/pc.png out/none.png && fail "the pkg-config program drew no basemap"
echo "ok: pkg-config build renders"

# find_package(incmap), shared and static.
cmake -S downstream -B ds-build -DCMAKE_PREFIX_PATH="$P" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_FLAGS="${CFLAGS:-}" \
  >ds.log 2>&1 || { cat ds.log; fail "find_package(incmap) failed"; }
cmake --build ds-build >>ds.log 2>&1 || { cat ds.log; fail "cannot build against incmap::incmap"; }
run ds-build/embed_shared "$in" out/cm.png || fail "the find_package program (shared) did not render"
cmp -s out/cm.png out/none.png && fail "the find_package program drew no basemap"
# Linked statically into a program outside the prefix, the library cannot
# know where the prefix is: INCMAP_BASEMAPS (or im_context_set_basemap_dir).
set +e
run ds-build/embed_static "$in" out/cms-missing.png >api.txt 2>&1; rc=$?
set -e
grep -q "invalid basemap" api.txt || { cat api.txt; fail "static, no data: not IM_ERR_BASEMAP ($rc)"; }
INCMAP_BASEMAPS=$P/share/incmap/basemaps "${hide[@]}" ds-build/embed_static "$in" out/cms.png \
  || fail "the find_package program (static) did not render"
cmp -s out/cms.png out/cm.png || fail "static and shared programs drew different maps"
echo "ok: find_package(incmap) builds render (shared; static with INCMAP_BASEMAPS)"

# Without the basemap: an error naming where it looked, also through the API.
mv "$P/share/incmap/basemaps" "$tmp/basemaps"
set +e
run "$P/bin/incmap" render "$in" -o out/missing.png 2>err.txt; rc=$?
set -e
[ "$rc" -eq 3 ] || { cat err.txt; fail "a missing basemap exited $rc, not 3"; }
grep -qF "$P/bin/../share/incmap/basemaps" err.txt || { cat err.txt; fail "the message does not name the place looked"; }
[ ! -e out/missing.png ] || fail "a map was written without its basemap"
set +e
run ./embed_pc "$in" out/missing-pc.png >api.txt 2>&1; rc=$?
set -e
grep -q "invalid basemap" api.txt || { cat api.txt; fail "the library did not fail with IM_ERR_BASEMAP ($rc)"; }
grep -qF "$P/lib/../share/incmap/basemaps" api.txt || { cat api.txt; fail "the library's message does not name $P/lib/../share/incmap/basemaps"; }
run "$P/bin/incmap" render "$in" --size 400x300 --basemap none -o out/none2.png || fail "--basemap none without basemaps"
INCMAP_BASEMAPS=$tmp/basemaps "${hide[@]}" "$P/bin/incmap" render "$in" --size 400x300 -o out/env.png \
  || fail "INCMAP_BASEMAPS was not used"
cmp -s out/env.png out/with.png || fail "INCMAP_BASEMAPS gave a different map"
echo "ok: a missing basemap is exit 3 naming where it looked; INCMAP_BASEMAPS and --basemap none work"
