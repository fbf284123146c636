#!/usr/bin/env bash
# `make load`: the ingestion load test of issue 9, on 127.0.0.1 only, bounded in time.
# Makes keys for the 1-trace settlement circuit once (LOAD_DIR/keys), starts
# `settlement-agent serve` on a fresh database, and runs `settlement-load` twice: batched POSTs
# (LOAD_BATCH traces per request) and single-trace POSTs. Each run signs its traces before the
# timed phase, reports throughput and p50/p99 latency, and checks through GET /v1/traces that
# the agent stored exactly the traces it acknowledged (exit 1 otherwise).
set -euo pipefail
BIN=${BIN:-.build/release}
AGENT_BIN=${AGENT_BIN:-$BIN/settlement-agent}
LOAD_DIR=${LOAD_DIR:-.build/load}
PORT=${LOAD_PORT:-18089}
CLIENTS=${LOAD_CLIENTS:-3}
BATCH=${LOAD_BATCH:-10}
USERS=${LOAD_USERS:-200}
SECONDS_MAX=${LOAD_SECONDS:-20}
TOKEN="load-$(date +%s)-$$"

mkdir -p "$LOAD_DIR"
if [ ! -f "$LOAD_DIR/keys/circuit.zkey" ]; then
  echo "load: making keys for the 1-trace settlement circuit in $LOAD_DIR/keys (once)"
  "$BIN/settlement-agent" circuit export --traces 1 --out "$LOAD_DIR/settlement_1.r1cs" >/dev/null
  timeout 900 "$BIN/settlement-agent" setup --r1cs "$LOAD_DIR/settlement_1.r1cs" --out "$LOAD_DIR/keys" --quiet >/dev/null
fi
[ -f "$LOAD_DIR/keys/circuit.json" ] || echo '{"traces": 1}' > "$LOAD_DIR/keys/circuit.json"

rm -f "$LOAD_DIR"/agent.sqlite*
"$AGENT_BIN" serve --host 127.0.0.1 --port "$PORT" --data "$LOAD_DIR" --keys "$LOAD_DIR/keys" \
  --admin-token "$TOKEN" >"$LOAD_DIR/agent.log" 2>&1 &
AGENT=$!
trap 'kill "$AGENT" 2>/dev/null || true; wait "$AGENT" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  kill -0 "$AGENT" 2>/dev/null || { echo "load: the agent exited; see $LOAD_DIR/agent.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "load: the agent did not start" >&2; exit 1; }

echo "load: agent pid $AGENT on 127.0.0.1:$PORT, $(nproc) cores; load client shares them; load average $(cut -d' ' -f1-3 /proc/loadavg)"
run() {
  timeout $((SECONDS_MAX + 300)) "$BIN/settlement-load" --port "$PORT" --admin-token "$TOKEN" --seconds "$SECONDS_MAX" \
    --agent-pid "$AGENT" "$@"
}
run --label batched --clients "$CLIENTS" --batch "$BATCH" --users "$USERS" --traces-per-user "${LOAD_TRACES_PER_USER:-900}"
run --label single --clients "$((CLIENTS * 2))" --batch 1 --users "$USERS" --traces-per-user "$(( ${LOAD_TRACES_PER_USER:-900} * 2 / 5 ))" --first-user 100000
echo "load: agent peak RSS $(grep VmHWM /proc/$AGENT/status | awk '{print $2, $3}'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
