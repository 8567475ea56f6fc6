"""How long the résumé takes to build, and what it weighs.

    python bench/bench.py [--runs N] [--warmup N] [--json PATH] [--compare OLD.json]

Each measure runs in a temporary copy of the working tree (the user's
``_build`` is never touched), through the Makefile, as a user types it:

* ``make html`` from nothing;
* ``make html`` again after one section changed;
* ``make pdf`` from nothing;
* ``make html pdf`` from nothing: the English site and its PDFs;
* ``make`` from nothing: everything published, both languages, every PDF;
* ``make`` again with nothing changed;
* the stages of one build (``bench/stages.py``): importing, reading and
  writing the HTML, what runs when it ends (the exports), the LaTeX builder,
  and xelatex;
* the ``make live`` loop: save a section, until the browser has been told to
  reload and the page it then fetches shows the change.

Every measure runs ``--warmup`` times unrecorded, then ``--runs`` times. The
table gives the median, minimum and maximum wall time and the peak resident
memory of the largest single process the command started (``ru_maxrss`` from
``wait4``, which covers every descendant that was waited for). It also gives
the landing page's bytes, the PDF's bytes and its page count. The same figures
go to a JSON file, which ``--compare`` reads back to print a before/after.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What a copy of the working tree leaves out: outputs, caches, the virtualenv,
# and the tests' Node packages (the Nu HTML Checker: 2.4 s of copying).
_NOT_SOURCE = shutil.ignore_patterns(
    "_build", ".venv", ".git", ".pytest_cache", "__pycache__", "node_modules"
)

# The section that the incremental and live measures edit.
EDITED_SECTION = Path("sections") / "experience.md"
EDITED_PAGE = "sections/experience.html"
LANDING_PAGE = Path("_build") / "html" / "index.html"
# The PDFs take their names from conf.py (latex_documents): whatever xelatex made.
LATEX_DIR = Path("_build") / "latex"

# The table's rows, in the order of the edit-preview-publish loop.
ORDER = [
    "make html",
    "make html, 1 edit",
    "make live loop",
    "make pdf",
    "make html pdf",
    "make",
    "make, nothing changed",
]
STAGES = [
    "import",
    "html: read",
    "html: write",
    "html: exports",
    "latex: read+write",
    "xelatex",
    "xelatex, new formats",
]

# The targets, in seconds of median wall time on a 2-core machine.
TARGETS = {
    "make pdf": 2.0,
    "make html pdf": 1.0,
    "make": 3.0,
    "make, nothing changed": 0.2,
    "make live loop": 0.3,
}
#: A stage or measure this much slower than in --compare's figures is flagged.
SLOWER = 0.10


# -- Figures -----------------------------------------------------------------


@dataclass
class Measure:
    """The runs of one measured command."""

    name: str
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peak_rss_kib: int = 0

    def add(self, wall: float, cpu: float, peak_rss_kib: int) -> None:
        self.walls.append(wall)
        self.cpus.append(cpu)
        self.peak_rss_kib = max(self.peak_rss_kib, peak_rss_kib)

    def summary(self) -> dict:
        return {
            "runs": len(self.walls),
            "median_s": round(statistics.median(self.walls), 3),
            "min_s": round(min(self.walls), 3),
            "max_s": round(max(self.walls), 3),
            "walls_s": [round(wall, 3) for wall in self.walls],
            "cpu_median_s": round(statistics.median(self.cpus), 3) if self.cpus else None,
            "peak_rss_mib": round(self.peak_rss_kib / 1024, 1),
            "target_s": TARGETS.get(self.name),
        }


def pdf_page_count(data: bytes) -> int:
    """The number of pages in a PDF, read with the standard library only.

    Page objects may sit in compressed object streams (xdvipdfmx writes them
    there), so every Flate stream is inflated and searched as well.
    """
    page = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
    count = len(page.findall(data))
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            inflated = zlib.decompressobj().decompress(data[match.end() :])
        except zlib.error:
            continue
        count += len(page.findall(inflated))
    return count


def met(summary: dict) -> str:
    target = summary.get("target_s")
    if target is None:
        return ""
    return "yes" if summary["median_s"] < target else "NO"


def _seconds(value) -> str:
    return "" if value is None else f"{value:.2f}s"


def render_table(results: dict, sizes: dict, before: dict | None = None) -> str:
    """The figures as a plain-text table; with *before*, a column of changes."""
    head = (
        f"{'measure':<22} {'median':>8} {'min':>8} {'max':>8} {'CPU':>7}"
        f" {'peak RSS':>10} {'target':>7} {'met':>4}"
    )
    if before:
        head += f" {'before':>8} {'change':>8}"
    lines = [head, "-" * len(head)]
    for name, summary in results.items():
        target = summary.get("target_s")
        line = (
            f"{name:<22} {summary['median_s']:>7.2f}s {summary['min_s']:>7.2f}s"
            f" {summary['max_s']:>7.2f}s {_seconds(summary.get('cpu_median_s')):>7}"
            f" {summary['peak_rss_mib']:>6.0f} MiB"
            f" {f'<{target:g}s' if target else '':>7} {met(summary):>4}"
        )
        old = (before or {}).get("results", {}).get(name)
        if old and old["median_s"]:
            change = (summary["median_s"] - old["median_s"]) / old["median_s"]
            flag = "  SLOWER" if change > SLOWER else ""
            line += f" {old['median_s']:>7.2f}s {change * 100:>+7.0f}%{flag}"
        lines.append(line)
    lines.append("")
    for name, value in sizes.items():
        line = f"{name:<22} {value:>8,}"
        old = (before or {}).get("sizes", {}).get(name)
        if old is not None:
            line += f"   (before {old:,})"
        lines.append(line)
    return "\n".join(lines)


# -- Running commands --------------------------------------------------------


def _environment(venv: Path) -> dict:
    """The caller's environment, less what would tie a measured make to ours."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
    env["VENV"] = str(venv)
    # The copy has no .git: date it as the Makefile dates a build of the tree.
    env.setdefault("SOURCE_DATE_EPOCH", _git("log", "-1", "--format=%ct"))
    if not env["SOURCE_DATE_EPOCH"]:
        del env["SOURCE_DATE_EPOCH"]
    return env


