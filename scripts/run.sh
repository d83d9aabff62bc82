#!/usr/bin/env bash
# The main job: set up, build, and open the bundled sample radiograph in the workstation; where no
# display exists (no $DISPLAY), the command line reads and assesses the sample instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# Only the two programs it runs: the tests and benchmarks are built by scripts/test.sh.
scripts/build.sh release boneage boneage-workstation
sample=resources/samples/sample-1491.dcm
if [ -n "${DISPLAY:-}" ] && [ "${BONEAGE_NO_GUI:-0}" != 1 ]; then
    exec build/release/app/boneage-workstation/boneage-workstation "$sample"
fi
echo "== no display: the command line on $sample (the workstation needs a display)"
echo "== boneage info $sample"
build/release/app/boneage/boneage info --pretty "$sample"
echo
echo "== boneage assess $sample"
build/release/app/boneage/boneage assess "$sample"
echo
echo "== boneage landmarks $sample"
build/release/app/boneage/boneage landmarks "$sample"
