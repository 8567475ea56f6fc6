"""resume.json, the JSON Resume export: the mapping alone, a small project, then the site.

The site's file is checked against the official schema (``@jsonresume/schema``
from tests/node_modules, Draft 7 with format checking), field by field against
the source (the schema allows any extra field), and by a real JSON Resume
client: ``resumed`` renders it with the Even theme, and validates it.
"""

from __future__ import annotations

import json
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from jsonschema import Draft7Validator, FormatChecker
from pybtex.database import parse_string
from sphinx.config import Config

from helpers import ROOT, local_env
from resume import jsonresume
from resume.items import make_item

NODE_MODULES = ROOT / "tests" / "node_modules"
SCHEMA = NODE_MODULES / "@jsonresume" / "schema" / "schema.json"
RESUMED = NODE_MODULES / ".bin" / "resumed"
THEME = "jsonresume-theme-even"

BIB = r"""
@inproceedings{a,
  title = {{T}he {GPU} Paper}, author = {Doe, John and Roe, Jane and M{\"u}ller, Anna},
  booktitle = {Proc. of {X}}, publisher = {Soc}, pages = {3--9}, year = {2021}, month = nov,
  url = {https://example.org/a}
}
@misc{b,
  title = {Preprint}, author = {Roe, Jane}, year = {2020}, month = apr,
  eprint = {2004.09910}, archivePrefix = {arXiv}, howpublished = {arXiv preprint arXiv:2004.09910}
}
"""


def validator() -> Draft7Validator:
    """The official schema, formats checked (``uri`` needs rfc3986-validator installed)."""
    if not SCHEMA.is_file():
        pytest.fail(f"{SCHEMA} is missing: `make test` installs tests/package.json")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=FormatChecker())


def schema_errors(data: dict) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator().iter_errors(data)]


def job(title, org, start, end="", **options) -> object:
    return make_item("job", title, {"org": org, "start": start, "end": end, **options})


# -- The mapping ---------------------------------------------------------------------


def test_profiles_name_their_network_and_user():
    assert jsonresume.profile("https://github.com/sublee") == {
        "network": "GitHub",
        "username": "sublee",
        "url": "https://github.com/sublee",
    }
    assert jsonresume.profile("https://www.linkedin.com/in/sublee/") == {
        "network": "LinkedIn",
        "username": "sublee",
        "url": "https://www.linkedin.com/in/sublee/",
    }
    assert jsonresume.profile("https://mastodon.example/@jane")["network"] == "mastodon.example"
    assert jsonresume.profile("https://mastodon.example/@jane")["username"] == "jane"


def test_a_current_job_has_no_end_and_a_single_date_ends_when_it_starts():
    current = jsonresume.work(job("Lead", "Now", "2023-09", "present"), [])
    assert current == {"name": "Now", "position": "Lead", "startDate": "2023-09"}
    past = jsonresume.work(job("Dev", "Then", "2015", "2021-02"), [])
    assert (past["startDate"], past["endDate"]) == ("2015", "2021-02")
    talk = make_item("talk", "On tools", {"org": "Meetup", "start": "2022-06"})
    assert jsonresume.dates(talk) == {"startDate": "2022-06", "endDate": "2022-06"}


def test_the_first_paragraph_is_the_summary_and_the_others_highlights():
    item = job("Lead", "Now", "2020", "2021", **{"org-url": "https://now.example/"})
    assert jsonresume.work(item, ["Led.", "Shipped.", "Hired."]) == {
        "name": "Now",
        "position": "Lead",
        "url": "https://now.example/",
        "startDate": "2020",
        "endDate": "2021",
        "summary": "Led.",
        "highlights": ["Shipped.", "Hired."],
    }
    project = make_item("project", "Widget", {"url": "https://w.example/", "start": "2019"})
    assert jsonresume.project(project, ["A widget."]) == {
        "name": "Widget",
        "url": "https://w.example/",
        "startDate": "2019",
        "endDate": "2019",
        "description": "A widget.",
    }


