#!/usr/bin/env bash
# Stops the throwaway cluster that tests/postgres/start.sh made in DIR (default /tmp/mcpplaybooks-pg) and deletes DIR.
set -euo pipefail
dir=${1:-${MCPPLAYBOOKS_PG_DIR:-/tmp/mcpplaybooks-pg}}
[[ -d $dir/data ]] || { rm -rf "$dir"; exit 0; }
bin=${MCPPLAYBOOKS_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -n 1)}
[[ -x $bin/pg_ctl ]] || bin=$(dirname "$(command -v pg_ctl)")
as_owner=()
[[ $(id -u) -eq 0 ]] && as_owner=(runuser -u postgres --)
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
rm -rf "$dir"
