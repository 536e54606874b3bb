#!/usr/bin/env bash
# The browsers for the browser tests (tests/McpPlaybooks.Server.Tests/Browser): Debian's Chromium (the default), or with
# 'firefox' Debian's Firefox ESR, installed with apt-get when missing. Needs root (or passwordless sudo) the first time;
# prints the browser's path.
#
#   tests/browser/install.sh            # chromium
#   tests/browser/install.sh firefox    # firefox-esr
set -euo pipefail

browser=${1:-chromium}
# MCPPLAYBOOKS_BROWSER_ROOT: where the packages' files are looked for (default /), for the tests of this script.
root=${MCPPLAYBOOKS_BROWSER_ROOT:-}
case $browser in
  chromium) package=chromium; override=${MCPPLAYBOOKS_TEST_CHROMIUM:-}; candidates=("$root/usr/lib/chromium/chromium" "$root/usr/bin/chromium" "$root/usr/bin/chromium-browser") ;;
  firefox) package=firefox-esr; override=${MCPPLAYBOOKS_TEST_FIREFOX:-}; candidates=("$root/usr/lib/firefox-esr/firefox-esr" "$root/usr/bin/firefox-esr" "$root/usr/bin/firefox") ;;
  *) echo "usage: $0 [chromium|firefox]" >&2; exit 2 ;;
esac

find_browser() {
  for candidate in "$override" "${candidates[@]}"; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if path=$(find_browser); then echo "$path"; exit 0; fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
    echo "$package is missing and installing it needs root: run 'sudo apt-get install $package' (Debian) or set the path of a $browser binary in MCPPLAYBOOKS_TEST_${browser^^}" >&2
    exit 1
  fi
fi
# The test hosts may install both browsers at once, and apt-get refuses a second caller while the first holds dpkg's
# lock ("Could not get lock /var/lib/dpkg/lock-frontend"): our installs take turns on a lock of their own, and wait for
# any other apt-get that holds dpkg's lock. The browser is looked for again once the lock is ours.
exec 9>"${TMPDIR:-/tmp}/mcpplaybooks-browser-install.lock"
flock 9
if path=$(find_browser); then echo "$path"; exit 0; fi
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
{ "${apt[@]}" update -qq && "${apt[@]}" install -y -qq "$package"; } >&2
find_browser || { echo "apt-get installed $package but no binary was found" >&2; exit 1; }
