#!/usr/bin/env python3
"""The Python call against the CLI's solve on one 10^6-buffer problem (issue 19's measure):
    PYTHONPATH=build/python /usr/bin/python3 python/tests/bench_vs_cli.py [build/tela] [--repeat 7]
For each algorithm, in rounds (the CLI, then Python, so that both see the machine's load as it
varies): the CLI's solve time (`tela bench`, a process of its own per round), the wall time of
`tela.solve(lower, upper, size, ...)` from NumPy arrays (which includes building the core's
record per buffer) with the solve's own time inside it and the rest (the call's wall time less
the solve's own time, round by round: building the problem, the thread, the peak, the offsets
out, freeing the problem), and the wall time of `tela.solve(problem)` on a Problem built once.
Each cell is the median and, in brackets, the minimum over the rounds; the ratios to the CLI are
the ratio of the medians and of the minimums. On a loaded machine the solves themselves vary
(the CLI's and Python's run at different moments), so the call's wall time over its own solve,
round by round, is shown too: what the Python call adds to the same solve. The first call from
arrays in the process (the first round's best-fit) is also shown alone: it faults in a fresh
block for the records, which later calls reuse."""
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
    parser.add_argument("--repeat", type=int, default=7)
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
    rows = {algo: {"cli": [], "arrays": [], "inner": [], "around": [], "call/solve": [],
                   "problem": []}
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
            row["call/solve"].append(seconds / result.seconds)
            row["problem"].append(timed(lambda: tela.solve(problem, algo=algo, timeout=0))[0])
    print(f"{args.count} buffers (ml, seed 1), capacity {capacity}, {args.repeat} rounds: "
          "median (minimum)")
    print("| algorithm | CLI solve | tela.solve(arrays) | of which the solve | the rest |"
          " call / its solve | ratio to CLI | tela.solve(problem) | ratio to CLI |")
    print("|---|---|---|---|---|---|---|---|---|")
    for algo in algos:
        med = {k: statistics.median(v) for k, v in rows[algo].items()}
        low = {k: min(v) for k, v in rows[algo].items()}
        cell = lambda k: f"{med[k]:.3f} s ({low[k]:.3f} s)"
        ratio = lambda k: f"{med[k] / med['cli']:.2f} ({low[k] / low['cli']:.2f})"
        print(f"| {algo} | {cell('cli')} | {cell('arrays')} | {cell('inner')} | {cell('around')} "
              f"| {med['call/solve']:.2f} ({low['call/solve']:.2f}) | {ratio('arrays')} "
              f"| {cell('problem')} | {ratio('problem')} |")
    first = rows[algos[0]]
    print(f"The first tela.solve(arrays) in this process ({algos[0]}, round 1): "
          f"{first['arrays'][0]:.3f} s, of which the solve {first['inner'][0]:.3f} s; "
          f"that round's CLI solve {first['cli'][0]:.3f} s")


if __name__ == "__main__":
    main()
