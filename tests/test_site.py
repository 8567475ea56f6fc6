"""The whole site, built from a copy of the repository as the Makefile builds it."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from conftest import copy_site, sphinx_build

SECTIONS = ["experience", "open-source", "contributions", "publications", "talks", "education"]

# Every link that the owner's source left as "#", with its address: (page, text, href).
LINKS = [
    ("index", "heungsub@subl.ee", "mailto:heungsub@subl.ee"),
    ("index", "subl.ee", "https://subl.ee/"),
    ("index", "github.com/sublee", "https://github.com/sublee"),
    ("index", "linkedin.com/in/sublee", "https://www.linkedin.com/in/sublee"),
    ("sections/experience", "Gistty", "https://gistty.ai/"),
    ("sections/experience", "Global AI Platform Corporation", "https://globalaiplatform.com/"),
    ("sections/experience", "NAVER", "https://navercorp.com/en"),
    ("sections/experience", "HyperCLOVA", "https://clova.ai/hyperclova"),
    ("sections/experience", "NSML", "https://arxiv.org/abs/1712.05902"),
    ("sections/experience", "CLOVA", "https://clova.ai/"),
    ("sections/experience", "Kakao Brain", "https://github.com/kakaobrain"),
    ("sections/experience", "torchgpipe", "https://torchgpipe.readthedocs.io/"),
    ("sections/experience", "NEXON", "https://company.nexon.com/en/"),
    ("sections/experience", "Durango", "https://www.igdb.com/games/durango-wild-lands"),
    ("sections/experience", "KartRider Dash", "https://www.igdb.com/games/kartrider-dash"),
    ("sections/experience", "nPine", "https://iclickart.co.kr/"),
    ("sections/open-source", "torchgpipe", "https://torchgpipe.readthedocs.io/"),
    ("sections/open-source", "GPipe", "https://arxiv.org/abs/1811.06965"),
    ("sections/open-source", "Pipe APIs", "https://pytorch.org/docs/2.0/pipeline.html"),
    ("sections/open-source", "Hangulize", "https://hangulize.org/"),
    (
        "sections/open-source",
        "the Korean timed-text style guide",
        "https://partnerhelp.netflixstudios.com/hc/en-us/articles/216001127-Korean-Timed-Text-Style-Guide",
    ),
    ("sections/open-source", "TrueSkill", "https://trueskill.org/"),
    (
        "sections/open-source",
        "TrueSkill™",
        "https://www.microsoft.com/en-us/research/project/trueskill-ranking-system/",
    ),
    (
        "sections/open-source",
        "PyData Berlin 2019",
        "https://docs.google.com/presentation/d/1S5v9D31vpsr22efMSSCO6hmN2SQNCIqKG7JyGzUSzeI/edit?usp=sharing",
    ),
    ("sections/open-source", "Profiling", "https://github.com/what-studio/profiling"),
    (
        "sections/open-source",
        "the Unity profiler",
        "https://docs.unity3d.com/Manual/ProfilerWindow.html",
    ),
    ("sections/contributions", "PyTorch", "https://pytorch.org/"),
    ("sections/contributions", "#27371", "https://github.com/pytorch/pytorch/pull/27371"),
    ("sections/contributions", "#21006", "https://github.com/pytorch/pytorch/pull/21006"),
    ("sections/contributions", "#25985", "https://github.com/pytorch/pytorch/pull/25985"),
    ("sections/contributions", "#18568", "https://github.com/pytorch/pytorch/pull/18568"),
    ("sections/contributions", "ZeroMQ", "https://zeromq.org/"),
    ("sections/contributions", "#2942", "https://github.com/zeromq/libzmq/issues/2942"),
    ("sections/contributions", "Flask", "https://flask.palletsprojects.com/"),
    ("sections/contributions", "#108", "https://github.com/pallets/flask/issues/108"),
    (
        "sections/contributions",
        "jQuery 1.4.3",
        "https://blog.jquery.com/2010/10/16/jquery-143-released/",
    ),
    ("sections/publications", "arXiv:2109.04650", "https://arxiv.org/abs/2109.04650"),
    ("sections/publications", "arXiv:2004.09910", "https://arxiv.org/abs/2004.09910"),
    ("sections/talks", "KRnet", "https://www.kca.kr/boardView.do?boardId=NOTICE&seq=4600077"),
    ("sections/talks", "2014", "https://www.slideshare.net/sublee/spof-mmorpg"),
    ("sections/talks", "2016", "https://www.slideshare.net/sublee/lt-vol-2"),
    ("sections/talks", "2018", "https://www.slideshare.net/sublee/vol-3-95472828"),
    ("sections/talks", "Remake of Hangulize", "https://speakerdeck.com/sublee/remake-of-hangulize"),
    ("sections/talks", "Profiling", "https://www.slideshare.net/sublee/profiling-52226374"),
    ("sections/education", "Kwangwoon University", "https://www.kw.ac.kr/en/"),
]

# The facts of the source, page by page, as a reader reads them.
FACTS = {
    "index": [
        "Software for software engineers or researchers",
        "Parallelism and distributed systems",
        "Cost optimization and management, especially for GPU-intensive systems",
        "Korean — Native",
        "English — Conversant in reading and writing",
    ],
    "sections/experience": [
        "Software Engineer · Global AI Platform Corporation Sep 2023 – Present",
        "Software Engineering Manager · NAVER Aug 2020 – Jul 2023",
        "Software Engineer · Kakao Brain Dec 2018 – Aug 2020",
        "Game Server Engineer · NEXON Mar 2011 – Dec 2018",
        "Back-end Web Developer · nPine Dec 2008 – Feb 2011",
        "Front-end Web Developer · Lunant Dec 2007 – Jan 2011",
        "a Chrome extension summarizing Amazon reviews",
        "leading 25 software engineers",
        "an LLM specializing in Korean culture",
        "large-scale AI models on HPC infrastructures",
        "a serverless training framework and a distributed hyperparameter search platform",
        "for an AutoML service",
        "Achieved up to 70k concurrent users per game world.",
        "KartRider Coin Rush",
        "Developed web services selling stock images.",
        "Designed and developed UI/UX for social media.",
    ],
    "sections/open-source": [
        "torchgpipe Feb 2019 – Apr 2020",
        "Hangulize Oct 2010 – Present",
        "TrueSkill Jan 2012 – Dec 2015",
        "Profiling Aug 2014 – Nov 2017",
        "with optimization for CUDA, the autograd engine, and long skip connections",
        "Invented a Hangul transcription algorithm and served as a web tool at zero cost.",
        "translate undocumented proper nouns",
        "the rating algorithm for Xbox Live",
        "the 3rd daily trending repository in GitHub on Sep 22, 2014",
    ],
    "sections/contributions": [
        "fixed potential GPU memory violation",
        "discussed a counterintuitive behavior of the autograd engine",
        "discussed a PUB socket crash",
        "fixed a bug to generate a URL with a subdomain",
        "fixed a bug on content negotiation in Ajax requests",
    ],
    "sections/talks": [
        "NSML, the hyper-scale ML training platform · KRnet Jun 2022",
        "Remake of Hangulize · Golang Korea Meetup Aug 2018",
        "Profiling · PyCon Korea Aug 2015",
        "The server architecture of Durango · NDC 2014 – 2018",
    ],
    "sections/education": [
        "Computer Software · Kwangwoon University 2008",
        "Completed the first year only.",
    ],
}


def page(site, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", soup.select_one("article").get_text(" ")).replace(" ,", ",")


def test_every_section_is_a_card_on_the_landing_page(site):
    cards = page(site, "index").select(".resume-cards a.sd-stretched-link")
    assert sorted(a["href"] for a in cards) == sorted(f"sections/{s}.html#{s}" for s in SECTIONS)
    for name in SECTIONS:
        assert (site / "sections" / f"{name}.html").is_file()


def test_landing_page_says_who_and_how_to_reach_him(site):
    soup = page(site, "index")
    assert soup.select_one("article h1").get_text(strip=True).startswith("Heungsub Lee")
    assert (
        "ML platforms, pipeline parallelism and distributed game servers"
        in soup.select_one(".resume-headline").get_text()
    )
    badges = [b.get_text() for b in soup.select(".resume-skills .sd-badge")]
    assert badges[:5] == ["Go", "Python", "TypeScript", "JavaScript", "Bash"]
    assert "NVIDIA Nsight Systems" in badges and "Terraform" in badges


@pytest.mark.parametrize(("name", "text", "href"), LINKS, ids=[f"{p}:{t}" for p, t, _ in LINKS])
def test_placeholder_links_resolve(site, name, text, href):
    links = [
        unquote(a["href"])
        for a in page(site, name).select("article a[href]")
        if a.get_text() == text
    ]
    assert href in links


def test_no_empty_links_anywhere(site):
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not soup.select('a[href="#"]'), path


@pytest.mark.parametrize("name", list(FACTS))
def test_facts_of_the_source_are_on_the_page(site, name):
    text = text_of(page(site, name))
    for fact in FACTS[name]:
        assert fact in text


def test_dates_are_machine_readable(site):
    soup = page(site, "sections/experience")
    first = soup.select_one(".resume-item")
    assert [t["datetime"] for t in first.select("time")] == ["2023-09"]
    assert len(soup.select(".resume-job")) == 6
    assert len(page(site, "sections/open-source").select(".resume-project")) == 4


def test_owner_is_bold_in_both_publications(site):
    entries = page(site, "sections/publications").select("div.citation")
    assert len(entries) == 2
    for entry in entries:
        assert [s.get_text() for s in entry.select("strong")] == ["Heungsub Lee"]


def test_publications_newest_first_with_links(site):
    entries = page(site, "sections/publications").select("div.citation")
    titles = [e.get_text() for e in entries]
    assert "Intensive Study on HyperCLOVA" in titles[0]
    assert "torchgpipe: On-the-fly Pipeline Parallelism" in titles[1]
    assert "et al. (37 authors)" in titles[0]
    assert (
        "Proceedings of the 2021 Conference on Empirical Methods in Natural Language Processing"
        in titles[0]
    )
    hrefs = {a["href"] for e in entries for a in e.select("a")}
    assert {
        "https://doi.org/10.18653/v1/2021.emnlp-main.274",
        "https://doi.org/10.48550/arXiv.2004.09910",
    } <= hrefs


def test_torchgpipe_shows_both_asterisks_and_the_legend(site):
    soup = page(site, "sections/publications")
    torchgpipe = next(e for e in soup.select("div.citation") if "torchgpipe" in e.get_text())
    assert "C.\xa0Kim*, Heungsub Lee*," in torchgpipe.get_text()
    assert soup.select_one(".resume-legend").get_text(strip=True) == "* Contributed equally."


def test_citations_link_to_the_publications_page(site):
    for name, key in [
        ("sections/experience", "HyperCLOVA"),
        ("sections/open-source", "torchgpipe"),
    ]:
        links = page(site, name).select('a[href^="publications.html#pub-"]')
        assert len(links) == 1
        anchor = links[0]["href"].split("#")[1]
        assert key in page(site, "sections/publications").find(id=anchor).get_text()


# -- Bad input fails the whole build with a message that names it ------------------------


def build_broken(tmp_path, path: str, old: str, new: str):
    src = copy_site(tmp_path / "src")
    target = src / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return sphinx_build(src, "html", tmp_path / "_build")


def test_broken_bib_fails_naming_publications_bib(tmp_path):
    result = build_broken(
        tmp_path, "publications.bib", "title         = {{torchgpipe}", "title = {{torchgpipe"
    )
    assert result.returncode != 0
    assert re.search(r"publications\.bib:\d+: ERROR: syntax error", result.stderr)
    assert "Traceback" not in result.stderr


def test_unknown_citation_key_fails_naming_the_key(tmp_path):
    result = build_broken(
        tmp_path,
        "sections/experience.md",
        "{cite}`kim2021hyperclova`",
        "{cite}`kim2021hyperclovax`",
    )
    assert result.returncode != 0
    assert 'could not find bibtex key "kim2021hyperclovax"' in result.stderr


def test_malformed_date_fails_naming_file_and_line(tmp_path):
    result = build_broken(tmp_path, "sections/experience.md", ":start: 2023-09", ":start: 2023-9")
    assert result.returncode != 0
    assert re.search(r"sections/experience\.md:\d+: ERROR: malformed date '2023-9'", result.stderr)
