"""Every PDF of a LaTeX output folder: one xelatex run per .tex, side by side,
each over a format of its preamble that is kept between builds.

    python -m resume.xelatex DIR [--formats FOLDER] [--no-formats] [--jobs N]

(with ``_ext`` on ``PYTHONPATH``; the module imports nothing but the
standard library, so that it starts at once).

Most of a xelatex run is its preamble: about 0.6 s of the 1.0 s that one
PDF takes goes to loading the packages of Sphinx's LaTeX output.  latex.py
writes ``\\csname endofdump\\endcsname`` after the packages and before the
fonts (XeTeX cannot keep fonts in a format); the preamble above it is made
into a format once, with mylatexformat, and each later run loads that
format instead (about 0.5 s a PDF).

* A format is kept in FOLDER (by default ``texformats`` in the virtualenv,
  beside the bytecode of the Python packages: ``make clean`` keeps it;
  ``$RESUME_TEXFORMATS`` names another), under a hash of the preamble and
  of the packages beside the .tex (Sphinx writes them anew each build; the
  Korean edition's differ), with the list of files it was made from
  (xelatex's ``-recorder``).  It is used while every one of those is
  unchanged (the TeX installation's by size and time); otherwise it is
  made again first.
* While a format is made, LaTeX's default font (Latin Modern, an OpenType
  font that cannot go into a format) is stood in for by Computer Modern's
  TFM fonts, which have the same metrics; the document's own fonts load
  after the format.
* A preamble that cannot go into a format, or a .tex without the line,
  gets a plain xelatex run: the PDF is the same but for one colour reset.
* A failing run prints the error lines of its log (``file:line: ...``) and
  the exit status is 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

#: Where the format's part of the preamble ends (latex.py writes it).
DUMP_LINE = "\\csname endofdump\\endcsname"
XELATEX = ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error"]
#: Before the preamble, when a format is made: Computer Modern's TFM fonts for
#: the shapes of Latin Modern that LaTeX loads in the preamble (the sizes as
#: in ot1cmr.fd), and no fonts loaded at the dump (mylatexformat would load
#: a dozen more, for pdfTeX's sake).
STAND_INS = (
    "\\AddToHook{class/after}"
    "{\\expandafter\\let\\csname MYLATEX@fontpreloading\\endcsname\\relax}"
    "\\DeclareFontFamily{TU}{lmr}{}"
    "\\DeclareFontShape{TU}{lmr}{m}{n}"
    "{<5><6><7><8><9><10><12>gen*cmr<10.95>cmr10<14.4><17.28><20.74><24.88>cmr12}{}"
    "\\DeclareFontShape{TU}{lmr}{bx}{n}"
    "{<5><6><7><8><9>gen*cmbx<10><10.95>cmbx10<12><14.4><17.28><20.74><24.88>cmbx12}{}"
)
#: The files beside a .tex that a preamble may read: part of its format's key.
LOCAL_INPUTS = {".sty", ".cls", ".clo", ".cfg", ".def", ".fd", ".ldf"}
#: How many formats a folder keeps (about 9 MB each): the most recently used.
KEEP = 8


def default_folder() -> Path:
    """``$RESUME_TEXFORMATS``, or ``texformats`` in the virtualenv, or in the user's cache."""
    if os.environ.get("RESUME_TEXFORMATS"):
        return Path(os.environ["RESUME_TEXFORMATS"])
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix) / "texformats"
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "resume-texformats"


def preamble(tex: str) -> str | None:
    """The part of *tex* that goes into its format; None without the dump line."""
    at = tex.find(DUMP_LINE)
    return None if at < 0 else tex[:at]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _recorded_inputs(fls: Path, folder: Path, tex_name: str) -> dict[str, list]:
    """The files that xelatex read (its ``-recorder`` list), each with what identifies it."""
    inputs: dict[str, list] = {}
    for line in fls.read_text(encoding="utf-8", errors="surrogateescape").splitlines():
        if not line.startswith("INPUT "):
            continue
        name = line[len("INPUT ") :]
        if name in inputs or name in (tex_name, f"./{tex_name}"):
            continue
        inputs[name] = _identity(name, folder)
    return inputs


def _identity(name: str, folder: Path) -> list:
    """What tells an input file has changed: the TeX installation's size and
    time, or the content of one beside the .tex (Sphinx writes those anew)."""
    path = Path(name)
    if path.is_absolute():
        stat = path.stat()
        return [stat.st_size, stat.st_mtime_ns]
    return [_sha256(folder / path)]


def _unchanged(inputs: dict[str, list], folder: Path) -> bool:
    try:
        return all(_identity(name, folder) == identity for name, identity in inputs.items())
    except OSError:
        return False


