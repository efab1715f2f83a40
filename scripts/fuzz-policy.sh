#!/usr/bin/env bash
# Time-boxed fuzz run of the policy parser (core::policy): parse, lint, evaluate and explain
# whatever libFuzzer makes up. Kept for those who call it; scripts/fuzz.sh runs any target.
#
#   scripts/fuzz-policy.sh [SECONDS]        default 60
set -euo pipefail
exec "$(dirname "$0")/fuzz.sh" policy_parse "${1:-60}"
