#!/usr/bin/env bash
# Renders a run's index.html in headless Chromium (Debian: apt-get install chromium) and writes a PNG.
# Usage: src/test/scripts/screenshot-report.sh reports/<run>/index.html [out.png]
# The flags keep Chromium off the network (this machine's closed network refuses its background calls).
set -euo pipefail
html="$(realpath "${1:?usage: $0 reports/<run>/index.html [out.png]}")"
out="$(realpath -m "${2:-${html%.html}-screenshot.png}")"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "chromium not found (Debian: apt-get install chromium)" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1280,3000 --screenshot="$out" "file://$html" >/dev/null 2>&1
[ -s "$out" ] || { echo "no screenshot written" >&2; exit 1; }
echo "$out"
