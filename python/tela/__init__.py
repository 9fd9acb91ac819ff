"""tela: a static memory allocator for accelerators, from Python.

    import numpy as np, tela
    r = tela.solve(lower=np.array([0, 1, 2]), upper=np.array([2, 3, 4]),
                   size=np.array([4, 4, 4]), capacity=8)
    r.status, r.offsets, r.peak        # 'solved', array([0, 4, 0]), 8

Every function takes the buffers as arrays (NumPy arrays or lists of integers: live during
[lower, upper), `size` bytes, optionally an `alignment` (a power of two) and a pre-placed
`offset` (-1: free)), or a `tela.Problem` in place of `lower` (from `Problem.from_csv(path)` or
`Problem.from_arrays(...)`). Bad input raises `tela.InputError` (a ValueError) with the message
the command line prints: "file:line:column: what is wrong" for files, "buffer I: what is wrong"
for arrays. A solve releases the GIL; Ctrl+C stops it and raises KeyboardInterrupt.

Results: `Result` (status 'solved', 'infeasible', 'not-found', 'timeout' or 'cancelled';
offsets as an int64 array, -1 where a buffer was not placed; peak; proven: infeasibility is
proven; algorithm; detail; seconds), `MinimizeResult`, `Explanation`, `Validation`.
"""

from ._tela import (ALGORITHMS, EVENT_KINDS, EXACT_RULES, REASONS, Explanation, InputError,
                    MinimizeResult, Problem, Result, Validation, __version__)
from . import _tela

__all__ = ["solve", "trace", "minimize", "explain", "validate", "draw", "lower_bound", "sections",
           "Problem", "Result", "MinimizeResult", "Explanation", "Validation", "InputError",
           "ALGORITHMS", "EVENT_KINDS", "EXACT_RULES", "REASONS", "__version__"]


def _problem(lower, upper, size, capacity, alignment, offset):
    """The Problem the arguments describe, and the capacity to use (None: the problem's)."""
    if isinstance(lower, Problem):
        if upper is not None or size is not None or alignment is not None or offset is not None:
            raise TypeError("give either a tela.Problem or the arrays lower, upper, size, not both")
        return lower, capacity
    if upper is None or size is None:
        raise TypeError("lower, upper and size are all needed (or a tela.Problem)")
    return Problem.from_arrays(lower, upper, size, capacity=capacity, alignment=alignment,
                               offset=offset), None


def _needs_capacity(problem, capacity):
    if capacity is None and problem.capacity == 0 and len(problem) > 0:
        raise TypeError("capacity is needed: the memory's size in bytes")


# The algorithms' parameters, keyword-only in solve, trace and minimize, one for each flag of
# `tela solve` (None: the default): minor_backtracks and major_backtracks (telamalloc), exact
# (a dict switching rules off, {"valleys": False} as --no-valleys; tela.EXACT_RULES names them),
# and the improvement's seed, improve_work, window and move_work (auto past 1200 buffers, and
# minimize).
def _params(minor_backtracks, major_backtracks, exact, seed, improve_work, window, move_work):
    return {"minor_backtracks": minor_backtracks, "major_backtracks": major_backtracks,
            "exact": exact, "seed": seed, "improve_work": improve_work, "window": window,
            "move_work": move_work}


def solve(lower, upper=None, size=None, capacity=None, algo="auto", timeout=10,
          alignment=None, offset=None, *, minor_backtracks=None, major_backtracks=None,
          exact=None, seed=None, improve_work=None, window=None, move_work=None):
    """Allocates every buffer below `capacity` with `algo` (see tela.ALGORITHMS) within
    `timeout` seconds (0: no limit); returns a Result. The keyword-only arguments are the
    algorithms' parameters, as `tela solve`'s flags: minor_backtracks, major_backtracks
    (telamalloc), exact={"valleys": False, ...} (rules off, tela.EXACT_RULES), and seed,
    improve_work, window, move_work (auto's improvement, past 1200 buffers)."""
    problem, capacity = _problem(lower, upper, size, capacity, alignment, offset)
    _needs_capacity(problem, capacity)
    return _tela.solve(problem, capacity, algo, timeout,
                       _params(minor_backtracks, major_backtracks, exact, seed, improve_work,
                               window, move_work))


