#!/usr/bin/env bash
# Training on a lent GPU machine (docs/training.md, "On a GPU machine"). That machine has a CUDA
# PyTorch wheel (which holds a full LibTorch) and no image libraries, so this script
#   1. builds the LibTorch-only trainer (BONEAGE_TORCH_ONLY) against the wheel's LibTorch,
#   2. unpacks the dataset cache that travelled packed (scripts/gpu-cache-pack.py),
#   3. runs the given training jobs side by side on the one GPU, each stopped (SIGINT: the package
#      of its best epoch is still written) before the time budget ends,
#   4. evaluates every package on the GPU on its held-out ids, and bundles packages (without
#      checkpoints), logs and the trainer binary into OUT_DIR/results.tar.part-* (15 MB pieces).
#
# usage: scripts/gpu-train.sh PACKED_CACHE OUT_DIR SECONDS 'NAME [finetune] OPTION...' ...
#   each job: a package name, then `boneage-train train` options other than --data/--out/--device,
#   or `finetune` and its options (--model models/PACKAGE --freeze ... continues a shipped package).
# A trainer binary already built on such a machine can be given as BONEAGE_TRAIN=path (skips 1);
# SKIP_SMOKE=1 skips the CUDA smoke test of every architecture.
set -uo pipefail
packed=$1 out=$2 budget=$3
shift 3
deadline=$(( $(date +%s) + budget ))
device=${DEVICE:-cuda}   # DEVICE=cpu rehearses the script on a machine without a GPU
cd "$(dirname "$0")/.."
work=build/gpu-work
rm -rf "$work" && mkdir -p "$work" "$out"

nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$work/machine.txt"
python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda)' | tee -a "$work/machine.txt"
nproc | sed 's/^/CPU cores: /' | tee -a "$work/machine.txt"

python3 scripts/gpu-cache-pack.py unpack "$packed" build/gpu-cache > "$work/unpack.log" 2>&1 &
unpack=$!

trainer=${BONEAGE_TRAIN:-}
if [ -z "$trainer" ]; then
    t0=$(date +%s)
    prefix=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
    cmake -S . -B build/gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DBONEAGE_TORCH_ONLY=ON \
        -DCMAKE_PREFIX_PATH="$prefix" > "$work/configure.log" 2>&1 || { tail -30 "$work/configure.log"; exit 1; }
    if ! cmake --build build/gpu -j"$(nproc)" > "$work/build.log" 2>&1; then
        grep -m 20 -A 5 "error" "$work/build.log"
        cp "$work/build.log" "$out/"
        exit 1
    fi
    echo "built the LibTorch-only trainer in $(( $(date +%s) - t0 )) s"
    trainer=build/gpu/app/boneage-train/boneage-train
fi
wait $unpack || { cat "$work/unpack.log"; exit 1; }

# CUDA smoke test of every architecture that trains from a cache (the global-local net also needs ROI
# patches): two steps and an evaluation each, beside the real jobs.
mkdir -p "$work/smoke"
[ -n "${SKIP_SMOKE:-}" ] || (
    for arch in 2mnet tjnet prsnet rsna-inceptionv3 rsna-xception rsna-resnet50-patches agcnn; do
        if "$trainer" train --arch "$arch" --preset compact --data build/gpu-cache --out "$work/smoke/$arch" \
                --device cuda --epochs 1 --max-steps-per-epoch 2 --batch-size 8 --val-fraction 0.01 \
                > "$work/smoke/$arch.log" 2>&1; then
            echo "CUDA smoke $arch: $(tail -1 "$work/smoke/$arch.log")"
        else
            echo "CUDA smoke $arch FAILED: $(grep -m1 -v '^frame' "$work/smoke/$arch.log")"
        fi
        rm -f "$work/smoke/$arch/checkpoint.pt" "$work/smoke/$arch/weights.pt" "$work/smoke/$arch/weights-best.pt"
    done
) > "$work/smoke.txt" 2>&1 &
smoke=$!

pids=()
for job in "$@"; do
    read -r name options <<< "$job"
    command=train
    case $options in finetune\ *) command=finetune options=${options#finetune } ;; esac
    left=$(( deadline - $(date +%s) - 75 ))
    # shellcheck disable=SC2086
    timeout -s INT -k 30 "$left" "$trainer" $command --data build/gpu-cache --out "$work/$name" --device "$device" $options \
        > "$work/$name.log" 2>&1 &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
wait $smoke
cat "$work/smoke.txt"

for job in "$@"; do
    read -r name options <<< "$job"
    tail -1 "$work/$name.log"
    if [ -f "$work/$name/model.json" ]; then
        "$trainer" evaluate --model "$work/$name" --data build/gpu-cache --ids "$work/$name/validation-ids.txt" \
            --device "$device" > "$work/$name/evaluation-cuda.json" 2>&1
        grep -o '"mae": [0-9.]*' "$work/$name/evaluation-cuda.json" | head -1 | sed "s/^/$name CUDA evaluation: /"
        rm -f "$work/$name/checkpoint.pt" "$work/$name/weights-best.pt"
    fi
done
cp "$trainer" "$work/boneage-train"
tar -C build -cf - gpu-work | split -b 15M - "$out/results.tar.part-"
ls -la "$out"
