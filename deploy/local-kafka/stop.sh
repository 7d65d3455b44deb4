#!/usr/bin/env bash
# Stops the broker(s) that start.sh started, by the pid file, and removes their data.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${KSTREAMS_KAFKA_DIR:-$root/.kafka}

if [ ! -f "$data/kafka.pid" ]; then
  echo "no kafka pid file in $data: nothing to stop"
  rm -rf "$data"
  exit 0
fi

mapfile -t pids < "$data/kafka.pid"
for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
# A controlled shutdown takes a few seconds; a cluster whose controllers are already gone may
# never finish one, so after the grace period the rest are killed: the data is deleted anyway.
deadline=$(( $(date +%s) + 20 ))
for pid in "${pids[@]}"; do
  while kill -0 "$pid" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
done
rm -rf "$data"
echo "kafka stopped (pids ${pids[*]}) and its data removed"
