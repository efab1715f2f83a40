#!/usr/bin/env bash
# Builds the policy benchmark (release, its own target directory; iam-rs and cedar-policy come
# from crates.io and never enter the product's build) and prints the tables. SAMPLES (default
# 300) is the number of timed batches per figure.
#
#   benches/policy/run.sh [SAMPLES]
set -euo pipefail
cd "$(dirname "$0")"
cargo run --release --quiet -- "$@"
