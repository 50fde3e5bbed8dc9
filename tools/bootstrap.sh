#!/usr/bin/env bash
# Bootstrap: install and fetch everything the build needs, from Debian and npm only.
# Idempotent: every step checks whether its result already exists, so a second run
# takes about a second. Everything fetched lives under build/deps (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEPS="$ROOT/build/deps"
IMGUI_VERSION=1.86
SQLITE_VERSION=3.40.1

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config tcl
  emscripten chromium
  nlohmann-json3-dev doctest-dev libsqlite3-dev libcpp-httplib-dev libsodium-dev
  zlib1g-dev libbrotli-dev libssl-dev
  dpkg-dev python3-fonttools fonts-wqy-microhei fonts-dejavu-core brotli
)

log() { printf '[bootstrap] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

install_packages() {
  local missing
  missing=$(missing_packages)
  # Node.js and npm: the machine's own (v20 with npm) when present, else Debian's.
  if ! command -v npm >/dev/null 2>&1; then missing="$missing nodejs npm"; fi
  if [ -z "$missing" ]; then return; fi
  log "installing Debian packages: $(echo $missing | tr '\n' ' ')"
  local log="$DEPS/apt.log"
  if ! { as_root apt-get update -qq && \
         as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } \
       >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    log "apt-get failed (full log: $log)"; exit 1
  fi
}

enable_sources() {
  local list=/etc/apt/sources.list.d/debian-src.sources
  if [ -f "$list" ]; then return; fi
  log "adding deb-src entries for apt-get source"
  as_root tee "$list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  as_root apt-get update -qq
}

# apt-get source unpacks into the current folder as <package>-<version>/.
fetch_source() {
  local package=$1 version=$2 target=$3
  if [ -d "$target" ]; then return; fi
  enable_sources
  log "fetching Debian source of $package $version"
  local work
  work=$(mktemp -d "$DEPS/src.XXXXXX")
  (cd "$work" && apt-get source -qq "$package=$(apt-cache showsrc "$package" | awk '/^Version:/{print $2; exit}')" >/dev/null)
  local unpacked
  unpacked=$(find "$work" -maxdepth 1 -mindepth 1 -type d -name "${package}-${version}*" | head -n 1)
  if [ -z "$unpacked" ]; then
    log "apt-get source $package did not unpack a ${package}-${version} folder"; exit 1
  fi
  mv "$unpacked" "$target"
  rm -rf "$work"
}

build_sqlite_amalgamation() {
  local out="$DEPS/sqlite-amalgamation"
  if [ -f "$out/sqlite3.c" ]; then return; fi
  log "building the SQLite $SQLITE_VERSION amalgamation"
  local b="$DEPS/sqlite-build"
  rm -rf "$b" && mkdir -p "$b"
  (cd "$b" && "$DEPS/sqlite3-src/configure" --quiet >/dev/null && make -s sqlite3.c >/dev/null)
  mkdir -p "$out"
  cp "$b/sqlite3.c" "$b/sqlite3.h" "$b/sqlite3ext.h" "$out/"
  rm -rf "$b"
}

install_npm() {
  if [ -d "$ROOT/tests/browser/node_modules/playwright-core" ]; then return; fi
  log "installing playwright-core from npm (locked)"
  (cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund --silent)
}

mkdir -p "$DEPS"
install_packages
fetch_source imgui "$IMGUI_VERSION" "$DEPS/imgui"
fetch_source sqlite3 "$SQLITE_VERSION" "$DEPS/sqlite3-src"
build_sqlite_amalgamation
install_npm
log "ok"
