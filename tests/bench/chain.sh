#!/usr/bin/env bash
# 'mcp-playbooks run' of a STEPS-step /bin/true chain (the native executable), measured in one run against two peers,
# alternately:
#  - loop:     a bash loop spawning the same STEPS /bin/true processes (the issue's peer);
#  - launcher: the same loop, each /bin/true started the way the engine starts a step (setsid, setpriv --pdeathsig and a
#              /bin/sh that runs the program in the background and waits for it: four programs per step, as
#              Actions/Shell/ProcessLauncher does). It is the floor of the engine's run while steps are contained.
# Prints the medians and the ratios run/loop (the goal: <= 2.5 at 50 steps, <= 2 at 500) and run/launcher.
#
#   NATIVE=/path/to/mcp-playbooks STEPS=500 RUNS=5 tests/bench/chain.sh
#
# Settings (environment):
#   STEPS   steps of the chain (default 50)
#   RUNS    measurements of each, alternately (default 15)
#   NATIVE  a published native executable (default: publish one with -r linux-x64 into a temp folder)
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

# The launcher's shape without its USR1 trap's body (never run here): background the program, wait, return its status.
watchdog='trap : TERM
exec 3<&0
"$@" <&3 3<&- &
c=$!
exec 3<&-
while :; do wait $c; s=$?; kill -0 $c 2>/dev/null || exit $s; done'

loop() { for ((j = 0; j < steps; j++)); do /bin/true; done; }
launcher() { for ((j = 0; j < steps; j++)); do /usr/bin/setsid /usr/bin/setpriv --pdeathsig USR1 -- /bin/sh -c "$watchdog" mcp-playbooks-step /bin/true; done; }
chain() { "$native" run "$work/true.yaml" --data-dir "$work/data-run" --json >/dev/null 2>&1; }
timed() { # NAME FUNCTION: appends the wall time in ms
  local began=$EPOCHREALTIME
  "$2"
  printf '%s %s\n' "$1" "$(bc <<<"($EPOCHREALTIME - $began) * 1000")" >>"$work/run.txt"
}

printf '== run of a %s-step /bin/true chain (native) against a bash loop and the launcher loop: %s runs each, alternately\n' "$steps" "$runs" >&2
loop
launcher
chain
for ((i = 1; i <= runs; i++)); do
  timed loop loop
  timed launcher launcher
  timed run chain
done

median() { awk -v n="$1" '$1 == n { print $2 }' "$work/run.txt" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
run=$(median run)
loop=$(median loop)
launch=$(median launcher)
awk -v s="$steps" -v r="$run" -v l="$loop" -v f="$launch" -v goal="$( ((steps >= 500)) && echo 2 || echo 2.5)" 'BEGIN {
  printf "run of a %d-step /bin/true chain (median): native %.1f ms   bash loop %.1f ms   launcher loop %.1f ms\n", s, r, l, f
  printf "  native/bash loop %.2fx (goal <= %s)   launcher/bash loop %.2fx (the floor while steps are contained)   native/launcher %.2fx   engine above the launcher %.2f ms per step\n", r / l, goal, f / l, r / f, (r - f) / s
}'
