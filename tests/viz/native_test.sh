#!/usr/bin/env bash
# The native visualizer in a real (virtual) window: opens an example under xvfb-run, plays it to
# a step with a backtrack, saves a screenshot, and checks the picture is a real drawing.
# Usage: native_test.sh TELA_VIZ EXAMPLES_DIR OUT_DIR
set -euo pipefail
viz=$1 examples=$2 out=$3
mkdir -p "$out"
png=$out/tela-viz-native.png
rm -f "$png"
xvfb-run -a -s "-screen 0 1400x860x24" "$viz" "$examples/backtracks.csv" --algo telamalloc \
  --step 17 --screenshot "$png" --frames 20
[ -s "$png" ] || { echo "no screenshot written"; exit 1; }
# A drawing, not a blank window: many distinct colours, and the minor backtrack's orange
# (230,159,0) somewhere on it.
colours=$(identify -format '%k' "$png")
echo "screenshot: $png, $colours colours"
[ "$colours" -gt 50 ] || { echo "too few colours: the window looks blank"; exit 1; }
convert "$png" -fuzz 8% -fill black +opaque 'rgb(230,159,0)' -format '%[fx:mean>0?1:0]' info: \
  | grep -q 1 || { echo "no minor-backtrack orange at step 17"; exit 1; }
echo "ok"
