"""`make bench` rows for the pairing: ours (settlement-bench pairing, one thread) against mcl
(../shared/peers/mcl.py pairing), run alternately in the same process tree; medians of the
per-round medians. Rows: "pairing" (one pairing) and "pairing-check-4" (a product of 4
pairings with one final exponentiation), ratio = ours / mcl."""
import statistics

RUNS = 100  # single-operation timings per round, on both sides
NAMES = ("pairing", "pairing-check-4")


def comparisons(ctx):
    ours, mcl = ctx.alternate(
        lambda: ctx.ours("pairing", "--threads", 1, "--runs", RUNS),
        lambda: ctx.peer("mcl.py", "pairing", "--runs", RUNS),
    )
    # The pairing is single-threaded; the all-core figure is the same code under the default
    # thread count, measured once for the table.
    all_cores = {r["name"]: r for r in ctx.ours("pairing", "--runs", RUNS)}
    for name in NAMES:
        ours_s = statistics.median(r["median_s"] for rnd in ours for r in rnd if r["name"] == name)
        mcl_s = statistics.median(r["median_s"] for rnd in mcl for r in rnd if r["suite"] == name)
        yield {
            "what": name,
            "ours_1t": ours_s,
            "peer": "mcl",
            "peer_s": mcl_s,
            "ratio": ours_s / mcl_s,
            "ours_all": all_cores[name]["median_s"],
            "peak_rss_kb": max(r["peak_rss_kb"] for rnd in ours for r in rnd if r["name"] == name),
        }
