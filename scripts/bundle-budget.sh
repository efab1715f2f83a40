#!/usr/bin/env bash
# Prints the compressed size of the release bundle (wasm, JS glue and its snippets, brotli -q 11) and fails when it
# is over budget. Usage: scripts/bundle-budget.sh [DIST] ; budget in bytes from BUNDLE_BUDGET.
# The embed viewer is measured the same way: BUNDLE_BUDGET=180000 scripts/bundle-budget.sh dist/embed
set -euo pipefail
dist="${1:-dist}"
# 455,800 bytes: the editor (model, validation, policy checks and test bench, copy and paste,
# layered arrange, context menu, kept drafts, examples) with the simulation (the tracing engine,
# composer, trace panel, animation, flows, batch runs, who can reach), the gallery, sharing by
# link (format 2) and saving the canvas as an image measures 446,815; 2% headroom.
# See README, "Bundle size".
budget="${BUNDLE_BUDGET:-455800}"

shopt -s nullglob
files=("$dist"/*.wasm "$dist"/*.js "$dist"/snippets/*/*.js)
wasm=("$dist"/*.wasm)
if ((${#wasm[@]} == 0)); then
  echo "bundle budget: no .wasm file in $dist/ (run a release trunk build first)" >&2
  exit 1
fi

total=0
printf '%-48s %10s %10s\n' "file" "raw" "brotli"
for f in "${files[@]}"; do
  raw=$(wc -c <"$f")
  br=$(brotli -q 11 -c "$f" | wc -c)
  total=$((total + br))
  printf '%-48s %10d %10d\n' "$(basename "$f")" "$raw" "$br"
done
printf '%-48s %10s %10d   (budget %d, %d%% used)\n' "total" "" "$total" "$budget" $((total * 100 / budget))
if ((total > budget)); then
  echo "bundle budget: FAILED — the bundle is $total bytes, $((total - budget)) over the budget of $budget" >&2
  exit 1
fi