def test_talks_are_projects_of_type_talk_at_their_event():
    talk = make_item(
        "talk",
        "On tools",
        {"org": "Meetup", "url": "https://slides.example/", "start": "2014", "end": "2018"},
    )
    assert jsonresume.project(talk, []) == {
        "name": "On tools",
        "type": "talk",
        "entity": "Meetup",
        "url": "https://slides.example/",
        "startDate": "2014",
        "endDate": "2018",
    }


def test_education_reads_the_school_and_the_field():
    school = make_item(
        "education", "Physics", {"org": "Uni", "org-url": "https://uni.example/", "start": "2010"}
    )
    assert jsonresume.education(school, ["First year only."]) == {
        "institution": "Uni",
        "area": "Physics",
        "url": "https://uni.example/",
        "startDate": "2010",
        "endDate": "2010",
        "summary": "First year only.",
    }


def test_publications_keep_every_author_and_the_month():
    entries = parse_string(BIB, "bibtex").entries
    assert jsonresume.publication(entries["a"]) == {
        "name": "The GPU Paper",
        "publisher": "Soc",
        "releaseDate": "2021-11",
        "url": "https://example.org/a",
        "summary": "Proc. of X, pp. 3–9.",
        "authors": ["John Doe", "Jane Roe", "Anna Müller"],
    }
    preprint = jsonresume.publication(entries["b"])
    assert preprint["publisher"] == "arXiv"
    assert preprint["releaseDate"] == "2020-04"
    assert preprint["summary"] == "arXiv preprint arXiv:2004.09910."
    assert preprint["authors"] == ["Jane Roe"]


def test_the_name_is_the_author_as_the_build_gives_it():
    translated = Config({"author": "이흥섭"}, {})
    translated.resume_owner = "Heungsub Lee"
    assert jsonresume.owner_name(translated) == "이흥섭"
    unset = Config({}, {})
    unset.resume_owner = "Heungsub Lee"
    assert jsonresume.owner_name(unset) == "Heungsub Lee"


def test_last_modified_comes_from_source_date_epoch_only():
    assert jsonresume.last_modified({"SOURCE_DATE_EPOCH": "1700000000"}) == "2023-11-14T22:13:20Z"
    assert jsonresume.last_modified({}) == ""


def test_a_minimal_resume_is_valid_and_leaves_empty_sections_out():
    data = jsonresume.resume(name="Jane Roe", canonical="https://example.org/resume.json")
    assert schema_errors(data) == []
    assert set(data) == {"$schema", "basics", "meta"}
    assert data["meta"] == {"canonical": "https://example.org/resume.json", "version": "v1.0.0"}


def test_the_schema_check_catches_a_malformed_address():
    """jsonschema checks ``format: uri`` only with rfc3986-validator installed: prove it does."""
    assert "uri" in FormatChecker().checkers
    data = jsonresume.resume(name="Jane Roe", canonical="https://example.org/resume.json")
    data["basics"]["url"] = "not an address"
    assert schema_errors(data) == ["$.basics.url: 'not an address' is not a 'uri'"]
    data["basics"]["url"] = "https://example.org/"
    data["work"] = [{"name": "X", "startDate": "2023-9"}]
    assert len(schema_errors(data)) == 1


