# The Python API against build/tela: the same answers on the examples and on random problems,
# the same messages on bad input, and the parts only Python has (arrays, GIL, Ctrl+C).
import csv
import io
import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import tela
from conftest import CLI, EXAMPLES, SOURCE, run_cli

EXAMPLE_CAPACITIES = {"input.12.csv": 12, "backtracks.csv": 6, "fits-but-infeasible.csv": 3}
DETERMINISTIC = ["best-fit", "greedy", "telamalloc", "exact", "auto"]


def cli_offsets(problem_path, capacity, algo, flags=()):
    """What `tela solve` answers, with these flags: (exit code, offsets in file order or None,
    stderr)."""
    code, out, err = run_cli("solve", problem_path, "--capacity", capacity, "--algo", algo, *flags)
    if code != 0:
        return code, None, err
    rows = list(csv.DictReader(io.StringIO(out)))
    return code, np.array([int(r["offset"]) for r in rows], dtype=np.int64), err


def write_csv(path, lower, upper, size, alignment=None, offset=None):
    with open(path, "w") as f:
        f.write("id,lower,upper,size" + (",alignment" if alignment is not None else "") +
                (",offset" if offset is not None else "") + "\n")
        for i in range(len(lower)):
            row = [str(i), str(lower[i]), str(upper[i]), str(size[i])]
            if alignment is not None:
                row.append(str(alignment[i]))
            if offset is not None:
                row.append("" if offset[i] == -1 else str(offset[i]))
            f.write(",".join(row) + "\n")


@pytest.mark.parametrize("name", sorted(EXAMPLE_CAPACITIES))
@pytest.mark.parametrize("algo", DETERMINISTIC)
def test_examples_match_the_cli(name, algo):
    path = EXAMPLES / name
    capacity = EXAMPLE_CAPACITIES[name]
    problem = tela.Problem.from_csv(str(path), capacity=capacity)
    result = tela.solve(problem, algo=algo)
    code, offsets, err = cli_offsets(path, capacity, algo)
    assert (result.status == "solved") == (code == 0), err
    if code == 0:
        assert np.array_equal(result.offsets, offsets)
        assert tela.validate(problem, offsets=result.offsets).ok
        assert result.peak == max(result.offsets + problem.size)
    else:
        assert ("proven infeasible" in err and "not proven" not in err) == result.proven


def test_problem_from_csv_reads_the_file():
    p = tela.Problem.from_csv(str(EXAMPLES / "input.12.csv"))
    assert p.capacity == 12  # from the file's name, as the CLI takes it
    assert len(p) == 5 and p.ids[0] == "b1"
    assert p.lower.dtype == np.int64 and list(p.size) == [4, 4, 4, 4, 4]
    assert tela.lower_bound(p) == 12
    f = tela.Problem.from_csv(str(EXAMPLES / "fits-but-infeasible.csv"), capacity=3)
    assert (f.offset >= -1).all() and (f.offset >= 0).any()


def random_problem(rng, n, with_alignment=False):
    lower = rng.integers(0, 50, n)
    upper = lower + rng.integers(1, 20, n)
    size = rng.integers(0, 64, n)
    alignment = 2 ** rng.integers(0, 4, n) if with_alignment else None
    return lower, upper, size, alignment


@pytest.mark.parametrize("seed", range(8))
def test_random_problems_match_the_cli(tmp_path, seed):
    rng = np.random.default_rng(seed)
    lower, upper, size, alignment = random_problem(rng, int(rng.integers(1, 60)), seed % 2 == 1)
    bound = tela.lower_bound(lower, upper, size)
    capacity = int(bound * 1.2) + 64
    path = tmp_path / "p.csv"
    write_csv(path, lower, upper, size, alignment)
    for algo in ["best-fit", "greedy", "auto"]:
        r = tela.solve(lower, upper, size, capacity, algo=algo, alignment=alignment)
        code, offsets, err = cli_offsets(path, capacity, algo)
        assert (r.status == "solved") == (code == 0), err
        if code == 0:
            assert np.array_equal(r.offsets, offsets), algo
            v = tela.validate(lower, upper, size, capacity, offsets=r.offsets, alignment=alignment)
            assert v.ok, v.text
    # Lists work as arrays do.
    listed = tela.solve(list(lower), list(upper), list(size), capacity, algo="greedy",
                        alignment=None if alignment is None else list(alignment))
    assert listed.status == "solved"


