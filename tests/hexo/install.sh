#!/usr/bin/env bash
# Installs the pinned Hexo of tests/hexo/package-lock.json into tests/hexo/node_modules
# (git-ignored) from the npm registry, once: a stamp holds the lock file it was installed
# from, so later runs cost one comparison. npm's own cache (~/.npm) serves reinstalls.
# Exit 0 when Hexo is ready, 1 (after one line) when npm is missing or the install failed.
set -u
cd "$(dirname "$0")"
stamp=node_modules/.archiver-installed-lock
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "tests/hexo: npm not found; the Hexo tests will skip" >&2
  exit 1
fi
if npm ci --no-audit --no-fund --loglevel=error >/dev/null; then
  cp package-lock.json "$stamp"
  exit 0
fi
echo "tests/hexo: npm ci failed; the Hexo tests will skip" >&2
exit 1
