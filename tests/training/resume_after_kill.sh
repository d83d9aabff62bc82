#!/usr/bin/env bash
# Kill -9 in the middle of an epoch, resume from the checkpoint, finish: the package must equal the
# one of an uninterrupted run bit for bit, and no corrupt checkpoint or weights may be left behind.
# usage: resume_after_kill.sh BONEAGE BONEAGE_TRAIN SAMPLES_DIR WORK_DIR
set -euo pipefail
boneage=$1 trainer=$2 samples=$3 work=$4
rm -rf "$work" && mkdir -p "$work/images"
# 40 cases: eight copies of the five samples, each under its own id (an id on two rows is used once).
{
  echo "id,boneage,male"
  for copy in 1 2 3 4 5 6 7 8; do
    for row in sample-1402,24,False sample-1491,48,True sample-1405,120,False sample-1855,186,True sample-1417,162,True; do
      id=${row%%,*}
      for film in "$samples/$id".*; do ln -s "$film" "$work/images/c$copy-${film##*/}"; done
      echo "c$copy-$row"
    done
  done
} > "$work/labels.csv"
"$boneage" prepare --images "$work/images" --labels "$work/labels.csv" --recipe whole-stretch-100 --out "$work/cache" > /dev/null

common=(--arch 2mnet --preset compact --data "$work/cache" --epochs 4 --max-steps-per-epoch 10 --batch-size 8
        --threads 1 --seed 3 --optimizer adam --lr 0.001)
train() {  # out-dir [extra args]
  local out=$1; shift
  "$trainer" train "${common[@]}" --out "$out" "$@"
}

train "$work/straight" > "$work/straight.log"

# Run again and kill it hard in the middle of epoch 3.
"$trainer" train "${common[@]}" --out "$work/killed" > "$work/killed.log" 2>&1 &
pid=$!   # the trainer itself, not a subshell: kill -9 must hit the process that writes
for _ in $(seq 1 3000); do
  grep -q "epoch 3/4 step 2/" "$work/killed.log" 2>/dev/null && break
  sleep 0.02
done
grep -q "epoch 3/4 step 2/" "$work/killed.log" || { echo "FAIL: never reached epoch 3"; cat "$work/killed.log"; exit 1; }
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
if grep -q "epoch 3/4 done" "$work/killed.log"; then echo "FAIL: epoch 3 ended before the kill"; exit 1; fi
# What is on disk is whole: no temporary files, and the checkpoint loads (the resume below reads it).
if ls -a "$work/killed" | grep -q "\.tmp-"; then echo "FAIL: temporary files left"; ls -a "$work/killed"; exit 1; fi
test -s "$work/killed/checkpoint.pt" || { echo "FAIL: no checkpoint after two epochs"; exit 1; }

train "$work/killed" --resume "$work/killed/checkpoint.pt" > "$work/resumed.log"
grep -q "epoch 3/4 done" "$work/resumed.log" || { echo "FAIL: the resumed run did not redo epoch 3"; exit 1; }
if grep -q "epoch 2/4" "$work/resumed.log"; then echo "FAIL: the resumed run repeated epoch 2"; exit 1; fi
cmp "$work/straight/weights.pt" "$work/killed/weights.pt" || { echo "FAIL: resumed weights differ"; exit 1; }
cmp "$work/straight/curves.csv" "$work/killed/curves.csv" > /dev/null || true   # timings differ; values checked below
cut -d, -f1-5 "$work/straight/curves.csv" > "$work/a.csv"
cut -d, -f1-5 "$work/killed/curves.csv" > "$work/b.csv"
cmp "$work/a.csv" "$work/b.csv" || { echo "FAIL: learning curves differ"; exit 1; }
echo "PASS: killed mid-epoch, resumed, identical weights and curves"
