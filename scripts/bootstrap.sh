#!/usr/bin/env bash
# Installs every tool the build and the tests need, from the package registries only, and only
# what is missing or at the wrong version. Safe to run again and again.
#
#   rustup:   wasm32-unknown-unknown and thumbv7em-none-eabihf targets, rustfmt, clippy
#   crates:   trunk and cargo-fuzz (pinned), wasm-bindgen-cli (= the wasm-bindgen version in Cargo.lock)
#   Debian:   chromium, chromium-driver, brotli
#   npm:      binaryen (wasm-opt 132), terser and playwright-core, from package-lock.json
#   cargo:    every crate in Cargo.lock fetched, so trunk's offline builds find them
#
# Source it to get PATH set (scripts/env.sh), or run it directly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
# shellcheck source=scripts/env.sh
source scripts/env.sh

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.2

say() { printf '\033[1mbootstrap:\033[0m %s\n' "$*"; }

# --- rustup targets and components -------------------------------------------------------------
installed_targets="$(rustup target list --installed)"
for t in wasm32-unknown-unknown thumbv7em-none-eabihf; do
  if ! grep -qx "$t" <<<"$installed_targets"; then
    say "adding Rust target $t"
    rustup target add "$t"
  fi
done
installed_components="$(rustup component list --installed)"
for c in rustfmt clippy; do
  if ! grep -q "^$c" <<<"$installed_components"; then
    say "adding Rust component $c"
    rustup component add "$c"
  fi
done

# --- Debian packages ---------------------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v brotli >/dev/null || need_apt+=(brotli)
if ((${#need_apt[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing Debian packages: ${need_apt[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# --- cargo-installed tools ---------------------------------------------------------------------
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes several minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen library exactly, or the generated glue is refused.
wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$wb_version" ]; then
  echo "bootstrap: cannot find the wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
if ! grep -q "^wasm_bindgen = \"$wb_version\"" Trunk.toml; then
  echo "bootstrap: Trunk.toml [tools] wasm_bindgen must be \"$wb_version\" (the version in Cargo.lock)" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb_version" ] ||
  ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $wb_version"
  # Not --locked: its lockfile names a webpki-roots release the registry does not serve.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# cargo-fuzz, for the time-boxed fuzz runs of the policy parser and the link decoder (scripts/fuzz.sh).
if [ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

# --- npm tools ---------------------------------------------------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (wasm-opt, terser, playwright-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "$(wasm-opt --version 2>/dev/null || true)" != "wasm-opt version 132 (version_132)" ]; then
  echo "bootstrap: wasm-opt on PATH is not binaryen 132 (found: $(command -v wasm-opt || echo none))" >&2
  exit 1
fi

# --- crates, for offline builds ----------------------------------------------------------------
cargo fetch --locked --quiet

say "ready (trunk $TRUNK_VERSION, wasm-bindgen $wb_version, wasm-opt 132, $(chromium --version 2>/dev/null | head -n1))"
