"""Refresh the pins: ``make update-deps``.

Installs the unpinned top-level lists (``requirements.in``,
``tests/requirements.in``) in a fresh temporary virtualenv, writes what pip
chose to ``requirements.txt`` and ``tests/requirements.txt`` (each keeps its
comments and order), then runs ``make test`` in that virtualenv. The new pins stay
in the working tree either way: ``git diff`` shows them, ``git checkout`` drops
them.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTS = [  # (top-level list, pins)
    (ROOT / "requirements.in", ROOT / "requirements.txt"),
    (ROOT / "tests" / "requirements.in", ROOT / "tests" / "requirements.txt"),
]


def _name(line: str) -> str:
    """The normalized project name of a ``name==version`` line (PEP 503)."""
    return re.sub(r"[-_.]+", "-", line.split("==")[0].strip()).lower()


def parse_freeze(text: str) -> dict[str, str]:
    """``pip freeze`` output as {normalized name: pin line}."""
    pins = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            if "==" not in line:
                raise ValueError(f"not a pin: {line!r}")
            pins[_name(line)] = line
    return pins


def refresh(old: str, pins: dict[str, str]) -> str:
    """*old*, a pinned file, with the versions of *pins*.

    Comments, blank lines and the order stay; a pin that pip no longer
    installs goes; a new one is added at the end.
    """
    lines, kept = [], set()
    for line in old.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            lines.append(line)
        elif _name(stripped) in pins:
            lines.append(pins[_name(stripped)])
            kept.add(_name(stripped))
    new = sorted(name for name in pins if name not in kept)
    if new:
        lines.append("# Added by make update-deps")
        lines.extend(pins[name] for name in new)
    return "".join(f"{line}\n" for line in lines)


def split_layers(layers: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each freeze less what the layers before it already installed."""
    seen: dict[str, str] = {}
    split = []
    for frozen in layers:
        split.append({name: line for name, line in frozen.items() if name not in seen})
        seen.update(frozen)
    return split


def _run(*command) -> str:
    print("$", " ".join(map(str, command)), flush=True)
    return subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="resume-deps-") as tmp:
        venv = Path(tmp) / "venv"
        _run(sys.executable, "-m", "venv", venv)
        pip = [venv / "bin" / "python", "-m", "pip", "--disable-pip-version-check"]
        layers = []
        for wanted, _ in LISTS:
            _run(*pip, "install", "--quiet", "-r", wanted)
            layers.append(parse_freeze(_run(*pip, "freeze")))
        for (_, pinned), pins in zip(LISTS, split_layers(layers)):
            pinned.write_text(refresh(pinned.read_text(encoding="utf-8"), pins), encoding="utf-8")
            print(f"wrote {len(pins)} pins to {pinned.relative_to(ROOT)}")
        subprocess.run(
            ["git", "--no-pager", "diff", "--stat", "--", *(p for _, p in LISTS)], cwd=ROOT
        )
        tests = subprocess.run(["make", "-C", str(ROOT), "test", f"VENV={venv}"])
    if tests.returncode != 0:
        restore = "git checkout requirements.txt tests/requirements.txt"
        print(f"The tests fail with the new pins; `{restore}` restores the old ones.")
    return tests.returncode


if __name__ == "__main__":
    sys.exit(main())
