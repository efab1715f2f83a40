#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, lints on host and wasm32, the no_std proof,
# native tests, the scenario corpus through the CLI, a time-boxed fuzz run, browser tests, a
# release build (the playground and the embed viewer), their size budgets and the end-to-end
# tests. Stops at the first failing step and exits non-zero.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/bootstrap.sh
source scripts/env.sh

mkdir -p target
timings="target/check-timings.txt"
: >"$timings"
passed=0
suite_start=$SECONDS

step() {
  local name="$1"
  shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf '%-44s %5ds\n' "$name" $((SECONDS - t0)) | tee -a "$timings"
  else
    local rc=$?
    printf '\n\033[31mcheck: step "%s" failed (exit %d)\033[0m\n' "$name" "$rc" >&2
    echo "steps: $passed passed, 1 failed"
    exit 1
  fi
}

step "format" cargo fmt --all --check
step "clippy (host)" cargo clippy --locked --workspace --all-targets --features vpcplay-core/cli -- -D warnings
step "clippy (wasm32)" cargo clippy --locked --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
step "core is no_std (wasm32)" cargo build --locked -p vpcplay-core --no-default-features --target wasm32-unknown-unknown
step "core is no_std (thumbv7em)" cargo build --locked -p vpcplay-core --no-default-features --target thumbv7em-none-eabihf
step "native tests" cargo test --locked --workspace --features vpcplay-core/cli
step "CLI build" cargo build --locked -p vpcplay-core --features cli
export VPCPLAY_BIN="${CARGO_TARGET_DIR:-target}/debug/vpcplay"
step "scenario corpus (vpcplay check)" "$VPCPLAY_BIN" check tests/scenarios
step "examples validate (vpcplay validate)" bash -c 'for f in static/examples/*.json; do "$VPCPLAY_BIN" validate "$f" >/dev/null || { echo "invalid: $f"; exit 1; }; done'
step "examples' flows (vpcplay check)" "$VPCPLAY_BIN" check static/examples
step "fuzz the policy parser (15 s)" scripts/fuzz.sh policy_parse 15
step "fuzz the link decoder (15 s)" scripts/fuzz.sh share_decode 15
step "browser tests (wasm-bindgen-test)" cargo test --locked -p vpcplay-web --target wasm32-unknown-unknown
step "release build (trunk, with the embed viewer)" trunk build --release
step "bundle budget" scripts/bundle-budget.sh dist
# The embed viewer (dist/embed/: its wasm, glue and the <vpc-playground> script) that documentation
# pages load: at most 180,000 bytes brotli. It measures about 178,500; see README, "Bundle size".
step "embed bundle budget" env BUNDLE_BUDGET=180000 scripts/bundle-budget.sh dist/embed
step "end-to-end tests (Playwright)" node --test --test-reporter=spec tests/e2e/

printf '\nstep timings (also in %s):\n' "$timings"
cat "$timings"
printf 'total %ds\n' $((SECONDS - suite_start))
echo "steps: $passed passed, 0 failed"
