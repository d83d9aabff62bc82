#!/usr/bin/env bash
# Load test of the department service (issue 19): N distinct films (default 200, made from the bundled
# samples with new UIDs) sent over the loopback to `boneage service`, which assesses each and sends
# its SR and Secondary Capture to a real Orthanc; prints films per minute from the first send to
# the last result in Orthanc. A benchmark, not a test: run it on a quiet machine.
#   tests/bench/bench_service.sh BUILD_DIR [FILMS] [WORKERS]
set -euo pipefail
build=${1:?give the build folder, e.g. build/release}
films=${2:-200}
workers=${3:-1}
boneage="$build/app/boneage/boneage"
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
dicom=$(free_port); http=$(free_port); service=$(free_port)

mkdir -p "$work/films" "$work/orthanc"
samples=("$root"/resources/samples/sample-*.dcm)
for ((i = 0; i < films; i++)); do
  "$boneage" export-dicom "${samples[i % ${#samples[@]}]}" "$work/films/film-$i.dcm" > /dev/null
done
cat > "$work/orthanc.json" <<JSON
{"Name": "bench", "StorageDirectory": "$work/orthanc", "IndexDirectory": "$work/orthanc", "DicomAet": "ORTHANCBENCH",
 "DicomPort": $dicom, "HttpPort": $http, "RemoteAccessAllowed": false, "AuthenticationEnabled": false, "Plugins": [],
 "DicomAlwaysAllowStore": true, "DicomAlwaysAllowEcho": true, "DicomCheckCalledAet": false}
JSON
Orthanc "$work/orthanc.json" > "$work/orthanc.log" 2>&1 &
cat > "$work/service.json" <<JSON
{"spool": "$work/spool", "port": $service, "workers": $workers, "send_to": "ORTHANCBENCH@127.0.0.1:$dicom",
 "models": "$root/models", "results": ["sr", "sc"]}
JSON
"$boneage" service --config "$work/service.json" > "$work/service.out" 2>&1 &
for _ in $(seq 100); do grep -q '"event":"started"' "$work/service.out" 2>/dev/null && break; sleep 0.2; done
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$http/system" > /dev/null && break; sleep 0.2; done

start=$(date +%s.%N)
"$boneage" send --to "BONEAGE@127.0.0.1:$service" "$work"/films/*.dcm > "$work/send.out"
sent=$(date +%s.%N)
while [ "$(grep -c '"event":"done"' "$work/service.out")" -lt "$films" ]; do
  if grep -q '"event":"failed"' "$work/service.out"; then grep '"event":"failed"' "$work/service.out" | head -3; fi
  sleep 0.5
done
end=$(date +%s.%N)
instances=$(curl -sf "http://127.0.0.1:$http/statistics" | python3 -c 'import json,sys; print(json.load(sys.stdin)["CountInstances"])')
python3 - "$start" "$sent" "$end" "$films" "$workers" "$instances" <<'PY'
import sys
start, sent, end, films, workers, instances = map(float, sys.argv[1:])
print(f"films {int(films)}, workers {int(workers)}: all received in {sent - start:.1f} s, "
      f"all assessed and sent back in {end - start:.1f} s: {60 * films / (end - start):.1f} films per minute; "
      f"Orthanc holds {int(instances)} result objects")
PY