def test_minimize_and_explain_match_the_cli():
    path = EXAMPLES / "input.12.csv"
    p = tela.Problem.from_csv(str(path))
    m = tela.minimize(p)
    _, _, err = run_cli("minimize", path, "-o", os.devnull)
    assert m.status == "solved" and f"capacity {m.capacity} (proven minimal" in err and m.proven
    assert m.lower_bound == 12 and tela.validate(p, capacity=m.capacity, offsets=m.offsets).ok
    e = tela.explain(p, capacity=11)
    code, out, _ = run_cli("explain", path, "--capacity", 11)
    assert code == 0 and e.status == "infeasible" and e.minimal
    ids = [p.ids[i] for i in e.buffers]
    assert f"these {len(ids)} buffers cannot fit together" in out
    for buffer_id in ids:
        assert f"  {buffer_id}  live" in out
    assert len(e.collisions["load"]) > 0 and e.collisions["load"].max() > 11
    fits = tela.explain(p, capacity=12)
    assert fits.status == "solved" and tela.validate(p, offsets=fits.offsets).ok
    # The exact search's rules, off as the CLI's flags switch them off: the same buffers.
    off = {rule: False for rule in tela.EXACT_RULES}
    bare = tela.explain(p, capacity=11, exact=off)
    _, out, _ = run_cli("explain", path, "--capacity", 11,
                        *["--no-" + rule.replace("_", "-") for rule in tela.EXACT_RULES])
    assert bare.status == "infeasible"
    assert f"these {len(bare.buffers)} buffers cannot fit together" in out
    for i in bare.buffers:
        assert f"  {p.ids[i]}  live" in out
    with pytest.raises(ValueError, match="exact has no rule 'nosuch'"):
        tela.explain(p, capacity=11, exact={"nosuch": False})


def test_minimize_takes_the_improvements_options_and_reports_its_steps(tmp_path):
    path = tmp_path / "ml.csv"
    run_cli("generate", "--kind", "ml", "--count", 1500, "--seed", 3, "-o", path)
    p = tela.Problem.from_csv(str(path))
    steps = []
    m = tela.minimize(p, timeout=10, seed=5, improve_work=40, window=8, move_work=8,
                      on_step=steps.append)
    assert m.status == "solved" and m.bound_argument
    assert tela.validate(p, capacity=m.capacity, offsets=m.offsets).ok
    assert steps and steps[-1]["capacity"] == m.capacity and steps[-1]["found_by"] == m.algorithm
    for before, after in zip(steps, steps[1:]):
        assert after["capacity"] <= before["capacity"]
        assert after["proven_below"] >= before["proven_below"]
        assert after["seconds"] >= before["seconds"]
    with pytest.raises(ValueError, match="window must be from 1 to 256"):
        tela.minimize(p, window=0)
    with pytest.raises(TypeError, match="on_step must be callable"):
        tela.minimize(p, on_step=3)

    def stop(step):
        raise RuntimeError("enough")

    with pytest.raises(RuntimeError, match="enough"):  # an error in on_step ends the run
        tela.minimize(p, timeout=10, on_step=stop)


