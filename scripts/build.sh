#!/usr/bin/env bash
# Configures and builds one CMake preset (default: release); further arguments name the targets to
# build (default: everything, tests included).
#   scripts/build.sh release boneage boneage-workstation     only the two programs
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
shift || true
targets=()
if [ $# -gt 0 ]; then targets=(--target "$@"); fi
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)" "${targets[@]}"
