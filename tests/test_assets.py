"""Pages that load only what they use: pruning a stylesheet, and the site's assets."""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import build_again, css_selectors, soup_of, uses_class
from resume.assets import names_in_pages, prune_css, prune_css_cached

CSS = """/* a comment */
.a{color:red}
.a .b,.c>.d{color:blue}
#x .a,#y{margin:0}
p,.unused{padding:0}
:not(.unused) .a{top:0}
[class*=unused]{left:0}
@media (max-width:40em){.a{color:green}.unused{color:black}}
@media print{.unused{display:none}}
@font-face{font-family:F;src:local(F)}
body{--icon:url('data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>')}
"""


def test_prune_keeps_rules_whose_classes_and_ids_are_used():
    pruned = prune_css(CSS, {"a", "b"}, {"x"})
    assert ".a{color:red}" in pruned
    assert ".a .b{color:blue}" in pruned and ".c>.d" not in pruned
    assert "#x .a{margin:0}" in pruned and "#y" not in pruned
    assert "p{padding:0}" in pruned


def test_prune_keeps_what_it_cannot_judge():
    pruned = prune_css(CSS, {"a"}, set())
    assert ":not(.unused) .a{top:0}" in pruned
    assert "[class*=unused]{left:0}" in pruned
    assert "@font-face{font-family:F;src:local(F)}" in pruned
    assert "data:image/svg+xml" in pruned


def test_prune_goes_into_media_queries_and_drops_empty_ones():
    pruned = prune_css(CSS, {"a"}, set())
    assert "@media (max-width:40em){.a{color:green}}" in pruned
    assert "@media print" not in pruned
    assert ".unused{" not in pruned


def test_prune_drops_comments_and_refuses_broken_css():
    assert "a comment" not in prune_css(CSS, {"a"}, set())
    with pytest.raises(ValueError, match="cannot parse"):
        prune_css("}", set(), set())


def test_a_rebuild_with_the_same_names_reuses_the_pruned_stylesheet(tmp_path):
    pruned, kept = prune_css_cached(CSS, {"a", "b"}, {"x"}, tmp_path)
    assert pruned == prune_css(CSS, {"a", "b"}, {"x"})
    assert kept.read_text(encoding="utf-8") == pruned
    # What the cache holds is what comes back: the CSS is not parsed again.
    kept.write_text("/* from the cache */", encoding="utf-8")
    assert prune_css_cached(CSS, {"b", "a"}, {"x"}, tmp_path) == ("/* from the cache */", kept)


def test_other_names_or_another_stylesheet_prune_anew(tmp_path):
    _, kept = prune_css_cached(CSS, {"a"}, set(), tmp_path)
    kept.write_text("/* stale */", encoding="utf-8")
    changes = [(CSS, {"a", "c", "d"}, set()), (CSS, {"a"}, {"y"}), (CSS + ".e{}", {"a"}, set())]
    for css, classes, ids in changes:
        pruned, other = prune_css_cached(css, classes, ids, tmp_path)
        assert other != kept and pruned == prune_css(css, classes, ids)


def test_names_in_pages(tmp_path):
    page = tmp_path / "p.html"
    page.write_text('<div class="a  b" id="x"><span class="c"></span></div>', encoding="utf-8")
    assert names_in_pages([page]) == ({"a", "b", "c"}, {"x"})


def test_selectors_are_read_whole():
    css = ".sd-card-body{a:b}@media print{.x .sd-card,p{c:d}}.sd-cards{e:f}"
    assert css_selectors(css) == {".sd-card-body", ".x .sd-card", "p", ".sd-cards"}
    assert [s for s in css_selectors(css) if uses_class(s, "sd-card")] == [".x .sd-card"]


# -- Cache keys: every ?v= is the checksum of the file served -------------------------

#: The stylesheets that the furo test root prunes (its resume_prune_css).
PRUNED = ["styles/furo.css", "styles/furo-extensions.css", "sphinx-design.min.css"]


def cache_keys(outdir: Path) -> dict[str, str]:
    """``{stylesheet: its ?v=}`` for each pruned stylesheet that index.html links."""
    keys = {}
    for link in soup_of(outdir / "index.html").select('link[rel="stylesheet"]'):
        path, _, query = link["href"].partition("?")
        name = path.removeprefix("_static/")
        if name in PRUNED:
            keys[name] = query.removeprefix("v=")
    assert sorted(keys) == sorted(PRUNED)
    return keys


