#!/usr/bin/env bash
# Installs the benchmark's npm packages (pako, lz-string, from package-lock.json) when missing,
# then prints the table. Needs node and npm; nothing here enters the product's build.
#
#   benches/share/run.sh
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d node_modules/lz-string ] || [ ! -d node_modules/pako ]; then
  npm ci --no-audit --no-fund
fi
cargo run --release --quiet
