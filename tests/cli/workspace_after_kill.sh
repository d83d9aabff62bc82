#!/usr/bin/env bash
# The workspace under the failures a clinic meets, on real films and the real program:
#   1. kill -9 in the middle of an import of 300 RSNA films with their labels: what was committed
#      is whole (every case has its film and its label's reading), nothing is half there, and the
#      next import completes the folder with no leftover;
#   2. kill -9 in the middle of a stream of readings: every reading the program confirmed is kept;
#   3. a full disk while saving (RLIMIT_FSIZE: writes past the limit fail with EFBIG): a clear
#      message and the workspace as it was;
#   4. a read-only workspace (as another user when run as root): writing is refused with a message,
#      reading still works.
# Needs ../shared/data/rsna (its README) and sqlite3: fails without them.
# usage: workspace_after_kill.sh BONEAGE SHARED_DATA WORK_DIR
set -euo pipefail
boneage=$1 shared=$2 work=$3
films=$shared/rsna/train-1024
if [ ! -d "$films" ] || [ ! -f "$films.csv" ]; then
  echo "FAIL: $films and $films.csv are missing; this test needs the shared data (../shared/data, see its README)"
  exit 1
fi
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 is missing (scripts/setup.sh installs it)"; exit 1; }
rm -rf "$work" && mkdir -p "$work/in"
head -n 301 "$films.csv" > "$work/labels.csv"
tail -n +2 "$work/labels.csv" | cut -d, -f1 | while read -r id; do ln -s "$films/$id.jpg" "$work/in/$id.jpg"; done
ws=$work/ws
q() { sqlite3 -readonly "$ws/workspace.sqlite" "$1"; }
fail() { echo "FAIL: $*"; exit 1; }
"$boneage" workspace init "$ws" >/dev/null

# 1. kill -9 during an import.
"$boneage" workspace import "$ws" "$work/in" --labels "$work/labels.csv" --reader RSNA > "$work/killed.log" 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  [ "$(grep -c '^added' "$work/killed.log" || true)" -ge 20 ] && break
  sleep 0.01
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
printed=$(grep -c '^added' "$work/killed.log" || true)
cases=$(q "SELECT COUNT(*) FROM cases")
[ "$printed" -ge 20 ] || fail "the import never got going ($printed films)"
[ "$cases" -ge "$printed" ] || fail "$printed imports were reported but only $cases cases are stored"
[ "$cases" -lt 300 ] || fail "the import finished before the kill; nothing was tested"
[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "the database is damaged after the kill"
[ "$(q 'SELECT COUNT(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM readings r WHERE r.case_id = c.id)')" = 0 ] ||
  fail "a case without its label's reading: a half case"
q "SELECT film FROM cases" | while read -r f; do [ -s "$ws/$f" ] || fail "case film $f is missing"; done
"$boneage" workspace import "$ws" "$work/in" --labels "$work/labels.csv" --reader RSNA --json > "$work/again.json"
[ "$(q 'SELECT COUNT(*) FROM cases')" = 300 ] || fail "the second import did not complete the folder"
[ "$(q 'SELECT COUNT(*) FROM readings')" = 300 ] || fail "a label was recorded twice or lost"
leftovers=$(find "$ws/films" -name '.*' | wc -l)
[ "$leftovers" = 0 ] || fail "$leftovers temporaries left in films/"
[ "$(find "$ws/films" -type f | wc -l)" = 300 ] || fail "films/ holds files of no case"
echo "import killed after $printed reported films ($cases stored); the next import completed 300 cases, no leftover"

# 2. kill -9 during a stream of readings.
ids=$(q "SELECT id FROM cases ORDER BY id LIMIT 200")
( for id in $ids; do "$boneage" workspace read "$ws" "$id" --reader "Dr K" --bone-age-months 100 || exit 1; done ) > "$work/reads.log" 2>&1 &
loop=$!
for _ in $(seq 1 3000); do
  [ "$(grep -c '^reading' "$work/reads.log" || true)" -ge 15 ] && break
  sleep 0.01
done
# The loop is frozen first, so that it cannot start another reading between the two kills (that
# one would live on, orphaned, holding the workspace); then its reading and the loop are killed, and
# the test waits until no reading of this workspace runs any more.
kill -STOP "$loop" 2>/dev/null || true
pkill -9 -P "$loop" boneage 2>/dev/null || true
kill -9 "$loop" 2>/dev/null || true
wait "$loop" 2>/dev/null || true
for _ in $(seq 1 500); do pgrep -f "workspace read $ws " >/dev/null || break; sleep 0.02; done
pgrep -f "workspace read $ws " >/dev/null && fail "a killed reading is still running"
confirmed=$(grep -c '^reading' "$work/reads.log" || true)
stored=$(q "SELECT COUNT(*) FROM readings WHERE reader = 'Dr K'")
[ "$stored" -ge "$confirmed" ] || fail "$confirmed readings were confirmed but $stored are stored"
[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "the database is damaged after killing a reading"
echo "readings killed after $confirmed confirmed ($stored stored)"

# 3. A full disk while saving: a film larger than what may still be written.
before=$(q "SELECT COUNT(*) FROM cases")
# The largest of 50 films not in the workspace yet (the labels took the first 300): over 64 KB.
# (sed reads its whole input: a `head` that exits early can make its writer die of SIGPIPE, which
# pipefail would turn into a silent end of the script.)
big=$(sed -n '302,351p' "$films.csv" | cut -d, -f1 | sed "s|.*|$films/&.jpg|" | xargs ls -S | sed -n 1p)
[ "$(stat -c %s "$big")" -gt 100000 ] || fail "no film over 100 KB to fill the disk with"
( ulimit -f 64; trap '' XFSZ; "$boneage" workspace import "$ws" "$big" --sex F ) > "$work/full.log" 2>&1 && fail "an import past the disk limit succeeded"
grep -q "disk is full" "$work/full.log" || { cat "$work/full.log"; fail "no 'disk is full' message"; }
[ "$(q 'SELECT COUNT(*) FROM cases')" = "$before" ] || fail "the refused import changed the cases"
[ "$(find "$ws/films" -name '.*' | wc -l)" = 0 ] || fail "the failed copy left a temporary"
echo "full disk: $(tail -n 1 "$work/full.log")"

# 4. A read-only workspace.
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null || fail "setpriv is missing"
  chmod -R a+rX "$work" && chmod 755 "$work" "$ws"
  as_other() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
else
  chmod a-w "$ws"
  as_other() { "$@"; }
fi
status=0
as_other "$boneage" workspace read "$ws" "$(q 'SELECT id FROM cases LIMIT 1')" --reader X --bone-age-months 10 > "$work/ro.log" 2>&1 || status=$?
[ "$status" = 4 ] || { cat "$work/ro.log"; fail "writing a read-only workspace gave status $status, not 4"; }
grep -q "read-only" "$work/ro.log" || { cat "$work/ro.log"; fail "no read-only message"; }
as_other "$boneage" workspace list "$ws" --json > "$work/ro-list.json" || fail "a read-only workspace cannot be listed"
grep -q '"count": 300' "$work/ro-list.json" || fail "the read-only listing is incomplete"
[ "$(id -u)" = 0 ] || chmod u+w "$ws"
echo "read-only: $(cat "$work/ro.log")"
echo "PASS"
