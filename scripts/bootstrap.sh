#!/usr/bin/env bash
# Sourced by the README's commands (scripts/demo.sh, scripts/test-all.sh) so that they work on a fresh
# machine with only Node.js and npm: it provides pnpm 12.4.2 (the workspace's packageManager) as $PNPM
# and installs the workspace once. Idempotent and quiet when everything is already there.
#
# - pnpm: the global one when it is 12.4.2; else a global install when npm's global prefix is writable
#   (CI, root); else `npx -y pnpm@12.4.2` (nothing installed globally).
# - Native modules (better-sqlite3) build from source where no prebuilt binary can be downloaded; Node's
#   headers from the distribution package (/usr/include/node) make that work offline.

PNPM_VERSION=12.4.2

if [[ -z "${npm_config_nodedir:-}" && -f /usr/include/node/node.h ]]; then
  export npm_config_nodedir=/usr
fi

if [[ "$(pnpm -v 2>/dev/null || true)" == "$PNPM_VERSION" ]]; then
  PNPM=(pnpm)
elif [[ -w "$(npm prefix -g 2>/dev/null)/lib" || $(id -u) -eq 0 ]]; then
  echo "bootstrap: installing pnpm $PNPM_VERSION globally" >&2
  npm i -g "pnpm@$PNPM_VERSION" >&2
  PNPM=(pnpm)
  # npm's global bin directory may not be on PATH: then run it through npx instead.
  [[ "$(pnpm -v 2>/dev/null || true)" == "$PNPM_VERSION" ]] || PNPM=(npx -y "pnpm@$PNPM_VERSION")
else
  PNPM=(npx -y "pnpm@$PNPM_VERSION")
fi

if [[ ! -d node_modules/.pnpm ]]; then
  echo "bootstrap: installing the workspace (pnpm install --frozen-lockfile)" >&2
  "${PNPM[@]}" install --frozen-lockfile >&2
fi
