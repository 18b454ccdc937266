# shellcheck shell=bash
# Sourced by scripts/services.sh (which provides STATE, T, log, die, proc_alive, free_ports, safe_rm).
# The single Redis (`redis`) and the 3-master Redis Cluster (`cluster`): <name>_alive/_start/_stop.
# Every server is a daemonized redis-server with its pidfile, log and (cluster) nodes.conf in T/<name>/.

redis_cli() { timeout 5 redis-cli -h 127.0.0.1 -p "$1" "${@:2}" 2>/dev/null 9<&-; }

redis_node_alive() { # dir port
  proc_alive "$(cat "$1/redis.pid" 2>/dev/null || true)" redis-server && [[ $(redis_cli "$2" ping) == PONG ]]
}

# Daemonized (stdio -> /dev/null) so no test runner waits on a pipe a server holds open.
redis_node_start() { # dir port [extra redis-server args]
  local dir=$1 port=$2
  shift 2
  mkdir -p "$dir"
  redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes \
    --pidfile "$dir/redis.pid" --dir "$dir" --logfile "$dir/redis.log" "$@" 9<&- >&2
  local i
  for ((i = 0; i < 100; i++)); do
    [[ $(redis_cli "$port" ping) == PONG ]] && return 0
    sleep 0.1
  done
  log "redis on port $port did not come up; log: $(tail -n 3 "$dir/redis.log" 2>/dev/null | tr '\n' ' ')"
  return 1
}

redis_node_stop() { # dir port
  local dir=$1 port=$2 pid i
  pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
  proc_alive "$pid" redis-server || return 0
  redis_cli "$port" shutdown nosave >/dev/null || true
  for ((i = 0; i < 50; i++)); do proc_alive "$pid" redis-server || return 0; sleep 0.1; done
  kill -TERM "$pid" 2>/dev/null || true
  sleep 1
  ! proc_alive "$pid" redis-server || kill -KILL "$pid" 2>/dev/null || true
}

redis_alive() { local p; p=$(cat "$STATE/redis" 2>/dev/null) && redis_node_alive "$T/redis" "$p"; }
redis_stop() { local p; p=$(cat "$STATE/redis" 2>/dev/null || true); redis_node_stop "$T/redis" "$p"; }
redis_start() {
  local port
  for _ in 1 2 3; do
    safe_rm "$T/redis"
    port=$(free_ports 1)
    if redis_node_start "$T/redis" "$port"; then echo "$port" >"$STATE/redis"; return 0; fi
    redis_node_stop "$T/redis" "$port"
  done
  die "could not start redis (see above)"
}

cluster_ok() { [[ $(redis_cli "$1" cluster info | tr -d '\r') == *cluster_state:ok* ]]; }
cluster_alive() {
  local ports i=0 p
  [[ -f $STATE/cluster ]] && read -ra ports <"$STATE/cluster" || return 1
  ((${#ports[@]} == 3)) || return 1
  for p in "${ports[@]}"; do
    i=$((i + 1))
    redis_node_alive "$T/cluster/n$i" "$p" && cluster_ok "$p" || return 1
  done
}
cluster_stop() {
  local ports=() i=0 p
  [[ -f $STATE/cluster ]] && read -ra ports <"$STATE/cluster" || true
  for p in "${ports[@]}"; do i=$((i + 1)); redis_node_stop "$T/cluster/n$i" "$p"; done
}
# Three masters, no replicas. The bus ports are picked explicitly (--cluster-port): the default
# port+10000 may be taken or even exceed 65535 for the high ports the OS hands out.
cluster_try_start() {
  local all i p ok
  read -ra all <<<"$(free_ports 6)"
  echo "${all[*]:0:3}" >"$STATE/cluster"
  for i in 1 2 3; do
    redis_node_start "$T/cluster/n$i" "${all[i - 1]}" --cluster-enabled yes \
      --cluster-config-file "$T/cluster/n$i/nodes.conf" --cluster-port "${all[i + 2]}" \
      --cluster-node-timeout 5000 || return 1
  done
  redis-cli --cluster create "127.0.0.1:${all[0]}" "127.0.0.1:${all[1]}" "127.0.0.1:${all[2]}" \
    --cluster-replicas 0 --cluster-yes >"$T/cluster/create.log" 2>&1 9<&- ||
    { log "cluster create failed: $(tail -n 5 "$T/cluster/create.log" | tr '\n' ' ')"; return 1; }
  for ((i = 0; i < 300; i++)); do
    ok=1
    for p in "${all[@]:0:3}"; do cluster_ok "$p" || { ok=0; break; }; done
    ((ok)) && return 0
    sleep 0.1
  done
  log "cluster did not reach cluster_state:ok within 30s"
  return 1
}
cluster_start() {
  for _ in 1 2 3; do
    safe_rm "$T/cluster"
    cluster_try_start && return 0
    cluster_stop
  done
  die "could not start the redis cluster (see above)"
}
