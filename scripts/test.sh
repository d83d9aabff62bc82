#!/usr/bin/env bash
# The tests: set up, build, run every CTest test (GUI tests under a virtual X server).
# scripts/test.sh [release|debug|asan]
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
scripts/setup.sh
start=$(date +%s)
scripts/build.sh "$preset"
xvfb-run -a ctest --preset "$preset" -j"$(nproc)"
echo "tests ($preset): build + run took $(( $(date +%s) - start )) s"
