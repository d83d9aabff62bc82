#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs (only those missing). Used by run.sh and test.sh.
#   scripts/setup.sh --cuda LIBTORCH_DIR   also checks a CUDA LibTorch for the `cuda` preset (docs/cuda.md)
set -euo pipefail
libtorch=""
if [ "${1:-}" = --cuda ]; then
  libtorch=${2:?"give the LibTorch folder: scripts/setup.sh --cuda LIBTORCH_DIR"}
fi
packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev
  libgl-dev
  libtorch-dev
  libdcmtk-dev dcmtk libopenjp2-7-dev zlib1g-dev
  libopencv-dev
  libvtk9-dev
  nlohmann-json3-dev libsqlite3-dev sqlite3
  xvfb xauth
  poppler-utils   # pdftotext: the report tests read the words of the PDF
  orthanc         # the real PACS the network tests start on the loopback address
  lintian         # the packaging test reports what it says about the .deb
  qt6-translations-l10n fonts-wqy-microhei
  clang libclang-rt-14-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
if [ -n "$libtorch" ]; then
  "$(dirname "$0")/libtorch-check.sh" "$libtorch"
  echo "then: BONEAGE_TORCH_DIR=... scripts/build.sh cuda   (the build goes to build/cuda; docs/cuda.md)"
fi
