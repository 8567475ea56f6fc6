"""Where a build's time goes: each stage of one HTML and one LaTeX build, and xelatex.

    python bench/stages.py SOURCE OUTPUT

Run by ``bench.py`` with the project's virtualenv, in a copy of the tree.
It prints one JSON object of seconds:

* ``import``: Python importing Sphinx, the extensions and their libraries;
* ``html: read``: the HTML builder reading (and translating) every page;
* ``html: write``: writing the pages;
* ``html: exports``: what runs when the build ends (JSON Resume, text and
  Markdown, the social card, the Downloads row's sizes, pruned stylesheets);
* ``latex: read+write``: the LaTeX builder, from a fresh environment;
* ``xelatex``: every PDF as ``make`` makes them (``resume.xelatex``: side by
  side, over the formats of their preambles kept in the virtualenv; the
  one-page résumé's fitting happens inside its run);
* ``xelatex, new formats``: the same where no format is kept yet (after a
  change to the preamble, resume.sty or TeX), so each is made first.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = time.perf_counter()


def build(source: Path, output: Path, builder: str) -> dict[str, float]:
    """Build once in this process; the seconds of each stage."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    marks: dict[str, float] = {"start": time.perf_counter()}

    def mark(name):
        def handler(*args):
            marks.setdefault(name, time.perf_counter())

        return handler

    # As sphinx-build does: each build registers its nodes and directives anew.
    with patch_docutils(source), docutils_namespace():
        app = Sphinx(
            str(source),
            str(source),
            str(output / builder),
            str(output / "doctrees" / builder),
            builder,
            warningiserror=True,
            status=io.StringIO(),
            warning=sys.stderr,
        )
        # First and last of their events: the stages between them.
        app.connect("env-updated", mark("read"), priority=0)
        app.connect("build-finished", mark("written"), priority=0)
        app.build()
    marks["end"] = time.perf_counter()
    if app.statuscode:
        raise SystemExit(f"the {builder} build failed")
    return marks


def main(argv: list[str]) -> int:
    source, output = Path(argv[0]), Path(argv[1])
    import sphinx.application  # noqa: F401

    import resume

    resume.import_parts()  # every module of the extension, and every library it uses

    stages = {"import": time.perf_counter() - START}
    html = build(source, output, "html")
    stages["html: read"] = html["read"] - html["start"]
    stages["html: write"] = html["written"] - html["read"]
    stages["html: exports"] = html["end"] - html["written"]
    latex = build(source, output, "latex")
    stages["latex: read+write"] = latex["end"] - latex["start"]
    xelatex = [sys.executable, "-m", "resume.xelatex", str(output / "latex")]
    env = {**os.environ, "PYTHONPATH": str(source / "_ext")}
    # Formats kept, as make finds them after its first build.
    subprocess.run(xelatex, check=True, capture_output=True, env=env)
    start = time.perf_counter()
    subprocess.run(xelatex, check=True, capture_output=True, env=env)
    stages["xelatex"] = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as formats:
        start = time.perf_counter()
        subprocess.run([*xelatex, "--formats", formats], check=True, capture_output=True, env=env)
        stages["xelatex, new formats"] = time.perf_counter() - start
    print(json.dumps({name: round(value, 3) for name, value in stages.items()}))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(sys.argv[1]) / "_ext"))
    sys.exit(main(sys.argv[1:]))
