#!/usr/bin/env bash
# Build the mediasoup worker binary from the C++ sources that ship inside
# node_modules/mediasoup/worker, against Debian's system libraries.
#
# Why: mediasoup's own postinstall either downloads a prebuilt worker from
# GitHub or builds it with meson, which downloads its dependencies from the
# internet. Neither works on machines that can only reach the npm registry.
#
# The binary is cached outside the checkout, keyed by mediasoup version:
#   ${HEARING_ROOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hearing-room}/mediasoup-worker-<version>/mediasoup-worker
# Object files go to a build/ dir next to it, so an interrupted build resumes.
#
# Usage:
#   scripts/build-mediasoup-worker.sh               build (no-op if cached)
#   scripts/build-mediasoup-worker.sh --print-path  print the cached binary path and exit
#
# Environment:
#   HEARING_ROOM_CACHE        cache root (default ~/.cache/hearing-room)
#   HEARING_ROOM_BUILD_JOBS   parallel compiles (default: number of CPUs)
#   CXX                       C++ compiler (default g++)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MS_DIR="$ROOT/node_modules/mediasoup"
WORKER_SRC="$MS_DIR/worker"
CXX="${CXX:-g++}"

# Debian packages needed to build the worker (also used by scripts/setup.sh).
WORKER_BUILD_PACKAGES=(libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev pkg-config g++)

CXXFLAGS=(-std=c++17 -O2 -DMS_LITTLE_ENDIAN -DMS_EXECUTABLE)
INCLUDES=(
  -I"$WORKER_SRC/include"
  -I"$WORKER_SRC/deps/libwebrtc"
  -I"$WORKER_SRC/deps/libwebrtc/libwebrtc"
  -I/usr/include/srtp2
)
ABSL_PKGS=(absl_strings absl_flat_hash_map absl_raw_hash_set absl_hash)

log() { printf '%s\n' "$*"; }
die() { printf 'build-mediasoup-worker: error: %s\n' "$*" >&2; exit 1; }

# mediasoup version. Building uses the installed package (the sources that get
# compiled). --print-path prefers package-lock.json: setup.sh asks for the path
# before `npm ci`, when node_modules may still hold an older mediasoup.
version_from_package() {
  if [[ -f "$MS_DIR/package.json" ]]; then
    node -p 'require(process.argv[1]).version' "$MS_DIR/package.json"
  fi
}
version_from_lock() {
  if [[ -f "$ROOT/package-lock.json" ]]; then
    node -p 'const l=require(process.argv[1]); (l.packages&&l.packages["node_modules/mediasoup"]||{}).version||""' \
      "$ROOT/package-lock.json"
  fi
}

cache_root() {
  printf '%s\n' "${HEARING_ROOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hearing-room}"
}

command -v node >/dev/null 2>&1 || die "node is not installed (needed to read package versions)"

if [[ "${1:-}" == "--print-path" ]]; then
  VERSION="$(version_from_lock)"
  [[ -n "$VERSION" ]] || VERSION="$(version_from_package)"
  [[ -n "$VERSION" ]] || die "cannot determine the mediasoup version (no mediasoup in package-lock.json nor node_modules)"
  printf '%s\n' "$(cache_root)/mediasoup-worker-$VERSION/mediasoup-worker"
  exit 0
