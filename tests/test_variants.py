"""Tailored variants: tags on items, a variant defined once in conf.py, its own PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import clean_pdf_build
from resume.variants import selected, variant_target

# -- Pure code ------------------------------------------------------------------


def test_variant_documents_are_named_after_the_variant():
    assert variant_target("heungsub-lee.tex", "ml") == "heungsub-lee-ml.tex"
    assert variant_target("heungsub-lee-cv.tex", "ml") == "heungsub-lee-ml-cv.tex"


def test_an_item_stays_with_one_of_the_tags_or_with_none():
    variant = {"tags": ["ml", "platform"]}
    assert selected(("ml", "web"), variant)
    assert not selected(("web",), variant)
    assert selected((), variant)  # a school, say


# -- Small projects -----------------------------------------------------------------


def _tex(app, name: str = "jane-roe.tex") -> str:
    return (Path(app.outdir) / name).read_text(encoding="utf-8")


@pytest.mark.sphinx("latex", testroot="variants")
def test_without_a_variant_everything_stays(app, warning):
    app.build()
    assert warning.getvalue() == ""
    tex = _tex(app)
    assert "Model Trainer" in tex and "Page Maker" in tex and "Chess" in tex
    assert "Engineer: machine learning and the web." in tex


@pytest.mark.sphinx("latex", testroot="variants", confoverrides={"resume_variant": "ml"})
def test_a_variant_keeps_its_items_sections_and_headline(app, warning):
    app.build()
    assert warning.getvalue() == ""
    tex = _tex(app, "jane-roe-ml.tex")
    assert "Model Trainer" in tex
    assert "Page Maker" not in tex and "Made pages" not in tex
    assert "Physics" in tex  # untagged: stays
    assert "Chess" not in tex and "Hobbies" not in tex  # a section it does not name
    assert "Engineer: machine learning." in tex
    assert "machine learning and the web" not in tex


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda conf, index: (conf, index.replace(":tags: web", ":tags: webb")),
            "index.md:21: ERROR: job 'Page Maker' has the tag(s) 'webb', which resume_tags",
        ),
        (
            lambda conf, index: (conf.replace('"tags": ["web"]', '"tags": ["cooking"]'), index),
            "conf.py:9: ERROR: resume_variants['web'] names the tag(s) 'cooking'",
        ),
        (
            lambda conf, index: (conf, index.replace(":tags: web\n", "")),
            "conf.py:9: ERROR: resume_variants['web'] selects no item",
        ),
        (
            lambda conf, index: (conf.replace('"school"]', '"schools"]'), index),
            "resume_variants['ml'] names the section(s) 'schools', which no page labels",
        ),
        (
            lambda conf, index: (conf + 'resume_variant = "cooking"\n', index),
            "ERROR: resume_variant 'cooking' is not a variant of resume_variants ('ml', 'web')",
        ),
    ],
    ids=[
        "unknown item tag",
        "unknown variant tag",
        "selects nothing",
        "unknown section",
        "unknown variant",
    ],
)
def test_bad_variants_fail_the_build(make_app, rootdir, tmp_path, edit, message):
    src = tmp_path / "src"
    src.mkdir()
    conf, index = edit(
        (rootdir / "test-variants" / "conf.py").read_text(encoding="utf-8"),
        (rootdir / "test-variants" / "index.md").read_text(encoding="utf-8"),
    )
    (src / "conf.py").write_text(conf, encoding="utf-8")
    (src / "index.md").write_text(index, encoding="utf-8")
    app = make_app("latex", srcdir=src)
    app.build()
    assert message in app.warning.getvalue()
    assert app.statuscode == 1


# -- The owner's ML variant --------------------------------------------------------------


@pytest.fixture(scope="module")
def ml_pdf(tmp_path_factory) -> Path:
    latex, _ = clean_pdf_build(tmp_path_factory.mktemp("ml"), "-D", "resume_variant=ml")
    names = sorted(path.name for path in latex.glob("*.pdf"))
    assert names == ["heungsub-lee-ml-cv.pdf", "heungsub-lee-ml.pdf"]
    return latex / "heungsub-lee-ml.pdf"


@pytest.mark.system
def test_the_ml_variant_selects_from_his_facts(ml_pdf):
    text = subprocess.run(
        ["pdftotext", str(ml_pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    assert "Software engineer: ML platforms and pipeline parallelism." in flat
    for kept in [
        "Software Engineer · Global AI Platform Corporation",
        "Software Engineering Manager · NAVER",
        "Software Engineer · Kakao Brain",
        "Game Server Engineer · NEXON",  # distributed game servers
        "Implemented GPipe",
        "NSML, the hyper-scale ML training platform",
        "Computer Software · Kwangwoon University",
        "Publications",
    ]:
        assert kept in flat, kept
    for dropped in [
        "nPine",
        "Lunant",
        "Invented a Hangul transcription algorithm",
        "Implemented TrueSkill",
        "Developed a Python profiler",
        "Remake of Hangulize",
    ]:
        assert dropped not in flat, dropped
    info = subprocess.run(["pdfinfo", str(ml_pdf)], check=True, capture_output=True, text=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.M)


@pytest.mark.system
@pytest.mark.parametrize("extractor", ["pdftotext", "pdfminer.six", "pypdf"])
def test_every_extractor_reads_the_variant_in_order(ml_pdf, extractor):
    from test_pdf_text import EXTRACTORS

    flat = re.sub(r"\s+", " ", EXTRACTORS[extractor](ml_pdf))
    order = [
        "Software Engineer · Global AI Platform Corporation · Sep 2023 – Present",
        "Software Engineering Manager · NAVER · Aug 2020 – Jul 2023",
        "Software Engineer · Kakao Brain · Dec 2018 – Aug 2020",
        "Game Server Engineer · NEXON · Mar 2011 – Dec 2018",
        "Implemented GPipe, a multi-GPU pipeline parallelism technique",
        "NSML, the hyper-scale ML training platform · KRnet · Jun 2022",
        "Computer Software · Kwangwoon University · 2008",
        "Korean — Native",
    ]
    assert [flat.find(phrase) for phrase in order] == sorted(flat.find(p) for p in order)
    assert -1 not in [flat.find(phrase) for phrase in order]
