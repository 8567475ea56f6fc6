"""The benchmark: its arithmetic (page counts, summaries, the table), then a real run."""

from __future__ import annotations

import json
import subprocess
import sys
import zlib

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import bench  # noqa: E402


def _pdf(pages: int, compressed: bool) -> bytes:
    """A minimal PDF whose page objects sit in the file or in an object stream."""
    objects = b"".join(b"<< /Type /Page /Parent 2 0 R >>\n" for _ in range(pages))
    root = b"%%PDF-1.5\n2 0 obj << /Type /Pages /Count %d >> endobj\n" % pages
    if not compressed:
        return root + objects + b"%%EOF\n"
    body = zlib.compress(objects)
    return (
        root
        + b"3 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n"
        + body
        + b"\nendstream\n%%EOF\n"
    )


def test_pages_are_counted_in_the_file_and_in_object_streams():
    assert bench.pdf_page_count(_pdf(3, compressed=False)) == 3
    assert bench.pdf_page_count(_pdf(2, compressed=True)) == 2


def test_a_stream_that_is_not_flate_is_skipped():
    data = _pdf(1, compressed=False) + b"4 0 obj << >>\nstream\nnot zlib at all\nendstream\n"
    assert bench.pdf_page_count(data) == 1


def test_a_summary_gives_median_minimum_maximum_and_the_peak():
    measure = bench.Measure("make html pdf")
    for wall, cpu, rss in [(0.8, 1.1, 70_000), (1.3, 1.6, 75_000), (0.9, 1.2, 72_000)]:
        measure.add(wall, cpu, rss)
    summary = measure.summary()
    assert (summary["median_s"], summary["min_s"], summary["max_s"]) == (0.9, 0.8, 1.3)
    assert summary["cpu_median_s"] == 1.2
    assert summary["peak_rss_mib"] == round(75_000 / 1024, 1)
    assert summary["target_s"] == 1.0
    assert bench.met(summary) == "yes"


def test_a_missed_target_says_so_and_a_measure_without_one_says_nothing():
    assert bench.met({"median_s": 3.4, "target_s": 3.0}) == "NO"
    assert bench.met({"median_s": 3.4, "target_s": None}) == ""


def test_the_table_compares_with_an_earlier_run():
    now = {
        "make": {
            "median_s": 2.0,
            "min_s": 1.9,
            "max_s": 2.2,
            "cpu_median_s": 2.5,
            "peak_rss_mib": 80.0,
            "target_s": 3.0,
        }
    }
    before = {"results": {"make": {"median_s": 4.0}}, "sizes": {"PDF pages": 3}}
    table = bench.render_table(now, {"PDF pages": 2}, before)
    row = next(line for line in table.splitlines() if line.startswith("make "))
    assert row.split() == [
        "make",
        "2.00s",
        "1.90s",
        "2.20s",
        "2.50s",
        "80",
        "MiB",
        "<3s",
        "yes",
        "4.00s",
        "-50%",
    ]
    assert "PDF pages                     2   (before 3)" in table


def test_a_stage_over_ten_percent_slower_is_flagged():
    def row(median):
        return {"median_s": median, "min_s": median, "max_s": median, "peak_rss_mib": 0.0}

    now = {"stage: xelatex": row(1.2), "stage: import": row(0.30)}
    before = {"results": {"stage: xelatex": {"median_s": 1.0}, "stage: import": {"median_s": 0.29}}}
    lines = bench.render_table(now, {}, before).splitlines()
    xelatex = next(line for line in lines if line.startswith("stage: xelatex"))
    imports = next(line for line in lines if line.startswith("stage: import"))
    assert xelatex.endswith("+20%  SLOWER")
    assert imports.endswith("+3%")


def test_an_edit_replaces_the_previous_one(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Title\n\nText.\n", encoding="utf-8")
    bench._edit(page, 1)
    bench._edit(page, 2)
    assert page.read_text(encoding="utf-8") == "# Title\n\nText.\n\nBenchmark edit 2.\n"


def _bench(tmp_path, *only: str, runs: int = 1) -> tuple[subprocess.CompletedProcess, dict]:
    """``make bench`` measuring *only* these, once each; its output and its figures."""
    figures = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench.py"), "--runs", str(runs), "--warmup", "0"]
        + ["--only", *only, "--venv", sys.prefix, "--json", str(figures)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result, json.loads(figures.read_text())


@pytest.mark.system
def test_make_bench_times_a_clean_html_build_of_the_working_tree(tmp_path):
    result, report = _bench(tmp_path, "html")
    measure = report["results"]["make html"]
    assert measure["runs"] == 1 and 0 < measure["min_s"] == measure["max_s"]
    assert measure["peak_rss_mib"] > 20  # Sphinx itself, not only make
    assert report["sizes"]["landing page bytes"] > 10_000
    assert "make html" in result.stdout and "landing page bytes" in result.stdout


@pytest.mark.system
def test_make_bench_times_each_stage_and_nothing_changed(tmp_path):
    _, report = _bench(tmp_path, "stages", "unchanged")
    results = report["results"]
    stages = [name.removeprefix("stage: ") for name in results if name.startswith("stage: ")]
    assert stages == bench.STAGES
    assert all(results[f"stage: {name}"]["median_s"] > 0 for name in stages)
    # Nothing changed: make decides so from its stamps, without starting Sphinx.
    assert results["make, nothing changed"]["median_s"] < 1.0


@pytest.mark.system
def test_make_live_serves_each_saved_change(tmp_path):
    # The bench saves a section and waits for the reload and the changed page
    # (resume.live: sphinx-autobuild, each rebuild forked with Sphinx loaded).
    _, report = _bench(tmp_path, "live", runs=2)
    live = report["results"]["make live loop"]
    assert live["runs"] == 2 and live["min_s"] > 0
