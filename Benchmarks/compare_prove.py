"""Groth16 proving rows for `make bench` (see run.py): our settlement-bench suites against
arkworks (../shared/peers/arkworks.py: groth16py, Rust, one thread) on the very same .r1cs and
.wtns, which our suites export (`--export DIR`).

- `prove 2^K`: a chain of 2^K - 8 squarings (PROVE_SIZES, default 14,16,18).
- `settlement L=…`: one account's settlement proof of L signed traces (SETTLEMENT_TRACES,
  default 4,16); ours includes computing the witness, arkworks reads it from the .wtns.

Each round runs ours at --threads 1, arkworks, then ours on all cores; medians over rounds.
"""
import os
import statistics
import tempfile

PROVE_SIZES = [14, 16, 18]
SETTLEMENT_TRACES = [4, 16]


def sizes(name, default):
    text = os.environ.get(name, "")
    return [int(k) for k in text.split(",")] if text else default


def row(ctx, what, suite, args, r1cs, wtns, runs):
    ours, peer, every = [], [], []
    for _ in range(ctx.rounds):
        ours.append(ctx.ours(suite, *args, "--threads", 1, "--runs", runs)[0])
        peer.append(next(r for r in ctx.peer("arkworks.py", "prove", "--r1cs", r1cs, "--wtns", wtns, "--runs", runs)
                         if r["suite"] == "groth16-prove"))
        every.append(ctx.ours(suite, *args, "--runs", runs)[0])
    ours_1t = statistics.median(r["median_s"] for r in ours)
    peer_s = statistics.median(r["median_s"] for r in peer)
    return {
        "what": what,
        "ours_1t": ours_1t,
        "peer": "arkworks",
        "peer_s": peer_s,
        "ratio": ours_1t / peer_s,
        "ours_all": statistics.median(r["median_s"] for r in every),
        "threads_all": every[0]["threads"],
        "peak_rss_kb": max(r["peak_rss_kb"] for r in ours + every),
    }


def comparisons(ctx):
    with tempfile.TemporaryDirectory(prefix="bench-prove-") as tmp:
        for k in sizes("PROVE_SIZES", PROVE_SIZES):
            d = f"{tmp}/chain-{k}"
            ctx.ours("prove", "--log-size", k, "--runs", 1, "--export", d)
            yield row(ctx, f"prove 2^{k} (chain)", "prove", ["--log-size", k], f"{d}/chain.r1cs", f"{d}/chain.wtns",
                      3 if k <= 16 else 1)
        for l in sizes("SETTLEMENT_TRACES", SETTLEMENT_TRACES):
            d = f"{tmp}/settlement-{l}"
            ctx.ours("settlement", "--traces", l, "--runs", 1, "--export", d)
            yield row(ctx, f"settlement L={l}", "settlement", ["--traces", l], f"{d}/settlement.r1cs",
                      f"{d}/settlement.wtns", 3)
