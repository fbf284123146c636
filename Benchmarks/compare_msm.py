"""MSM and NTT rows for `make bench` (see run.py): our settlement-bench suites `msm-g1`,
`msm-g2` and `ntt` against mcl's mulVec (../shared/peers/mcl.py, one thread).

MSM rows alternate ours at --threads 1, mcl and ours on all cores, round after round
(ctx.rounds rounds; medians of the per-process medians), so the three see the same load on
a shared machine. NTT rows have no peer: ours at one thread and on all cores, alternated.
Set MSM_SIZES_G1 / MSM_SIZES_G2 / NTT_SIZES (comma-separated log sizes) to override the sizes.
"""
import os
import statistics

G1_SIZES = [12, 14, 16, 18, 20]
G2_SIZES = [12, 14, 16, 18]
NTT_SIZES = [14, 16, 18, 20, 22]


def sizes(name, default):
    text = os.environ.get(name, "")
    return [int(k) for k in text.split(",")] if text else default


def runs_for(k):
    """Timed runs per process: several for small sizes, fewer where one run takes seconds."""
    return 5 if k <= 14 else 3 if k <= 18 else 1


def median(results):
    return statistics.median(r["median_s"] for r in results)


def msm_rows(ctx, group, ks):
    suite = f"msm-{group}"
    for k in ks:
        runs = runs_for(k)
        ours, peer, all_cores = [], [], []
        for _ in range(ctx.rounds):
            ours.append(ctx.ours(suite, "--log-size", k, "--threads", 1, "--runs", runs)[0])
            peer.append(ctx.peer("mcl.py", "msm", "--group", group, "--log-size", k, "--runs", runs)[0])
            all_cores.append(ctx.ours(suite, "--log-size", k, "--runs", runs)[0])
        ours_1t, peer_s = median(ours), median(peer)
        yield {
            "what": f"{suite} 2^{k}",
            "ours_1t": ours_1t,
            "peer": "mcl",
            "peer_s": peer_s,
            "ratio": ours_1t / peer_s,
            "ours_all": median(all_cores),
            "threads_all": all_cores[0]["threads"],
            "peak_rss_kb": max(r["peak_rss_kb"] for r in ours + all_cores),
        }


def ntt_rows(ctx, ks):
    for k in ks:
        runs = runs_for(k)
        one, every = [], []
        for _ in range(ctx.rounds):
            one.append(ctx.ours("ntt", "--log-size", k, "--threads", 1, "--runs", runs))
            every.append(ctx.ours("ntt", "--log-size", k, "--runs", runs))
        for name in ("forward", "inverse", "coset-forward"):
            pick = lambda lines: next(r for r in lines if r["name"] == name)
            yield {
                "what": f"ntt {name} 2^{k}",
                "ours_1t": median([pick(lines) for lines in one]),
                "ours_all": median([pick(lines) for lines in every]),
                "threads_all": every[0][0]["threads"],
                "peak_rss_kb": max(pick(lines)["peak_rss_kb"] for lines in one + every),
            }


def comparisons(ctx):
    yield from msm_rows(ctx, "g1", sizes("MSM_SIZES_G1", G1_SIZES))
    yield from msm_rows(ctx, "g2", sizes("MSM_SIZES_G2", G2_SIZES))
    yield from ntt_rows(ctx, sizes("NTT_SIZES", NTT_SIZES))
