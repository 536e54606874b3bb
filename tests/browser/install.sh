#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/McpPlaybooks.Server.Tests/Browser), installed with apt-get when it is
# missing. Needs root (or passwordless sudo) the first time; prints the browser's path.
set -euo pipefail

find_chromium() {
  for candidate in "${MCPPLAYBOOKS_TEST_CHROMIUM:-}" /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if path=$(find_chromium); then echo "$path"; exit 0; fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "chromium is missing and installing it needs root: run 'sudo apt-get install chromium' (Debian) or set MCPPLAYBOOKS_TEST_CHROMIUM to a Chromium binary" >&2
    exit 1
  fi
fi
{ "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium; } >&2
find_chromium || { echo "apt-get installed chromium but no binary was found" >&2; exit 1; }
