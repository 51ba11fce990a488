#!/usr/bin/env bash
# Renders a timeline SVG to PNG with headless Chromium, at the SVG's own size, to check it by eye.
#   bash bench/render_timeline.sh [IN.svg] [OUT.png]     (defaults: /tmp/timeline.svg /tmp/timeline.png)
# Needs Debian's chromium: apt-get update && apt-get install -y chromium
set -euo pipefail

svg="$(realpath "${1:-/tmp/timeline.svg}")"
png="$(realpath -m "${2:-${svg%.svg}.png}")"

# The size comes from the root element's width and height attributes.
root="$(tr '\n' ' ' < "$svg" | grep -o '<svg[^>]*>' | head -n 1)"
width="$(sed -n 's/.* width="\([0-9.]*\)".*/\1/p' <<<"$root")"
height="$(sed -n 's/.* height="\([0-9.]*\)".*/\1/p' <<<"$root")"
if [[ -z "$width" || -z "$height" ]]; then
    echo "render_timeline: $svg has no width/height on its <svg> element" >&2
    exit 1
fi
width="$(printf '%.0f' "$width")"
height="$(printf '%.0f' "$height")"

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" \
    --window-size="$width,$height" --screenshot="$png" "file://$svg" 2>/dev/null
echo "rendered $svg ($width×$height) to $png"
