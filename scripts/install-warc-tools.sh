#!/usr/bin/env bash
# Builds, once, a virtualenv of its own with the web-archive tools the tests replay and
# validate with: pywb (wb-manager, wayback) and py-wacz (wacz validate). They cannot share
# the project's .venv: py-wacz needs chardet >= 6 and readability-lxml pins chardet < 6.
# Cached outside the checkout (ARCHIVER_WARC_TOOLS, default ~/.cache/...); prints its bin
# folder. Exit 1 (with one line) when it cannot be built; the tests that need it then skip.
set -u
dir="${ARCHIVER_WARC_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/techmedia-archiver/warc-tools}"
want="pywb>=2.10 wacz>=0.6 cdxj-indexer>=1.5"
stamp="$dir/.installed"
if [ -x "$dir/bin/wb-manager" ] && [ -x "$dir/bin/wacz" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "$dir/bin"
  exit 0
fi
rm -rf "$dir"
if python3 -m venv "$dir" >/dev/null 2>&1 \
  && "$dir/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 \
  && "$dir/bin/python" -m pip install -q $want >/dev/null 2>&1; then
  echo "$want" > "$stamp"
  echo "$dir/bin"
  exit 0
fi
echo "install-warc-tools: could not build $dir (pip install $want failed)" >&2
exit 1
