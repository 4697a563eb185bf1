#!/usr/bin/env bash
# Installs the system programs some tests drive (headless Chromium, Redis) from Debian's
# packages when they are missing, and the tests' pinned Hexo from npm. Idempotent; tests
# that need a program skip only when this script could not install it, and say so.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# CJK glyphs for the reader's screenshots (test-artifacts/); without them Chinese shows as boxes.
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
# Hexo 7.3 for the Hexo export's tests, from the npm registry into tests/hexo/node_modules
# (git-ignored, installed once per lock file); without npm those tests skip.
bash "$(dirname "$0")/../tests/hexo/install.sh" || true
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: not root, cannot install ${need[*]}; their tests will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "install-system-deps: apt-get could not install ${need[*]}" >&2
exit 0
