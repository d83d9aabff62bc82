#!/usr/bin/env bash
# Rebuilds the bundled samples from the shared RSNA films (run from the repository root after a
# build). The patient data is made up and marked as a sample; the bone ages are the RSNA labels.
# --overwrite: the samples are this script's own output (docs/outputs.md).
set -euo pipefail
boneage=${BONEAGE:-build/release/app/boneage/boneage}
films=${FILMS:-../shared/data/rsna/train-1024}
out=resources/samples
comment="SAMPLE - not a real patient. Image: RSNA Pediatric Bone Age Challenge 2017, see NOTICE.md"

# id sex birth-date study-date compression bits   (bone age from the RSNA CSV)
while read -r id sex birth study compression bits; do
  "$boneage" export-dicom "$films/$id.jpg" "$out/sample-$id.dcm" --overwrite \
    --patient-id "SAMPLE-$id" --patient-name "SAMPLE^Hand $id" --sex "$sex" \
    --birth-date "$birth" --study-date "$study" --compression "$compression" --bits "$bits" \
    --study-description "SAMPLE hand radiograph for bone age (made-up patient data)" --comment "$comment"
done <<'LIST'
1402 F 2022-03-02 2024-05-14 none 8
1491 M 2019-11-20 2024-02-06 jpeg-lossless 12
1405 F 2013-12-01 2024-01-15 jpeg-ls 8
1855 M 2008-09-09 2024-03-19 rle 8
LIST
# One plain PNG (8-bit, as the RSNA film) for the raster path.
convert "$films/1417.jpg" -colorspace Gray -depth 8 "$out/sample-1417.png"
