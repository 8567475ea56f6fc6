"""schema.org JSON-LD: the pure code, a small test root, then the landing page."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from pybtex.database import Person as BibPerson
from pybtex.database import parse_string

from resume import jsonld as resume_jsonld
from resume.contact import Contact
from resume.items import make_item
from resume.skills import parse_languages

BIB = r"""
@inproceedings{a,
  title = {{T}he {GPU} Paper},
  author = {Doe, John and Roe, Jane and M{\"u}ller, Anna},
  booktitle = {Proc. of {X}},
  publisher = {Soc},
  pages = {3405--3424},
  year = {2021}, month = nov,
  doi = {10.1/abc}, url = {https://example.org/a},
  eprint = {2109.04650}, archivePrefix = {arXiv}
}
"""


def json_ld(html: str) -> dict:
    scripts = BeautifulSoup(html, "html.parser").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


# -- Pure code -------------------------------------------------------------------


def test_person_from_contact_jobs_schools_and_languages():
    contact = Contact(
        email="j@example.org", url="https://j.example.org/", profiles=("https://github.com/j",)
    )
    jobs = [
        make_item(
            "job",
            "Lead",
            {"org": "Now", "org-url": "https://now.example/", "start": "2021-03", "end": "present"},
        ),
        make_item("job", "Dev", {"org": "Then", "start": "2015", "end": "2021-02"}),
    ]
    schools = [make_item("education", "CS", {"org": "Uni", "start": "2010"})]
    person = resume_jsonld.person(
        "Jane Roe", contact, jobs, schools, ["Korean"], "https://x/#person"
    )
    assert person["@type"] == "Person" and person["@id"] == "https://x/#person"
    assert (person["name"], person["email"], person["url"]) == (
        "Jane Roe",
        "j@example.org",
        "https://j.example.org/",
    )
    assert person["sameAs"] == ["https://github.com/j"]
    assert person["jobTitle"] == "Lead"
    assert person["worksFor"] == [
        {
            "@type": "EmployeeRole",
            "roleName": "Lead",
            "startDate": "2021-03",
            "worksFor": {"@type": "Organization", "name": "Now", "url": "https://now.example/"},
        },
        {
            "@type": "EmployeeRole",
            "roleName": "Dev",
            "startDate": "2015",
            "endDate": "2021-02",
            "worksFor": {"@type": "Organization", "name": "Then"},
        },
    ]
    assert person["alumniOf"] == [{"@type": "EducationalOrganization", "name": "Uni"}]
    assert person["knowsLanguage"] == [{"@type": "Language", "name": "Korean"}]


def test_scholarly_article_from_a_bib_entry():
    entry = parse_string(BIB, "bibtex").entries["a"]
    article = resume_jsonld.scholarly_article(entry, BibPerson("Jane Roe"), "#me")
    assert article["@type"] == "ScholarlyArticle"
    assert article["headline"] == "The GPU Paper"
    assert article["author"] == [
        {"@type": "Person", "name": "John Doe"},
        {"@type": "Person", "name": "Jane Roe", "@id": "#me"},
        {"@type": "Person", "name": "Anna Müller"},
    ]
    assert article["datePublished"] == "2021-11"
    assert article["isPartOf"] == {"@type": "CreativeWork", "name": "Proc. of X"}
    assert article["publisher"] == {"@type": "Organization", "name": "Soc"}
    assert (article["pageStart"], article["pageEnd"]) == ("3405", "3424")
    assert article["url"] == "https://example.org/a"
    assert article["sameAs"] == ["https://doi.org/10.1/abc", "https://arxiv.org/abs/2109.04650"]
    assert {i["propertyID"]: i["value"] for i in article["identifier"]} == {
        "DOI": "10.1/abc",
        "arXiv": "2109.04650",
    }


def test_languages_parse():
    assert parse_languages(["Korean — Native", "", "English — Conversant in reading"]) == [
        ("Korean", "Native"),
        ("English", "Conversant in reading"),
    ]
    with pytest.raises(ValueError, match="line 1 .*'German: basic'"):
        parse_languages(["German: basic"])


def test_script_cannot_be_closed_by_its_content():
    script = resume_jsonld.as_script({"name": "</script><script>alert(1)</script>"})
    assert script.count("</script>") == 1
    assert json.loads(
        script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    ) == {"name": "</script><script>alert(1)</script>"}


# -- A small project -----------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="jsonld")
def test_landing_page_of_a_small_project(app, warning):
    app.build()
    assert warning.getvalue() == ""
    data = json_ld((app.outdir / "index.html").read_text(encoding="utf-8"))
    assert data["@context"] == "https://schema.org"
    person, *articles, page = data["@graph"]
    assert person["@id"] == "https://example.org/cv/#person"
    assert person["email"] == "jane@example.org"
    assert person["sameAs"] == ["https://github.com/janeroe"]
    assert [role["worksFor"]["name"] for role in person["worksFor"]] == ["Now Corp", "Then Corp"]
    assert person["alumniOf"][0]["name"] == "Some University"
    assert [language["name"] for language in person["knowsLanguage"]] == ["Korean", "English"]
    assert sorted(article["headline"] for article in articles) == [
        "Another Paper",
        "Fast GPU Things: A Study",
    ]
    for article in articles:
        assert {"@type": "Person", "name": "Jane Roe", "@id": person["@id"]} in article["author"]
    assert page == {
        "@type": "ProfilePage",
        "@id": "https://example.org/cv/",
        "inLanguage": "en",
        "mainEntity": {"@id": person["@id"]},
    }


# -- The site -------------------------------------------------------------------------


@pytest.mark.system
def test_landing_page_describes_the_owner_and_his_papers(site):
    data = json_ld((site / "index.html").read_text(encoding="utf-8"))
    person, *articles, page = data["@graph"]
    assert person["@type"] == "Person"
    assert person["name"] == "Heungsub Lee"
    assert person["email"] == "heungsub@subl.ee"
    assert person["url"] == "https://subl.ee/"
    assert person["sameAs"] == ["https://github.com/sublee", "https://www.linkedin.com/in/sublee"]
    assert [role["worksFor"]["name"] for role in person["worksFor"]] == [
        "Global AI Platform Corporation",
        "NAVER",
        "Kakao Brain",
        "NEXON",
        "nPine",
        "Lunant",
    ]
    assert person["worksFor"][1] == {
        "@type": "EmployeeRole",
        "roleName": "Software Engineering Manager",
        "startDate": "2020-08",
        "endDate": "2023-07",
        "worksFor": {"@type": "Organization", "name": "NAVER", "url": "https://navercorp.com/en"},
    }
    assert person["alumniOf"] == [
        {
            "@type": "EducationalOrganization",
            "name": "Kwangwoon University",
            "url": "https://www.kw.ac.kr/en/",
        }
    ]
    assert [language["name"] for language in person["knowsLanguage"]] == ["Korean", "English"]

    by_doi = {
        article["identifier"][0]["value"]: article
        for article in articles
        if article["identifier"][0]["propertyID"] == "DOI"
    }
    hyperclova = by_doi["10.18653/v1/2021.emnlp-main.274"]
    torchgpipe = by_doi["10.48550/arXiv.2004.09910"]
    assert len(articles) == 2
    assert hyperclova["headline"].startswith(
        "What Changes Can Large-scale Language Models Bring? Intensive Study on HyperCLOVA"
    )
    assert (
        torchgpipe["headline"]
        == "torchgpipe: On-the-fly Pipeline Parallelism for Training Giant Models"
    )
    assert len(hyperclova["author"]) == 37 and len(torchgpipe["author"]) == 8
    assert hyperclova["author"][10] == {
        "@type": "Person",
        "name": "Heungsub Lee",
        "@id": person["@id"],
    }
    assert torchgpipe["author"][:2] == [
        {"@type": "Person", "name": "Chiheon Kim"},
        {"@type": "Person", "name": "Heungsub Lee", "@id": person["@id"]},
    ]


@pytest.mark.system
def test_only_the_landing_page_has_json_ld(site):
    for path in site.rglob("*.html"):
        if path.name != "index.html":
            assert "application/ld+json" not in path.read_text(encoding="utf-8"), path


@pytest.mark.system
def test_the_korean_landing_page_says_its_language_and_his_korean_name(site_ko):
    data = json_ld((site_ko / "index.html").read_text(encoding="utf-8"))
    person, *articles, page = data["@graph"]
    assert (person["name"], person["alternateName"]) == ("이흥섭", "Heungsub Lee")
    assert page["inLanguage"] == "ko"
    assert page["@id"].endswith("/ko/")
    # The papers keep the owner as their author, by the name they print.
    assert all(
        any(author.get("@id") == person["@id"] for author in article["author"])
        for article in articles
    )
