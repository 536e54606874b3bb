#!/usr/bin/env bash
# Sourced by startup.sh and chain.sh: write_chain STEPS FILE writes the /bin/true chain, each step needing the one before,
# with no rollback, so that a run is the steps alone.
write_chain() {
  local steps=$1 file=$2 i
  {
    printf 'id: bench-true\nname: /bin/true chain\nversion: 1.0.0\nsteps:\n'
    for ((i = 0; i < steps; i++)); do
      printf '  - id: s%d\n' "$i"
      ((i > 0)) && printf '    needs: [s%d]\n' "$((i - 1))"
      printf '    action: shell\n    with: { command: [/bin/true] }\n    rollback: []\n'
    done
  } >"$file"
}
