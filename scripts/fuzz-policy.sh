#!/usr/bin/env bash
# Time-boxed fuzz run of the policy parser (core::policy): parse, lint, evaluate and explain
# whatever libFuzzer makes up. Exits non-zero when the fuzzer finds a crash or a hang.
#
#   scripts/fuzz-policy.sh [SECONDS]        default 60
#
# Works on a stable toolchain: cargo-fuzz needs nightly-only flags only for sanitizers, and
# `--sanitizer none` with RUSTC_BOOTSTRAP=1 covers the rest. cargo-fuzz is installed when missing.
# FUZZ_TARGET_DIR chooses the build directory (default fuzz/target).
set -euo pipefail
cd "$(dirname "$0")/.."

budget="${1:-60}"
target_dir="${FUZZ_TARGET_DIR:-fuzz/target}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-policy: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi
if ! rustc --version | grep -q nightly; then
    export RUSTC_BOOTSTRAP=1
fi

corpus=fuzz/corpus/policy_parse
mkdir -p "$corpus"
cargo fuzz run --fuzz-dir fuzz --sanitizer none --target-dir "$target_dir" \
    policy_parse "$corpus" fuzz/seeds/policy_parse -- \
    -max_total_time="$budget" -timeout=10 -max_len=4096 -dict=fuzz/policy.dict
echo "fuzz-policy: no crash in ${budget}s"