def run(command: list[str], cwd: Path, env: dict, log: Path) -> tuple[float, float, int]:
    """Run *command*; return its wall time, the CPU time of all its processes
    (user and system) and the peak RSS (KiB) of the largest of them."""
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
        out.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with {process.returncode}; see {log}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def _edit(path: Path, n: int) -> None:
    """A change a reader would see: a new last sentence, different each time."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n\nBenchmark edit \d+\.\n$", "\n", text)
    path.write_text(text.rstrip("\n") + f"\n\nBenchmark edit {n}.\n", encoding="utf-8")


def measure_clean(name, target, work, env, log, warmup, runs) -> Measure:
    result = Measure(name)
    for i in range(warmup + runs):
        shutil.rmtree(work / "_build", ignore_errors=True)
        figures = run(["make", *target], work, env, log)
        if i >= warmup:
            result.add(*figures)
    return result


def measure_incremental(work, env, log, warmup, runs) -> Measure:
    result = Measure("make html, 1 edit")
    shutil.rmtree(work / "_build", ignore_errors=True)
    run(["make", "html"], work, env, log)
    for i in range(warmup + runs):
        _edit(work / EDITED_SECTION, i)
        figures = run(["make", "html"], work, env, log)
        if f"Benchmark edit {i}." not in (work / "_build" / "html" / EDITED_PAGE).read_text(
            "utf-8"
        ):
            raise SystemExit("make html did not rebuild the edited section")
        if i >= warmup:
            result.add(*figures)
    return result


def measure_unchanged(work, env, log, warmup, runs) -> Measure:
    """``make`` again, when nothing changed since the last ``make``."""
    result = Measure("make, nothing changed")
    run(["make"], work, env, log)
    for i in range(warmup + runs):
        figures = run(["make"], work, env, log)
        if i >= warmup:
            result.add(*figures)
    return result


def measure_stages(work, env, log, warmup, runs, python: Path) -> list[Measure]:
    """Each stage of a clean HTML and LaTeX build, and xelatex (bench/stages.py)."""
    results = {name: Measure(f"stage: {name}") for name in STAGES}
    for i in range(warmup + runs):
        out = work.parent / "stages"
        shutil.rmtree(out, ignore_errors=True)
        done = subprocess.run(
            [str(python), str(ROOT / "bench" / "stages.py"), str(work), str(out)],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )
        with log.open("a") as out_log:
            out_log.write(done.stderr)
        if done.returncode != 0:
            raise SystemExit(f"bench/stages.py failed; see {log}")
        if i >= warmup:
            for name, seconds in json.loads(done.stdout.splitlines()[-1]).items():
                results[name].walls.append(seconds)
    return list(results.values())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def measure_live(work, env, log, warmup, runs) -> Measure:
    """Save a section, then wait for the reload message and fetch the page."""
    from websockets.sync.client import connect  # sphinx-autobuild's own dependency

    result = Measure("make live loop")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("ab") as out:
        server = subprocess.Popen(
            ["make", "live", f"LIVEOPTS=--host 127.0.0.1 --port {port}"],
            cwd=work,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                _get(base + "/" + EDITED_PAGE)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"make live did not start; see {log}")
                time.sleep(0.1)
        with connect(f"ws://127.0.0.1:{port}/websocket-reload") as socket_:
            time.sleep(0.5)  # let the watcher settle after the first build
            for i in range(warmup + runs):
                start = time.perf_counter()
                _edit(work / EDITED_SECTION, 1000 + i)
                if socket_.recv(timeout=60) != "refresh":
                    raise SystemExit("make live sent something other than a reload")
                if f"Benchmark edit {1000 + i}." not in _get(base + "/" + EDITED_PAGE):
                    raise SystemExit("make live reloaded before the page changed")
                wall = time.perf_counter() - start
                if i >= warmup:
                    result.walls.append(wall)
                time.sleep(0.3)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        _, _, usage = os.wait4(server.pid, 0)
        server.returncode = 0
    result.peak_rss_kib = usage.ru_maxrss
    return result


def read_sizes(work: Path) -> dict:
    """What the last build left: the landing page's bytes, the PDF's bytes and pages."""
    sizes = {}
    if (work / LANDING_PAGE).exists():
        sizes["landing page bytes"] = (work / LANDING_PAGE).stat().st_size
    for path in sorted((work / LATEX_DIR).glob("*.pdf")):
        pdf = path.read_bytes()
        sizes[f"{path.name} bytes"] = len(pdf)
        sizes[f"{path.name} pages"] = pdf_page_count(pdf)
    return sizes


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


# -- Command line ------------------------------------------------------------


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="recorded runs of each measure (5)")
    parser.add_argument("--warmup", type=int, default=1, help="unrecorded runs before them (1)")
    parser.add_argument(
        "--json", type=Path, default=ROOT / "_build" / "bench.json", help="where the figures go"
    )
    parser.add_argument("--compare", type=Path, help="an earlier JSON to compare with")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["html", "incremental", "pdf", "htmlpdf", "all", "unchanged", "live", "stages"],
        help="measure only these",
    )
    parser.add_argument(
        "--venv", type=Path, default=ROOT / ".venv", help="the virtualenv make uses"
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    before = json.loads(args.compare.read_text()) if args.compare else None
    everything = ["html", "incremental", "pdf", "htmlpdf", "all", "unchanged", "live", "stages"]
    wanted = set(args.only or everything)
    with tempfile.TemporaryDirectory(prefix="resume-bench-") as tmp:
        work = Path(tmp) / "resume"
        shutil.copytree(ROOT, work, ignore=_NOT_SOURCE)
        env = _environment(args.venv.resolve())
        log = Path(tmp) / "bench.log"
        common = (work, env, log, args.warmup, args.runs)
        measures = []
        try:
            # The edits go first, and are undone, so that the last clean
            # build leaves the sizes of the résumé as it stands.
            original = (work / EDITED_SECTION).read_bytes()
            if "incremental" in wanted:
                measures.append(measure_incremental(*common))
            if "live" in wanted:
                measures.append(measure_live(*common))
            (work / EDITED_SECTION).write_bytes(original)
            if "html" in wanted:
                measures.append(measure_clean("make html", ["html"], *common))
            if "pdf" in wanted:
                measures.append(measure_clean("make pdf", ["pdf"], *common))
            if "stages" in wanted:
                measures.extend(measure_stages(*common, args.venv.resolve() / "bin" / "python"))
            if "htmlpdf" in wanted:
                measures.append(measure_clean("make html pdf", ["html", "pdf"], *common))
            if "unchanged" in wanted:
                measures.append(measure_unchanged(*common))
            if "all" in wanted:
                measures.append(measure_clean("make", [], *common))
            sizes = read_sizes(work)
        except SystemExit:
            kept = args.json.parent / "bench.log"
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(log, kept)
            print(f"the build log is kept in {kept}", file=sys.stderr)
            raise
    order = ORDER + [f"stage: {name}" for name in STAGES]
    measures.sort(key=lambda m: order.index(m.name))
    results = {m.name: m.summary() for m in measures}
    report = {
        "commit": _git("describe", "--always", "--dirty") or "unknown",
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "warmup": args.warmup,
        "results": results,
        "sizes": sizes,
    }
    runs = f"{args.runs} runs after {args.warmup} warm-up"
    print(f"commit {report['commit']}, {runs}, {os.cpu_count()} CPUs")
    print(render_table(results, sizes, before))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
