#!/usr/bin/env bash
# Idempotent setup for Hearing Room, used by ./hearing-room (serve, test, bench).
#
# Two ways to use it:
#   bash scripts/setup.sh [--for-tests]     run the setup, print the env to use
#   source scripts/setup.sh; hearing_room_setup [--for-tests]
#                                           (what ./hearing-room does; afterwards
#                                           MEDIASOUP_WORKER_BIN and, with
#                                           --for-tests, HEARING_ROOM_CHROMIUM
#                                           are exported in the calling shell)
# On failure it prints why and exits non-zero (also when sourced: it is meant
# for scripts such as ./hearing-room, not for an interactive shell).
#
# Steps (each is a no-op when already done):
#   1. node >= 20.11
#   2. Debian packages: worker build deps (only if the worker must be built),
#      python3/make/g++ (only if npm packages must be installed),
#      ffmpeg and openssl (recording); poppler-utils (documents shown in the hearing); chromium sox iproute2 iptables coturn docker-compose
#      caddy prometheus (only with --for-tests)
#   3. choose the mediasoup worker binary -> MEDIASOUP_WORKER_BIN
#   4. npm ci, if package-lock.json changed since the last install
#      (stamp: node_modules/.hearing-room-installed)
#   5. build the mediasoup worker if needed (scripts/build-mediasoup-worker.sh)
#   6. npm run build, if sources changed since the last build (stamp: dist/.build-stamp)
#   7. with --for-tests: HEARING_ROOM_CHROMIUM (default /usr/bin/chromium)

HEARING_ROOM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_hr_step() { printf '==> %s\n' "$*"; }
_hr_info() { printf '    %s\n' "$*"; }
_hr_die() {
  printf '\nsetup error: %s\n' "$*" >&2
  exit 1
}

# sha256 of a file (hex only)
_hr_sha256() { sha256sum "$1" | cut -d' ' -f1; }

_hr_check_node() {
  _hr_step "checking node"
  command -v node >/dev/null 2>&1 ||
    _hr_die "node is not installed. Hearing Room needs Node.js 20.11 or newer (https://nodejs.org, or Debian/NodeSource packages)."
  command -v npm >/dev/null 2>&1 ||
    _hr_die "npm is not installed (it normally comes with Node.js; on Debian: apt-get install npm)."
  local v major minor
  v="$(node -p 'process.versions.node')"
  major="${v%%.*}"
  minor="${v#*.}"
  minor="${minor%%.*}"
  if ((major < 20 || (major == 20 && minor < 11))); then
    _hr_die "node $v is too old; Hearing Room needs Node.js 20.11 or newer."
  fi
  _hr_info "node $v, npm $(npm --version)"
}

# Sets _HR_NEED_NPM_CI=1 when node_modules is missing or was installed from a
# different package-lock.json / node ABI.
_hr_npm_install_needed() {
  local stamp="$HEARING_ROOM_ROOT/node_modules/.hearing-room-installed"
  [[ -f "$HEARING_ROOM_ROOT/package-lock.json" ]] ||
    _hr_die "package-lock.json is missing in $HEARING_ROOM_ROOT"
  _HR_INSTALL_ID="$(_hr_sha256 "$HEARING_ROOM_ROOT/package-lock.json") node-abi-$(node -p 'process.versions.modules')"
  _HR_NEED_NPM_CI=0
  if [[ ! -d "$HEARING_ROOM_ROOT/node_modules" || ! -f "$stamp" || "$(cat "$stamp")" != "$_HR_INSTALL_ID" ]]; then
    _HR_NEED_NPM_CI=1
  fi
}

