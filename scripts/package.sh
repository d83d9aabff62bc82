#!/usr/bin/env bash
# Builds the Debian package of Bone Age Workstation with CPack: programs, models, resources (atlas,
# GP tables, samples), desktop entry and icon, man pages (packaging/). Depends on Debian's packages
# only (dpkg-shlibdeps names them). Prints the path of the .deb.
#   scripts/package.sh [OUT_DIR]       (default: build/package)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/package}
scripts/setup.sh
scripts/build.sh release
mkdir -p "$out"
cpack -G DEB --config build/release/CPackConfig.cmake -B "$(cd "$out" && pwd)" > "$out/cpack.log"
ls "$out"/*.deb
