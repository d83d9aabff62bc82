#!/usr/bin/env bash
# Feeds the hostile corpus (make_hostile_corpus) to `boneage info` and `boneage assess` and checks
# what each file's manifest line promises (see make_hostile_corpus.cpp). Every run must end by
# itself (no hang: `timeout`), without a signal (no crash), and never with a bone age for a file that
# is not a readable hand film.
#   run_hostile_corpus.sh BONEAGE_EXE MAKE_CORPUS_EXE SAMPLES_DIR MODELS_DIR WORK_DIR
set -uo pipefail
boneage=$1 make=$2 samples=$3 models=$4 work=$5
corpus=$work/corpus
rm -rf "$corpus"
"$make" "$samples" "$corpus" || { echo "FAIL: cannot make the corpus"; exit 1; }

failures=0 files=0
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }

# status FILE EXPECTED_LIST RC: checks that RC is in the list and is not a timeout or a signal.
check_status() {
  local what=$1 allowed=$2 rc=$3
  if [ "$rc" -eq 124 ]; then fail "$what: did not finish within the time limit"; return 1; fi
  if [ "$rc" -ge 128 ]; then fail "$what: killed by signal $((rc - 128))"; return 1; fi
  case " $allowed " in *" $rc "*) return 0 ;; esac
  fail "$what: exit status $rc, expected one of: $allowed"
  return 1
}

while IFS=$'\t' read -r name expect; do
  [ -n "$name" ] || continue
  files=$((files + 1))
  file=$corpus/$name
  # --- boneage info
  timeout 60 "$boneage" info "$file" >"$work/out" 2>"$work/err"
  rc=$?
  case $expect in
    hand|nohand) allowed="0" ;;
    refused) allowed="1" ;;
    *) allowed="0 1" ;;
  esac
  if check_status "info $name ($expect)" "$allowed" "$rc" && [ "$rc" -eq 1 ]; then
    grep -qF "$name" "$work/err" || fail "info $name: the error does not name the file: $(head -c 300 "$work/err")"
  fi
  # --- boneage assess (pictures carry no sex: --sex M, as a reader would type it)
  sex=()
  case $name in *.dcm) ;; *) sex=(--sex M) ;; esac
  timeout 180 "$boneage" assess --json --models "$models" "${sex[@]}" "$file" >"$work/out" 2>"$work/err"
  rc=$?
  case $expect in
    hand) allowed="0" ;;
    nohand) allowed="3" ;;
    refused) allowed="1" ;;
    noage) allowed="1 3" ;;
    any) allowed="0 1 3" ;;
  esac
  if check_status "assess $name ($expect)" "$allowed" "$rc"; then
    if [ "$rc" -eq 0 ]; then
      grep -q '"bone_age_months"' "$work/out" || fail "assess $name: exit 0 without a bone age"
      grep -q '"found": true' "$work/out" || fail "assess $name: a bone age without a recognised hand"
      grep -q '"review_required": false' "$work/out" || fail "assess $name: exit 0 but review required"
    else
      grep -q '"bone_age_months"' "$work/out" && fail "assess $name: exit $rc but a bone age was printed"
      [ -s "$work/err" ] || [ "$rc" -eq 3 ] || fail "assess $name: exit $rc without a message"
      if [ "$rc" -eq 3 ]; then grep -q '"withheld": true' "$work/out" || fail "assess $name: exit 3 without \"withheld\""; fi
    fi
  fi
done <"$corpus/manifest.tsv"

echo "hostile corpus: $files files through info and assess, $failures failure(s)"
[ "$failures" -eq 0 ]
