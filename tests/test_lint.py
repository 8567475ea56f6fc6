"""The Python code keeps one style: ruff's checks and format (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

PATHS = ["conf.py", "_ext", "bench", "tests", "tools/update_deps.py"]


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, *PATHS], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_check():
    result = ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout


def test_ruff_format():
    result = ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout
