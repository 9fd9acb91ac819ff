#!/usr/bin/env bash
# The Python module as pip installs it: `pip install --no-build-isolation --no-index .` into a
# fresh virtual environment that sees the system's packages (Debian's NumPy), then the README's
# Python example run with that environment's Python, away from the sources.
#   pip_install_test.sh PYTHON WORK_DIR SOURCE_DIR
set -euo pipefail
python=$1 work=$2 source=$(cd "$3" && pwd)
rm -rf "$work" && mkdir -p "$work"
work=$(cd "$work" && pwd)
"$python" -m venv --system-site-packages "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-build-isolation --no-index "$source" \
  >"$work/pip.log" 2>&1 || { cat "$work/pip.log"; exit 1; }
python3 "$source/tests/package/readme_blocks.py" "$source/README.md" print python 0 >"$work/example.py"
cd "$work"
"$work/venv/bin/python" -c 'import tela, sys; assert tela.__file__.startswith(sys.prefix), tela.__file__; print("installed:", tela.__file__, tela.__version__)'
"$work/venv/bin/python" example.py
