#!/usr/bin/env bash
# Builds the viewer that documentation pages embed (viewer/) into DIST/embed/: the wasm and its
# JS glue (wasm-bindgen, `--target web`), wasm-opt -Oz and terser in release, the <vpc-playground>
# element and the embed page. Trunk runs it after every build (Trunk.toml, post_build hook), so
# `trunk build` and `trunk serve` produce dist/embed/ beside the playground; it runs on its own
# too: scripts/build-embed.sh [--release] [DIST].
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"

profile="${TRUNK_PROFILE:-debug}"
if [[ "${1:-}" == "--release" ]]; then
  profile=release
  shift
fi
dist="${1:-${TRUNK_STAGING_DIR:-$root/dist}}"
out="$dist/embed"
target_dir="${CARGO_TARGET_DIR:-$root/target}"

cargo_args=(build --locked -p vpcplay-viewer --target wasm32-unknown-unknown --manifest-path "$root/Cargo.toml")
[[ "$profile" == release ]] && cargo_args+=(--release)
cargo "${cargo_args[@]}"

mkdir -p "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name viewer \
  "$target_dir/wasm32-unknown-unknown/$profile/vpcplay-viewer.wasm"
if [[ "$profile" == release ]]; then
  # The features rustc's wasm32 target emits by default; wasm-opt must be told of them. A second
  # round after GUFA (whole-program flow analysis: which values reach each place), then functions
  # and globals in order of use (smaller indexes for the most used), save about 0.9 KB brotli.
  wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue --zero-filled-memory --low-memory-unused \
    --gufa-optimizing -Oz --reorder-functions --reorder-globals -o "$out/viewer_bg.wasm" "$out/viewer_bg.wasm"
fi
cp "$root/viewer/index.html" "$out/"
cp "$root/viewer/vpc-playground.js" "$out/"
if [[ "$profile" == release ]]; then
  # Documentation pages load these on every view: terser (from npm, see package.json) compresses
  # and mangles them, about 1.7 KB brotli less. The element is a classic script, the glue a module.
  terser "$out/vpc-playground.js" --compress passes=2 --mangle \
    --preamble "// <vpc-playground>, the vpcplay viewer element: see viewer/vpc-playground.js in the vpcplay sources." \
    -o "$out/vpc-playground.js"
  terser "$out/viewer.js" --module --compress passes=2 --mangle -o "$out/viewer.js"
fi
