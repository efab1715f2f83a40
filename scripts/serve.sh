#!/usr/bin/env bash
# Builds the playground and serves it on 127.0.0.1 (port 8080, or $PORT).
# Installs missing tools first (scripts/bootstrap.sh). `--dev` serves an unoptimised build that
# rebuilds faster while you edit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/bootstrap.sh
source scripts/env.sh

port="${PORT:-8080}"
mode=(--release)
[ "${1:-}" = "--dev" ] && mode=()
echo
echo "vpcplay: building, then serving at http://127.0.0.1:$port/ (Ctrl+C stops)"
echo
exec trunk serve "${mode[@]}" --address 127.0.0.1 --port "$port"
