"""Pages that load only what they use: pruning a stylesheet, and the site's assets."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

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


# -- The site --------------------------------------------------------------------------


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


def test_stylesheets_keep_the_rules_the_site_uses(site):
    furo = (site / "_static" / "styles" / "furo.css").read_text(encoding="utf-8")
    design = (site / "_static" / "sphinx-design.min.css").read_text(encoding="utf-8")
    assert ".sidebar-drawer" in furo and ".theme-toggle" in furo and ".scrolled" in furo
    assert ".admonition" not in furo and ".sig-name" not in furo
    assert ".sd-card" in design and ".sd-badge" in design
    assert ".sd-tab-set" not in design and ".sd-dropdown" not in design
