"""The whole site, built from a copy of the repository as the Makefile builds it.

Bad input (a broken .bib, an unknown key, a malformed date) is tested on small
projects, where it belongs: test_items.py, test_bibliography.py, test_domain.py.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from helpers import page

pytestmark = pytest.mark.system

SECTIONS = ["experience", "open-source", "contributions", "publications", "talks", "education"]

# Every link that the owner's source left as "#", with its address: (page, text, href).
LINKS = [
    ("index.html", "heungsub@subl.ee", "mailto:heungsub@subl.ee"),
    ("index.html", "subl.ee", "https://subl.ee/"),
    ("index.html", "github.com/sublee", "https://github.com/sublee"),
    ("index.html", "linkedin.com/in/sublee", "https://www.linkedin.com/in/sublee"),
    ("sections/experience.html", "Gistty", "https://gistty.ai/"),
    ("sections/experience.html", "Global AI Platform Corporation", "https://globalaiplatform.com/"),
    ("sections/experience.html", "NAVER", "https://navercorp.com/en"),
    ("sections/experience.html", "HyperCLOVA", "https://clova.ai/hyperclova"),
    ("sections/experience.html", "NSML", "https://arxiv.org/abs/1712.05902"),
    ("sections/experience.html", "CLOVA", "https://clova.ai/"),
    ("sections/experience.html", "Kakao Brain", "https://github.com/kakaobrain"),
    ("sections/experience.html", "torchgpipe", "https://torchgpipe.readthedocs.io/"),
    ("sections/experience.html", "NEXON", "https://company.nexon.com/en/"),
    ("sections/experience.html", "Durango", "https://www.igdb.com/games/durango-wild-lands"),
    ("sections/experience.html", "KartRider Dash", "https://www.igdb.com/games/kartrider-dash"),
    ("sections/experience.html", "nPine", "https://iclickart.co.kr/"),
    ("sections/open-source.html", "torchgpipe", "https://torchgpipe.readthedocs.io/"),
    ("sections/open-source.html", "GPipe", "https://arxiv.org/abs/1811.06965"),
    ("sections/open-source.html", "Pipe APIs", "https://pytorch.org/docs/2.0/pipeline.html"),
    ("sections/open-source.html", "Hangulize", "https://hangulize.org/"),
    (
        "sections/open-source.html",
        "the Korean timed-text style guide",
        "https://partnerhelp.netflixstudios.com/hc/en-us/articles/216001127-Korean-Timed-Text-Style-Guide",
    ),
    ("sections/open-source.html", "TrueSkill", "https://trueskill.org/"),
    (
        "sections/open-source.html",
        "TrueSkill™",
        "https://www.microsoft.com/en-us/research/project/trueskill-ranking-system/",
    ),
    (
        "sections/open-source.html",
        "PyData Berlin 2019",
        "https://docs.google.com/presentation/d/1S5v9D31vpsr22efMSSCO6hmN2SQNCIqKG7JyGzUSzeI/edit?usp=sharing",
    ),
    ("sections/open-source.html", "Profiling", "https://github.com/what-studio/profiling"),
    (
        "sections/open-source.html",
        "the Unity profiler",
        "https://docs.unity3d.com/Manual/ProfilerWindow.html",
    ),
    ("sections/contributions.html", "PyTorch", "https://pytorch.org/"),
    ("sections/contributions.html", "#27371", "https://github.com/pytorch/pytorch/pull/27371"),
    ("sections/contributions.html", "#21006", "https://github.com/pytorch/pytorch/pull/21006"),
    ("sections/contributions.html", "#25985", "https://github.com/pytorch/pytorch/pull/25985"),
    ("sections/contributions.html", "#18568", "https://github.com/pytorch/pytorch/pull/18568"),
    ("sections/contributions.html", "ZeroMQ", "https://zeromq.org/"),
    ("sections/contributions.html", "#2942", "https://github.com/zeromq/libzmq/issues/2942"),
    ("sections/contributions.html", "Flask", "https://flask.palletsprojects.com/"),
    ("sections/contributions.html", "#108", "https://github.com/pallets/flask/issues/108"),
    (
        "sections/contributions.html",
        "jQuery 1.4.3",
        "https://blog.jquery.com/2010/10/16/jquery-143-released/",
    ),
    ("sections/publications.html", "arXiv:2109.04650", "https://arxiv.org/abs/2109.04650"),
    ("sections/publications.html", "arXiv:2004.09910", "https://arxiv.org/abs/2004.09910"),
    ("sections/talks.html", "KRnet", "https://www.kca.kr/boardView.do?boardId=NOTICE&seq=4600077"),
    ("sections/talks.html", "2014", "https://www.slideshare.net/sublee/spof-mmorpg"),
    ("sections/talks.html", "2016", "https://www.slideshare.net/sublee/lt-vol-2"),
    ("sections/talks.html", "2018", "https://www.slideshare.net/sublee/vol-3-95472828"),
    (
        "sections/talks.html",
        "Remake of Hangulize",
        "https://speakerdeck.com/sublee/remake-of-hangulize",
    ),
    ("sections/talks.html", "Profiling", "https://www.slideshare.net/sublee/profiling-52226374"),
    ("sections/education.html", "Kwangwoon University", "https://www.kw.ac.kr/en/"),
]

# The facts of the source, page by page, as a reader reads them.
FACTS = {
    "index.html": [
        "Software for software engineers or researchers",
        "Parallelism and distributed systems",
        "Cost optimization and management, especially for GPU-intensive systems",
        "Korean — Native",
        "English — Conversant in reading and writing",
    ],
    "sections/experience.html": [
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
    "sections/open-source.html": [
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
    "sections/contributions.html": [
        "fixed potential GPU memory violation",
        "discussed a counterintuitive behavior of the autograd engine",
        "discussed a PUB socket crash",
        "fixed a bug to generate a URL with a subdomain",
        "fixed a bug on content negotiation in Ajax requests",
    ],
    "sections/talks.html": [
        "NSML, the hyper-scale ML training platform · KRnet Jun 2022",
        "Remake of Hangulize · Golang Korea Meetup Aug 2018",
        "Profiling · PyCon Korea Aug 2015",
        "The server architecture of Durango · NDC 2014 – 2018",
    ],
    "sections/education.html": [
        "Computer Software · Kwangwoon University 2008",
        "Completed the first year only.",
    ],
}


def text_of(soup: BeautifulSoup) -> str:
    return re.sub(r"\s+", " ", soup.select_one("article").get_text(" ")).replace(" ,", ",")


def test_every_section_is_a_card_on_the_landing_page(site):
    cards = page(site, "index.html").select(".resume-cards a.sd-stretched-link")
    assert sorted(a["href"] for a in cards) == sorted(f"sections/{s}.html#{s}" for s in SECTIONS)
    for name in SECTIONS:
        assert (site / "sections" / f"{name}.html").is_file()


def test_landing_page_says_who_and_how_to_reach_him(site):
    soup = page(site, "index.html")
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
    soup = page(site, "sections/experience.html")
    first = soup.select_one(".resume-item")
    assert [t["datetime"] for t in first.select("time")] == ["2023-09"]
    assert len(soup.select(".resume-job")) == 6
    assert len(page(site, "sections/open-source.html").select(".resume-project")) == 4


def test_owner_is_bold_in_both_publications(site):
    entries = page(site, "sections/publications.html").select("div.citation")
    assert len(entries) == 2
    for entry in entries:
        assert [s.get_text() for s in entry.select("strong")] == ["Heungsub Lee"]


def test_publications_newest_first_with_links(site):
    entries = page(site, "sections/publications.html").select("div.citation")
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
    soup = page(site, "sections/publications.html")
    torchgpipe = next(e for e in soup.select("div.citation") if "torchgpipe" in e.get_text())
    assert "C.\xa0Kim*, Heungsub Lee*," in torchgpipe.get_text()
    assert soup.select_one(".resume-legend").get_text(strip=True) == "* Contributed equally."


def test_citations_link_to_the_publications_page(site):
    for name, key in [
        ("sections/experience.html", "HyperCLOVA"),
        ("sections/open-source.html", "torchgpipe"),
    ]:
        links = page(site, name).select('a[href^="publications.html#pub-"]')
        assert len(links) == 1
        anchor = links[0]["href"].split("#")[1]
        assert key in page(site, "sections/publications.html").find(id=anchor).get_text()
