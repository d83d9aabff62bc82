#!/bin/bash
# Issue 16's demonstration (docs/training-in-the-workspace.md): a local site the shipped model has
# not seen (RSNA train-1024 films reframed by make_local_site: close crops, quarter and half turns,
# wide margins, inverted exports; their labels imported as readings), a fine-tuning job from the
# workspace's own job runner for a fixed budget, the paired comparison and the promotion gate, then
# the negative control: one epoch on shuffled readings must not be promotable.
#
#   local_site_demo.sh BONEAGE MAKE_LOCAL_SITE SHARED_DATA OUT_DIR [MINUTES=30]
set -euo pipefail
boneage=$1 make=$2 data=$3 out=$4 minutes=${5:-30}
mkdir -p "$out"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/demo.log"; }
if [ ! -f "$out/site/labels.csv" ]; then
  "$make" "$data/rsna/train-1024" "$data/rsna/train-1024.csv" "$out/site" | tee -a "$out/demo.log"
fi
if [ ! -d "$out/ws" ]; then
  "$boneage" workspace init "$out/ws"
  "$boneage" workspace import "$out/ws" "$out/site/films" --labels "$out/site/labels.csv" --reader rsna-label --json > "$out/import.json"
fi
log "training from the installed models for $minutes minutes"
"$boneage" workspace train "$out/ws" --base installed --minutes "$minutes" --json > "$out/train.json" || true
v=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['version'])" "$out/train.json")
log "version $v: $(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print(j['state'], j['message'])" "$out/train.json")"
log "comparing version $v with the installed models on the check set"
"$boneage" workspace compare "$out/ws" "$v" --json > "$out/compare.json"
set +e
"$boneage" workspace promote "$out/ws" "$v" > "$out/promote.txt" 2>&1
echo "exit $?" >> "$out/promote.txt"
set -e
log "promote: $(tail -n 2 "$out/promote.txt" | tr '\n' ' ')"
log "negative control: one epoch on shuffled readings, from the model in use"
"$boneage" workspace train "$out/ws" --base "v$v" --shuffle-readings --epochs 1 --minutes "$minutes" --json > "$out/shuffled.json" || true
s=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['version'])" "$out/shuffled.json")
"$boneage" workspace compare "$out/ws" "$s" --json > "$out/compare-shuffled.json"
set +e
"$boneage" workspace promote "$out/ws" "$s" > "$out/promote-shuffled.txt" 2>&1
echo "exit $?" >> "$out/promote-shuffled.txt"
set -e
log "promote shuffled: $(tail -n 2 "$out/promote-shuffled.txt" | tr '\n' ' ')"
"$boneage" workspace models "$out/ws" > "$out/models.txt"
log "done"
