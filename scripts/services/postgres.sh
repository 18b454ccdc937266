# shellcheck shell=bash
# Sourced by scripts/services.sh (which provides STATE, T, log, die, proc_alive, free_ports, safe_rm).
# PostgreSQL (`pg`): pg_alive/_start/_stop. Data dir, log and unix socket live in T/pg/, owned by the
# `postgres` user when we run as root.

# Prefer PostgreSQL 15 (what CI has); fall back to the newest installed major, or an explicit override.
pg_bin() {
  if [[ -n ${CACHEME_PG_BIN:-} ]]; then echo "$CACHEME_PG_BIN"; return; fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then echo /usr/lib/postgresql/15/bin; return; fi
  local d; d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  echo "${d:-/usr/lib/postgresql/15/bin}"
}

# initdb and pg_ctl refuse to run as root. Run them as `postgres`, from a directory it can read
# (pg_ctl fails on an unreadable cwd such as /root). fd 9 is our lock: daemons must not inherit it.
as_pg() {
  if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- "$@" 9<&-)
  else (cd / && "$@" 9<&-); fi
}

pg_pid() { head -n1 "$T/pg/data/postmaster.pid" 2>/dev/null || true; }
pg_alive() {
  local p; p=$(cat "$STATE/pg" 2>/dev/null) || return 1
  proc_alive "$(pg_pid)" postgres && "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$p" -t 5 9<&-
}
pg_stop() {
  local pid i
  pid=$(pg_pid)
  proc_alive "$pid" postgres || return 0
  as_pg "$(pg_bin)/pg_ctl" -D "$T/pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  for ((i = 0; i < 50; i++)); do proc_alive "$pid" postgres || return 0; sleep 0.1; done
  kill -QUIT "$pid" 2>/dev/null || true # postmaster's immediate shutdown
}
# Durability is pointless for a throwaway test database: fsync & co. off make it much faster.
pg_start() {
  local bin port d="$T/pg"
  bin=$(pg_bin)
  id postgres >/dev/null 2>&1 || [[ $EUID -ne 0 ]] || die "user 'postgres' missing (apt-get install postgresql-15)"
  safe_rm "$d"
  mkdir -p "$d/sock"
  [[ $EUID -ne 0 ]] || chown -R postgres:postgres "$d"
  chmod 700 "$d"
  as_pg "$bin/initdb" -D "$d/data" -A trust -U postgres -E UTF8 --locale=C --no-sync >"$T/initdb.log" 2>&1 ||
    die "initdb failed: $(tail -n 5 "$T/initdb.log" | tr '\n' ' ')"
  for _ in 1 2 3; do
    port=$(free_ports 1)
    if as_pg "$bin/pg_ctl" -D "$d/data" -l "$d/postgres.log" -w -t 60 -o "-p $port \
      -c listen_addresses=127.0.0.1 -c unix_socket_directories='$d/sock' -c fsync=off \
      -c synchronous_commit=off -c full_page_writes=off" start >/dev/null 2>&1 &&
      "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30 9<&-; then
      echo "$port" >"$STATE/pg"
      as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres cacheme >&2 || die "createdb cacheme failed"
      return 0
    fi
    log "postgres did not start on port $port: $(tail -n 3 "$d/postgres.log" 2>/dev/null | tr '\n' ' ')"
    pg_stop
  done
  die "could not start postgres"
}
