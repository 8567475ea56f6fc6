"""The pybtex style, without Sphinx: parse a .bib string, format, render."""

from __future__ import annotations

import pybtex.plugin
import pytest
from pybtex.database import parse_string

from resume import bibliography as resume_bib

OWNER = "Heungsub Lee"


@pytest.fixture(autouse=True)
def _sorting_plugin():
    pybtex.plugin.register_plugin(
        "pybtex.style.sorting", resume_bib.SORTING_NAME, resume_bib.NewestFirst, force=True
    )


def format_bib(bib: str, owner: str = OWNER, **options) -> list:
    style = resume_bib.make_style(owner, **options)()
    return list(style.format_entries(parse_string(bib, "bibtex").entries.values()))


def family(i: int) -> str:
    """A family name for the *i*-th author: Fam-A, Fam-B, ..., Fam-AN."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "Fam" + (letters[i // 26 - 1] if i >= 26 else "") + letters[i % 26]


def authors(n: int, owner_at: int | None = None) -> str:
    names = [f"{family(i)}, Given" for i in range(n)]
    if owner_at:
        names[owner_at - 1] = "Lee, Heungsub"
    return " and ".join(names)


def test_owner_is_bold_in_every_backend():
    (entry,) = format_bib("@misc{a, author={Kim, Chiheon and Lee, Heungsub}, title={T}, year=2020}")
    assert "<b>Heungsub Lee</b>" in entry.text.render_as("html")
    assert r"\textbf{Heungsub Lee}" in entry.text.render_as("latex")
    assert entry.text.render_as("text").startswith("C. Kim and Heungsub Lee.")


def test_owner_comes_from_the_configuration():
    (entry,) = format_bib(
        "@misc{a, author={Kim, Chiheon and Lee, Heungsub}, title={T}, year=2020}",
        owner="Chiheon Kim",
    )
    html = entry.text.render_as("html")
    assert "<b>Chiheon Kim</b>" in html
    assert "<b>Heungsub" not in html


def test_equal_contributors_get_an_asterisk():
    (entry,) = format_bib(
        "@misc{a, author={Kim, Chiheon and Lee, Heungsub and Jeong, Myungryong},"
        " author+an={1=equal; 2=equal}, title={T}, year=2020}"
    )
    assert entry.text.render_as("text").startswith("C. Kim*, Heungsub Lee*, and M. Jeong.")


def test_long_author_list_keeps_the_owner():
    (entry,) = format_bib(
        f"@misc{{a, author={{{authors(40, owner_at=25)}}}, title={{T}}, year=2020}}"
    )
    text = entry.text.render_as("text")
    assert text.startswith("G. FamA, G. FamB, G. FamC, …, Heungsub Lee, et al. (40 authors).")
    assert "FamD" not in text and "FamZ" not in text
    assert "<b>Heungsub Lee</b>" in entry.text.render_as("html")


def test_long_author_list_with_owner_among_the_first():
    (entry,) = format_bib(
        f"@misc{{a, author={{{authors(40, owner_at=2)}}}, title={{T}}, year=2020}}"
    )
    text = entry.text.render_as("text")
    assert text.startswith("G. FamA, Heungsub Lee, G. FamC, et al. (40 authors).")
    assert "…" not in text


def test_owner_right_after_the_first_authors_needs_no_ellipsis():
    (entry,) = format_bib(
        f"@misc{{a, author={{{authors(40, owner_at=4)}}}, title={{T}}, year=2020}}"
    )
    assert entry.text.render_as("text").startswith(
        "G. FamA, G. FamB, G. FamC, Heungsub Lee, et al. (40 authors)."
    )


def test_short_author_list_is_complete():
    (entry,) = format_bib(
        f"@misc{{a, author={{{authors(10, owner_at=10)}}}, title={{T}}, year=2020}}"
    )
    text = entry.text.render_as("text")
    assert text.startswith("G. FamA, G. FamB,")
    assert "G. FamI, and Heungsub Lee." in text
    assert "et al." not in text


def test_newest_first_by_year_then_month():
    entries = format_bib(
        """
        @misc{old, author={A, B}, title={Old}, year=2019, month=dec}
        @misc{new, author={A, B}, title={New}, year=2021, month=jan}
        @misc{mid, author={A, B}, title={Mid}, year=2020, month=apr}
        @misc{later, author={A, B}, title={Later}, year=2020, month=sep}
        """
    )
    assert [e.key for e in entries] == ["new", "later", "mid", "old"]
    assert [e.label for e in entries] == ["1", "2", "3", "4"]


def test_title_case_is_kept():
    (entry,) = format_bib(
        "@misc{a, author={A, B}, title={{torchgpipe}: On-the-fly Pipeline Parallelism}, year=2020}"
    )
    assert "torchgpipe: On-the-fly Pipeline Parallelism." in entry.text.render_as("text")


def test_venue_date_and_links():
    (entry,) = format_bib(
        """@inproceedings{a, author={A, B}, title={T}, booktitle={Proceedings of EMNLP},
        pages={3405--3424}, year=2021, month=nov, doi={10.18653/v1/x}, eprint={2109.04650},
        archivePrefix={arXiv}}"""
    )
    text = entry.text.render_as("text")
    assert "In Proceedings of EMNLP, pp. 3405–3424, November 2021." in text
    html = entry.text.render_as("html")
    assert '<a href="https://arxiv.org/abs/2109.04650">arXiv:2109.04650</a>' in html
    assert '<a href="https://doi.org/10.18653/v1/x">doi:10.18653/v1/x</a>' in html


def test_arxiv_preprint_venue():
    (entry,) = format_bib(
        "@misc{a, author={A, B}, title={T}, year=2020, month=apr, eprint={2004.09910},"
        " archivePrefix={arXiv}, howpublished={arXiv preprint arXiv:2004.09910}}"
    )
    assert "T. arXiv preprint, April 2020. arXiv:2004.09910." in entry.text.render_as("text")


@pytest.mark.parametrize(
    ("bib", "message"),
    [
        ("@misc{a, author={A, B}, title={T, year=2020}\n", "line 2"),
        ("@misc{a, author={A, B}, year=2020}\n", "lacks the field(s) title"),
        ("\n\n@misc{a, title={T}, year=2020}\n", "lacks the field(s) author"),
        ("@misc{a, author={A, B}, title={T}, year={circa 2020}}\n", "not a number"),
        ("@misc{a, author={A, B}, title={T}, year=2020, month={Smarch}}\n", "not a month"),
        ("@misc{a, author={A, B}, title={T}, year=2020, author+an={3=equal}}\n", "has 1 authors"),
    ],
)
def test_broken_bib_names_file_and_problem(tmp_path, bib, message):
    path = tmp_path / "refs.bib"
    path.write_text(bib, encoding="utf-8")
    with pytest.raises(resume_bib.BibliographyError) as info:
        resume_bib.check_bibfile(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_missing_field_names_the_line_of_the_entry(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(
        "% comment\n\n@misc{good, author={A, B}, title={T}, year=2020}\n"
        "@misc{bad, author={A, B}, year=2020}\n",
        encoding="utf-8",
    )
    with pytest.raises(resume_bib.BibliographyError) as info:
        resume_bib.check_bibfile(path)
    assert str(info.value).startswith(f"{path}:4: entry 'bad'")


def test_the_project_bib_is_valid():
    resume_bib.check_bibfile(resume_bib.Path(__file__).parent.parent / "publications.bib")