class Formats:
    """The formats kept in *folder*, by preamble."""

    def __init__(self, folder: Path):
        self.folder = folder.absolute()

    def key(self, tex: Path, text: str) -> str:
        """The preamble *text* of *tex*, and the packages and classes beside it.

        The same preamble reads other files in another folder: the Korean
        edition's ``sphinxmessages.sty``, say, has its words translated.
        """
        digest = hashlib.sha256(f"{STAND_INS}\n{text}".encode())
        for path in sorted(tex.parent.iterdir()):
            if path.suffix in LOCAL_INPUTS:
                digest.update(f"\n{path.name}\n".encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()[:32]

    def find(self, tex: Path, key: str) -> Path | None:
        """The format *key* for *tex* if one is kept and still holds."""
        fmt = self.folder / f"{key}.fmt"
        try:
            inputs = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not fmt.is_file() or not _unchanged(inputs, tex.parent):
            return None
        os.utime(self.folder / f"{key}.json")  # recently used
        return fmt

    def make_command(self, tex: Path, key: str) -> tuple[list[str], Path]:
        """The command that makes the format *key* of *tex* (in its folder), and where it writes."""
        making = self.folder / f".making-{key}-{os.getpid()}"
        shutil.rmtree(making, ignore_errors=True)
        making.mkdir(parents=True)
        command = [
            "xelatex",
            "-ini",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-recorder",
            f"-output-directory={making}",
            f"-jobname={key}",
            "&xelatex",
            f"{STAND_INS}\\input mylatexformat.ltx {tex.name}",
        ]
        return command, making

    def keep(self, tex: Path, key: str, making: Path, status: int) -> Path | None:
        """The format made in *making* for *tex*, kept; None (and a note) where none was made."""
        made = making / key
        try:
            if status != 0 or not made.with_suffix(".fmt").is_file():
                log = tex.with_name(f"{tex.stem}-format.log")
                if made.with_suffix(".log").is_file():
                    os.replace(made.with_suffix(".log"), log)
                print(
                    f"{tex}: its preamble cannot be made a format (see {log}); "
                    "xelatex reads it whole",
                    file=sys.stderr,
                )
                return None
            inputs = _recorded_inputs(made.with_suffix(".fls"), tex.parent, tex.name)
            made.with_suffix(".json").write_text(json.dumps(inputs, indent=0), encoding="utf-8")
            # The format before its list: a list names a whole format.
            os.replace(made.with_suffix(".fmt"), self.folder / f"{key}.fmt")
            os.replace(made.with_suffix(".json"), self.folder / f"{key}.json")
        finally:
            shutil.rmtree(making, ignore_errors=True)
        self.prune()
        return self.folder / f"{key}.fmt"

    def prune(self) -> None:
        """Keep the :data:`KEEP` formats used last, and any used in the last hour.

        (Another build may be about to load one that it has just found.)
        """
        hour_ago = time.time() - 3600
        lists = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in lists[KEEP:]:
            if stale.stat().st_mtime < hour_ago:
                stale.unlink(missing_ok=True)
                stale.with_suffix(".fmt").unlink(missing_ok=True)


def _run_all(commands: list[tuple[list[str], Path]], jobs: int) -> list[int]:
    """Run each ``(command, folder)``, *jobs* at a time, output discarded; their statuses."""
    statuses = []
    for start in range(0, len(commands), jobs):
        running = [
            subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for command, cwd in commands[start : start + jobs]
        ]
        statuses += [process.wait() for process in running]
    return statuses


def formats_for(texs: list[Path], formats: Formats | None, jobs: int) -> list[Path | None]:
    """The format of each .tex (None: xelatex reads its preamble whole).

    Those missing or out of date are made first, side by side.
    """
    if formats is None:
        return [None] * len(texs)
    keys: list[str | None] = []
    for tex in texs:
        text = preamble(tex.read_text(encoding="utf-8"))
        keys.append(None if text is None else formats.key(tex, text))
    found = {key: formats.find(tex, key) for tex, key in zip(texs, keys) if key}
    # Each missing format once: the .tex files of a folder may share a preamble.
    missing = {key: tex for tex, key in zip(texs, keys) if key and found[key] is None}
    making = {key: formats.make_command(tex, key) for key, tex in missing.items()}
    statuses = _run_all(
        [(command, missing[key].parent) for key, (command, _) in making.items()], jobs
    )
    for (key, (_, folder)), status in zip(making.items(), statuses):
        found[key] = formats.keep(missing[key], key, folder, status)
    return [found[key] if key else None for key in keys]


def xelatex_command(tex: Path, fmt: Path | None) -> list[str]:
    """xelatex on *tex* (in its folder), over the format *fmt* if there is one."""
    return [*XELATEX, *([f"-fmt={fmt.with_suffix('')}"] if fmt else []), tex.name]


_ERROR = re.compile(r"^(?:\./)?[^\s:]+\.(?:tex|sty|cls):\d+: ")


def errors_of(log: Path) -> str:
    """The error lines of a xelatex log, each with the three lines after it.

    Without one (xelatex stopped before it could say where), the log's end.
    """
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return f"{log}: no log"
    found = []
    for index, line in enumerate(lines):
        if _ERROR.match(line):
            found.extend(lines[index : index + 4])
    return "\n".join(found or lines[-20:])


def build_all(folder: Path, formats: Formats | None, jobs: int | None = None) -> int:
    """Every .tex of *folder*, *jobs* at a time; 0 if every PDF was made."""
    texs = sorted(folder.glob("*.tex"))
    if not texs:
        print(f"{folder}: no .tex to build", file=sys.stderr)
        return 1
    jobs = jobs or min(len(texs), os.cpu_count() or 1)
    found = formats_for(texs, formats, jobs)
    runs = [(xelatex_command(tex, fmt), folder) for tex, fmt in zip(texs, found)]
    status = 0
    for tex, code in zip(texs, _run_all(runs, jobs)):
        if code != 0:
            status = 1
            log = tex.with_suffix(".log")
            print(f"{tex}: xelatex failed (see {log})", file=sys.stderr)
            print(errors_of(log), file=sys.stderr)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m resume.xelatex",
        description="Every PDF of a LaTeX output folder, over formats of their preambles.",
    )
    parser.add_argument("folder", type=Path, help="the LaTeX builder's output")
    parser.add_argument("--formats", type=Path, default=None, help="where formats are kept")
    parser.add_argument("--no-formats", action="store_true", help="read every preamble whole")
    parser.add_argument("--jobs", type=int, default=None, help="runs at a time (default: cores)")
    args = parser.parse_args(argv)
    formats = None if args.no_formats else Formats(args.formats or default_folder())
    return build_all(args.folder, formats, args.jobs)


if __name__ == "__main__":
    sys.exit(main())