def test_the_algorithms_parameters_match_the_cli_flags(tmp_path):
    """Each keyword does what its flag of `tela solve` does: the same offsets."""
    path = tmp_path / "packing.csv"
    run_cli("generate", "--kind", "packing", "--count", 1500, "--seed", 1, "-o", path)
    p = tela.Problem.from_csv(str(path), capacity=1428)
    runs = [  # (keywords, flags): auto's improvement past 1200 buffers, then the searches
        ({"seed": 3}, ["--seed", 3]),
        ({"window": 8, "move_work": 4}, ["--window", 8, "--move-work", 4]),
        ({"improve_work": 1}, ["--improve-work", 1]),
    ]
    small = tela.Problem.from_csv(str(EXAMPLES / "backtracks.csv"), capacity=6)
    for algo, keywords, flags in [("auto", k, f) for k, f in runs]:
        r = tela.solve(p, algo=algo, **keywords)
        code, offsets, err = cli_offsets(path, 1428, algo, flags)
        assert code == 0 and r.status == "solved", err
        assert np.array_equal(r.offsets, offsets), (keywords, err)
        assert r.algorithm in err and tela.validate(p, offsets=r.offsets).ok
    assert tela.solve(p, seed=3).algorithm == "auto (improve (from anchored greedy (latest-end)))"
    assert not np.array_equal(tela.solve(p, seed=3).offsets, tela.solve(p).offsets)
    small_path = EXAMPLES / "backtracks.csv"
    for algo, keywords, flags in [
            ("telamalloc", {"minor_backtracks": 0, "major_backtracks": 0},
             ["--minor-backtracks", 0, "--major-backtracks", 0]),
            ("exact", {"exact": {"valleys": False, "restarts": False}},
             ["--no-valleys", "--no-restarts"]),
            ("exact", {"exact": {rule: False for rule in tela.EXACT_RULES}},
             ["--no-" + rule.replace("_", "-") for rule in tela.EXACT_RULES])]:
        r = tela.solve(small, algo=algo, **keywords)
        code, offsets, err = cli_offsets(small_path, 6, algo, flags)
        assert (code == 0) == (r.status == "solved"), err
        if code == 0:
            assert np.array_equal(r.offsets, offsets) and tela.validate(small, offsets=r.offsets).ok
    traced = tela.trace(p, seed=3)
    assert traced.algorithm == "auto (improve (from anchored greedy (latest-end)))"
    assert tela.REASONS.index("improved") in traced.events["reason"]
    assert "section_inference" in tela.EXACT_RULES and "valleys" in tela.EXACT_RULES
    with pytest.raises(ValueError, match="exact has no rule 'nosuch'; the rules are section_inference"):
        tela.solve(small, exact={"nosuch": False})
    with pytest.raises(TypeError, match=r"exact\['valleys'\] must be True or False"):
        tela.solve(small, exact={"valleys": 0})
    with pytest.raises(TypeError, match="exact must be a dict"):
        tela.solve(small, exact=["valleys"])
    with pytest.raises(ValueError, match="minor_backtracks must be from 0 to"):
        tela.solve(small, minor_backtracks=-1)
    with pytest.raises(TypeError, match="major_backtracks must be a whole number"):
        tela.solve(small, major_backtracks=1.5)
    with pytest.raises(ValueError, match="seed must be a whole number from 0 to 2\\^64 - 1"):
        tela.solve(small, seed=2**64)
    with pytest.raises(TypeError, match="seed must be a whole number"):
        tela.solve(small, seed=True)
    with pytest.raises(TypeError):
        tela.solve(small, nosuch=1)
    m = tela.minimize(small, timeout=5, exact={"valleys": False}, minor_backtracks=8)
    assert m.capacity == 6 and m.proven and tela.validate(small, capacity=6, offsets=m.offsets).ok


def test_trace_matches_the_cli_trace_file(tmp_path):
    path = EXAMPLES / "backtracks.csv"
    out = tmp_path / "t.jsonl"
    run_cli("trace", path, "--capacity", 6, "--algo", "telamalloc", "-o", out)
    import json
    lines = [json.loads(l) for l in out.read_text().splitlines()]
    events = [l for l in lines if l["type"] == "event"]
    p = tela.Problem.from_csv(str(path), capacity=6)
    t = tela.trace(p, algo="telamalloc")
    ev = t.events
    assert len(ev["kind"]) == len(events) > 0
    assert [tela.EVENT_KINDS[k] for k in ev["kind"]] == [e["kind"] for e in events]
    assert [t.text(i) for i in range(len(events))] == [e["text"] for e in events]
    assert len(ev["cause_begin"]) == len(events) + 1
    capped = tela.trace(p, algo="telamalloc", max_events=3)
    assert len(capped.events["kind"]) == 3 and capped.dropped_events == len(events) - 3
    with pytest.raises(ValueError):
        tela.solve(p, algo="telamalloc").events


BAD_FILES = {
    "missing column": "id,lower,size\na,0,4\n",
    "not an integer": "id,lower,upper,size\na,0,x,4\n",
    "negative size": "id,lower,upper,size\na,0,2,-4\n",
    "empty range": "id,lower,upper,size\na,3,3,4\n",
    "duplicate id": "id,lower,upper,size\na,0,2,4\na,1,2,4\n",
    "alignment": "id,lower,upper,size,alignment\na,0,2,4,3\n",
    "overflow": "id,lower,upper,size\na,0,2,99999999999999999999\n",
    "empty": "",
}


