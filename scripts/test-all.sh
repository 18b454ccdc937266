#!/usr/bin/env bash
# The README's full test command, `npm run test:all` (also `pnpm test:all`): starts Redis, the Redis Cluster and PostgreSQL
# (scripts/services.sh), runs every package's `test` task through turbo one package at a time, stops the
# services again and exits with turbo's exit code. Extra arguments go to turbo (e.g. --filter=@cacheme/core).
#
# One package at a time because CI has 2 cores and every package talks to the same services; vitest
# still runs up to 2 test files of a package in parallel (vitest.shared.ts).
# Each package leaves its results in <package>/.vitest-report.json; stale ones are deleted first so a
# package that failed before running tests cannot be mistaken for a pass (.ci/run sums the reports).
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$ROOT"
# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh # pnpm as $PNPM, the workspace installed

rm -f packages/*/.vitest-report.json examples/*/.vitest-report.json benchmarks/.vitest-report.json

# A lease rather than a plain start: if someone already runs the services (by hand, or another run's
# lease), they are reused and left running for them; otherwise `release` stops everything.
# The INT/TERM traps turn a signal into a normal exit so the EXIT trap (the release) still runs.
trap 'bash "$ROOT/scripts/services.sh" release $$ || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
bash scripts/services.sh start --lease $$ >/dev/null

# shellcheck source=/dev/null
source .services/env # export CACHEME_REDIS_URL, CACHEME_REDIS_CLUSTER, CACHEME_PG_URL

status=0
# Lint and formatting (biome) first; a failure fails the run, but the tests still run so that every
# problem shows in one go.
"${PNPM[@]}" exec biome check . || status=$?
"${PNPM[@]}" exec turbo run test --concurrency=1 --continue=dependencies-successful "$@" || status=$?
exit "$status"
