#!/bin/bash
# The landmark branch of issue 16's demonstration (docs/training-in-the-workspace.md): the RSNA films
# with the shared expert hand keypoints, reframed by make_local_site (close crops, quarter and half
# turns, wide margins, inverted exports) with the keypoints carried into each framing, imported with
# their labels as readings and the keypoints as a reader's confirmed ones; a landmark fine-tuning job
# from the workspace's own job runner for a fixed budget, the paired keypoint-error comparison and
# the promotion gate, then the negative control: one epoch on keypoints shuffled among the training
# hands must not be promotable.
#
#   landmark_site_demo.sh BONEAGE MAKE_LOCAL_SITE SHARED_DATA OUT_DIR [MINUTES=10] [FILMS=train-100px]
set -euo pipefail
boneage=$1 make=$2 data=$3 out=$4 minutes=${5:-10} films=${6:-train-100px}
mkdir -p "$out"
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/demo.log"; }
if [ ! -f "$out/site/keypoints.json" ]; then
  "$make" "$data/rsna/$films" "$data/rsna/$films.csv" "$out/site" --keypoints "$data/annotations/hand-keypoints/all_coco.json" | tee -a "$out/demo.log"
fi
if [ ! -d "$out/ws" ]; then
  "$boneage" workspace init "$out/ws"
  "$boneage" workspace import "$out/ws" "$out/site/films" --labels "$out/site/labels.csv" --reader rsna-label --json > "$out/import.json"
  "$boneage" workspace import "$out/ws" "$out/site/keypoints.json" --reader expert --json > "$out/import-keypoints.json"
fi
log "training the landmark model from the installed one for $minutes minutes"
"$boneage" workspace train "$out/ws" --base installed --what landmarks --minutes "$minutes" --json > "$out/train.json" || true
v=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['version'])" "$out/train.json")
log "version $v: $(python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print(j['state'], j['message'])" "$out/train.json")"
log "comparing version $v with the installed landmark model on the check-set hands"
"$boneage" workspace compare "$out/ws" "$v" --json > "$out/compare.json"
set +e
"$boneage" workspace promote "$out/ws" "$v" > "$out/promote.txt" 2>&1
echo "exit $?" >> "$out/promote.txt"
set -e
log "promote: $(tail -n 2 "$out/promote.txt" | tr '\n' ' ')"
base=$(python3 -c "import json,sys; a=json.load(open(sys.argv[1]))['active']['landmarks']; print('installed' if a=='installed' else 'v%d' % a)" <("$boneage" workspace models "$out/ws" --json))
log "negative control: one epoch on keypoints shuffled among the training hands, from $base"
"$boneage" workspace train "$out/ws" --base "$base" --what landmarks --shuffle-readings --epochs 1 --minutes "$minutes" --json > "$out/shuffled.json" || true
s=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['version'])" "$out/shuffled.json")
"$boneage" workspace compare "$out/ws" "$s" --json > "$out/compare-shuffled.json"
set +e
"$boneage" workspace promote "$out/ws" "$s" > "$out/promote-shuffled.txt" 2>&1
echo "exit $?" >> "$out/promote-shuffled.txt"
set -e
log "promote shuffled: $(tail -n 2 "$out/promote-shuffled.txt" | tr '\n' ' ')"
"$boneage" workspace models "$out/ws" > "$out/models.txt"
log "done"