@pytest.mark.parametrize("what", sorted(BAD_FILES))
def test_bad_files_raise_the_cli_message(tmp_path, what):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_FILES[what])
    code, _, err = run_cli("stats", path, "--capacity", 100, check=False)
    assert code == 2
    with pytest.raises(tela.InputError) as raised:
        tela.Problem.from_csv(str(path), capacity=100)
    assert str(raised.value) == err.strip()
    assert str(raised.value).startswith(f"{path}:")  # file:line:column: what


def test_bad_arrays_raise_input_errors():
    with pytest.raises(tela.InputError, match=r"^buffer 1: upper \(2\) must be greater than lower \(5\)"):
        tela.solve([0, 5], [1, 2], [4, 4], capacity=8)
    with pytest.raises(tela.InputError, match=r"^buffer 0: size -4 is negative"):
        tela.solve([0], [1], [-4], capacity=8)
    with pytest.raises(tela.InputError, match=r"^buffer 0: alignment 3 is not a power of two"):
        tela.solve([0], [1], [4], capacity=8, alignment=[3])
    with pytest.raises(tela.InputError, match=r"exceeds the capacity 8"):
        tela.solve([0], [1], [4], capacity=8, offset=[6])
    with pytest.raises(tela.InputError, match=r"out of range"):
        tela.solve([0], [2 ** 62 + 1], [4], capacity=8)
    with pytest.raises(tela.InputError, match=r"^arrays: upper has 1 entries; lower has 2"):
        tela.solve([0, 1], [1], [4, 4], capacity=8)
    with pytest.raises(TypeError, match="integers"):
        tela.solve(np.array([0.5]), [1], [4], capacity=8)
    with pytest.raises(ValueError, match="unknown algorithm 'nope'"):
        tela.solve([0], [1], [4], capacity=8, algo="nope")
    with pytest.raises(TypeError, match="capacity"):
        tela.solve([0], [1], [4])
    assert isinstance(tela.InputError("x"), ValueError)


def expected_array_error(lower, upper, size, alignment, offset, capacity):
    """What the arrays reader must say of one row, from its documented checks in order (None:
    accepted): the reader checks a million rows with one quick test, and words only the first
    it rejects; this holds the two to the same verdicts."""
    def out_of_range(v):
        return not -2 ** 62 <= v <= 2 ** 62
    for name, v in (("lower", lower), ("upper", upper), ("size", size)):
        if out_of_range(v):
            return f"{name} {v} is out of range"
    if upper <= lower:
        return f"upper ({upper}) must be greater than lower ({lower})"
    if size < 0:
        return f"size {size} is negative"
    if out_of_range(alignment):
        return f"alignment {alignment} is out of range"
    if alignment <= 0 or alignment & (alignment - 1):
        return f"alignment {alignment} is not a power of two"
    if offset == -1:
        return None
    if out_of_range(offset):
        return f"offset {offset} is out of range"
    if offset < 0:
        return f"offset {offset} is negative"
    if offset % alignment:
        return f"offset {offset} is not a multiple of the alignment {alignment}"
    if capacity is not None and offset + size > capacity:
        return f"offset {offset} + size {size} = {offset + size} exceeds the capacity {capacity}"
    return None


def test_arrays_accept_and_reject_as_their_checks_say():
    edges = [-2 ** 62 - 1, -2 ** 62, -2, -1, 0, 1, 3, 4, 2 ** 62, 2 ** 62 + 1]
    rows = [(lower, upper, size, alignment, offset, capacity)
            for lower in (-2 ** 62 - 1, 0, 1) for upper in (0, 1, 2 ** 62 + 1)
            for size in (-1, 0, 4, 2 ** 62 + 1) for alignment in edges for offset in edges
            for capacity in (None, 8)]
    for lower, upper, size, alignment, offset, capacity in rows:
        expected = expected_array_error(lower, upper, size, alignment, offset, capacity)
        if expected is None and 2 + size + alignment > 2 ** 62:  # rows 0 and 1 take 1 + 1
            expected = "the sizes add up to more than 2^62 bytes"
        # Row 2 is the one tested, after two good rows (its index is in the message).
        args = ([0, 0, lower], [1, 1, upper], [0, 0, size])
        kwargs = dict(capacity=capacity, alignment=[1, 1, alignment], offset=[-1, -1, offset])
        if expected is None:
            p = tela.Problem.from_arrays(*args, **kwargs)
            assert list(p.lower) == args[0] and list(p.upper) == args[1] and list(p.size) == args[2]
            assert list(p.alignment) == [1, 1, alignment] and list(p.offset) == [-1, -1, offset]
        else:
            with pytest.raises(tela.InputError) as raised:
                tela.Problem.from_arrays(*args, **kwargs)
            assert str(raised.value).startswith("buffer 2: " + expected), (raised.value, expected)
    assert len(rows) > 5000


