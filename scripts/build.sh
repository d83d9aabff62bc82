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
if [ "$preset" = cuda ] && [ -z "${BONEAGE_TORCH_DIR:-}" ]; then
    echo "build.sh cuda: set BONEAGE_TORCH_DIR to the LibTorch's CMake folder (scripts/setup.sh --cuda LIBTORCH_DIR prints it)" >&2
    exit 1
fi
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)" "${targets[@]}"
