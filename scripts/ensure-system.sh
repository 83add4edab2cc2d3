#!/usr/bin/env bash
# Install the system packages the test suite needs when they are missing: Debian's Chromium (browser
# tests) and Redis (shared-state tests). Called by `pnpm test`; safe to run again (no-op when present).
# Override the browser with CHROMIUM_PATH and the Redis binary with REDIS_SERVER.
set -euo pipefail

need=()
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
redis="${REDIS_SERVER:-redis-server}"
[ -x "$chromium" ] || need+=(chromium)
command -v "$redis" >/dev/null 2>&1 || need+=(redis-server)
[ ${#need[@]} -eq 0 ] && exit 0

echo "ensure-system: installing ${need[*]} (Debian packages)" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo -n)
else
  echo "ensure-system: need root (or sudo) to install: ${need[*]}. Install them, or set CHROMIUM_PATH / REDIS_SERVER." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "ensure-system: done" >&2