def test_arrays_name_buffers_by_index_and_report_the_first_bad_one():
    n = 100011  # ids cross every number of digits up to 6
    p = tela.Problem.from_arrays(np.zeros(n, np.int64), np.ones(n, np.int64),
                                 np.full(n, 4, np.int64))
    assert p.ids == [str(i) for i in range(n)]
    upper = np.ones(n, np.int64)
    upper[99999] = upper[100005] = 0
    with pytest.raises(tela.InputError, match=r"^buffer 99999: upper \(0\) must be greater"):
        tela.Problem.from_arrays(np.zeros(n, np.int64), upper, np.full(n, 4, np.int64))
    with pytest.raises(tela.InputError, match=r"^buffer 1: the sizes add up to more than 2\^62"):
        tela.Problem.from_arrays([0, 0], [1, 1], [2 ** 61, 2 ** 61])


def test_a_problem_built_into_a_freed_ones_records_is_only_its_own():
    # The module reuses the records' block of the last problem built from arrays once it is freed.
    n = 1000
    first = tela.Problem.from_arrays(np.arange(n), np.arange(n) + 2, np.full(n, 64),
                                     alignment=np.full(n, 16), offset=np.arange(n) * 64)
    kept = tela.Problem.from_arrays([5, 6], [7, 8], [1, 2])  # alive throughout: a block of its own
    del first
    with pytest.raises(tela.InputError, match=r"^buffer 1: upper \(0\) must be greater"):
        tela.Problem.from_arrays([0, 0], [1, 0], [4, 4])  # rejected: takes the block, frees it
    second = tela.Problem.from_arrays([0, 1, 2], [2, 3, 4], [4, 4, 4])
    del second
    third = tela.Problem.from_arrays([0, 1], [2, 3], [4, 4])  # in the second's block
    assert third.ids == ["0", "1"] and list(third.lower) == [0, 1] and list(third.size) == [4, 4]
    assert list(third.alignment) == [1, 1] and list(third.offset) == [-1, -1]
    assert list(tela.solve(third, capacity=8).offsets) == [0, 4]
    assert list(kept.lower) == [5, 6] and list(kept.upper) == [7, 8] and kept.ids == ["0", "1"]


def test_fixed_offsets_and_infeasibility():
    r = tela.solve([0, 0], [2, 2], [4, 4], capacity=8, offset=[4, -1])
    assert r.status == "solved" and list(r.offsets) == [4, 0]
    r = tela.solve([0, 0, 0], [2, 2, 2], [4, 4, 4], capacity=8)
    assert r.status == "infeasible" and r.proven
    v = tela.validate([0, 0], [2, 2], [4, 4], 8, offsets=[0, 2])
    assert not v and v.verdict == "overlap" and "both live during [0, 2)" in v.text


def packing(count, seed=1):
    """A zero-slack perfect packing that the searches cannot finish quickly (`tela generate`)."""
    code, out, err = run_cli("generate", "--kind", "packing", "--count", count, "--seed", seed,
                             "--capacity", 4096)
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    return ([int(r[k]) for r in rows] for k in ("lower", "upper", "size"))


def test_the_gil_is_released_during_a_solve():
    lower, upper, size = packing(1000)
    ticks = []
    done = threading.Event()

    def solve():
        tela.solve(lower, upper, size, 4096, algo="exact", timeout=1.5)
        done.set()

    thread = threading.Thread(target=solve)
    thread.start()
    while not done.is_set():
        ticks.append(time.monotonic())
        time.sleep(0.01)
    thread.join()
    assert len(ticks) > 50  # Python kept running while the solve took its 1.5 s


