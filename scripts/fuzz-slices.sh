#!/usr/bin/env bash
# A bounded slice of every libFuzzer target (tests/fuzz), from its seed corpus: CI runs it after the
# tests with 60 s per target. A crash, a leak, a sanitizer report or a timeout fails the run and
# leaves the input in tests/fuzz/findings-TARGET/ (tests/fuzz/README.md: how to reproduce).
#   scripts/fuzz-slices.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
start=$(date +%s)
cmake --preset fuzz -DBONEAGE_WITH_TORCH=OFF >/dev/null
# Every tests/fuzz/fuzz_NAME.cpp is a target; its seeds are tests/fuzz/corpus/LAST (the last word of
# NAME: fuzz_dicom -> dicom, fuzz_model_card -> card).
targets=$(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//' | tr '\n' ' ')
[ -n "$targets" ] || { echo "fuzz-slices: no fuzz_*.cpp in tests/fuzz" >&2; exit 1; }
# shellcheck disable=SC2086
cmake --build --preset fuzz -j"$(nproc)" --target $targets >build/fuzz-slices-build.log || { tail -30 build/fuzz-slices-build.log >&2; exit 1; }
echo "fuzz-slices: built $targets in $(( $(date +%s) - start )) s"
failed=0
for target in $targets; do
  seeds=tests/fuzz/corpus/${target##*_}
  [ -d "$seeds" ] || { echo "fuzz-slices: $target has no seed corpus at $seeds" >&2; exit 1; }
  work=build/fuzz/slices/$target findings=tests/fuzz/findings-$target
  rm -rf "$work" && mkdir -p "$work" "$findings"
  if build/fuzz/tests/fuzz/"$target" "$work" "$seeds" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="$findings/" -print_final_stats=1 >"$work.log" 2>&1; then
    echo "fuzz-slices: $target: $(grep -E '^stat::number_of_executed_units' "$work.log" | awk '{print $2}') runs in ${seconds} s, no finding"
    rmdir "$findings" 2>/dev/null || true
  else
    echo "fuzz-slices: $target FAILED; its log:" >&2
    tail -40 "$work.log" >&2
    failed=1
  fi
done
exit $failed
