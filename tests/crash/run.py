#!/usr/bin/env python3
"""Crash-recovery test of the settlement agent (issue 9), loopback only, bounded in time.

Makes keys for a small settlement circuit (cached under .build/crash-keys), starts
`settlement-agent serve` on a temporary data directory, drives signed trace ingestion,
settlement triggering and confirmation over HTTP, and SIGKILLs the agent at seeded random
moments -- during ingestion and during proving -- restarting it each time. Afterwards the
agent runs until every settlement is finished, stops gracefully, and the database is
checked:

  * every acknowledged trace is stored exactly once, under the acknowledged id, with the
    content that was sent; nothing is stored that was never sent;
  * no settlement is stuck: each is proved, confirmed or failed with a reason, no
    transition is left queued or proving, and every proof verifies (`groth16 verify`);
  * proofs interrupted by a kill were resumed (transitions proved after several attempts);
  * accounts agree with their traces (reserved fees, accepted nonce);
  * `PRAGMA integrity_check` and `PRAGMA foreign_key_check` pass.

Uses only the Python standard library. Builds nothing: `make crash` builds
.build/release/settlement-agent first. Exit status 0 when every check passes.
"""
import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

R = 21888242871839275222246405745257275088548364400416034343698204186575808495617
PROVIDER = "0x" + "0" * 39 + "2"  # serve's development default


def log(msg):
    print(msg, flush=True)