def test_ctrl_c_cancels_a_solve():
    script = (
        "import sys, time, tela\n"
        "from test_tela import packing\n"
        "l, u, s = packing(1000)\n"
        "print('solving', flush=True)\n"
        "start = time.monotonic()\n"
        "try:\n"
        "    tela.solve(l, u, s, 4096, algo='exact', timeout=60)\n"
        "except KeyboardInterrupt:\n"
        "    print(f'interrupted after {time.monotonic() - start:.2f} s', flush=True)\n"
        "    sys.exit(3)\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                             env=env, cwd=os.path.dirname(__file__))
    assert child.stdout.readline().strip() == "solving"
    time.sleep(0.5)
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=20)
    assert child.returncode == 3, out
    seconds = float(out.split()[2])
    assert seconds < 10, out  # stopped at Ctrl+C, long before its 60 s


def test_a_million_buffers_from_numpy(tmp_path):
    """10^6 buffers as NumPy arrays: solved, valid, and the same offsets as the CLI. The times
    are printed (pytest -s), not asserted: python/tests/bench_vs_cli.py measures them properly."""
    big = tmp_path / "big.csv"
    run_cli("generate", "--kind", "ml", "--count", 1000000, "--seed", 1, "-o", big)
    p = tela.Problem.from_csv(str(big))
    lower, upper, size = p.lower, p.upper, p.size
    assert lower.dtype == np.int64 and lower.flags["C_CONTIGUOUS"]
    start = time.perf_counter()
    r = tela.solve(lower, upper, size, capacity=100000000, algo="best-fit", timeout=60)
    call = time.perf_counter() - start
    print(f"\n10^6 buffers, best-fit: Python call {call:.3f} s, of which solve {r.seconds:.3f} s")
    assert r.status == "solved" and len(r.offsets) == 1000000
    assert tela.validate(p, capacity=100000000, offsets=r.offsets).ok
    out = tmp_path / "out.csv"
    code, _, err = run_cli("solve", big, "--capacity", 100000000, "--algo", "best-fit", "-o", out)
    assert code == 0, err
    column = out.open().readline().strip().split(",").index("offset")
    cli = np.loadtxt(out, delimiter=",", skiprows=1, usecols=column, dtype=np.int64)
    assert np.array_equal(r.offsets, cli)


def test_the_readme_example_runs_as_written():
    sys.path.insert(0, str(SOURCE / "tests" / "package"))
    from readme_blocks import blocks
    example = blocks(SOURCE / "README.md", "python")[0]
    done = subprocess.run([sys.executable, "-c", example], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "solved [0 4 0 4] 12"


def test_one_version_everywhere():
    """CMake's project version (tela::version(), the npm package) is pyproject.toml's."""
    pyproject = (SOURCE / "pyproject.toml").read_text()
    assert f'\nversion = "{tela.__version__}"\n' in pyproject
    assert f"project(tela VERSION {tela.__version__} " in (SOURCE / "CMakeLists.txt").read_text()


@pytest.mark.parametrize("fmt", ["ascii", "svg", "tikz"])
def test_draw_matches_tela_draw(tmp_path, fmt):
    path = EXAMPLES / "input.12.csv"
    problem = tela.Problem.from_csv(str(path), capacity=12)
    for offsets in (tela.solve(problem, algo="greedy").offsets, np.array([0, 0, 0, 4, 8])):  # b1, b3 overlap
        solution = tmp_path / "drawn.csv"
        code, out, err = run_cli("solve", path, "--capacity", 12, "--algo", "greedy")
        rows = list(csv.DictReader(io.StringIO(out)))
        with open(solution, "w") as f:
            f.write("id,lower,upper,size,offset\n")
            for row, o in zip(rows, offsets):
                f.write(f"{row['id']},{row['lower']},{row['upper']},{row['size']},{o}\n")
        code, expected, err = run_cli("draw", solution, "--capacity", 12, "--format", fmt, "--columns", 7)
        assert code == 0, err
        assert tela.draw(problem, offsets=offsets, format=fmt, columns=7) == expected
    assert "!" in tela.draw(problem, offsets=[0, 0, 0, 4, 8])
    with pytest.raises(ValueError, match="format must be"):
        tela.draw(problem, offsets=[0, 0, 0, 4, 8], format="png")
    coloured = tela.draw(problem, offsets=[8, 8, 4, 4, 0], format="svg", colours=[0x0072B2])
    assert 'fill="#0072b2"' in coloured and 'fill="hsl(' in coloured
    with pytest.raises(ValueError, match="colours must be"):
        tela.draw(problem, offsets=[8, 8, 4, 4, 0], format="svg", colours=[1 << 24])
