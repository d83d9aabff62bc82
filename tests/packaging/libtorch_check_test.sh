#!/usr/bin/env bash
# Issue 20: scripts/libtorch-check.sh, which scripts/setup.sh --cuda runs before the `cuda` preset,
# accepts this machine's LibTorch (Debian's: new C++ ABI, no CUDA) and refuses, naming the reason, a
# LibTorch of the old C++ ABI and a folder that holds none.
set -uo pipefail
check="$(dirname "$0")/../../scripts/libtorch-check.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Debian's LibTorch, named by its prefix: found, new ABI, CPU only, and the export line to use.
out=$("$check" /usr 2>&1) || fail "Debian's LibTorch refused: $out"
echo "$out"
echo "$out" | grep -q "CUDA: no" || fail "CPU-only not recognised"
echo "$out" | tail -1 | grep -q "^export BONEAGE_TORCH_DIR=/usr/lib/.*/cmake/Torch$" || fail "no export line: $out"

# The same LibTorch laid out as an archive, with a CUDA library beside it: recognised as CUDA.
mkdir -p "$tmp/cuda/share/cmake/Torch" "$tmp/cuda/lib"
cp /usr/lib/*/cmake/Torch/TorchConfig*.cmake "$tmp/cuda/share/cmake/Torch/"
touch "$tmp/cuda/lib/libtorch_cuda.so"
out=$("$check" "$tmp/cuda" 2>&1) || fail "archive layout refused: $out"
echo "$out" | grep -q "CUDA: yes" || fail "CUDA not recognised: $out"
echo "$out" | tail -1 | grep -q "^export BONEAGE_TORCH_DIR=$tmp/cuda/share/cmake/Torch$" || fail "wrong export line: $out"

# The old C++ ABI: refused, saying which LibTorch to take instead.
mkdir -p "$tmp/old/share/cmake/Torch"
sed 's/_GLIBCXX_USE_CXX11_ABI=1/_GLIBCXX_USE_CXX11_ABI=0/' "$tmp/cuda/share/cmake/Torch/TorchConfig.cmake" > "$tmp/old/share/cmake/Torch/TorchConfig.cmake"
grep -q "_GLIBCXX_USE_CXX11_ABI=0" "$tmp/old/share/cmake/Torch/TorchConfig.cmake" || fail "could not make the old-ABI config"
out=$("$check" "$tmp/old" 2>&1) && fail "an old-ABI LibTorch was accepted: $out"
echo "$out" | grep -q "old C++ ABI" && echo "$out" | grep -q "cxx11-abi" || fail "the refusal does not say why: $out"

# No LibTorch there.
out=$("$check" "$tmp" 2>&1) && fail "a folder without LibTorch was accepted"
echo "$out" | grep -q "no TorchConfig.cmake" || fail "the refusal does not say why: $out"
echo "libtorch-check: all cases as expected"
