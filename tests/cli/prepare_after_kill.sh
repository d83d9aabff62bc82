#!/usr/bin/env bash
# kill -9 of `boneage prepare --overwrite` in the middle of a run on real films: the cache it was
# replacing stays whole, the temporary the run left beside it is cleared by the next run (even one
# that is refused), a temporary of a running process is never taken, and --overwrite then replaces
# the cache with nothing left over. Needs ../shared/data/rsna (its README): fails without it.
# usage: prepare_after_kill.sh BONEAGE SHARED_DATA WORK_DIR
set -euo pipefail
boneage=$1 shared=$2 work=$3
films=$shared/rsna/train-1024
if [ ! -d "$films" ] || [ ! -f "$films.csv" ]; then
  echo "FAIL: $films and $films.csv are missing; this test needs the shared data (../shared/data, see its README)"
  exit 1
fi
rm -rf "$work" && mkdir -p "$work"
# The labels as a spreadsheet program saves "CSV UTF-8": a byte order mark and CRLF line ends.
{ printf '\xef\xbb\xbf'; head -n 401 "$films.csv" | sed 's/$/\r/'; } > "$work/labels.csv"
prepare() {
  "$boneage" prepare --images "$films" --labels "$work/labels.csv" --recipe whole-stretch-100 --out "$work/cache" "$@"
}

prepare --limit 12 > "$work/first.json"
grep -q '"samples":12' "$work/first.json" || { echo "FAIL: the first cache"; cat "$work/first.json"; exit 1; }
cp -a "$work/cache" "$work/expected"

# Replace it with 400 films, and kill -9 the run once it is writing its temporary.
"$boneage" prepare --images "$films" --labels "$work/labels.csv" --recipe whole-stretch-100 --out "$work/cache" --overwrite \
  > "$work/killed.log" 2>&1 &
pid=$!   # the command itself, not a subshell (nor the function above): kill -9 must hit the writer
tmp=
for _ in $(seq 1 3000); do
  tmp=$(find "$work" -maxdepth 1 -name ".cache.tmp-$pid-*" -print -quit)
  [ -n "$tmp" ] && [ -s "$tmp/images.u8" ] && break
  sleep 0.01
done
if [ -z "$tmp" ] || [ ! -s "$tmp/images.u8" ]; then
  echo "FAIL: the run never started writing"; kill -9 "$pid" 2>/dev/null || true; cat "$work/killed.log"; exit 1
fi
kill -9 "$pid"
status=0
wait "$pid" 2>/dev/null || status=$?
[ "$status" = 137 ] || { echo "FAIL: the run ended (status $status) before the kill"; cat "$work/killed.log"; exit 1; }
[ -d "$tmp" ] || { echo "FAIL: the kill left no temporary: nothing was tested"; exit 1; }
[ ! -e "$tmp/cache.txt" ] || { echo "FAIL: an unfinished temporary looks like a finished cache"; exit 1; }
diff -r "$work/expected" "$work/cache" > /dev/null || { echo "FAIL: the killed run changed the cache"; exit 1; }

# A temporary of a running process (this shell, made after it started) is never taken.
mkdir "$work/.cache.tmp-$$-1"

# The next run is refused (the cache exists, no --overwrite) and still clears the dead run's temporary.
if prepare > "$work/refused.log" 2>&1; then echo "FAIL: an existing cache was replaced without --overwrite"; exit 1; fi
grep -q -- "add --overwrite" "$work/refused.log" || { echo "FAIL: the refusal does not say what to do"; cat "$work/refused.log"; exit 1; }
[ ! -e "$tmp" ] || { echo "FAIL: the killed run's temporary $tmp is still there"; exit 1; }
[ -d "$work/.cache.tmp-$$-1" ] || { echo "FAIL: a running process's temporary was removed"; exit 1; }
diff -r "$work/expected" "$work/cache" > /dev/null || { echo "FAIL: the refused run changed the cache"; exit 1; }
rmdir "$work/.cache.tmp-$$-1"

prepare --overwrite --limit 20 > "$work/second.json"
grep -q '"samples":20' "$work/second.json" || { echo "FAIL: --overwrite did not replace the cache"; cat "$work/second.json"; exit 1; }
left=$(find "$work" -maxdepth 1 -name ".cache.*")
[ -z "$left" ] || { echo "FAIL: left beside the cache: $left"; exit 1; }
echo "PASS: killed mid-write, the cache intact; the temporary cleared by the next (refused) run; --overwrite replaced it"