# Chooses the worker binary; sets MEDIASOUP_WORKER_BIN and _HR_NEED_WORKER_BUILD.
_hr_resolve_worker() {
  _hr_step "choosing the mediasoup worker"
  _HR_NEED_WORKER_BUILD=0
  local cache_bin nm_bin="$HEARING_ROOM_ROOT/node_modules/mediasoup/worker/out/Release/mediasoup-worker"
  if [[ -n "${MEDIASOUP_WORKER_BIN:-}" ]]; then
    [[ -f "$MEDIASOUP_WORKER_BIN" && -x "$MEDIASOUP_WORKER_BIN" ]] ||
      _hr_die "MEDIASOUP_WORKER_BIN is set to '$MEDIASOUP_WORKER_BIN', which is not an executable file. Unset it to let setup build or find a worker."
    _hr_info "using MEDIASOUP_WORKER_BIN from the environment: $MEDIASOUP_WORKER_BIN"
    export MEDIASOUP_WORKER_BIN
    return 0
  fi
  cache_bin="$(bash "$HEARING_ROOM_ROOT/scripts/build-mediasoup-worker.sh" --print-path)" ||
    _hr_die "cannot determine the mediasoup worker cache path"
  if [[ -x "$cache_bin" ]]; then
    _hr_info "using the cached worker: $cache_bin"
    export MEDIASOUP_WORKER_BIN="$cache_bin"
  elif [[ "$_HR_NEED_NPM_CI" == 0 && -f "$nm_bin" && -x "$nm_bin" ]]; then
    # mediasoup fetched or built its own worker (machine with internet access).
    # Not used when npm ci is about to run: that would delete it.
    _hr_info "using mediasoup's own worker: $nm_bin"
    export MEDIASOUP_WORKER_BIN="$nm_bin"
  else
    _hr_info "no worker binary yet; it will be built from source into $cache_bin"
    _HR_NEED_WORKER_BUILD=1
    # Exported before npm ci so that mediasoup's postinstall does nothing.
    export MEDIASOUP_WORKER_BIN="$cache_bin"
  fi
}

