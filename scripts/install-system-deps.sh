#!/usr/bin/env bash
# Installs what some tests drive: the system programs (headless Chromium, Redis, wget) from
# Debian's packages when they are missing, the tests' pinned Hexo from npm, and the
# web-archive tools' own virtualenv (pywb, py-wacz: scripts/install-warc-tools.sh).
# Idempotent; tests that need a program skip only when it could not be installed, and say so.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v wget >/dev/null 2>&1 || need+=(wget)  # tests/test_warc_import.py: wget --warc-file
# CJK glyphs for the reader's screenshots (test-artifacts/); without them Chinese shows as boxes.
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
# Hexo 7.3 for the Hexo export's tests, from the npm registry into tests/hexo/node_modules
# (git-ignored, installed once per lock file); without npm those tests skip.
bash "$(dirname "$0")/../tests/hexo/install.sh" || true
bash "$(dirname "$0")/install-warc-tools.sh" >/dev/null  # cached; says so if it cannot
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: not root, cannot install ${need[*]}; their tests will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
  || echo "install-system-deps: apt-get could not install ${need[*]}" >&2
exit 0
