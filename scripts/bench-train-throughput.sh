#!/usr/bin/env bash
# Training throughput of the C++ trainer against the same model in Python PyTorch (issue 4): 2M-Net
# compact, batch 32, 2 threads, AdamW, no augmentation, the same cache; runs alternate, 3 each, and
# the medians and their ratio are printed. Needs Debian's python3-torch (1.13.1, the LibTorch the
# C++ build uses). Run it on a quiet machine.
# usage: scripts/bench-train-throughput.sh CACHE [steps] [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
cache=$1 steps=${2:-30} repeats=${3:-3}
trainer=build/release/app/boneage-train/boneage-train
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export OMP_WAIT_POLICY=passive
cpp=() py=()
for r in $(seq "$repeats"); do
    "$trainer" train --arch 2mnet --preset compact --data "$cache" --out "$tmp/m$r" --epochs 1 \
        --max-steps-per-epoch "$steps" --no-augment --batch-size 32 --threads 2 --optimizer adamw --lr 0.0004 \
        --weight-decay 0.0001 --schedule constant --warmup-epochs 0 --float32-weights > "$tmp/cpp$r.log"
    cpp+=("$(grep -o '"train_images_per_second": [0-9.]*' "$tmp/m$r/model.json" | grep -o '[0-9.]*$')")
    py+=("$(/usr/bin/python3 tests/bench/train_throughput_reference.py "$cache" "$steps" 32 2 | grep -o "\"train_images_per_second\": [0-9.]*" | grep -o '[0-9.]*$')")
    echo "run $r: C++ ${cpp[-1]} img/s, Python ${py[-1]} img/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mc=$(median "${cpp[@]}") mp=$(median "${py[@]}")
echo "median: C++ $mc img/s, Python $mp img/s, ratio C++/Python $(awk -v a="$mc" -v b="$mp" 'BEGIN {printf "%.2f", a / b}')"
