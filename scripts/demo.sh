#!/usr/bin/env bash
# The README's demo command (`npm run demo`, also `pnpm demo`): builds and runs examples/typeorm — the
# HTTP book API over TypeORM on an SQLite file and the embedded MemoryStorage — which drives itself (miss,
# hit, write, fresh read, rollback), prints each step with its timing and exits. `REDIS_URL` /
# `DATABASE_URL` switch to Redis / PostgreSQL; `npm run demo -- --serve` keeps it running and prints the
# URL. `bash scripts/demo.sh <example> [args]` runs another example (quickstart, sequelize, …).
# Works on a fresh clone: scripts/bootstrap.sh provides pnpm and installs the workspace first.
set -euo pipefail
# No third-party notices in the demo's output: turbo's telemetry banner and update checks stay off.
export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1 DO_NOT_TRACK=1
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$ROOT"
# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh

example=typeorm
if [[ $# -gt 0 && $1 != -* ]]; then
  example=$1
  shift
fi
# The build's own output (turbo's summary) is shown only when it fails.
if ! build_log=$("${PNPM[@]}" exec turbo run build --filter="@cacheme/example-$example..." --output-logs=errors-only 2>&1); then
  printf '%s\n' "$build_log" >&2
  exit 1
fi
cd "examples/$example"
exec node dist/main.js "$@"
