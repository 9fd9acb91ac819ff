# Where the tests find build/tela (TELA_CLI), the sources (TELA_SOURCE) and the module
# (PYTHONPATH=build/python): python/CMakeLists.txt sets all three for ctest.
import os
import subprocess
from pathlib import Path

import pytest

SOURCE = Path(os.environ.get("TELA_SOURCE", Path(__file__).resolve().parents[2]))
CLI = os.environ.get("TELA_CLI", str(SOURCE / "build" / "tela"))
EXAMPLES = SOURCE / "assets" / "examples"


def run_cli(*args, check=True):
    """build/tela with these arguments: (exit code, stdout, stderr)."""
    done = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    if check and done.returncode not in (0, 1):
        raise AssertionError(f"tela {' '.join(map(str, args))}: {done.stderr}")
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def cli():
    return run_cli
