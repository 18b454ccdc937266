#!/usr/bin/env bash
# Starts and stops the real services every test suite in this repo runs against: a single Redis, a
# 3-master Redis Cluster and PostgreSQL 15. There is no Docker on our machines, so everything comes from
# Debian packages and runs as plain processes on 127.0.0.1, on free ports, inside one temp dir.
#
#   scripts/services.sh start [--only redis,cluster,pg] [--lease PID]   start (or reuse), print the env
#   scripts/services.sh stop                                           stop everything, delete temp dirs
#   scripts/services.sh release PID     drop a lease; stops everything when no lease and no manual start remain
#   scripts/services.sh env             print .services/env, for: eval "$(scripts/services.sh env)"
#   scripts/services.sh status [--only ...] [--quiet]                  exit 0 when all of them are up
#   scripts/services.sh install         only install the apt packages the services need (root)
#
# Bookkeeping lives in <repo>/.services/ (gitignored): `tmpdir` (the temp dir), one file per service with
# its port(s), `env`, `pinned` (a manual `start` happened) and `leases/<pid>` (vitest's global setup).
# Leases exist because the root `pnpm test` runs several vitest processes at once: each one starts what is
# missing, and only the last one to finish stops the services, and never those someone started by hand.
#
# Per-service code lives in scripts/services/{redis,postgres}.sh (<name>_alive/_start/_stop).
#
# Known limits: free ports are probed and then bound, so another process can grab one in between (starts
# are retried on new ports); Linux only (flock, /proc); the apt installs need root.
set -euo pipefail

SCRIPT_PATH=$(readlink -f "${BASH_SOURCE[0]}")
ROOT=$(cd "$(dirname "$SCRIPT_PATH")/.." && pwd -P)
STATE="$ROOT/.services"
ALL_SERVICES=(redis cluster pg)
export DEBIAN_FRONTEND=noninteractive