def trace(lower, upper=None, size=None, capacity=None, algo="auto", timeout=10,
          alignment=None, offset=None, max_events=0, *, minor_backtracks=None,
          major_backtracks=None, exact=None, seed=None, improve_work=None, window=None,
          move_work=None):
    """As solve, recording every step: the Result's `events` is a dict of arrays (kind, reason
    as indices into tela.EVENT_KINDS and tela.REASONS; buffer, offset, limit, time_lower,
    time_upper; causes[cause_begin[i]:cause_begin[i + 1]] are the buffers event i blames) and
    `result.text(i)` says event i in words. max_events > 0 keeps only the first ones."""
    problem, capacity = _problem(lower, upper, size, capacity, alignment, offset)
    _needs_capacity(problem, capacity)
    return _tela.trace(problem, capacity, algo, timeout, max_events,
                       _params(minor_backtracks, major_backtracks, exact, seed, improve_work,
                               window, move_work))


def minimize(lower, upper=None, size=None, timeout=10, alignment=None, offset=None, seed=1,
             improve_work=0, window=24, move_work=24, on_step=None, *, minor_backtracks=None,
             major_backtracks=None, exact=None):
    """The smallest capacity an allocation was found for (MinimizeResult: capacity,
    lower_bound, bound_argument (what proves it), proven (minimal), offsets, status).
    seed, improve_work, window and move_work are the improvement's, as the CLI's --seed,
    --improve-work, --window and --move-work; minor_backtracks, major_backtracks and exact as
    for solve. on_step(dict) hears each time either bound moves:
    seconds, capacity (found so far), proven_below (none fits below it), found_by, moves."""
    problem, _ = _problem(lower, upper, size, None, alignment, offset)
    return _tela.minimize(problem, timeout,
                          _params(minor_backtracks, major_backtracks, exact, seed, improve_work,
                                  window, move_work), on_step)


def explain(lower, upper=None, size=None, capacity=None, timeout=10, alignment=None,
            offset=None, *, exact=None):
    """Why nothing fits: an Explanation whose `buffers` (indices) cannot fit together at
    `capacity`, `minimal` when removing any one lets the rest fit; status 'solved' when the
    whole problem fits. exact={"valleys": False, ...} switches rules of the exact search off,
    as `tela explain`'s --no-* flags do."""
    problem, capacity = _problem(lower, upper, size, capacity, alignment, offset)
    _needs_capacity(problem, capacity)
    return _tela.explain(problem, capacity, timeout,
                         _params(None, None, exact, None, None, None, None))


def validate(lower, upper=None, size=None, capacity=None, offsets=None, alignment=None,
             offset=None):
    """The validator's verdict on `offsets` (one per buffer; -1: not placed): a Validation,
    true when valid, with `verdict` and `text` saying what is wrong."""
    if offsets is None:
        raise TypeError("offsets are needed")
    problem, capacity = _problem(lower, upper, size, capacity, alignment, offset)
    _needs_capacity(problem, capacity)
    return _tela.validate(problem, capacity, offsets)


def draw(lower, upper=None, size=None, capacity=None, offsets=None, alignment=None, offset=None,
         format="ascii", columns=80, rows=100, colours=None):
    """`tela draw`: the allocation `offsets` (one per buffer; -1: not placed) as text, "ascii"
    (a row per section, a character per range of addresses, '!' where two overlap), "svg" or
    "tikz"; the capacity line where `capacity` says (none: the problem's, if any). `colours`:
    svg and tikz fills, one 0xRRGGBB number per buffer (the rest: a hue per buffer)."""
    if offsets is None:
        raise TypeError("offsets are needed")
    problem, capacity = _problem(lower, upper, size, capacity, alignment, offset)
    return _tela.draw(problem, capacity, offsets, format, columns, rows,
                      [] if colours is None else [int(c) for c in colours])


def lower_bound(lower, upper=None, size=None):
    """The load at the busiest time: no allocation needs less."""
    problem, _ = _problem(lower, upper, size, None, None, None)
    return _tela.lower_bound(problem)


def sections(lower, upper=None, size=None):
    """The time intervals over which the live set does not change, as arrays lower, upper,
    load, live."""
    problem, _ = _problem(lower, upper, size, None, None, None)
    return _tela.sections(problem)