def crc32(path: Path) -> str:
    return format(zlib.crc32(path.read_bytes()), "08x")


def test_cache_keys_follow_the_pruned_files_through_an_edit(make_app, rootdir, tmp_path):
    src = shutil.copytree(rootdir / "test-furo", tmp_path / "furo")
    first = make_app("html", srcdir=src, builddir=tmp_path / "_build")
    first.build()
    assert first.statuscode == 0 and first.warning.getvalue() == ""
    design = first.outdir / "_static" / "sphinx-design.min.css"
    before = cache_keys(first.outdir)
    assert before == {name: crc32(first.outdir / "_static" / name) for name in PRUNED}
    # No grid on the page: sphinx-design's grid rules are pruned.
    assert not [s for s in css_selectors(design.read_text()) if uses_class(s, "sd-row")]

    # A grid: the pruned set changes, and so must the key, in the same output.
    index = src / "index.md"
    grid = "::::{grid} 2\n:::{grid-item}\nOne.\n:::\n:::{grid-item}\nTwo.\n:::\n::::\n"
    index.write_text(index.read_text(encoding="utf-8") + "\n" + grid, encoding="utf-8")
    second = build_again(make_app, first)
    assert second.statuscode == 0 and second.warning.getvalue() == ""
    assert second.outdir == first.outdir
    assert ".sd-row" in css_selectors(design.read_text())
    after = cache_keys(second.outdir)
    assert after == {name: crc32(second.outdir / "_static" / name) for name in PRUNED}
    assert after["sphinx-design.min.css"] != before["sphinx-design.min.css"]


# -- The site --------------------------------------------------------------------------


@pytest.mark.system
def test_no_search_and_no_index(site):
    assert not (site / "search.html").exists()
    assert not (site / "searchindex.js").exists()
    assert not (site / "genindex.html").exists()
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not soup.select('form[role="search"], link[rel="search"], link[rel="index"]'), path
        scripts = [script["src"] for script in soup.select("script[src]")]
        assert [
            src
            for src in scripts
            if re.search(
                r"doctools|sphinx_highlight|documentation_options|searchtools|design-tabs", src
            )
        ] == []
        assert not soup.select('link[href*="pygments.css"]'), path


@pytest.mark.system
def test_stylesheets_keep_the_rules_the_site_uses(site):
    def selectors(name: str) -> set[str]:
        return css_selectors((site / "_static" / name).read_text(encoding="utf-8"))

    def classes(selectors: set[str]) -> set[str]:
        return set(re.findall(r"\.([\w-]+)", " ".join(selectors)))

    furo, design = selectors("styles/furo.css"), selectors("sphinx-design.min.css")
    assert {"sidebar-drawer", "theme-toggle", "scrolled"} <= classes(furo)
    assert not {"admonition", "sig-name"} & classes(furo)
    # The card's own rule, not only those of its parts (.sd-card-body, ...).
    assert {".sd-card", ".sd-badge"} <= design
    assert not {"sd-tab-set", "sd-dropdown"} & classes(design)


def test_own_pages_leave_out_a_site_within_and_hidden_folders(tmp_path):
    from resume.publish import own_pages

    for name in ["index.html", "sections/a.html", "ko/index.html", ".doctrees/t/page.html"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<p>", encoding="utf-8")
    (tmp_path / "ko" / "_static").mkdir()
    assert [p.relative_to(tmp_path).as_posix() for p in own_pages(tmp_path)] == [
        "index.html",
        "sections/a.html",
    ]


def test_pruned_furo_css_parses_and_keeps_declarations_as_written():
    import furo
    import tinycss2

    css = (Path(furo.__file__).parent / "theme/furo/static/styles/furo.css").read_text("utf-8")
    pruned = prune_css(css, {"sidebar-drawer", "toc-drawer", "scrolled"}, set())
    rules = tinycss2.parse_stylesheet(pruned, skip_comments=True, skip_whitespace=True)
    assert rules and not [rule for rule in rules if rule.type == "error"]
    # Each kept declaration block is a block of the original, as written.
    blocks = re.findall(r"\{[^{}]*\}", pruned)
    assert len(blocks) > 50
    assert [block for block in blocks if block not in css] == []
