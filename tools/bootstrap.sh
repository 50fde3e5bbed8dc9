#!/usr/bin/env bash
# Bootstrap: install and fetch everything the build needs, from Debian and npm only.
# Idempotent: every step checks whether its result already exists, so a second run
# takes well under a second. Everything fetched lives under build/deps (git-ignored).
# A step builds in a temporary folder and moves the finished result into place, so an
# interrupted run never leaves a half-filled folder that the next run would take as done.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEPS="$ROOT/build/deps"
IMGUI_VERSION=1.86
SQLITE_VERSION=3.40.1
LZ4_VERSION=1.9.4

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config tcl
  emscripten chromium
  nlohmann-json3-dev doctest-dev libsqlite3-dev sqlite3 libcpp-httplib-dev libsodium-dev liblz4-dev
  zlib1g-dev libbrotli-dev libssl-dev
  dpkg-dev python3-fonttools fonts-wqy-microhei fonts-dejavu-core brotli
)

log() { printf '[bootstrap] %s\n' "$*"; }

# Temporary folders of the running step, removed however the script ends.
TEMP_DIRS=()
remove_temp_dirs() { if [ ${#TEMP_DIRS[@]} -gt 0 ]; then rm -rf "${TEMP_DIRS[@]}"; fi; }
trap remove_temp_dirs EXIT

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

# The Debian source version of a package whose upstream part is the pinned version,
# e.g. 3.40.1-2+deb12u2 for 3.40.1, 1.86+ds-1 for 1.86 (a "+" suffix marks a repack).
# The highest such version when there are several; nothing when there is none.
debian_version_of() {
  local package=$1 pinned=$2 version upstream best=""
  for version in $(apt-cache showsrc "$package" 2>/dev/null |
                   awk -v p="$package" '/^Package:/{name=$2} /^Version:/{if (name == p) print $2}'); do
    upstream=${version#*:}
    upstream=${upstream%-*}
    if [ "$upstream" != "$pinned" ] && [ "${upstream#"$pinned"+}" = "$upstream" ]; then continue; fi
    if [ -z "$best" ] || dpkg --compare-versions "$version" gt "$best"; then best=$version; fi
  done
  printf '%s' "$best"
}

# apt-get source unpacks into the current folder as <package>-<upstream version>/.
fetch_source() {
  local package=$1 pinned=$2 target=$3
  if [ -d "$target" ]; then return; fi
  enable_sources
  local version
  version=$(debian_version_of "$package" "$pinned")
  if [ -z "$version" ]; then
    local offered
    offered=$(apt-cache showsrc "$package" 2>/dev/null | awk '/^Version:/{printf " %s", $2}')
    log "no Debian source of $package $pinned (apt-cache showsrc $package offers:${offered:- nothing})"
    log "pin a version Debian has at the top of tools/bootstrap.sh, or add a suite that has $pinned"; exit 1
  fi
  log "fetching Debian source of $package $version"
  local work
  work=$(mktemp -d "$DEPS/.src-$package.XXXXXX")
  TEMP_DIRS+=("$work")
  if ! (cd "$work" && apt-get source -qq "$package=$version" >/dev/null); then
    log "apt-get source $package=$version failed"; exit 1
  fi
  local unpacked
  unpacked=$(find "$work" -maxdepth 1 -mindepth 1 -type d -name "${package}-${pinned}*" | head -n 1)
  if [ -z "$unpacked" ]; then
    log "apt-get source $package did not unpack a ${package}-${pinned} folder"; exit 1
  fi
  mv "$unpacked" "$target"
  rm -rf "$work"
}

build_sqlite_amalgamation() {
  local out="$DEPS/sqlite-amalgamation"
  if [ -f "$out/sqlite3.c" ] && [ -f "$out/sqlite3.h" ] && [ -f "$out/sqlite3ext.h" ]; then return; fi
  log "building the SQLite $SQLITE_VERSION amalgamation"
  local build staged
  build=$(mktemp -d "$DEPS/.sqlite-build.XXXXXX")
  staged=$(mktemp -d "$DEPS/.sqlite-amalgamation.XXXXXX")
  TEMP_DIRS+=("$build" "$staged")
  (cd "$build" && "$DEPS/sqlite3-src/configure" --quiet >/dev/null && make -s sqlite3.c >/dev/null)
  cp "$build/sqlite3.c" "$build/sqlite3.h" "$build/sqlite3ext.h" "$staged/"
  chmod 755 "$staged"  # mktemp made it private
  # A folder without all three files was left by an older version of this script.
  rm -rf "$out"
  mv "$staged" "$out"
}

# npm ci again whenever package-lock.json changes: the lock file's sha256 is kept in a
# stamp inside node_modules, written only after npm ci succeeded (npm ci empties
# node_modules first, so an interrupted install leaves no stamp behind).
install_npm() {
  local dir="$ROOT/tests/browser"
  local stamp="$dir/node_modules/.crm-lock-sha256"
  local lock_sha
  lock_sha=$(sha256sum "$dir/package-lock.json" | cut -d ' ' -f 1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_sha" ]; then return; fi
  log "installing the browser tests' npm packages (locked)"
  (cd "$dir" && npm ci --no-audit --no-fund --silent)
  printf '%s\n' "$lock_sha" >"$stamp"
}

mkdir -p "$DEPS"
install_packages
fetch_source imgui "$IMGUI_VERSION" "$DEPS/imgui"
fetch_source sqlite3 "$SQLITE_VERSION" "$DEPS/sqlite3-src"
fetch_source lz4 "$LZ4_VERSION" "$DEPS/lz4"
build_sqlite_amalgamation
install_npm
log "ok"
