#!/usr/bin/env bash
# The main job: set up, build, and open the bundled sample radiograph in the workstation; where no
# display exists (no $DISPLAY), the command line reads and assesses the sample instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
sample=resources/samples/sample-1491.dcm
# Builds only what it runs (the tests and benchmarks are scripts/test.sh's).
if [ -n "${DISPLAY:-}" ] && [ "${BONEAGE_NO_GUI:-0}" != 1 ]; then
    scripts/build.sh release boneage-workstation
    # Models > Train runs the `boneage` program: it is built in the background, at low priority, while
    # the workstation opens (a training job asked for before it is ready is refused, saying so).
    log=build/release/boneage-build.log
    echo "== building the boneage command line in the background (Models > Train needs it): $log"
    nice -n 10 scripts/build.sh release boneage > "$log" 2>&1 &
    exec build/release/app/boneage-workstation/boneage-workstation "$sample"
fi
scripts/build.sh release boneage
echo "== no display: the command line on $sample (the workstation needs a display)"
echo "== boneage info $sample"
build/release/app/boneage/boneage info --pretty "$sample"
echo
echo "== boneage assess $sample"
build/release/app/boneage/boneage assess "$sample"
echo
echo "== boneage landmarks $sample"
build/release/app/boneage/boneage landmarks "$sample"