_hr_check_packages() {
  local for_tests="$1"
  _hr_step "checking Debian packages"
  local wanted=()
  if [[ "$_HR_NEED_WORKER_BUILD" == 1 ]]; then
    wanted+=(libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev pkg-config g++)
  fi
  if [[ "$_HR_NEED_NPM_CI" == 1 ]]; then
    # node-gyp fallback build of better-sqlite3
    wanted+=(python3 make g++)
  fi
  # The recorder runs ffmpeg; the recording verifier checks RFC 3161 tokens with openssl; poppler
  # (pdfinfo, pdftoppm) counts and renders the pages of a document the court shows.
  wanted+=(ffmpeg openssl poppler-utils)
  if [[ "$for_tests" == 1 ]]; then
    # A browser given through HEARING_ROOM_CHROMIUM replaces Debian's chromium.
    if [[ -z "${HEARING_ROOM_CHROMIUM:-}" ]]; then
      wanted+=(chromium)
    fi
    # iproute2 and iptables shape a network in the weak-link tests (namespaces, tbf, random loss).
    wanted+=(sox iproute2 iptables)
    # coturn relays media in the TURN test; docker-compose, caddy and prometheus check and run the
    # production compose file's services outside containers (test/integration/compose.test.ts).
    wanted+=(coturn docker-compose caddy prometheus)
  fi
  if [[ ${#wanted[@]} -eq 0 ]]; then
    _hr_info "none needed"
    return 0
  fi
  # de-duplicate, keep order
  local p seen=" " list=()
  for p in "${wanted[@]}"; do
    if [[ "$seen" == *" $p "* ]]; then continue; fi
    seen+="$p "
    list+=("$p")
  done
  if ! command -v dpkg-query >/dev/null 2>&1; then
    _hr_info "not a Debian-based system; make sure these (Debian names) are installed: ${list[*]}"
    return 0
  fi
  local missing=()
  for p in "${list[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]]; then
      missing+=("$p")
    fi
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    _hr_info "all installed: ${list[*]}"
    return 0
  fi
  if [[ "$(id -u)" != 0 ]]; then
    _hr_die "missing Debian packages: ${missing[*]}
Install them with:
    sudo apt-get install -y --no-install-recommends ${missing[*]}
then run this command again."
  fi
  _hr_info "installing: ${missing[*]}"
  if [[ -z "${_HR_APT_UPDATED:-}" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update || _hr_die "apt-get update failed"
    _HR_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" </dev/null ||
    _hr_die "apt-get install failed for: ${missing[*]}"
}

_hr_npm_install() {
  _hr_step "installing npm packages"
  if [[ "$_HR_NEED_NPM_CI" == 0 ]]; then
    _hr_info "up to date (package-lock.json unchanged)"
    return 0
  fi
  local stamp="$HEARING_ROOM_ROOT/node_modules/.hearing-room-installed"
  # MEDIASOUP_WORKER_BIN is exported at this point, so mediasoup's postinstall
  # neither downloads nor builds a worker. Install scripts run in the foreground
  # so that long native builds (better-sqlite3 via node-gyp) show their output.
  (cd "$HEARING_ROOM_ROOT" && npm ci --no-audit --no-fund --foreground-scripts) ||
    _hr_die "npm ci failed"
  printf '%s\n' "$_HR_INSTALL_ID" >"$stamp"
}

_hr_build_worker() {
  _hr_step "building the mediasoup worker"
  if [[ "$_HR_NEED_WORKER_BUILD" == 0 ]]; then
    _hr_info "not needed ($MEDIASOUP_WORKER_BIN)"
    return 0
  fi
  bash "$HEARING_ROOM_ROOT/scripts/build-mediasoup-worker.sh" || _hr_die "building the mediasoup worker failed"
  [[ -x "$MEDIASOUP_WORKER_BIN" ]] || _hr_die "worker build finished but $MEDIASOUP_WORKER_BIN does not exist"
}

_hr_build_app() {
  _hr_step "building the web bundle and the server"
  local root="$HEARING_ROOM_ROOT" stamp="$HEARING_ROOM_ROOT/dist/.build-stamp" reason="" newer p
  local inputs=()
  for p in web/src sfu signaling store server scheduling courtroom record recording web/build.mjs package.json package-lock.json; do
    if [[ -e "$root/$p" ]]; then inputs+=("$root/$p"); fi
  done
  for p in "$root"/web/*.html "$root"/web/*.css "$root"/tsconfig*.json; do
    if [[ -e "$p" ]]; then inputs+=("$p"); fi
  done
  if [[ ! -f "$stamp" ]]; then
    reason="no previous build"
  elif [[ ! -d "$root/web/dist" || ! -d "$root/dist/server" ]]; then
    reason="build output missing"
  elif [[ ${#inputs[@]} -gt 0 ]]; then
    newer="$(find "${inputs[@]}" -newer "$stamp" -type f -print -quit 2>/dev/null || true)"
    if [[ -n "$newer" ]]; then reason="changed: ${newer#"$root"/}"; fi
  fi
  if [[ -z "$reason" ]]; then
    _hr_info "up to date"
    return 0
  fi
  _hr_info "$reason"
  # Stamp time = start of the build, so edits made during the build count as changes.
  local tmp_stamp
  tmp_stamp="$(mktemp "${TMPDIR:-/tmp}/hearing-room-build-stamp.XXXXXX")"
  (cd "$root" && npm run build) || {
    rm -f "$tmp_stamp"
    _hr_die "npm run build failed"
  }
  mkdir -p "$root/dist"
  chmod 644 "$tmp_stamp"
  mv -f "$tmp_stamp" "$stamp"
}

_hr_chromium() {
  _hr_step "locating chromium"
  if [[ -n "${HEARING_ROOM_CHROMIUM:-}" ]]; then
    [[ -x "$HEARING_ROOM_CHROMIUM" ]] ||
      _hr_die "HEARING_ROOM_CHROMIUM is set to '$HEARING_ROOM_CHROMIUM', which is not an executable file"
  else
    HEARING_ROOM_CHROMIUM=/usr/bin/chromium
    [[ -x "$HEARING_ROOM_CHROMIUM" ]] ||
      _hr_die "$HEARING_ROOM_CHROMIUM not found (Debian package: chromium), or set HEARING_ROOM_CHROMIUM to a Chromium/Chrome binary"
  fi
  export HEARING_ROOM_CHROMIUM
  _hr_info "$HEARING_ROOM_CHROMIUM"
}

# hearing_room_setup [--for-tests]
hearing_room_setup() {
  local for_tests=0 arg
  for arg in "$@"; do
    case "$arg" in
      --for-tests) for_tests=1 ;;
      --for-serve) for_tests=0 ;;
      *) _hr_die "unknown setup option: $arg (expected --for-tests)" ;;
    esac
  done
  _hr_check_node
  _hr_npm_install_needed
  _hr_resolve_worker
  _hr_check_packages "$for_tests"
  _hr_npm_install
  _hr_build_worker
  _hr_build_app
  if [[ "$for_tests" == 1 ]]; then
    _hr_chromium
  fi
  return 0
}

# Executed directly (not sourced): run and show the environment to use.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  hearing_room_setup "$@"
  printf '==> setup done. Environment:\n'
  printf '    export MEDIASOUP_WORKER_BIN=%q\n' "$MEDIASOUP_WORKER_BIN"
  if [[ -n "${HEARING_ROOM_CHROMIUM:-}" ]]; then
    printf '    export HEARING_ROOM_CHROMIUM=%q\n' "$HEARING_ROOM_CHROMIUM"
  fi
fi
