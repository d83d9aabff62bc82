#!/usr/bin/env bash
# The main job: set up, build, and read the bundled sample radiograph.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
sample=resources/samples/sample-1491.dcm
echo "== boneage info $sample"
build/release/app/boneage/boneage info --pretty "$sample"
echo
echo "== boneage assess $sample"
build/release/app/boneage/boneage assess "$sample"
