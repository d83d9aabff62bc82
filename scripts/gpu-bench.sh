#!/usr/bin/env bash
# Issue 20's measurements in one call on a lent GPU machine (a CUDA PyTorch wheel, no image
# libraries; docs/cuda.md "Measuring on a GPU"):
#   1. builds the LibTorch-only programs against the wheel's LibTorch (boneage-train, bench_optimizer,
#      bench_assessment_gpu), while the packed cache unpacks (scripts/gpu-cache-pack.py);
#   2. bench_optimizer: LibTorch's SGD and AdamW against the trainer's multi-tensor ones, on the GPU;
#   3. bench_assessment_gpu: one film's network work with the shipped packages (latency at batch 1,
#      throughput at 8, 64, 256; target under 50 ms per film at batch 1);
#   4. scripts/bench-gpu-train.sh: the C++ trainer against the Python mirror, whole epochs at batch
#      64, 256, 1,024, in float32 and again in bf16 (target: C++ at least 1.0x at every batch size).
# Everything it prints is also in OUT_DIR/gpu-bench.txt.
#
# usage: scripts/gpu-bench.sh PACKED_CACHE OUT_DIR [EPOCHS=2] [BATCHES="64 256 1024"] [REPEATS=2]
#   DEVICE=cpu rehearses it on a machine without a GPU (then give small EPOCHS and BATCHES, and
#   ASSESS_RUNS=3 ASSESS_BATCHES=1,8 for bench_assessment_gpu, default 50 runs of 1,8,64,256);
#   TRAINER_DIR=a build folder that already holds the three programs (skips 1);
#   PYTHON=python3 with PyTorch (the mirror; here Debian's /usr/bin/python3 with python3-torch).
set -uo pipefail
packed=$1 out=$2 epochs=${3:-2} batches=${4:-"64 256 1024"} repeats=${5:-2}
device=${DEVICE:-cuda} python=${PYTHON:-python3}
cd "$(dirname "$0")/.."
mkdir -p "$out"
log=$out/gpu-bench.txt
exec > >(tee "$log") 2>&1
cache=build/gpu-cache

{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>/dev/null || echo "no nvidia-smi"; } | sed 's/^/GPU: /'
"$python" -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda)'
echo "CPU cores: $(nproc)"

if [ "$packed" -ef "$cache" ] || [ -f "$packed/cache.txt" ]; then
    cache=$packed   # an unpacked cache (a CPU rehearsal)
    unpack=
else
    "$python" scripts/gpu-cache-pack.py unpack "$packed" "$cache" > "$out/unpack.log" 2>&1 &
    unpack=$!
fi

bin=${TRAINER_DIR:-}
if [ -z "$bin" ]; then
    t0=$(date +%s)
    prefix=$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')
    cmake -S . -B build/gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DBONEAGE_TORCH_ONLY=ON -DCMAKE_PREFIX_PATH="$prefix" \
        > "$out/configure.log" 2>&1 || { tail -30 "$out/configure.log"; exit 1; }
    if ! cmake --build build/gpu -j"$(nproc)" --target boneage-train bench_optimizer bench_assessment_gpu > "$out/build.log" 2>&1; then
        grep -m 20 -A 5 "error" "$out/build.log"
        exit 1
    fi
    echo "built the LibTorch-only programs in $(( $(date +%s) - t0 )) s"
    bin=build/gpu
fi
if [ -n "$unpack" ]; then wait "$unpack" || { cat "$out/unpack.log"; exit 1; }; fi

echo; echo "== the optimizer step (bench_optimizer)"
"$bin/bench_optimizer" "$device" "$(nproc)" 200

echo; echo "== one film's network work (bench_assessment_gpu, shipped packages)"
"$bin/bench_assessment_gpu" models "$cache" "$device" "${ASSESS_RUNS:-50}" "${ASSESS_BATCHES:-1,8,64,256}" "$(nproc)"

for bf16 in 0 1; do
    echo; echo "== the trainer against the Python mirror, whole epochs (bench-gpu-train.sh, BF16=$bf16)"
    BF16=$bf16 DEVICE=$device PYTHON=$python TRAINER=$bin/app/boneage-train/boneage-train \
        scripts/bench-gpu-train.sh "$cache" "$epochs" "$batches" "$repeats"
done
