#!/usr/bin/env bash
# System packages the test suite needs beyond npm, installed only when missing:
#   - Debian's chromium: the admin page test drives it headless (playwright-core, no browser download);
#   - redis-server: the replica tests start a private Redis they can stop and restart.
# Idempotent; needs root for apt-get. Without root it says what is missing and leaves it:
# the browser test then skips with a message, the Redis stop/start test fails with one.
set -euo pipefail

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-test-deps: chromium and redis-server present"
  exit 0
fi

if [[ "$(id -u)" -ne 0 ]]; then
  echo "install-test-deps: missing ${missing[*]}; run as root (or: sudo apt-get install -y ${missing[*]})" >&2
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-deps: missing ${missing[*]} and no apt-get here; install them with this system's package manager" >&2
  exit 0
fi

echo "install-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}"