log() { printf 'services: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Alive = the pid exists, is not a zombie and runs the expected program (guards against pid reuse).
proc_alive() {
  local pid=$1 name=$2
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/stat ]] || return 1
  [[ $(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) != Z ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$name"
}

# Prints N distinct free loopback ports: all N are held open together so they cannot repeat.
free_ports() {
  node -e '
    const net = require("node:net");
    const n = Number(process.argv[1]);
    const open = () => new Promise((ok, fail) => {
      const s = net.createServer();
      s.once("error", fail);
      s.listen(0, "127.0.0.1", () => ok(s));
    });
    (async () => {
      const servers = [];
      for (let i = 0; i < n; i++) servers.push(await open());
      console.log(servers.map((s) => s.address().port).join(" "));
      for (const s of servers) s.close();
    })().catch((e) => { console.error(e); process.exit(1); });' "$1"
}

# Only the single-writer parts need the lock; it is taken on this script file (no extra files to clean).
take_lock() { exec 9<"$SCRIPT_PATH"; flock -w 600 9 || die "timed out waiting for another services.sh"; }

ensure_packages() {
  local missing=()
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
  [[ -x $(pg_bin)/initdb ]] || missing+=(postgresql-15)
  command -v psql >/dev/null || missing+=(postgresql-client-15)
  # The admin package's browser tests drive Chromium (DESIGN §4); only install it once something uses it.
  if ! command -v chromium >/dev/null &&
    grep -qs '"playwright-core"' "$ROOT"/packages/*/package.json "$ROOT"/examples/*/package.json; then
    missing+=(chromium)
  fi
  ((${#missing[@]})) || return 0
  if [[ $EUID -ne 0 ]]; then
    # Without root we cannot install; only the browser tests need Chromium, so that one is a warning.
    [[ ${missing[*]} != chromium ]] || { log "warning: chromium missing, browser tests will fail"; return 0; }
    die "missing apt packages: ${missing[*]} (run: sudo apt-get install ${missing[*]})"
  fi
  log "installing ${missing[*]}"
  # 9<&-: a daemon that a package's postinst may start must not inherit our lock.
  apt-get update -qq >&2 9<&-
  apt-get install -y -qq --no-install-recommends --no-upgrade "${missing[@]}" >&2 9<&-
}

# The temp dir must be traversable by `postgres`, hence 711 on it (the pg subdir itself is 700).
tmp_root() {
  local t
  t=$(cat "$STATE/tmpdir" 2>/dev/null || true)
  if [[ -z $t || ! -d $t ]]; then
    t=$(mktemp -d "${TMPDIR:-/tmp}/cacheme-services.XXXXXX")
    chmod 711 "$t"
    echo "$t" >"$STATE/tmpdir"
  fi
  echo "$t"
}

# rm -rf only ever runs on a dir this script created (name pattern checked, never a symlink).
safe_rm() {
  local d=$1
  [[ -n $d && -d $d && ! -L $d ]] || return 0
  case $d in */cacheme-services.??????|*/cacheme-services.??????/*) rm -rf -- "$d" ;;
    *) log "refusing to delete unexpected path: $d" ;; esac
}

# shellcheck source=services/redis.sh
source "$(dirname "$SCRIPT_PATH")/services/redis.sh"
# shellcheck source=services/postgres.sh
source "$(dirname "$SCRIPT_PATH")/services/postgres.sh"

# .services/env lists exactly the services that are up; written atomically (tests read it concurrently).
write_env() {
  local tmp="$STATE/env.tmp" ports
  : >"$tmp"
  if redis_alive; then echo "export CACHEME_REDIS_URL=redis://127.0.0.1:$(cat "$STATE/redis")" >>"$tmp"; fi
  if cluster_alive; then
    read -ra ports <"$STATE/cluster"
    echo "export CACHEME_REDIS_CLUSTER=127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}" >>"$tmp"
  fi
  if pg_alive; then echo "export CACHEME_PG_URL=postgres://postgres@127.0.0.1:$(cat "$STATE/pg")/cacheme" >>"$tmp"; fi
  mv -f "$tmp" "$STATE/env"
}

parse_only() { # "redis,cluster" -> SERVICES array, validated
  local s
  IFS=, read -ra SERVICES <<<"$1"
  for s in "${SERVICES[@]}"; do
    [[ " ${ALL_SERVICES[*]} " == *" $s "* ]] || die "unknown service '$s' (known: ${ALL_SERVICES[*]})"
  done
}

cmd_start() {
  local lease="" s t0=$SECONDS
  SERVICES=("${ALL_SERVICES[@]}")
  while (($#)); do
    case $1 in
      --only) parse_only "${2:?--only needs a list}"; shift 2 ;;
      --lease) lease=${2:?--lease needs a pid}; shift 2 ;;
      *) die "unknown option for start: $1" ;;
    esac
  done
  mkdir -p "$STATE"
  take_lock
  # Registered before starting anything, so that a failed start is cleaned up by the caller's `release`.
  if [[ -n $lease ]]; then mkdir -p "$STATE/leases" && : >"$STATE/leases/$lease"; else : >"$STATE/pinned"; fi
  ensure_packages
  T=$(tmp_root)
  for s in "${SERVICES[@]}"; do
    if "${s}_alive"; then log "$s: reusing"; continue; fi
    "${s}_stop" # leftovers of a crashed run
    log "$s: starting"
    "${s}_start"
  done
  write_env
  log "ready in $((SECONDS - t0))s"
  cat "$STATE/env"
}

stop_all() {
  local s
  T=$(cat "$STATE/tmpdir" 2>/dev/null || true)
  if [[ -n $T ]]; then
    for s in "${ALL_SERVICES[@]}"; do "${s}_stop"; done
    safe_rm "$T"
  fi
  rm -rf -- "$STATE"
}

cmd_stop() {
  [[ -d $STATE ]] || { log "nothing to stop"; return 0; }
  take_lock
  stop_all
  log "stopped"
}

cmd_release() {
  local pid=${1:?release needs a pid} f
  [[ -d $STATE ]] || return 0
  take_lock
  rm -f -- "$STATE/leases/$pid"
  for f in "$STATE"/leases/*; do
    [[ -e $f ]] || continue
    proc_alive "$(basename "$f")" "" || rm -f -- "$f" # holder died without releasing
  done
  if [[ -e $STATE/pinned ]] || compgen -G "$STATE/leases/*" >/dev/null; then
    log "services still in use, leaving them running"
  else
    stop_all
    log "stopped"
  fi
}

cmd_env() {
  [[ -f $STATE/env ]] || die "no services running (run: scripts/services.sh start)"
  cat "$STATE/env"
}

cmd_status() {
  local quiet=0 s rc=0
  SERVICES=("${ALL_SERVICES[@]}")
  while (($#)); do
    case $1 in
      --only) parse_only "${2:?--only needs a list}"; shift 2 ;;
      --quiet) quiet=1; shift ;;
      *) die "unknown option for status: $1" ;;
    esac
  done
  T=$(cat "$STATE/tmpdir" 2>/dev/null || echo /nonexistent)
  for s in "${SERVICES[@]}"; do
    if "${s}_alive"; then ((quiet)) || echo "$s: running (port $(cat "$STATE/$s"))"
    else rc=1; ((quiet)) || echo "$s: stopped"; fi
  done
  return $rc
}

cmd=${1:-}
shift || true
case $cmd in
  start) cmd_start "$@" ;;
  stop) cmd_stop ;;
  release) cmd_release "$@" ;;
  env) cmd_env ;;
  status) cmd_status "$@" ;;
  install) take_lock; ensure_packages ;;
  *) sed -n '6,11p' "$SCRIPT_PATH" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
