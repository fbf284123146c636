#!/usr/bin/env python3
"""`make bench`: our settlement-bench suites beside the peers of ../shared/peers, in one run.

Each Benchmarks/compare_*.py module defines `comparisons(ctx)`, a generator of table rows. The
context alternates our binary and the peer (the machine is noisy) and takes medians.
Environment: BIN (our release binaries), PY (the peers' python), PEERS (the peers' directory).
Rows are printed as a table and written to out/bench.jsonl.
"""
import importlib.util, json, os, pathlib, statistics, subprocess, sys

HERE = pathlib.Path(__file__).resolve().parent


class Context:
    def __init__(self):
        self.bin = os.environ.get("BIN", ".build/release")
        self.py = os.environ.get("PY", sys.executable)
        self.peers = os.environ.get("PEERS", "../shared/peers")
        self.rounds = int(os.environ.get("BENCH_ROUNDS", "3"))
        self.filter = os.environ.get("BENCH_ONLY", "")

    def ours(self, suite, *args):
        """Runs settlement-bench SUITE ARGS --json; returns the parsed JSON lines."""
        cmd = [f"{self.bin}/settlement-bench", suite, *map(str, args), "--json"]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return [json.loads(l) for l in out.splitlines() if l.startswith("{")]

    def peer(self, script, *args):
        """Runs a peer script with the peers' python; returns its JSON lines."""
        cmd = [self.py, f"{self.peers}/{script}", *map(str, args)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        return [json.loads(l) for l in out.splitlines() if l.startswith("{")]

    def alternate(self, ours, peer):
        """Calls ours() and peer() alternately `rounds` times; returns the two lists of results."""
        a, b = [], []
        for _ in range(self.rounds):
            a.append(ours())
            b.append(peer())
        return a, b


def median_of(results, key="median_s"):
    return statistics.median(r[key] for r in results)


def main():
    ctx = Context()
    rows = []
    out_dir = pathlib.Path("out"); out_dir.mkdir(exist_ok=True)
    for path in sorted(HERE.glob("compare_*.py")):
        if ctx.filter and ctx.filter not in path.stem:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
        for row in module.comparisons(ctx):
            rows.append(row)
            print(format_row(row), flush=True)
    with open(out_dir / "bench.jsonl", "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")


def format_row(r):
    def t(s):
        if s is None: return "-"
        return f"{s:.3f} s" if s >= 1 else f"{s * 1e3:.3f} ms" if s >= 1e-3 else f"{s * 1e6:.2f} µs"
    ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else "-"
    return (f"{r['what']:<28} ours(1t) {t(r.get('ours_1t')):>12}  {r.get('peer','peer')} {t(r.get('peer_s')):>12}  "
            f"ratio {ratio:>5}  ours(all cores) {t(r.get('ours_all')):>12}  peak {r.get('peak_rss_kb', 0) // 1024} MiB")


if __name__ == "__main__":
    main()
