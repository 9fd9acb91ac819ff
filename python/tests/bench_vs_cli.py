#!/usr/bin/env python3
"""The Python call against the CLI's solve on one 10^6-buffer problem (issue 19's measure):
    PYTHONPATH=build/python /usr/bin/python3 python/tests/bench_vs_cli.py [build/tela] [--repeat 5]
For each algorithm, in rounds (the CLI, then Python, as the machine's load varies): the CLI's
solve time (`tela bench`), the wall time of `tela.solve(lower, upper, size, ...)` from NumPy
arrays (which includes building the core's record per buffer) with the solve's own time inside
it and the rest (the call's wall time less the solve's own time, round by round: building the
problem, the thread, the peak, the offsets out, freeing the problem), and the wall time of
`tela.solve(problem)` on a Problem built once; medians."""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

import tela


def cli_solve_seconds(cli, path, capacity, algos, repeat):
    # --timeout 0, as the Python calls below: the same options, so the same work (with a limit,
    # the algorithms also watch the clock).
    out = subprocess.run([cli, "bench", path, "--capacity", str(capacity), "--algo",
                          ",".join(algos), "--repeat", str(repeat), "--timeout", "0"],
                         capture_output=True, text=True, check=True).stdout
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in out.splitlines()
            if line.startswith("|")]
    header, times = rows[0], {}
    for row in rows[2:]:
        value, unit = row[header.index("solve")].split()
        times[row[header.index("algorithm")]] = float(value) * {"s": 1, "ms": 1e-3, "us": 1e-6}[unit]
    return times


def timed(call):
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli", nargs="?", default="build/tela")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000000)
    args = parser.parse_args()
    capacity = 100000000
    algos = ["best-fit", "greedy"]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.csv")
        subprocess.run([args.cli, "generate", "--kind", "ml", "--count", str(args.count), "--seed",
                        "1", "-o", path], check=True, capture_output=True)
        problem = tela.Problem.from_csv(path, capacity=capacity)
        measure(args, path, capacity, algos, problem)


def measure(args, path, capacity, algos, problem):
    lower, upper, size = problem.lower, problem.upper, problem.size
    # The machine is shared and noisy: each round runs the CLI and both Python calls in turn.
    rows = {algo: {"cli": [], "arrays": [], "inner": [], "around": [], "problem": []}
            for algo in algos}
    for _ in range(args.repeat):
        for algo in algos:
            row = rows[algo]
            row["cli"].append(cli_solve_seconds(args.cli, path, capacity, [algo], 1)[algo])
            seconds, result = timed(lambda: tela.solve(lower, upper, size, capacity, algo=algo,
                                                       timeout=0))
            row["arrays"].append(seconds)
            row["inner"].append(result.seconds)
            row["around"].append(seconds - result.seconds)
            row["problem"].append(timed(lambda: tela.solve(problem, algo=algo, timeout=0))[0])
    print(f"{args.count} buffers (ml, seed 1), capacity {capacity}, median of {args.repeat}")
    print("| algorithm | CLI solve | tela.solve(arrays) | of which the solve | the rest |"
          " ratio to CLI | tela.solve(problem) | ratio to CLI |")
    print("|---|---|---|---|---|---|---|---|")
    for algo in algos:
        m = {k: statistics.median(v) for k, v in rows[algo].items()}
        print(f"| {algo} | {m['cli']:.3f} s | {m['arrays']:.3f} s | {m['inner']:.3f} s | "
              f"{m['around']:.3f} s | {m['arrays'] / m['cli']:.2f} | {m['problem']:.3f} s | {m['problem'] / m['cli']:.2f} |")


if __name__ == "__main__":
    main()
