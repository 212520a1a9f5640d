#!/usr/bin/env bash
# Runs Samspår locally: installs what is missing, builds, starts Redis and the
# four services (each with its SQLite file) on loopback, and waits. Ctrl-C, or
# `deploy/run.sh stop` from another terminal, shuts everything down cleanly.
#
#   deploy/run.sh          set up, start, wait
#   deploy/run.sh stop     stop a running instance
#
# Everything the run writes (databases, Redis files, logs) lives under
# SAMSPAR_DATA_DIR (default ./.data).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${SAMSPAR_BUILD_DIR:-$repo/build}"
data_dir="${SAMSPAR_DATA_DIR:-$repo/.data}"
run_dir="$data_dir/run"
redis_port="${SAMSPAR_REDIS_PORT:-6380}"

services=(roster consult conference metrics)
declare -A grpc_port=([roster]=50051 [consult]=50052 [conference]=50053 [metrics]=50054)
declare -A http_port=([roster]=9091 [consult]=9092 [conference]=9093 [metrics]=9094)

stop_all() {
  local pid_file pid
  for pid_file in "$run_dir"/*.pid; do
    [ -e "$pid_file" ] || continue
    pid="$(cat "$pid_file")"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid_file in "$run_dir"/*.pid; do
    [ -e "$pid_file" ] || continue
    pid="$(cat "$pid_file")"
    # Services finish their calls in flight before they exit.
    for _ in $(seq 1 250); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$pid_file"
  done
}

launcher_pid_file="$data_dir/launcher.pid"

if [ "${1:-}" = "stop" ]; then
  # The running launcher shuts down in order; without one, stop what is left.
  if [ -e "$launcher_pid_file" ] && kill -TERM "$(cat "$launcher_pid_file")" 2>/dev/null; then
    for _ in $(seq 1 300); do [ -e "$launcher_pid_file" ] || break; sleep 0.1; done
  fi
  stop_all
  echo "samspar: stopped"
  exit 0
fi
if [ -n "${1:-}" ]; then
  echo "usage: deploy/run.sh [stop]" >&2
  exit 2
fi

if compgen -G "$run_dir/*.pid" >/dev/null; then
  for pid_file in "$run_dir"/*.pid; do
    if kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "samspar: already running (deploy/run.sh stop ends it)" >&2
      exit 1
    fi
  done
  rm -f "$run_dir"/*.pid
fi

"$repo/deploy/setup.sh"
mkdir -p "$run_dir" "$data_dir/redis" "$data_dir/logs"

echo $$ >"$launcher_pid_file"
trap 'echo; echo "samspar: stopping"; stop_all; rm -f "$launcher_pid_file"; exit 0' INT TERM

redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$data_dir/redis" \
  --appendonly yes --save "" --daemonize no --protected-mode yes \
  >"$data_dir/logs/redis.log" 2>&1 &
echo $! >"$run_dir/redis.pid"

# A local CA and certificates (kept while valid): every port speaks TLS, and
# the services present a client certificate to each other.
pki_dir="$data_dir/pki"
"$repo/deploy/make-local-pki.sh" "$pki_dir"
samspar="$build_dir/tools/samspar/samspar"
# The local identity provider: tokens are signed with its key, the services
# verify them against its public JWKS.
export SAMSPAR_SIGNING_KEY_FILE="$pki_dir/token-signing-key.pem"
"$samspar" jwks >"$pki_dir/jwks.json"

for service in "${services[@]}"; do
  service_flags=()
  # The roster keeps presence in the local Redis and signs calendar feed URLs
  # with the local feed key.
  if [[ "$service" == roster ]]; then
    service_flags=(--redis="127.0.0.1:$redis_port" --calendar_feed_key_file="$pki_dir/calendar-feed.key"
      --calendar_feed_base_url="https://127.0.0.1:${http_port[roster]}")
  fi
  # The consult service routes with the roster and sends events to metrics,
  # calling them with its own tokens (signed with the local identity
  # provider's key) and client certificate.
  if [[ "$service" == consult ]]; then
    service_flags=(--roster_address="127.0.0.1:${grpc_port[roster]}"
      --metrics_address="127.0.0.1:${grpc_port[metrics]}"
      --upstream_tls_ca_file="$pki_dir/ca.pem" --upstream_tls_cert_file="$pki_dir/client.pem"
      --upstream_tls_key_file="$pki_dir/client-key.pem"
      --service_signing_key_file="$pki_dir/token-signing-key.pem" --service_key_id=local-1
      --subject_key_file="$pki_dir/subject-keys.txt" --switchboard_phones=06=+46101010000)
  fi
  # The metrics service signs KPI dashboard links with the local dashboard key.
  if [[ "$service" == metrics ]]; then
    service_flags=(--dashboard_key_file="$pki_dir/dashboard.key"
      --dashboard_base_url="https://127.0.0.1:${http_port[metrics]}")
  fi
  "$build_dir/services/$service/samspar-$service" \
    --listen="127.0.0.1:${grpc_port[$service]}" \
    --http_listen="127.0.0.1:${http_port[$service]}" \
    --database="$data_dir/$service.db" \
    --tls_cert_file="$pki_dir/server.pem" \
    --tls_key_file="$pki_dir/server-key.pem" \
    --tls_client_ca_file="$pki_dir/ca.pem" \
    --jwks_file="$pki_dir/jwks.json" \
    "${service_flags[@]}" \
    >>"$data_dir/logs/$service.log" 2>&1 &
  echo $! >"$run_dir/$service.pid"
done

export SAMSPAR_TLS_CA_FILE="$pki_dir/ca.pem"
for _ in $(seq 1 100); do
  if "$samspar" health >/dev/null 2>&1; then break; fi
  for pid_file in "$run_dir"/*.pid; do
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      name="$(basename "$pid_file" .pid)"
      echo "samspar: $name did not start; the end of $data_dir/logs/$name.log:" >&2
      tail -n 5 "$data_dir/logs/$name.log" >&2
      stop_all
      rm -f "$launcher_pid_file"
      exit 1
    fi
  done
  sleep 0.2
done

"$samspar" health || true
if ! "$repo/deploy/load-demo-roster.sh" "$samspar"; then
  echo "samspar: the demo roster did not load; see $data_dir/logs/roster.log" >&2
fi
if ! "$repo/deploy/load-demo-metrics.sh" "$samspar"; then
  echo "samspar: the demo KPI events did not load; see $data_dir/logs/metrics.log" >&2
fi
cat <<INFO

Samspår is running (Ctrl-C, or deploy/run.sh stop, shuts it down).
  service      gRPC               metrics and health
INFO
for service in "${services[@]}"; do
  printf '  %-12s 127.0.0.1:%-8s https://127.0.0.1:%s/metrics  /healthz\n' \
    "$service" "${grpc_port[$service]}" "${http_port[$service]}"
done
cat <<INFO
  redis        127.0.0.1:$redis_port
  data         $data_dir  (SQLite files, Redis files, logs/, pki/)

Every port speaks TLS with certificates of a local CA, and calls carry bearer
tokens of the local identity provider (both in $pki_dir). Try:
  export SAMSPAR_TLS_CA_FILE=$pki_dir/ca.pem
  export SAMSPAR_SIGNING_KEY_FILE=$pki_dir/token-signing-key.pem
  $samspar health
  $samspar --as=SE2321000057-1001 --roles=clinician token      # a 5-minute token
  $samspar --as=SE2321000057-1001 oncall bakjour                 # who is on call now
  $samspar --as=SE2321000057-D001 presence set available         # Dr Berg's app
  $samspar --as=SE2321000057-9100 --roles=region_admin coverage  # gaps in the next 14 days
  $samspar --as=SE2321000057-G001 --unit=SE2321000057-V001 consult ask --consult_track=acute --line=bakjour --question="Bröstsmärta, normalt EKG. Inläggning?"
  $samspar --as=SE2321000057-D001 consult offers                 # the on-call doctor's app
  $samspar --as=SE2321000057-9200 --roles=analyst kpi report --group_by=track  # this month's KPIs
  $samspar --as=SE2321000057-9200 --roles=analyst kpi dashboard               # a link for the browser
  curl -s --cacert $pki_dir/ca.pem https://127.0.0.1:9091/metrics | grep grpc_server_handled_total
  curl -s --cacert $pki_dir/ca.pem https://127.0.0.1:9091/healthz
  tail -f $data_dir/logs/roster.log
INFO

# Wait for Ctrl-C; if a process dies on its own, take the rest down with it.
wait -n || true
echo "samspar: a process stopped unexpectedly; see $data_dir/logs" >&2
stop_all
rm -f "$launcher_pid_file"
exit 1
