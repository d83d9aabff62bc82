#!/usr/bin/env bash
# Issue 20: the C++ trainer against the project's Python mirror of the same network (2M-Net compact,
# tests/bench/train_throughput_reference.py) on the same cache, whole epochs end to end: data from
# the cache, resize, augmentation (affine, flip, gamma, contrast), the three jigsaw steps and AdamW,
# at batch 64, 256 and 1,024, the two alternating. Prints each run's images per second over the last
# epoch (the first warms up) and the ratio C++ / Python per batch size (target: at least 1.0).
#
# usage: scripts/bench-gpu-train.sh CACHE [EPOCHS=2] [BATCHES="64 256 1024"] [REPEATS=2]
#   DEVICE=cuda (default) | cpu (a rehearsal on a machine without a GPU)
#   TRAINER=path to boneage-train (default: build/gpu/..., else build/release/...)
#   PYTHON=python3 (the GPU machine's PyTorch; here Debian's python3-torch)   BF16=1: both in bf16 autocast
#   THREADS=CPU threads for both (default: all cores)
set -euo pipefail
cd "$(dirname "$0")/.."
cache=$1 epochs=${2:-2} batches=${3:-"64 256 1024"} repeats=${4:-2}
device=${DEVICE:-cuda} python=${PYTHON:-python3} threads=${THREADS:-$(nproc)}
trainer=${TRAINER:-}
if [ -z "$trainer" ]; then
    for t in build/gpu/app/boneage-train/boneage-train build/release/app/boneage-train/boneage-train; do
        if [ -x "$t" ]; then trainer=$t; break; fi
    done
fi
[ -x "$trainer" ] || { echo "bench-gpu-train: no boneage-train (build it, or give TRAINER=)" >&2; exit 1; }
[ -f "$cache/cache.txt" ] || { echo "bench-gpu-train: $cache is not a dataset cache (boneage prepare)" >&2; exit 1; }
bf16=()
[ "${BF16:-0}" = 1 ] && bf16=(--bf16)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OMP_WAIT_POLICY=passive
echo "device $device, trainer $trainer, $($python -c 'import torch; print("PyTorch", torch.__version__)'), cache $cache, $epochs epochs, threads $threads"

# The C++ trainer's images per second over its last epoch: the epoch's training images (the
# validation share held out) over that epoch's seconds in curves.csv. The
# epoch's time includes its validation of 1 % of the films, as the mirror's does not: in C++'s
# disfavour, by about 1 %.
cpp_run() {
    local b=$1 out=$tmp/cpp-$1-$2
    "$trainer" train --arch 2mnet --preset compact --data "$cache" --out "$out" --device "$device" --epochs "$epochs" \
        --batch-size "$b" --threads "$threads" --optimizer adamw --lr 0.0004 --weight-decay 0.0001 --schedule constant \
        --warmup-epochs 0 --val-fraction 0.01 --patience 1000 --float32-weights "${bf16[@]}" > "$out.log" 2>&1 ||
        { tail -5 "$out.log" >&2; return 1; }
    "$python" - "$out" <<'PY'
import csv, json, sys, os
rows = list(csv.DictReader(open(os.path.join(sys.argv[1], "curves.csv"))))
last = float(rows[-1]["seconds"])   # the epoch's own seconds
card = json.load(open(os.path.join(sys.argv[1], "model.json")))
print(round(int(card["training_data"]["train_count"]) / last, 1))
PY
}
py_run() {
    "$python" tests/bench/train_throughput_reference.py "$cache" --epochs "$epochs" --batch "$1" --device "$device" \
        --threads "$threads" --val-fraction 0.01 "${bf16[@]}" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["epoch_images_per_second"])'
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for b in $batches; do
    cpp=() py=()
    for r in $(seq "$repeats"); do
        cpp+=("$(cpp_run "$b" "$r")")
        py+=("$(py_run "$b")")
        echo "batch $b run $r: C++ ${cpp[-1]} img/s, Python ${py[-1]} img/s"
    done
    mc=$(median "${cpp[@]}") mp=$(median "${py[@]}")
    echo "batch $b median: C++ $mc img/s, Python $mp img/s, ratio C++/Python $(awk -v a="$mc" -v b="$mp" 'BEGIN {printf "%.2f", a / b}')"
done
