#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages) and builds the suite.
#
#   deploy/setup.sh            install + build into ./build
#
# Environment: SAMSPAR_BUILD_DIR (default ./build), SAMSPAR_WERROR=ON to treat
# warnings as errors (OFF to stop; unset keeps the build's setting),
# SAMSPAR_BUILD_TYPE (default RelWithDebInfo).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${SAMSPAR_BUILD_DIR:-$repo/build}"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing_packages() {
  local wanted missing=()
  mapfile -t wanted < <(grep -v '^\s*#' "$repo/deploy/debian-packages.txt" | grep -v '^\s*$')
  for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "samspar: installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
}

build() {
  local options=(-DCMAKE_BUILD_TYPE="${SAMSPAR_BUILD_TYPE:-RelWithDebInfo}")
  # Only when asked: otherwise the build keeps the setting it has, and a run
  # after the tests does not rebuild everything.
  if [ -n "${SAMSPAR_WERROR:-}" ]; then options+=(-DSAMSPAR_WERROR="$SAMSPAR_WERROR"); fi
  cmake -S "$repo" -B "$build_dir" "${options[@]}" >/dev/null
  cmake --build "$build_dir" -j "$(nproc)"
}

install_missing_packages
build
