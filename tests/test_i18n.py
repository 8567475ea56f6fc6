"""The Korean edition: the catalogues, the Korean words of the extension, the
per-language configuration, furo's labels, the language switcher and the
alternates; then the whole site in both languages (system tier)."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from pybtex.database import parse_string

from helpers import (
    PAGES,
    ROOT,
    assert_clean_build,
    copy_site,
    local_env,
    soup_of,
    sphinx_build,
)
from resume import i18n, theme
from resume import language as switcher
from resume.bibliography import make_style, register_plugins
from resume.items import Date, make_item

# sphinx-sitemap, run in this process by the small projects, uses an attribute
# that Sphinx 11 removes.
pytestmark = pytest.mark.filterwarnings("ignore:.*BuildEnvironment.app. is deprecated")

LOCALES = ROOT / "locales" / "ko" / "LC_MESSAGES"
EXTENSION_CATALOGUE = i18n.catalogue_path("ko")
CATALOGUES = sorted(LOCALES.rglob("*.po")) + [EXTENSION_CATALOGUE]


def read_catalogue(path: Path):
    with path.open("rb") as po:
        return read_po(po, locale="ko")


def messages(path: Path) -> dict[str, str]:
    return {m.id: m.string for m in read_catalogue(path) if m.id}


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# -- The catalogues ------------------------------------------------------------


def test_every_page_has_its_catalogue():
    pages = {p.relative_to(ROOT).with_suffix("").as_posix() for p in ROOT.glob("*.md")}
    pages |= {p.relative_to(ROOT).with_suffix("").as_posix() for p in ROOT.glob("sections/*.md")}
    pages.discard("README")
    found = {p.relative_to(LOCALES).with_suffix("").as_posix() for p in LOCALES.rglob("*.po")}
    # sphinx.po: the templates' messages (furo's, the switcher's).
    assert found == pages | {"sphinx"}
    assert not list(ROOT.joinpath("locales").rglob("*.pot"))


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_no_message_is_untranslated_or_fuzzy(path):
    """Sphinx would show a message that is untranslated or fuzzy in English."""
    catalogue = read_catalogue(path)
    found = [m for m in catalogue if m.id]
    assert found, f"{_name(path)} has no messages"
    assert [m.id for m in found if not m.string] == [], "untranslated"
    assert [m.id for m in found if m.fuzzy] == [], "fuzzy: check the translation, drop the flag"
    assert not catalogue.fuzzy, "the header is marked fuzzy"


_URL = re.compile(r"\]\(([^)\s]*)\)")
_ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


@pytest.mark.parametrize("path", CATALOGUES, ids=_name)
def test_translations_keep_links_citations_and_placeholders(path):
    for source, translation in messages(path).items():
        assert sorted(_URL.findall(translation)) == sorted(_URL.findall(source)), source
        roles = [r for r in _ROLE.findall(source) if not r.startswith("{download-pdf}")]
        assert [r for r in _ROLE.findall(translation) if r in roles] == roles, source
        # Roles are not placeholders. A card's title may bring back its icon
        # ({octicon}), which the message leaves out but the translation replaces.
        assert sorted(_PLACEHOLDER.findall(_ROLE.sub("", translation))) == sorted(
            _PLACEHOLDER.findall(_ROLE.sub("", source))
        ), source
        extra = [r for r in _ROLE.findall(translation) if r not in roles]
        assert all(r.startswith("{octicon}") for r in extra), source


#: Names that stay as written, in every message that has them.
KEPT_NAMES = ("torchgpipe", "HyperCLOVA", "NSML", "TrueSkill", "Hangulize", "PyTorch")


def test_product_and_project_names_stay_as_written():
    for path in LOCALES.rglob("*.po"):
        for source, translation in messages(path).items():
            for name in KEPT_NAMES:
                if name in source:
                    assert name in translation, (path.name, source)


@pytest.mark.parametrize(
    ("catalogue", "source", "korean"),
    [
        ("index", "Heungsub Lee", "이흥섭"),
        ("sections/experience", "NAVER", "네이버"),
        ("sections/experience", "Kakao Brain", "카카오브레인"),
        ("sections/experience", "NEXON", "넥슨"),
        ("sections/experience", "Global AI Platform Corporation", "Global AI Platform Corporation"),
        ("sections/education", "Kwangwoon University", "광운대학교"),
        ("sections/education", "Computer Software", "컴퓨터소프트웨어학과"),
        (
            "sections/talks",
            "The server architecture of Durango",
            "<야생의 땅: 듀랑고> 서버 아키텍처",
        ),
        ("sections/talks", "Profiling", "Profiling 실시간 대화식 프로파일러"),
        # The project of the same name keeps its name.
        ("sections/open-source", "Profiling", "Profiling"),
        ("sections/experience", "Work Experience", "경력"),
    ],
)
def test_names_as_the_owner_and_the_organisations_write_them(catalogue, source, korean):
    assert messages(LOCALES / f"{catalogue}.po")[source] == korean


def test_extension_catalogue_has_exactly_the_messages_of_the_code():
    code = {m.id for m in i18n.code_messages() if m.id}
    assert {"Present", "{authors}, et al. ({count} authors)", "In {booktitle}"} <= code
    assert set(messages(EXTENSION_CATALOGUE)) == code


def test_updating_the_extension_catalogue_adds_and_drops_messages(tmp_path):
    path = tmp_path / "resume.po"
    text = EXTENSION_CATALOGUE.read_text(encoding="utf-8")
    text = text.replace('msgid "Present"', 'msgid "Ongoing"')
    path.write_text(text, encoding="utf-8")

    assert i18n.update_catalogue("ko", path) == "updated"
    updated = {m.id: m for m in read_catalogue(path) if m.id}
    assert "Ongoing" not in updated
    # New work for the translator: untranslated or fuzzy, which the test above fails on.
    assert not updated["Present"].string or updated["Present"].fuzzy
    assert i18n.update_catalogue("ko", path) == "not changed"


# -- The extension's words and dates, in Korean ------------------------------------


@pytest.mark.parametrize(
    ("date", "language", "shown"),
    [
        (Date(2023, 9), None, "Sep 2023"),
        (Date(2023, 9), "en", "Sep 2023"),
        (Date(2014), "en", "2014"),
        (Date(2023, 9), "ko", "2023년 9월"),
        (Date(2014), "ko", "2014년"),
        (Date(2008, 12), "ko_KR", "2008년 12월"),
        (Date(2023, 9), "xx", "Sep 2023"),  # no such locale: as in English
    ],
)
def test_dates_in_the_language_of_the_build(date, language, shown):
    assert date.display(language) == shown


def test_date_ranges_in_korean_and_english():
    current = make_item("job", "A", {"org": "O", "start": "2023-09", "end": "present"})
    assert current.date_range("ko") == "2023년 9월 – 현재"
    assert current.date_range() == current.date_range("en") == "Sep 2023 – Present"
    past = make_item("talk", "A", {"org": "O", "start": "2014", "end": "2018", "location": "서울"})
    assert past.dates_line("ko") == "서울 · 2014년 – 2018년"


def test_a_language_without_a_catalogue_keeps_the_words():
    assert i18n.translate("Present", "de") == "Present"
    assert i18n.translate("Present", "ko") == "현재"


BIB = """
@inproceedings{many,
  title = {What Changes Can Large-scale Language Models Bring?},
  author = {Kim, A and Kim, B and Kim, C and Kim, D and Lee, Heungsub and Kim, F and Kim, G
            and Kim, H and Kim, I and Kim, J and Kim, K},
  author+an = {1=equal; 2=equal},
  booktitle = {Proceedings of EMNLP}, pages = {3405--3424}, month = nov, year = {2021}
}
@misc{two,
  title = {torchgpipe}, author = {Kim, Chiheon and Lee, Heungsub and Jeong, Myungryong},
  year = {2020}, month = apr, eprint = {2004.09910}, archivePrefix = {arXiv}
}
"""


def format_text(language: str | None) -> list[str]:
    register_plugins()
    style = make_style("Heungsub Lee", language=language)()
    entries = style.format_entries(parse_string(BIB, "bibtex").entries.values())
    return [entry.text.render_as("text") for entry in entries]


def test_publication_style_words_in_korean():
    paper, preprint = format_text("ko")
    assert paper == (
        "A. Kim*, B. Kim*, C. Kim, …, Heungsub Lee 외 (저자 11명). "
        "What Changes Can Large-scale Language Models Bring? "
        "Proceedings of EMNLP 수록, 3405–3424쪽, 2021년 11월."
    )
    assert preprint.startswith(
        "C. Kim, Heungsub Lee, M. Jeong. torchgpipe. arXiv 프리프린트, 2020년 4월."
    )


def test_publication_style_words_in_english_are_unchanged():
    paper, preprint = format_text(None)
    assert paper.startswith("A. Kim*, B. Kim*, C. Kim, …, Heungsub Lee, et al. (11 authors). ")
    assert paper.endswith("In Proceedings of EMNLP, pp. 3405–3424, November 2021.")
    assert preprint.startswith("C. Kim, Heungsub Lee, and M. Jeong. torchgpipe. arXiv preprint,")
    assert format_text("en") == format_text(None)


# -- Per-language configuration -------------------------------------------------------


def test_translated_values_follow_the_language():
    table = {"ko": {"project": "이흥섭"}}
    config = SimpleNamespace(resume_translated=table, language="ko_KR")
    assert i18n.translated_values(config) == {"project": "이흥섭"}
    assert i18n.translated_values(SimpleNamespace(resume_translated=table, language="en")) == {}


@pytest.mark.sphinx(
    "html",
    testroot="i18n",
    srcdir="i18n-misspelt",
    confoverrides={"language": "ko", "resume_translated": {"ko": {"projcet": "x"}}},
)
def test_a_misspelt_translated_value_fails_the_build(app, warning):
    app.build()
    assert app.statuscode == 1
    assert re.search(
        r"conf\.py:\d+: ERROR: resume_translated\['ko'\] sets 'projcet', "
        r"which is no configuration value",
        warning.getvalue(),
    )


# -- furo's literal labels ----------------------------------------------------------------


def test_furo_still_has_every_literal_label():
    page = theme.patch_page((theme.furo_dir() / "page.html").read_text(encoding="utf-8"))
    icons = (theme.furo_dir() / "partials" / "icons.html").read_text(encoding="utf-8")
    assert theme.missing_labels({"page.html": page, "partials/icons.html": icons}) == []


def test_literal_labels_become_messages():
    source = '<button aria-label="Toggle Light / Dark / Auto color theme"><title>Menu</title>'
    assert theme.translatable_labels(source, "page.html") == (
        '<button aria-label="{{ _("Toggle Light / Dark / Auto color theme")|e }}">'
        "<title>Menu</title>"
    )
    assert theme.translatable_labels(source, "partials/icons.html").endswith(
        '<title>{{ _("Menu")|e }}</title>'
    )
    assert theme.missing_labels({"page.html": source}) != []


# -- Where each edition lives ----------------------------------------------------------------

LANGUAGES = ["en", "ko"]
RTD = {"READTHEDOCS": "True", "READTHEDOCS_LANGUAGE": "ko"}


@pytest.mark.parametrize(
    ("language", "baseurl", "environ", "roots"),
    [
        ("en", "https://x.io/", {}, {"en": "https://x.io/", "ko": "https://x.io/ko/"}),
        ("ko", "https://x.io/ko/", {}, {"en": "https://x.io/", "ko": "https://x.io/ko/"}),
        (
            "ko",
            "https://x.io/ko/latest/",
            {**RTD, "READTHEDOCS_CANONICAL_URL": "https://x.io/ko/latest/"},
            {"en": "https://x.io/en/latest/", "ko": "https://x.io/ko/latest/"},
        ),
        (
            "en",
            "https://x.io/en/stable/",
            {
                **RTD,
                "READTHEDOCS_LANGUAGE": "en",
                "READTHEDOCS_CANONICAL_URL": "https://x.io/en/stable/",
            },
            {"en": "https://x.io/en/stable/", "ko": "https://x.io/ko/stable/"},
        ),
    ],
)
def test_site_roots_locally_and_on_read_the_docs(language, baseurl, environ, roots):
    assert switcher.site_roots(LANGUAGES, language, baseurl, environ) == roots


def test_switcher_links_are_relative_and_absolute_on_404():
    roots = {"en": "https://x.io/en/latest/", "ko": "https://x.io/ko/latest/"}
    links = switcher.page_links(roots, "ko", "sections/talks.html")
    assert [(e["code"], e["name"], e["href"], e["current"]) for e in links] == [
        ("en", "English", "../../../en/latest/sections/talks.html", False),
        ("ko", "한국어", "../sections/talks.html", True),
    ]
    links = switcher.page_links(roots, "en", "404.html", absolute=True)
    assert [e["href"] for e in links] == ["/en/latest/404.html", "/ko/latest/404.html"]
    assert switcher.relative_root("https://a.io/", "https://b.io/ko/") == "https://b.io/ko/"


def test_alternates_name_every_language_and_the_default():
    roots = {"en": "https://x.io/", "ko": "https://x.io/ko/"}
    assert switcher.alternates(roots, "index.html") == [
        ("en", "https://x.io/index.html"),
        ("ko", "https://x.io/ko/index.html"),
        ("x-default", "https://x.io/index.html"),
    ]


# -- A small project, in both languages -------------------------------------------------------


def _switcher(soup) -> dict[str, str]:
    nav = soup.select_one("nav.resume-language-switcher")
    assert nav is not None
    current = nav.select_one('[aria-current="true"]')
    links = {a["hreflang"]: a["href"] for a in nav.select("a[href]")}
    for a in nav.select("a[href]"):
        assert a["lang"] == a["hreflang"]
    return {"current": current.get_text(), "label": nav.get_text(" ", strip=True), **links}


def _alternates(soup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"]')}


@pytest.mark.sphinx("html", testroot="i18n", srcdir="i18n-ko", confoverrides={"language": "ko"})
def test_korean_build_of_a_small_project(app, warning):
    app.build()
    assert warning.getvalue() == ""
    soup = soup_of(app.outdir / "index.html")
    assert soup.html["lang"] == "ko"
    assert soup.title.get_text() == "이흥섭"
    assert soup.select_one("h1").get_text().rstrip("¶") == "이흥섭"
    description = soup.select_one('meta[name="description"]')
    assert description["content"] == "이흥섭의 이력서."
    assert not description.has_attr("translated")  # not an attribute of HTML

    headers = [h.get_text(" ", strip=True) for h in soup.select(".resume-item-header")]
    assert headers == [
        "소프트웨어 엔지니어 · 예시 회사 2023년 9월 – 현재",
        "Profiling 실시간 대화식 프로파일러 · 파이콘 한국 2015년 8월",
    ]
    assert soup.select_one(".resume-item-dates time")["datetime"] == "2023-09"
    assert soup.select_one(".resume-skill-category").get_text() == "프로그래밍 언어"
    assert soup.select_one(".resume-languages").get_text(strip=True) == "한국어 — 모국어"
    # The data every output reads is the translated one.
    items = app.env.get_domain("resume").items["index"]
    assert [(i.title, i.org) for i in items] == [
        ("소프트웨어 엔지니어", "예시 회사"),
        ("Profiling 실시간 대화식 프로파일러", "파이콘 한국"),
    ]

    # furo's strings, from the project's own catalogue.
    assert soup.select_one(".skip-to-content").get_text(strip=True) == "본문으로 건너뛰기"
    assert soup.select_one(".next-page .context").get_text(strip=True) == "다음"
    toggles = {b["aria-label"] for b in soup.select("button.theme-toggle")}
    assert toggles == {"색상 테마 전환: 라이트 / 다크 / 자동"}
    assert soup.select_one("#__navigation")["aria-label"] == "사이트 탐색 사이드바 열기/닫기"
    assert soup.select_one("aside.sidebar-drawer")["aria-label"] == "섹션"
    titles = {t.get_text() for t in soup.select("svg symbol title")}
    assert {"라이트 모드", "다크 모드", "목차", "메뉴"} <= titles

    assert _switcher(soup) == {
        "current": "한국어",
        "label": "언어 English 한국어",
        "en": "../index.html",
    }
    assert _alternates(soup) == {
        "en": "https://example.org/index.html",
        "ko": "https://example.org/ko/index.html",
        "x-default": "https://example.org/index.html",
    }
    papers = soup_of(app.outdir / "sections" / "papers.html")
    assert _switcher(papers)["en"] == "../../sections/papers.html"
    assert papers.select_one(".prev-page .context").get_text(strip=True) == "이전"
    entries = [c.get_text(" ", strip=True) for c in papers.select("div.citation")]
    assert "Heungsub Lee 외 (저자 11명)" in entries[0]
    assert "Proceedings of a Conference 수록, 10–20쪽, 2021년 11월." in entries[0]
    assert "arXiv 프리프린트, 2020년 4월." in entries[1]

    sitemap = (app.outdir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/ko/index.html</loc>" in sitemap
    assert 'hreflang="en" href="https://example.org/index.html"' in sitemap


@pytest.mark.sphinx("html", testroot="i18n", srcdir="i18n-en")
def test_english_build_of_the_same_project(app, warning):
    app.build()
    assert warning.getvalue() == ""
    soup = soup_of(app.outdir / "index.html")
    assert soup.html["lang"] == "en"
    headers = [h.get_text(" ", strip=True) for h in soup.select(".resume-item-header")]
    assert headers[0] == "Software Engineer · Example Corp Sep 2023 – Present"
    assert soup.select_one(".skip-to-content").get_text(strip=True) == "Skip to content"
    assert {b["aria-label"] for b in soup.select("button.theme-toggle")} == {
        "Toggle Light / Dark / Auto color theme"
    }
    assert _switcher(soup) == {
        "current": "English",
        "label": "Language English 한국어",
        "ko": "ko/index.html",
    }
    papers = soup_of(app.outdir / "sections" / "papers.html")
    assert _switcher(papers)["ko"] == "../ko/sections/papers.html"
    assert "et al. (11 authors)" in papers.select_one("div.citation").get_text()


@pytest.mark.parametrize(
    ("language", "other", "href"),
    [("ko", "en", "../../en/latest/index.html"), ("en", "ko", "../../ko/latest/index.html")],
)
def test_read_the_docs_serves_each_language_beside_the_other(
    language, other, href, monkeypatch, make_app, tmp_path, rootdir
):
    canonical = f"https://example.readthedocs.io/{language}/latest/"
    for name, value in {
        "READTHEDOCS": "True",
        "READTHEDOCS_LANGUAGE": language,
        "READTHEDOCS_VERSION": "latest",
        "READTHEDOCS_CANONICAL_URL": canonical,
    }.items():
        monkeypatch.setenv(name, value)
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-i18n", srcdir)
    overrides = {"language": language, "html_baseurl": canonical}
    if language == "ko":  # the Korean project's conf.py reads the same canonical address
        overrides["resume_translated"] = {"ko": {"html_baseurl": canonical}}
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    assert app._warning.getvalue() == ""
    soup = soup_of(app.outdir / "index.html")
    assert _switcher(soup)[other] == href
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{canonical}index.html"
    assert _alternates(soup) == {
        "en": "https://example.readthedocs.io/en/latest/index.html",
        "ko": "https://example.readthedocs.io/ko/latest/index.html",
        "x-default": "https://example.readthedocs.io/en/latest/index.html",
    }


# -- The whole site (system tier) ----------------------------------------------------------------


@pytest.mark.system
def test_catalogues_are_up_to_date_with_the_source(tmp_path):
    """Every message of the pages and templates has its entry: `make update-po` was run."""
    src = copy_site(tmp_path / "src")
    result = sphinx_build(src, "gettext", tmp_path)
    assert_clean_build(result)
    templates = sorted((tmp_path / "gettext").rglob("*.pot"))
    assert templates
    for pot in templates:
        name = pot.relative_to(tmp_path / "gettext").with_suffix(".po")
        po = LOCALES / name
        assert po.is_file(), f"no catalogue for {name}: run `make update-po`"
        with pot.open("rb") as f:
            wanted = {m.id for m in read_po(f) if m.id}
        assert sorted(wanted - set(messages(po))) == [], f"{name}: run `make update-po`"


@pytest.fixture(scope="module")
def both_sites(tmp_path_factory):
    """The site as `make html-ko` leaves it: English at the root, Korean in ko/."""
    src = copy_site(tmp_path_factory.mktemp("i18n") / "src")
    out = src.parent / "_build"
    env = local_env(SOURCE_DATE_EPOCH="1700000000")
    times = {}
    start = time.perf_counter()
    english = sphinx_build(src, "html", out, env=env)
    times["en"] = time.perf_counter() - start
    assert_clean_build(english)
    start = time.perf_counter()
    korean = sphinx_build(src, "html", out / "ko", "-D", "language=ko", env=env)
    times["ko"] = time.perf_counter() - start
    shutil.move(out / "ko" / "html", out / "html" / "ko")
    assert_clean_build(korean)
    print(f"\nbuild times: English {times['en']:.1f} s, Korean {times['ko']:.1f} s")
    return out / "html"


@pytest.mark.system
def test_korean_site_is_korean(both_sites):
    korean = both_sites / "ko"
    expected = {
        "index.html": "이흥섭",
        "sections/experience.html": "경력",
        "sections/open-source.html": "오픈소스 경험",
        "sections/contributions.html": "기여",
        "sections/publications.html": "논문",
        "sections/talks.html": "발표",
        "sections/education.html": "학력",
        "404.html": "페이지를 찾을 수 없습니다",
    }
    assert sorted(expected) == sorted(PAGES)
    for name, title in expected.items():
        soup = soup_of(korean / name)
        assert soup.html["lang"] == "ko", name
        assert soup.select_one("h1").get_text().rstrip("¶") == title, name
        assert soup.title.get_text().endswith("이흥섭"), name

    experience = soup_of(korean / "sections/experience.html")
    headers = [h.get_text(" ", strip=True) for h in experience.select(".resume-item-header")]
    assert headers[0] == "소프트웨어 엔지니어 · Global AI Platform Corporation 2023년 9월 – 현재"
    orgs = [o.get_text() for o in experience.select(".resume-item-org")]
    assert orgs[1:4] == ["네이버", "카카오브레인", "넥슨"]
    text = experience.select_one("article").get_text(" ", strip=True)
    for name in ("HyperCLOVA", "NSML", "torchgpipe"):
        assert name in text
    assert "Present" not in text

    education = soup_of(korean / "sections/education.html").select_one(".resume-item-header")
    assert education.get_text(" ", strip=True) == "컴퓨터소프트웨어학과 · 광운대학교 2008년"

    # Paper titles stay in English; the style's words are Korean.
    english = soup_of(both_sites / "sections/publications.html")
    papers = soup_of(korean / "sections/publications.html")
    titles = [a.get_text() for a in english.select("div.citation a.reference.external")][:2]
    text = papers.select_one("article").get_text(" ", strip=True)
    assert titles and all(title in text for title in titles)
    assert "외 (저자 37명)" in text and "3405–3424쪽" in text and "2021년 11월" in text
    assert "et al." not in text and " pp. " not in text


@pytest.mark.system
def test_switcher_links_the_same_page_in_both_directions(both_sites):
    for name in PAGES:
        for language, other, site in (("en", "ko", both_sites), ("ko", "en", both_sites / "ko")):
            soup = soup_of(site / name)
            links = _switcher(soup)
            if name == "404.html":
                # Served at any address: the link goes from the host's root.
                assert links[other] == ("/ko/404.html" if other == "ko" else "/404.html")
                continue
            target = (site / name).parent / links[other]
            assert target.resolve() == (both_sites / ("ko" if other == "ko" else "") / name)
            assert target.is_file(), (language, name)
            alternates = _alternates(soup)
            assert alternates["en"] == f"https://heungsub-lee.readthedocs.io/{name}"
            assert alternates["ko"] == f"https://heungsub-lee.readthedocs.io/ko/{name}"
            assert alternates["x-default"] == alternates["en"]


@pytest.mark.system
def test_every_internal_link_of_both_editions_resolves(both_sites):
    from test_links import broken_internal_links

    # The PDFs are another build's (make pdf); the pages alone are checked here.
    broken = [link for link in broken_internal_links(both_sites) if ".pdf " not in link]
    assert broken == []


@pytest.mark.system
def test_sitemaps_name_the_alternates(both_sites):
    for site, base in ((both_sites, ""), (both_sites / "ko", "ko/")):
        sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
        assert (
            f"<loc>https://heungsub-lee.readthedocs.io/{base}sections/talks.html</loc>" in sitemap
        )
        assert sitemap.count('hreflang="x-default"') == len(PAGES) - 1  # no 404.html


@pytest.mark.system
def test_korean_pages_are_valid_html(both_sites):
    from test_vnu import errors, validate

    assert errors(validate([both_sites / "ko" / name for name in PAGES])) == []


@pytest.fixture(scope="module")
def served_both(both_sites):
    from helpers import serve

    with serve(both_sites) as url:
        yield url


@pytest.mark.system
@pytest.mark.parametrize("name", PAGES)
def test_korean_pages_in_a_browser(context, served_both, name):
    """lang="ko", nothing sideways at 360 px, no accessibility violation."""
    from axe_playwright_python.sync_playwright import Axe
    from test_browser import AXE_OPTIONS, PHONE

    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(served_both + "ko/" + name)
    assert page.evaluate("document.documentElement.lang") == "ko"
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths == [PHONE["width"], PHONE["width"]]
    page.set_viewport_size({"width": 1280, "height": 900})
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []


@pytest.mark.system
@pytest.mark.parametrize(("start", "end"), [("", "ko/"), ("ko/", "")])
def test_switcher_by_keyboard(context, served_both, start, end):
    """Tab to the switcher, press Enter: the same page in the other language."""
    page = context.new_page()
    page.goto(served_both + start + "sections/talks.html")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('hreflang')"):
            break
    else:
        pytest.fail("the switcher cannot be reached with Tab")
    name = page.evaluate("document.activeElement.textContent")
    assert name == ("한국어" if end else "English")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == served_both + end + "sections/talks.html"
    assert page.evaluate("document.documentElement.lang") == ("ko" if end else "en")


@pytest.mark.system
def test_read_the_docs_korean_project(tmp_path):
    """The Korean project as Read the Docs builds it: /ko/latest/, links to /en/latest/."""
    src = copy_site(tmp_path / "src")
    canonical = "https://heungsub-lee.readthedocs.io/ko/latest/"
    env = local_env(
        READTHEDOCS="True",
        READTHEDOCS_LANGUAGE="ko",
        READTHEDOCS_VERSION="latest",
        READTHEDOCS_CANONICAL_URL=canonical,
    )
    result = sphinx_build(src, "html", tmp_path / "out", "-D", "language=ko", env=env)
    assert_clean_build(result)
    site = tmp_path / "out" / "html"
    soup = soup_of(site / "sections/talks.html")
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{canonical}sections/talks.html"
    assert _switcher(soup)["en"] == "../../../en/latest/sections/talks.html"
    landing = soup_of(site / "index.html")
    assert landing.select_one("a.resume-pdf-link")["href"] == "/_/downloads/ko/latest/pdf/"
    not_found = soup_of(site / "404.html")
    assert _switcher(not_found)["en"] == "/en/latest/404.html"
    assert (site / "robots.txt").read_text().endswith(f"Sitemap: {canonical}sitemap.xml\n")


def test_no_compiled_catalogue_is_kept():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "*.mo" in ignored
    assert os.path.isfile(ROOT / "locales" / "ko" / "LC_MESSAGES" / "index.po")
