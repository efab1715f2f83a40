#!/usr/bin/env bash
# Time-boxed fuzz run of one parser of untrusted input. Exits non-zero when the fuzzer finds a
# crash or a hang.
#
#   scripts/fuzz.sh TARGET [SECONDS]        default 60 seconds
#
# Targets (fuzz/fuzz_targets/):
#   policy_parse   the policy parser (core::policy): parse, lint, evaluate and explain
#   share_decode   the link decoder (core::share): decode, and what opens travels again
#
# Works on a stable toolchain: cargo-fuzz needs nightly-only flags only for sanitizers, and
# `--sanitizer none` with RUSTC_BOOTSTRAP=1 covers the rest. cargo-fuzz is installed when missing.
# FUZZ_TARGET_DIR chooses the build directory (default fuzz/target).
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}"
budget="${2:-60}"
target_dir="${FUZZ_TARGET_DIR:-fuzz/target}"

case "$target" in
policy_parse) options=(-max_len=4096 -dict=fuzz/policy.dict) ;;
share_decode) options=(-max_len=8192) ;;
*)
    echo "fuzz: unknown target \`$target\`: policy_parse or share_decode" >&2
    exit 2
    ;;
esac

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi
if ! rustc --version | grep -q nightly; then
    export RUSTC_BOOTSTRAP=1
fi

corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
cargo fuzz run --fuzz-dir fuzz --sanitizer none --target-dir "$target_dir" \
    "$target" "$corpus" "fuzz/seeds/$target" -- \
    -max_total_time="$budget" -timeout=10 "${options[@]}"
echo "fuzz: $target, no crash in ${budget}s"