# -- A small project --------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="exports")
def test_small_project_maps_every_fact(app, warning, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    app.build()
    assert warning.getvalue() == ""
    text = (app.outdir / "resume.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert schema_errors(data) == []
    assert data["basics"] == {
        "name": "Jane Roe",
        "label": "Engineer of small things.",
        "email": "jane@example.org",
        "url": "https://jane.example.org/",
        "profiles": [
            {"network": "GitHub", "username": "janeroe", "url": "https://github.com/janeroe"},
            {
                "network": "LinkedIn",
                "username": "jane-roe",
                "url": "https://www.linkedin.com/in/jane-roe/",
            },
        ],
    }
    assert data["work"] == [
        {
            "name": "Now Corp",
            "position": "Staff Engineer",
            "url": "https://now.example.com/",
            "location": "Seoul",
            "startDate": "2021-03",
            # The citation [1] is left out: the paper is in "publications".
            "summary": "Leads the build team. Writes tools.",
            "highlights": ["Ships them."],
        },
        {
            "name": "Then Corp",
            "position": "Engineer",
            "startDate": "2015",
            "endDate": "2021-02",
            "summary": "Wrote code.",
        },
    ]
    assert [(p["name"], p.get("type"), p.get("entity")) for p in data["projects"]] == [
        ("Widget", None, None),
        ("Widgets at scale", "talk", "WidgetConf"),
        ("On tools", "talk", "Meetup"),
    ]
    assert data["projects"][1]["url"] == "https://conf.example.org/"
    assert data["education"] == [
        {
            "institution": "Some University",
            "area": "Physics",
            "url": "https://uni.example.edu/",
            "startDate": "2010",
            "endDate": "2010",
            "summary": "Completed the first year only.",
        }
    ]
    assert [(p["name"], p["releaseDate"], p["authors"]) for p in data["publications"]] == [
        ("Fast GPU Things: A Study", "2022-06", ["John Doe", "Jane Roe", "Anna Müller"]),
        ("Another Paper", "2019", ["Jane Roe"]),
    ]
    assert data["skills"] == [
        {"name": "Languages", "keywords": ["Go", "Python"]},
        {"name": "Tools", "keywords": ["Make"]},
    ]
    assert data["languages"] == [
        {"language": "Korean", "fluency": "Native"},
        {"language": "English", "fluency": "Fluent"},
    ]
    assert data["interests"] == [{"name": "Compilers"}, {"name": "Tea, green mostly"}]
    assert data["meta"] == {
        "canonical": "https://example.org/cv/resume.json",
        "version": "v1.0.0",
        "lastModified": "2023-11-14T22:13:20Z",
    }
    # Written as UTF-8 text, indented, one key order.
    assert "Anna Müller" in text and text.startswith('{\n  "$schema": ')


@pytest.mark.sphinx("html", testroot="exports", freshenv=True)
def test_same_source_same_bytes(app, warning, make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    app.build()
    first = (app.outdir / "resume.json").read_bytes()
    other = make_app("html", srcdir=app.srcdir, builddir=tmp_path / "again", freshenv=True)
    other.build()
    assert (other.outdir / "resume.json").read_bytes() == first
    assert warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="exports", srcdir="exports-bad-interests")
def test_interests_that_are_not_one_list_are_an_error(app, warning):
    index = Path(app.srcdir, "index.md")
    source = index.read_text(encoding="utf-8")
    index.write_text(source.replace("- Compilers\n", "Compilers, and\n\n"), encoding="utf-8")
    app.build(force_all=True)
    assert "index.md:23: ERROR: the interests directive holds one bullet list" in re.sub(
        r"\x1b\[[0-9;]*m", "", warning.getvalue()
    )
    assert app.statuscode == 1


# -- The site -------------------------------------------------------------------------

#: (position, organization, start, end) of every job, newest first; None: still there.
JOBS = [
    ("Software Engineer", "Global AI Platform Corporation", "2023-09", None),
    ("Software Engineering Manager", "NAVER", "2020-08", "2023-07"),
    ("Software Engineer", "Kakao Brain", "2018-12", "2020-08"),
    ("Game Server Engineer", "NEXON", "2011-03", "2018-12"),
    ("Back-end Web Developer", "nPine", "2008-12", "2011-02"),
    ("Front-end Web Developer", "Lunant", "2007-12", "2011-01"),
]
PROJECTS = [
    ("torchgpipe", "https://torchgpipe.readthedocs.io/", "2019-02", "2020-04"),
    ("Hangulize", "https://hangulize.org/", "2010-10", None),
    ("TrueSkill", "https://trueskill.org/", "2012-01", "2015-12"),
    ("Profiling", "https://github.com/what-studio/profiling", "2014-08", "2017-11"),
]
TALKS = [
    ("NSML, the hyper-scale ML training platform", "KRnet", "2022-06", "2022-06"),
    ("Remake of Hangulize", "Golang Korea Meetup", "2018-08", "2018-08"),
    ("Profiling", "PyCon Korea", "2015-08", "2015-08"),
    ("The server architecture of Durango", "NDC", "2014", "2018"),
]


@pytest.fixture(scope="module")
def resume_json(site) -> Path:
    return site / "resume.json"


@pytest.fixture(scope="module")
def data(resume_json) -> dict:
    return json.loads(resume_json.read_text(encoding="utf-8"))


@pytest.mark.system
def test_site_resume_is_valid_against_the_official_schema(data):
    assert schema_errors(data) == []
    assert data["$schema"].endswith("/v1.0.0/schema.json")


@pytest.mark.system
def test_site_basics(data):
    assert data["basics"] == {
        "name": "Heungsub Lee",
        "label": (
            "Software engineer: ML platforms, pipeline parallelism and distributed game servers."
        ),
        "email": "heungsub@subl.ee",
        "url": "https://subl.ee/",
        "profiles": [
            {"network": "GitHub", "username": "sublee", "url": "https://github.com/sublee"},
            {
                "network": "LinkedIn",
                "username": "sublee",
                "url": "https://www.linkedin.com/in/sublee",
            },
        ],
    }


@pytest.mark.system
def test_site_work_has_every_job_and_the_current_one_no_end(data):
    found = [(w["position"], w["name"], w["startDate"], w.get("endDate")) for w in data["work"]]
    assert found == JOBS
    assert "endDate" not in data["work"][0]
    naver = data["work"][1]
    assert naver["url"] == "https://navercorp.com/en"
    assert naver["summary"].startswith("Supervised MLOps platforms by leading 25 software")
    assert naver["summary"].endswith(
        "productivity of HyperCLOVA, an LLM specializing in Korean culture."
    )
    assert naver["highlights"] == [
        "Developed the second version of NSML, an ML research platform in CLOVA, to extend its "
        "capability for large-scale AI models on HPC infrastructures."
    ]
    assert data["work"][3]["summary"].endswith(
        "Achieved up to 70k concurrent users per game world."
    )
    assert "url" not in data["work"][5]  # Lunant has no address


@pytest.mark.system
def test_site_projects_and_talks(data):
    projects = [p for p in data["projects"] if "type" not in p]
    talks = [p for p in data["projects"] if p.get("type") == "talk"]
    assert len(projects) + len(talks) == len(data["projects"])
    assert [(p["name"], p["url"], p["startDate"], p.get("endDate")) for p in projects] == PROJECTS
    assert [(t["name"], t["entity"], t["startDate"], t["endDate"]) for t in talks] == TALKS
    assert talks[1]["url"] == "https://speakerdeck.com/sublee/remake-of-hangulize"
    assert talks[3]["description"] == "Given at NDC in 2014, 2016 and 2018."
    assert projects[1]["highlights"][0].startswith("Many professional Korean translators")


@pytest.mark.system
def test_site_education(data):
    assert data["education"] == [
        {
            "institution": "Kwangwoon University",
            "area": "Computer Software",
            "url": "https://www.kw.ac.kr/en/",
            "startDate": "2008",
            "endDate": "2008",
            "summary": "Completed the first year only.",
        }
    ]


@pytest.mark.system
def test_site_publications_with_complete_author_lists(data):
    hyperclova, torchgpipe = data["publications"]
    assert hyperclova["name"].startswith("What Changes Can Large-scale Language Models Bring?")
    assert hyperclova["publisher"] == "Association for Computational Linguistics"
    assert hyperclova["releaseDate"] == "2021-11"
    assert hyperclova["url"] == "https://aclanthology.org/2021.emnlp-main.274/"
    assert len(hyperclova["authors"]) == 37
    assert hyperclova["authors"][:2] == ["Boseop Kim", "HyoungSeok Kim"]
    assert hyperclova["authors"][10] == "Heungsub Lee"
    assert hyperclova["authors"][-1] == "Nako Sung"
    assert torchgpipe["name"] == (
        "torchgpipe: On-the-fly Pipeline Parallelism for Training Giant Models"
    )
    assert (torchgpipe["publisher"], torchgpipe["releaseDate"]) == ("arXiv", "2020-04")
    assert torchgpipe["url"] == "https://arxiv.org/abs/2004.09910"
    assert torchgpipe["authors"] == [
        "Chiheon Kim",
        "Heungsub Lee",
        "Myungryong Jeong",
        "Woonhyuk Baek",
        "Boogeon Yoon",
        "Ildoo Kim",
        "Sungbin Lim",
        "Sungwoong Kim",
    ]


@pytest.mark.system
def test_site_skills_languages_and_interests(data):
    assert data["skills"] == [
        {
            "name": "Programming Languages",
            "keywords": ["Go", "Python", "TypeScript", "JavaScript", "Bash"],
        },
        {
            "name": "Back-end Development",
            "keywords": ["Linux", "K8s", "AWS", "Terraform", "ZeroMQ", "NoSQL"],
        },
        {
            "name": "ML Engineering",
            "keywords": ["PyTorch", "pipeline parallelism", "NVIDIA Nsight Systems"],
        },
    ]
    assert data["languages"] == [
        {"language": "Korean", "fluency": "Native"},
        {"language": "English", "fluency": "Conversant in reading and writing"},
    ]
    assert data["interests"] == [
        {"name": "Software for software engineers or researchers"},
        {"name": "Parallelism and distributed systems"},
        {"name": "Cost optimization and management, especially for GPU-intensive systems"},
    ]


@pytest.mark.system
def test_site_meta(data):
    assert data["meta"]["canonical"] == "https://heungsub-lee.readthedocs.io/resume.json"
    assert data["meta"]["version"] == "v1.0.0"


# -- A real JSON Resume client ------------------------------------------------------------


def resumed(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    if not RESUMED.is_file():
        pytest.fail(f"{RESUMED} is missing: `make test` installs tests/package.json")
    return subprocess.run(
        [str(RESUMED), *args], cwd=cwd, capture_output=True, text=True, env=local_env()
    )


@pytest.mark.system
def test_resumed_validates_the_site_resume(resume_json):
    # resumed 6.1 crashes while it prints errors on Node 20: only its status is reliable.
    result = resumed("validate", str(resume_json), cwd=resume_json.parent)
    assert result.returncode == 0, result.stdout + result.stderr


def test_resumed_rejects_an_invalid_resume(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"basics": {"name": 3}}), encoding="utf-8")
    assert resumed("validate", str(bad), cwd=tmp_path).returncode != 0


@pytest.mark.system
def test_resumed_renders_every_job_project_school_and_paper(data, resume_json, tmp_path):
    out = tmp_path / "even.html"
    result = resumed("render", str(resume_json), "--theme", THEME, "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    text = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", out.read_text("utf-8"))))
    names = [w["position"] for w in data["work"]] + [w["name"] for w in data["work"]]
    names += [p["name"] for p in data["projects"]]
    names += [e["institution"] for e in data["education"]]
    names += [p["name"] for p in data["publications"]]
    names += ["Heungsub Lee", "heungsub@subl.ee"]
    assert [name for name in names if name not in text] == []
    assert len(names) == 2 * len(JOBS) + len(PROJECTS) + len(TALKS) + 1 + 2 + 2


# -- Read the Docs -------------------------------------------------------------------------


@pytest.mark.system
def test_read_the_docs_build_publishes_it_at_its_address(rtd_build):
    assert rtd_build.html_result.returncode == 0, rtd_build.html_result.stderr
    data = json.loads((rtd_build.output / "html" / "resume.json").read_text(encoding="utf-8"))
    assert data["meta"]["canonical"] == "https://heungsub-lee.readthedocs.io/en/latest/resume.json"
    assert schema_errors(data) == []