elif [[ $# -gt 0 ]]; then
  die "unknown argument: $1 (usage: $0 [--print-path])"
fi

VERSION="$(version_from_package)"
[[ -n "$VERSION" ]] ||
  die "$MS_DIR is not installed; install npm packages first (npm ci, with MEDIASOUP_WORKER_BIN set so mediasoup's postinstall skips its own worker build)"
lock_version="$(version_from_lock)"
if [[ -n "$lock_version" && "$lock_version" != "$VERSION" ]]; then
  printf 'build-mediasoup-worker: warning: node_modules has mediasoup %s but package-lock.json wants %s (run npm ci); building %s\n' \
    "$VERSION" "$lock_version" "$VERSION" >&2
fi
OUT_DIR="$(cache_root)/mediasoup-worker-$VERSION"
BIN="$OUT_DIR/mediasoup-worker"

if [[ -x "$BIN" ]]; then
  log "mediasoup-worker $VERSION already built: $BIN"
  exit 0
fi

[[ -f "$WORKER_SRC/meson.build" ]] ||
  die "$WORKER_SRC/meson.build not found; install npm packages first (npm ci, with MEDIASOUP_WORKER_BIN set so mediasoup's postinstall skips its own build)"

# --- check build dependencies ------------------------------------------------
have_header() {
  local h="$1" d
  local multiarch
  multiarch="$(gcc -print-multiarch 2>/dev/null || dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || true)"
  for d in /usr/include /usr/local/include ${multiarch:+/usr/include/$multiarch}; do
    if [[ -e "$d/$h" ]]; then return 0; fi
  done
  return 1
}

missing=()
command -v "$CXX" >/dev/null 2>&1 || missing+=(g++)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
have_header uv.h || missing+=(libuv1-dev)
have_header openssl/ssl.h || missing+=(libssl-dev)
have_header srtp2/srtp.h || missing+=(libsrtp2-dev)
have_header usrsctp.h || missing+=(libusrsctp-dev)
have_header absl/container/flat_hash_map.h || missing+=(libabsl-dev)
have_header nlohmann/json.hpp || missing+=(nlohmann-json3-dev)
if [[ ${#missing[@]} -eq 0 ]] && ! pkg-config --exists "${ABSL_PKGS[@]}"; then
  missing+=(libabsl-dev)
fi
if [[ ${#missing[@]} -gt 0 ]]; then
  die "missing build dependencies. Install the Debian packages:
    apt-get install -y --no-install-recommends ${missing[*]}
  (all packages needed to build the worker: ${WORKER_BUILD_PACKAGES[*]})"
fi

# --- only one build at a time per version -------------------------------------
mkdir -p "$OUT_DIR"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$OUT_DIR/.lock"
  if ! flock -n 9; then
    log "another build of mediasoup-worker $VERSION is running; waiting for it..."
    flock 9
  fi
  if [[ -x "$BIN" ]]; then
    log "mediasoup-worker $VERSION already built: $BIN"
    exit 0
  fi
fi

# --- source list, parsed from meson.build ------------------------------------
# Prints the quoted entries of the `<name> = [ ... ]` array in a meson.build file.
meson_array() {
  awk -v name="$1" '
    $0 ~ "^[[:space:]]*" name "[[:space:]]*=[[:space:]]*\\[" { inside = 1; next }
    inside && /^[[:space:]]*\]/ { inside = 0; exit }
    inside {
      if (match($0, /'\''[^'\'']+'\''/)) print substr($0, RSTART + 1, RLENGTH - 2)
    }
  ' "$2"
}

SOURCES=()
while IFS= read -r f; do SOURCES+=("$f"); done < <(meson_array common_sources "$WORKER_SRC/meson.build")
n_common=${#SOURCES[@]}
SOURCES+=(src/main.cpp)
while IFS= read -r f; do SOURCES+=("deps/libwebrtc/$f"); done < <(meson_array libwebrtc_sources "$WORKER_SRC/deps/libwebrtc/meson.build")
n_webrtc=$(( ${#SOURCES[@]} - n_common - 1 ))
[[ $n_common -gt 50 && $n_webrtc -gt 10 ]] ||
  die "could not parse the source lists from meson.build (common_sources: $n_common, libwebrtc_sources: $n_webrtc)"
for f in "${SOURCES[@]}"; do
  [[ -f "$WORKER_SRC/$f" ]] || die "source listed in meson.build not found: $WORKER_SRC/$f"
done

# --- compile ------------------------------------------------------------------
BUILD_DIR="$OUT_DIR/build"
OBJ_DIR="$BUILD_DIR/obj"
# Objects built with different flags/compiler are thrown away.
flags_id="$CXX $("$CXX" -dumpfullversion -dumpversion 2>/dev/null | head -n1) ${CXXFLAGS[*]} ${INCLUDES[*]}"
if [[ -f "$BUILD_DIR/flags" && "$(cat "$BUILD_DIR/flags")" != "$flags_id" ]]; then
  log "compiler flags changed; discarding old objects in $BUILD_DIR"
  rm -rf "$BUILD_DIR"
fi
mkdir -p "$OBJ_DIR"
printf '%s\n' "$flags_id" >"$BUILD_DIR/flags"

obj_of() { local f="$1"; printf '%s/%s.o\n' "$OBJ_DIR" "${f%.*}"; }

todo=()
OBJECTS=()
for f in "${SOURCES[@]}"; do
  o="$(obj_of "$f")"
  OBJECTS+=("$o")
  [[ -s "$o" ]] || todo+=("$f")
done

JOBS="${HEARING_ROOM_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"
total=${#SOURCES[@]}
n_todo=${#todo[@]}
start=$SECONDS
log "building mediasoup-worker $VERSION ($total sources, $((total - n_todo)) already compiled, $JOBS parallel jobs)"
log "  sources: $WORKER_SRC"
log "  output:  $BIN"

if [[ $n_todo -gt 0 ]]; then
  compile_one() {
    # $1 = index, $2 = source path relative to the worker dir
    local i="$1" f="$2" o tmp out
    o="$OBJ_DIR/${f%.*}.o"
    tmp="$o.tmp.$$"
    mkdir -p "$(dirname "$o")"
    printf '[%d/%d] compiling %s\n' "$i" "$N_TODO" "$f"
    if ! out="$("$CXX" "${CXXFLAGS[@]}" "${INCLUDES[@]}" -c "$WORKER_SRC/$f" -o "$tmp" 2>&1)"; then
      rm -f "$tmp"
      printf 'FAILED: %s\n%s\n' "$f" "$out" >&2
      exit 255 # makes xargs stop starting new jobs
    fi
    mv -f "$tmp" "$o"
  }
  export -f compile_one
  export CXX OBJ_DIR WORKER_SRC
  export N_TODO="$n_todo"
  # bash cannot export arrays: pass the flags as shell-quoted strings.
  CXXFLAGS_STR="$(printf '%q ' "${CXXFLAGS[@]}")"
  INCLUDES_STR="$(printf '%q ' "${INCLUDES[@]}")"
  export CXXFLAGS_STR INCLUDES_STR

  set +e
  i=0
  for f in "${todo[@]}"; do
    i=$((i + 1))
    printf '%d\0%s\0' "$i" "$f"
  done | xargs -0 -n 2 -P "$JOBS" bash -c '
    set -euo pipefail
    eval "CXXFLAGS=($CXXFLAGS_STR)"
    eval "INCLUDES=($INCLUDES_STR)"
    compile_one "$@"' compile_one
  rc=$?
  set -e
  # Remove temp files of compiles interrupted by a failure elsewhere.
  find "$OBJ_DIR" -name '*.o.tmp.*' -delete 2>/dev/null || true
  if [[ $rc -ne 0 ]]; then
    die "compilation failed (see the compiler output above); fix and re-run, finished objects are kept in $BUILD_DIR"
  fi
  log "compiled $n_todo sources in $((SECONDS - start)) s"
fi

# --- link (to a temp name, then move into place) -------------------------------
log "linking mediasoup-worker..."
tmp_bin="$OUT_DIR/mediasoup-worker.tmp.$$"
trap 'rm -f "$tmp_bin"' EXIT
read -r -a absl_libs <<<"$(pkg-config --libs "${ABSL_PKGS[@]}")"
"$CXX" -o "$tmp_bin" "${OBJECTS[@]}" \
  -luv -lsrtp2 -lusrsctp -lssl -lcrypto "${absl_libs[@]}" -lpthread ||
  die "linking failed (objects are kept in $BUILD_DIR)"

# --- verify --------------------------------------------------------------------
# Started without MEDIASOUP_VERSION the worker prints "you don't seem to be my
# real father!" and exits with code 41 right away; any other result means it
# is broken (e.g. a shared library cannot be loaded).
set +e
verify_out="$(env -u MEDIASOUP_VERSION timeout 10 "$tmp_bin" </dev/null 2>&1)"
verify_rc=$?
set -e
if [[ $verify_rc -ne 41 ]]; then
  die "the built worker does not run as expected (exit code $verify_rc, expected 41):
$verify_out"
fi

mv -f "$tmp_bin" "$BIN"
trap - EXIT
rm -rf "$BUILD_DIR"
log "built mediasoup-worker $VERSION in $((SECONDS - start)) s: $BIN ($(du -h "$BIN" | cut -f1))"
