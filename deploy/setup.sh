#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages) and builds the suite.
#
#   deploy/setup.sh            install + build into ./build
#
# Environment: SAMSPAR_BUILD_DIR (default ./build), SAMSPAR_WERROR=ON to treat
# warnings as errors, SAMSPAR_BUILD_TYPE (default RelWithDebInfo).
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
  cmake -S "$repo" -B "$build_dir" \
    -DCMAKE_BUILD_TYPE="${SAMSPAR_BUILD_TYPE:-RelWithDebInfo}" \
    -DSAMSPAR_WERROR="${SAMSPAR_WERROR:-OFF}" >/dev/null
  cmake --build "$build_dir" -j "$(nproc)"
}

install_missing_packages
build
