#!/usr/bin/env bash
# Checks a LibTorch for the CUDA build of the whole program (docs/cuda.md) and prints the line that
# selects it. DIR may be an unpacked LibTorch archive (DIR/share/cmake/Torch), a PyTorch wheel's
# torch folder (site-packages/torch: the same layout), or the folder holding TorchConfig.cmake.
#   - Its C++ ABI must be the new one (_GLIBCXX_USE_CXX11_ABI=1): Debian's Qt, VTK, DCMTK and OpenCV
#     are built with it, std::string crosses between them and the models' code, and a LibTorch of the
#     old ABI (the "pre-cxx11" archives, older wheels) would not link, or would crash where it did.
#   - CUDA or not: a CPU-only LibTorch builds and runs, on the CPU.
# Exit status: 0 usable (the last line is the export to use), 1 not usable (the reason is said).
# usage: scripts/libtorch-check.sh DIR
set -uo pipefail
dir=${1:-}
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    echo "libtorch-check: give the LibTorch folder (an unpacked libtorch archive, or a PyTorch wheel's torch folder): '$dir' is not a folder" >&2
    exit 1
fi
dir=$(cd "$dir" && pwd)
config=""
for c in "$dir" "$dir/share/cmake/Torch" "$dir"/lib/*/cmake/Torch "$dir/lib/cmake/Torch"; do
    if [ -f "$c/TorchConfig.cmake" ]; then config=$c; break; fi
done
if [ -z "$config" ]; then
    echo "libtorch-check: no TorchConfig.cmake in $dir (looked in ., share/cmake/Torch, lib/*/cmake/Torch): is it a LibTorch?" >&2
    exit 1
fi
version=$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")$/\1/p' "$config/TorchConfigVersion.cmake" 2>/dev/null | head -1)
abi=$(grep -o '_GLIBCXX_USE_CXX11_ABI=[01]' "$config/TorchConfig.cmake" | head -1 | cut -d= -f2)
echo "LibTorch ${version:-(version unknown)} at $config"
if [ "$abi" = 0 ]; then
    echo "libtorch-check: this LibTorch uses the old C++ ABI (_GLIBCXX_USE_CXX11_ABI=0). Debian's Qt, VTK, DCMTK and" >&2
    echo "  OpenCV use the new one, so the workstation cannot be built against it. Take the cxx11-ABI LibTorch" >&2
    echo "  (the archive named libtorch-cxx11-abi-shared-with-deps-VERSION+cuXXX.zip) or a PyTorch wheel built with" >&2
    echo "  the new ABI (python3 -c 'import torch; print(torch.compiled_with_cxx11_abi())' prints True)." >&2
    exit 1
fi
[ -n "$abi" ] || echo "note: TorchConfig.cmake names no C++ ABI; the new one is assumed (the build fails at link time if not)"
# The libraries sit in ../../../lib (archive, wheel) or ../.. (a distribution's lib/ARCH/cmake/Torch).
cuda=no
for lib in "$config/../../../lib" "$config/../.."; do
    if compgen -G "$lib/libtorch_cuda.so*" > /dev/null || compgen -G "$lib/libc10_cuda.so*" > /dev/null; then cuda=yes; fi
done
if [ "$cuda" = yes ]; then
    echo "CUDA: yes (libtorch_cuda found)"
    # A CUDA LibTorch's CMake files look for the CUDA toolkit when the program is configured.
    if ! command -v nvcc > /dev/null 2>&1 && [ ! -x /usr/local/cuda/bin/nvcc ]; then
        echo "note: no nvcc found; LibTorch's CMake files need the CUDA toolkit to configure (Debian: nvidia-cuda-toolkit" \
             "from non-free, or NVIDIA's toolkit in /usr/local/cuda; then CUDACXX=/usr/local/cuda/bin/nvcc)"
    fi
else
    echo "CUDA: no (a CPU-only LibTorch: the program builds and runs on the CPU)"
fi
echo "ABI: new (_GLIBCXX_USE_CXX11_ABI=${abi:-1}), as Debian's libraries"
echo "export BONEAGE_TORCH_DIR=$config"