class Agent:
    """One `serve` process on the test's data directory; output appended to serve.log."""

    def __init__(self, binary, data, keys, port, token):
        self.binary, self.data, self.keys, self.port, self.token = binary, data, keys, port, token
        self.proc = None
        self.log_path = os.path.join(data, "serve.log")

    def start(self, timeout=60.0):
        out = open(self.log_path, "ab")
        out.write(b"\n=== start ===\n")
        out.flush()
        self.log_offset = out.tell()
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--data", self.data,
             "--keys", self.keys, "--admin-token", self.token],
            stdout=out, stderr=subprocess.STDOUT)
        out.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve exited with {self.proc.returncode}; see {self.log_path}")
            try:
                status, _ = http(self.port, "GET", "/healthz", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError(f"serve did not answer /healthz within {timeout} s")

    def output_since_start(self):
        with open(self.log_path, "rb") as f:
            f.seek(self.log_offset)
            return f.read().decode("utf-8", "replace")

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.kill()
            raise RuntimeError("serve did not stop within 120 s of SIGTERM")


def http(port, method, path, body=None, token=None, timeout=10.0):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, json.loads(resp.read() or b"null")
    except urllib.error.HTTPError as e:
        payload = e.read()
        try:
            return e.code, json.loads(payload)
        except ValueError:
            return e.code, payload.decode("utf-8", "replace")


def run_cli(binary, *args, stdin=None):
    p = subprocess.run([binary, *args], input=stdin, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"settlement-agent {' '.join(args[:2])} failed ({p.returncode}): {p.stderr.strip()}")
    return p.stdout


def make_keys(binary, cache, traces):
    """Keys for the settlement circuit of `traces` slots, made once and cached."""
    keys = os.path.join(cache, f"traces-{traces}")
    needed = ["circuit.json", "circuit.zkey", "verification_key.json", "Verifier.sol"]
    if all(os.path.exists(os.path.join(keys, n)) for n in needed):
        return keys
    os.makedirs(keys, exist_ok=True)
    started = time.monotonic()
    if "--traces" in run_cli(binary, "setup", "--help"):
        run_cli(binary, "setup", "--traces", str(traces), "--out", keys, "--quiet")
    else:
        r1cs = os.path.join(keys, "circuit.r1cs")
        run_cli(binary, "circuit", "export", "--traces", str(traces), "--out", r1cs)
        run_cli(binary, "setup", "--r1cs", r1cs, "--out", keys, "--quiet")
    if not os.path.exists(os.path.join(keys, "circuit.json")):
        with open(os.path.join(keys, "circuit.json"), "w") as f:
            json.dump({"traces": traces}, f)
    log(f"keys for {traces} traces per proof made in {time.monotonic() - started:.1f} s ({keys})")
    return keys


def sign_traces(binary, users, per_user, rng):
    """Pre-signs `per_user` traces (nonces 1...) for each user: one `trace sign` of an array per user."""
    for u in users:
        unsigned = [{"user": u["address"], "provider": PROVIDER, "nonce": str(nonce),
                     "fee": str(rng.randint(1, 1000)), "requestHash": str(rng.randrange(R))}
                    for nonce in range(1, per_user + 1)]
        u["unsigned"] = json.dumps(unsigned)

    def sign(u):
        return json.loads(run_cli(binary, "trace", "sign", "--trace", "-", "--private-key", u["privateKey"],
                                  stdin=u["unsigned"]))

    with ThreadPoolExecutor(max_workers=2) as pool:
        for u, signed in zip(users, pool.map(sign, users)):
            u["traces"] = signed


class Client:
    """Submits each user's traces in nonce order, single or batched, and records what the
    agent acknowledged. A request that gets no answer (the agent was killed) leaves its
    traces unacknowledged; they are sent again after the restart, as a real client would."""

    def __init__(self, users, rng):
        self.users = users
        self.rng = rng
        self.next = {u["address"]: 0 for u in users}
        # End of the furthest batch sent per user: what the agent may have stored.
        self.attempted = {u["address"]: 0 for u in users}
        self.duplicates = 0
        self.acked = {}  # (user, nonce) -> (id, trace)
        self.unanswered = 0
        self.errors = []
        self.lock = threading.Lock()

    def remaining(self):
        return sum(len(u["traces"]) - self.next[u["address"]] for u in self.users)

    def run(self, port, stop, pace, requests=None, resend_only=False):
        """Sends until `stop` is set, the agent stops answering, all traces are sent, or
        `requests` requests were made. With `resend_only`, sends only the traces of requests
        that got no answer."""
        while not stop.is_set() and (requests is None or requests > 0):
            if requests is not None:
                requests -= 1
            limit = self.attempted if resend_only else {u["address"]: len(u["traces"]) for u in self.users}
            open_users = [u for u in self.users if self.next[u["address"]] < limit[u["address"]]]
            if not open_users:
                return
            u = self.rng.choice(open_users)
            start = self.next[u["address"]]
            count = 1 if self.rng.random() < 0.7 else self.rng.randint(2, 4)
            batch = u["traces"][start:min(start + count, limit[u["address"]])]
            self.attempted[u["address"]] = max(self.attempted[u["address"]], start + len(batch))
            try:
                if len(batch) == 1:
                    status, body = http(port, "POST", "/v1/traces", batch[0], timeout=30)
                    results = [body] if status in (200, 201) else None
                else:
                    status, body = http(port, "POST", "/v1/traces", {"traces": batch}, timeout=30)
                    results = body.get("results") if status == 200 else None
            except OSError:
                self.unanswered += 1
                return
            finally:
                self.duplicates = 0
            if results is None:
                self.errors.append(f"POST /v1/traces for {u['address']} nonce {start + 1}: {status} {body}")
                return
            with self.lock:
                for trace, result in zip(batch, results):
                    if result.get("status") not in ("accepted", "duplicate"):
                        self.errors.append(f"trace {u['address']} nonce {trace['nonce']} refused: {result}")
                        return
                    self.duplicates += result["status"] == "duplicate"
                    key = (trace["user"], int(trace["nonce"]))
                    previous = self.acked.get(key)
                    if previous and previous[0] != result["id"]:
                        self.errors.append(f"trace {key} acknowledged as id {previous[0]} and then {result['id']}")
                    self.acked[key] = (result["id"], trace)
                    self.next[u["address"]] += 1
            time.sleep(pace)


def settlement_status(port, sid):
    status, body = http(port, "GET", f"/v1/settlements/{sid}", timeout=10)
    return body if status == 200 else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=".build/release/settlement-agent")
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--traces", type=int, default=2, help="trace slots per proof (the circuit's L)")
    ap.add_argument("--users", type=int, default=4)
    ap.add_argument("--per-user", type=int, default=400, help="signed traces per user (an upper bound)")
    ap.add_argument("--keys-cache", default=".build/crash-keys")
    ap.add_argument("--keep", action="store_true", help="keep the data directory")
    ap.add_argument("--time-limit", type=float, default=540.0, help="seconds for the whole run")
    args = ap.parse_args()

    t0 = time.monotonic()
    rng = random.Random(args.seed)
    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        sys.exit(f"{binary} is missing: build it with `swift build -c release --product settlement-agent`")
    keys = make_keys(binary, os.path.abspath(args.keys_cache), args.traces)
    data = tempfile.mkdtemp(prefix="settlement-crash-")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "crash-test-" + "%032x" % rng.getrandbits(128)
    agent = Agent(binary, data, keys, port, token)
    try:  # Cached keys an older build made may not suit this one: make them again once.
        agent.start()
        agent.stop()
    except RuntimeError as e:
        log(f"the cached keys do not serve ({e}); making them again")
        if agent.proc.poll() is None:
            agent.kill()
        subprocess.run(["rm", "-rf", keys])
        keys = agent.keys = make_keys(binary, os.path.abspath(args.keys_cache), args.traces)

    users = []
    for i in range(args.users):
        key = json.loads(run_cli(binary, "eddsa", "keygen", "--json"))
        users.append({"address": "0x%040x" % (0xC0FFEE00 + i), "privateKey": key["privateKey"],
                      "publicKey": key["publicKey"]})
    started = time.monotonic()
    sign_traces(binary, users, args.per_user, rng)
    log(f"signed {args.users * args.per_user} traces in {time.monotonic() - started:.1f} s; data in {data}")

    client = Client(users, rng)
    settlements = []  # ids the agent acknowledged
    confirmed = set()
    kills = {"proof in progress": 0, "request in flight": 0, "neither": 0}
    killed = 0
    resumed_at_start = 0
    registered = set()
    proof_seconds = 3.0
    start_seconds = []

    def register_accounts():
        for u in users:
            if u["address"] in registered:
                continue
            status, body = http(port, "POST", "/v1/accounts", {
                "user": u["address"], "signerKey": u["publicKey"], "balance": str(10**15), "nonce": "0"}, token=token)
            if status in (200, 201):
                registered.add(u["address"])
            else:
                raise RuntimeError(f"POST /v1/accounts {u['address']}: {status} {body}")

    def trigger_settlement():
        status, body = http(port, "POST", "/v1/settlements", {}, token=token, timeout=30)
        if status == 202:
            settlements.append(body["settlement"]["id"])
            return body["settlement"]["id"]
        if status not in (200, 503):
            client.errors.append(f"POST /v1/settlements: {status} {body}")
        return None

    def confirm_proved():
        """Confirms proved settlements in id order (stops at the first that is not done)."""
        for sid in sorted(settlements):
            if sid in confirmed:
                continue
            s = settlement_status(port, sid)
            if s is None:
                return
            if s["status"] == "failed":
                confirmed.add(sid)
                continue
            if s["status"] != "proved":
                return
            status, body = http(port, "POST", f"/v1/settlements/{sid}/confirm",
                                {"txHash": "0x%064x" % sid, "stage": "confirmed"}, token=token)
            if status == 200:
                confirmed.add(sid)
            else:
                client.errors.append(f"confirm settlement {sid}: {status} {body}")
                return

    for cycle in range(args.kills):
        if time.monotonic() - t0 > args.time_limit:
            log(f"time limit reached after {cycle} kills")
            break
        started = time.monotonic()
        agent.start()
        start_seconds.append(time.monotonic() - started)
        out = agent.output_since_start()
        if "resuming" in out:
            resumed_at_start += 1
        register_accounts()
        # Learn settlements created in a request whose answer was lost to a kill.
        probe = (max(settlements) if settlements else 0) + 1
        while settlement_status(port, probe) is not None:
            settlements.append(probe)
            probe += 1
        stop = threading.Event()
        during_proving = rng.random() < 0.5
        # Ingestion cycles send until the kill; proving cycles send a few requests beside the proofs.
        sender = threading.Thread(target=client.run, args=(port, stop, rng.uniform(0, 0.01),
                                                           rng.randint(1, 4) if during_proving else None))
        sender.start()
        if rng.random() < 0.3:
            confirm_proved()
        if during_proving:
            sid = trigger_settlement() or (settlements[-1] if settlements else None)
            deadline = time.monotonic() + 20
            proving = False
            while sid is not None and time.monotonic() < deadline:
                s = settlement_status(port, sid)
                if s and any(t["status"] == "proving" for t in s["transitions"]):
                    proving = True
                    break
                if not s or s["status"] not in ("queued", "proving"):
                    break
                time.sleep(0.02)
            time.sleep(rng.uniform(0, proof_seconds))
        else:
            if rng.random() < 0.5:
                trigger_settlement()
            time.sleep(rng.uniform(0.01, 0.15))
        # Which moment the kill hits: a proof under way, traces in flight, or neither.
        busy = [settlement_status(port, sid) for sid in settlements[-3:]]
        proving_now = any(s and any(t["status"] == "proving" for t in s["transitions"]) for s in busy)
        for s in busy:
            for t in (s or {}).get("transitions", []):
                if t["status"] == "proved" and "total" in t["timings"]:
                    proof_seconds = max(0.5, t["timings"]["total"] * 1.2)
        unanswered = client.unanswered
        agent.kill()
        killed += 1
        stop.set()
        sender.join()
        in_request = client.unanswered > unanswered
        kills["proof in progress"] += proving_now
        kills["request in flight"] += in_request
        kills["neither"] += not (proving_now or in_request)
        if killed % 10 == 0:
            log(f"{killed} kills ({kills}); {len(client.acked)} traces acknowledged, "
                f"{len(settlements)} settlements, {time.monotonic() - t0:.0f} s")

    # Recovery: run undisturbed until every trace is in and every settlement is finished.
    log("recovery run: sending the rest, settling everything")
    agent.start()
    if "resuming" in agent.output_since_start():
        resumed_at_start += 1
    register_accounts()
    probe = (max(settlements) if settlements else 0) + 1
    while settlement_status(port, probe) is not None:
        settlements.append(probe)
        probe += 1
    client.run(port, threading.Event(), 0.0, resend_only=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        open_settlements = [sid for sid in settlements
                            if (settlement_status(port, sid) or {}).get("status") in ("queued", "proving")]
        if not open_settlements:
            status, pending = http(port, "GET", "/v1/traces?status=pending&limit=1")
            if not pending["traces"]:
                break
            trigger_settlement()
        time.sleep(0.2)
    confirm_proved()
    agent.stop()

    failures = list(client.errors)
    failures += check_database(os.path.join(data, "agent.sqlite"), client, users, binary, keys, data)
    restarts = killed + 1
    db = sqlite3.connect(os.path.join(data, "agent.sqlite"))
    counts = dict(db.execute("SELECT status, COUNT(*) FROM trace GROUP BY status").fetchall())
    scounts = dict(db.execute("SELECT status, COUNT(*) FROM settlement GROUP BY status").fetchall())
    resumed = db.execute("SELECT COUNT(*) FROM transition WHERE status = 'proved' AND attempts > 1").fetchone()[0]
    transitions = db.execute("SELECT COUNT(*) FROM transition").fetchone()[0]
    db.close()
    log(json.dumps({
        "kills": killed, "kill_moments": kills, "restarts": restarts, "seed": args.seed,
        "traces_signed": args.users * args.per_user, "traces_acknowledged": len(client.acked),
        "requests_unanswered": client.unanswered,
        "stored_before_kill_then_resent_as_duplicate": client.duplicates, "traces_by_status": counts,
        "settlements_by_status": scounts, "transitions": transitions,
        "starts_resuming_interrupted_proofs": resumed_at_start,
        "transitions_proved_after_interruption": resumed,
        "median_start_s": round(sorted(start_seconds)[len(start_seconds) // 2], 3) if start_seconds else None,
        "seconds": round(time.monotonic() - t0, 1), "failures": len(failures)}, sort_keys=True))
    for f in failures[:50]:
        log("FAIL: " + f)
    if not failures and not args.keep:
        subprocess.run(["rm", "-rf", data])
    sys.exit(1 if failures else 0)


def check_database(path, client, users, binary, keys, data):
    failures = []
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    integrity = [r[0] for r in db.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        failures.append(f"integrity_check: {integrity}")
    fk = db.execute("PRAGMA foreign_key_check").fetchall()
    if fk:
        failures.append(f"foreign_key_check: {len(fk)} violations")

    sent = {(u["address"], int(t["nonce"])): t for u in users for t in u["traces"][:client.attempted[u["address"]]]}
    rows = db.execute("SELECT * FROM trace").fetchall()
    by_key = {}
    for row in rows:
        key = (row["user"], int(row["nonce"]))
        by_key.setdefault(key, []).append(row)
        t = sent.get(key)
        if t is None:
            failures.append(f"trace {key} stored but never sent")
            continue
        stored = (row["fee"], row["request_hash"], row["r8x"], row["r8y"], row["s"], row["provider"])
        expected = (t["fee"], t["requestHash"], t["signature"]["R8"][0], t["signature"]["R8"][1], t["signature"]["S"],
                    t["provider"])
        if stored != expected:
            failures.append(f"trace {key} stored with other content")
    for key, (tid, _) in client.acked.items():
        found = by_key.get(key, [])
        if len(found) != 1:
            failures.append(f"acknowledged trace {key} stored {len(found)} times")
        elif found[0]["id"] != tid:
            failures.append(f"acknowledged trace {key} acknowledged as id {tid}, stored as {found[0]['id']}")
    for row in rows:
        if row["status"] == "rejected":
            failures.append(f"trace {row['id']} rejected: {row['reason']}")
        if row["status"] == "pending" and row["transition_id"] is not None:
            failures.append(f"pending trace {row['id']} still refers to transition {row['transition_id']}")
        if row["status"] == "pending":
            failures.append(f"trace {row['id']} still pending after the recovery run")

    for s in db.execute("SELECT * FROM settlement"):
        if s["status"] in ("queued", "proving"):
            failures.append(f"settlement {s['id']} stuck in {s['status']}")
        if s["status"] == "failed" and not s["error"]:
            failures.append(f"settlement {s['id']} failed without a reason")
    for t in db.execute("SELECT t.*, s.status AS s_status FROM transition t JOIN settlement s ON s.id = t.settlement_id"):
        if t["status"] in ("queued", "proving"):
            failures.append(f"transition {t['id']} stuck in {t['status']}")
        n = db.execute("SELECT COUNT(*) FROM trace WHERE transition_id = ?", (t["id"],)).fetchone()[0]
        if t["s_status"] != "failed" and n != t["trace_count"]:
            failures.append(f"transition {t['id']} has {n} traces, expected {t['trace_count']}")
        if t["status"] == "proved" and db.execute("SELECT COUNT(*) FROM proof WHERE transition_id = ?",
                                                  (t["id"],)).fetchone()[0] != 1:
            failures.append(f"proved transition {t['id']} has no proof")
    for row in rows:
        if row["status"] in ("batched", "settled"):
            s = db.execute("SELECT s.status FROM transition t JOIN settlement s ON s.id = t.settlement_id WHERE t.id = ?",
                           (row["transition_id"],)).fetchone()
            if s is None or s[0] == "failed":
                failures.append(f"{row['status']} trace {row['id']} is in no live settlement")
            elif (row["status"] == "settled") != (s[0] == "confirmed"):
                failures.append(f"trace {row['id']} is {row['status']} in a {s[0]} settlement")

    for a in db.execute("SELECT * FROM account"):
        fees = db.execute("SELECT fee, nonce, status FROM trace WHERE user = ?", (a["user"],)).fetchall()
        reserved = sum(int(f["fee"]) for f in fees if f["status"] in ("pending", "batched"))
        if int(a["reserved"]) != reserved:
            failures.append(f"account {a['user']}: reserved {a['reserved']}, its open traces' fees sum to {reserved}")
        accepted = max([int(a["nonce"])] + [int(f["nonce"]) for f in fees if f["status"] != "rejected"])
        if int(a["accepted_nonce"]) != accepted:
            failures.append(f"account {a['user']}: accepted nonce {a['accepted_nonce']}, its traces reach {accepted}")
        settled = sum(int(f["fee"]) for f in fees if f["status"] == "settled")
        if int(a["balance"]) != 10**15 - settled:
            failures.append(f"account {a['user']}: balance {a['balance']}, expected {10**15 - settled}")

    proofs = db.execute("SELECT transition_id, proof_json, public_json FROM proof").fetchall()
    work = os.path.join(data, "verify")
    os.makedirs(work, exist_ok=True)

    def verify(p):
        pf, pub = os.path.join(work, f"{p[0]}.proof.json"), os.path.join(work, f"{p[0]}.public.json")
        with open(pf, "w") as f:
            f.write(p[1])
        with open(pub, "w") as f:
            f.write(p[2])
        r = subprocess.run([binary, "groth16", "verify", "--vkey", os.path.join(keys, "verification_key.json"),
                            "--proof", pf, "--public", pub], capture_output=True, text=True)
        return None if r.returncode == 0 else f"proof of transition {p[0]} does not verify: {r.stdout}{r.stderr}"

    with ThreadPoolExecutor(max_workers=2) as pool:
        failures += [f for f in pool.map(verify, proofs) if f]
    db.close()
    return failures


if __name__ == "__main__":
    main()
