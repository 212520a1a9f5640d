#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test.
#
#   tests/run.sh                 all tests
#   tests/run.sh -L e2e          only the end-to-end tests (any ctest arguments)
#
# Tests are GoogleTest cases registered one by one with CTest, so the log
# names each test that ran; the last line is CTest's summary.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${SAMSPAR_BUILD_DIR:-$repo/build}"

"$repo/deploy/setup.sh"
# Two at a time: the machines that run this have two cores, and the
# end-to-end tests start servers of their own.
ctest --test-dir "$build_dir" --output-on-failure -j "${SAMSPAR_TEST_JOBS:-2}" "$@"
