#!/usr/bin/env bash
# 'mcp-playbooks run' of a STEPS-step /bin/true chain (the native executable), measured in one run against two peers,
# alternately:
#  - loop:     a bash loop spawning the same STEPS /bin/true processes (the issue's peer);
#  - launcher: the same STEPS /bin/true, each started the way the engine starts a step (spawn-loop.py: one posix_spawn
#              in a session of its own with three pipes, as Actions/Shell/PosixSpawn does; timed inside the interpreter,
#              whose start is not counted). It is the floor of the engine's run while steps are contained.
# Prints the medians and the ratios run/loop (the goal: <= 2.5 at 50 steps, <= 2 at 500) and run/launcher.
#
#   NATIVE=/path/to/mcp-playbooks STEPS=500 RUNS=5 tests/bench/chain.sh
#
# Settings (environment):
#   STEPS     steps of the chain (default 50)
#   RUNS      measurements of each, alternately (default 15)
#   NATIVE    a published native executable (default: publish one with -r linux-x64 into a temp folder)
#   BASELINE  another native executable (an older build) run alternately with NATIVE, for a before/after figure
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
steps=${STEPS:-50}
runs=${RUNS:-15}
work=$(mktemp -d -t mcp-chain-XXXXXX)
trap 'rm -rf "$work"' EXIT

native=${NATIVE:-}
if [[ -z $native ]]; then
  printf '== publishing the Native AOT executable\n' >&2
  dotnet publish "$repo/src/McpPlaybooks.Server" -c Release -r linux-x64 -o "$work/native" -nologo -v:q >/dev/null
  native=$work/native/mcp-playbooks
fi

# The chain (chain-playbook.sh).
source "$(dirname "${BASH_SOURCE[0]}")/chain-playbook.sh"
write_chain "$steps" "$work/true.yaml"

baseline=${BASELINE:-}

loop() { for ((j = 0; j < steps; j++)); do /bin/true; done; }
chain() { "$native" run "$work/true.yaml" --data-dir "$work/data-run" --json >/dev/null 2>&1; }
before() { "$baseline" run "$work/true.yaml" --data-dir "$work/data-baseline" --json >/dev/null 2>&1; }
timed() { # NAME FUNCTION: appends the wall time in ms
  local began=$EPOCHREALTIME
  "$2"
  printf '%s %s\n' "$1" "$(bc <<<"($EPOCHREALTIME - $began) * 1000")" >>"$work/run.txt"
}
launcher() { printf 'launcher %s\n' "$(python3 "$(dirname "${BASH_SOURCE[0]}")/spawn-loop.py" "$steps")" >>"$work/run.txt"; }

printf '== run of a %s-step /bin/true chain (native) against a bash loop and the launcher loop: %s runs each, alternately\n' "$steps" "$runs" >&2
loop
chain
[[ -z $baseline ]] || before
for ((i = 1; i <= runs; i++)); do
  timed loop loop
  launcher
  timed run chain
  [[ -z $baseline ]] || timed baseline before
done

median() { awk -v n="$1" '$1 == n { print $2 }' "$work/run.txt" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
run=$(median run)
loop=$(median loop)
launch=$(median launcher)
awk -v s="$steps" -v r="$run" -v l="$loop" -v f="$launch" -v goal="$( ((steps >= 500)) && echo 2 || echo 2.5)" 'BEGIN {
  printf "run of a %d-step /bin/true chain (median): native %.1f ms   bash loop %.1f ms   launcher loop %.1f ms\n", s, r, l, f
  printf "  native/bash loop %.2fx (goal <= %s)   launcher/bash loop %.2fx (the floor while steps are contained)   native/launcher %.2fx   engine above the launcher %.2f ms per step\n", r / l, goal, f / l, r / f, (r - f) / s
}'
if [[ -n $baseline ]]; then
  awk -v s="$steps" -v r="$run" -v b="$(median baseline)" -v l="$loop" 'BEGIN {
    printf "  baseline %.1f ms (%.2fx the bash loop): native/baseline %.2fx, %.2f ms less per step\n", b, b / l, r / b, (b - r) / s
  }'
fi
