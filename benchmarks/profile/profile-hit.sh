#!/usr/bin/env bash
# Profiles the hit path at concurrency 1 and 64 (cacheme, cacheme with jsonSerializer, raw GET, hand-rolled
# GET + JSON.parse) and prints where the CPU time goes per hit. Profiles are kept in $PROFILE_OUT
# (default: a temp dir) for chrome://inspect or speedscope.
#
#   pnpm --filter @cacheme/benchmarks profile:hit
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=${PROFILE_OUT:-$(mktemp -d "${TMPDIR:-/tmp}/cacheme-profile.XXXXXX")}
mkdir -p "$out"
for concurrency in 1 64; do
  ops=$((concurrency == 1 ? 20000 : 100000))
  for mode in cacheme cacheme-json raw-get hand-rolled; do
    node_modules/.bin/tsx profile/hit-loop.ts "$mode" "$concurrency" "$ops" "$out" >/dev/null
    node_modules/.bin/tsx profile/summarize-profile.ts "$out/$mode-c$concurrency.cpuprofile" "$ops" 25
  done
done
echo "profiles: $out" >&2
