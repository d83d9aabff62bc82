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
# A bounded fuzzing slice of each libFuzzer target (60 s each; BONEAGE_FUZZ_SECONDS=0 skips it on a
# developer's machine, never in CI): the readers and the model card parser meet arbitrary bytes on
# every run, not only when someone remembers to fuzz.
if [ "${BONEAGE_FUZZ_SECONDS:-60}" != 0 ]; then scripts/fuzz-slices.sh "${BONEAGE_FUZZ_SECONDS:-60}"; fi
echo "tests ($preset): build + run took $(( $(date +%s) - start )) s"
