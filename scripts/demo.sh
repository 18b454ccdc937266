#!/usr/bin/env bash
# The README's demo command (`npm run demo`, also `pnpm demo`): builds and runs examples/quickstart on the
# embedded MemoryStorage (set REDIS_URL to use Redis). `npm run demo:typeorm` runs examples/typeorm instead.
# Works on a fresh clone: scripts/bootstrap.sh provides pnpm and installs the workspace first.
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)
cd "$ROOT"
# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh

example=${1:-quickstart}
"${PNPM[@]}" exec turbo run build --filter="@cacheme/example-$example..." --output-logs=errors-only >&2
"${PNPM[@]}" --silent --filter "@cacheme/example-$example" start
