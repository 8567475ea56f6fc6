"""furo behind one door: the page template made from the installed furo's, and
the classes that furo's scripts add, read from those scripts."""

from __future__ import annotations

import pytest

from helpers import soup_of
from resume import theme


def furo_page() -> str:
    return (theme.furo_dir() / "page.html").read_text(encoding="utf-8")


# -- The page template ---------------------------------------------------------------


def test_each_change_applies_exactly_once_to_the_installed_furo():
    original = furo_page()
    patched = theme.patch_page(original)
    for old, new in theme.PAGE_CHANGES:
        assert original.count(old) == 1, old
        assert (patched.count(old), patched.count(new)) == (0, 1), new
    # Nothing else changed: undoing the changes gives furo's page back.
    undone = patched
    for old, new in theme.PAGE_CHANGES:
        undone = undone.replace(new, old)
    assert undone == original


def test_a_change_whose_text_is_missing_is_refused():
    with pytest.raises(ValueError, match="has 0 copies of .*not in furo.*expected one"):
        theme.patch_page(furo_page(), [("<p>not in furo's page</p>", "<p>x</p>")])


def test_a_change_whose_text_is_not_unique_is_refused():
    with pytest.raises(ValueError, match="has 2 copies of '<a>', expected one"):
        theme.patch_page("<a>1</a><a>2</a>", [("<a>", "<a href='#top'>")])


@pytest.mark.sphinx("html", testroot="furo")
def test_the_built_page_has_the_changes(app, warning):
    app.build()
    assert warning.getvalue() == ""
    soup = soup_of(app.outdir / "index.html")
    assert soup.select_one("a.back-to-top")["href"] == "#top"
    assert not soup.select('a[href="#"]')
    assert soup.select_one("aside.sidebar-drawer")["aria-label"] == "Sections"
    assert soup.select_one("aside.toc-drawer")["aria-label"] == "On this page"


# -- Classes added at run time -------------------------------------------------------


def test_runtime_classes_are_read_from_scripts():
    scripts = [
        'e.classList.add("scrolled");e.classList.remove("gone");x.classList.add("a-b")',
        'Gumshoe("x",{navClass:"active",contentClass:"current",nestedClass:"nest"})',
    ]
    assert theme.runtime_classes(scripts) == {"scrolled", "a-b", "active", "current", "nest"}


def test_runtime_classes_of_the_installed_furo():
    assert theme.furo_runtime_classes() == {
        "scrolled",
        "show-back-to-top",
        "scroll-current",
        "active",
    }
