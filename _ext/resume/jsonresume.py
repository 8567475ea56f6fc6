"""JSON Resume: ``resume.json`` in the site's root, for job boards and résumé themes.

The file follows the JSON Resume schema (https://jsonresume.org/schema) and is
made, when the HTML build finishes, from what the build already holds; no
fact is written a second time:

* ``basics``: the name (``author``), the headline (the landing page's
  ``resume-headline`` container) as ``label``, and the e-mail, web site and
  ``profiles`` of ``resume_contact`` (:mod:`.contact`);
* ``work``, ``projects`` and ``education``: the items of :mod:`.items`, with
  the paragraphs of each item's body as plain text, the first as its
  ``summary`` (``description`` for a project) and the others as its
  ``highlights``.  Talks are projects of ``type`` "talk", their event the
  ``entity``.  Dates are ``YYYY`` or ``YYYY-MM``; an item that still goes on
  has no ``endDate`` (the schema has no "present"), and an item of one date
  ends when it starts, so that themes do not show it as ongoing;
* ``publications``: the entries of the .bib files, newest first, read by the
  same code as the JSON-LD (:mod:`.jsonld`), with every author in an extra
  ``authors`` list: the schema has no field for them;
* ``skills`` and ``languages`` from :mod:`.skills`; ``interests`` from the
  ``interests`` directive below;
* ``meta``: the canonical address (``html_baseurl``), the version of the
  schema and, where ``SOURCE_DATE_EPOCH`` is set, the date of the source.

The same source gives the same bytes: nothing depends on the clock, the
order is the pages' reading order, and the JSON is written with a fixed
indentation.

The ``interests`` directive marks the bullet list of the owner's interests,
which every output shows as it shows any list::

    :::{interests}
    - Parallelism and distributed systems
    :::
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import contact as resume_contact
from . import domain
from . import items as resume_items
from .bibliography import NewestFirst
from .jsonld import _plain, scholarly_article

logger = logging.getLogger(__name__)

FILENAME = "resume.json"
#: The version of the JSON Resume schema that the file follows.
SCHEMA_VERSION = "v1.0.0"
SCHEMA_URL = (
    f"https://raw.githubusercontent.com/jsonresume/resume-schema/{SCHEMA_VERSION}/schema.json"
)
#: The class of the landing page's headline container.
HEADLINE_CLASS = "resume-headline"
#: The class of the list that the ``interests`` directive marks.
INTERESTS_CLASS = "resume-interests"
TALK_TYPE = "talk"
#: The builders whose output is the web site, and gets the exports.
HTML_BUILDERS = ("html", "dirhtml")

#: A profile's network, by the host of its address; other hosts name themselves.
NETWORKS = {
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "linkedin.com": "LinkedIn",
    "twitter.com": "Twitter",
    "x.com": "X",
    "stackoverflow.com": "Stack Overflow",
    "scholar.google.com": "Google Scholar",
    "orcid.org": "ORCID",
    "speakerdeck.com": "Speaker Deck",
    "slideshare.net": "SlideShare",
    "youtube.com": "YouTube",
    "facebook.com": "Facebook",
    "instagram.com": "Instagram",
}


# -- Pieces ------------------------------------------------------------------


def profile(url: str) -> dict:
    """``https://github.com/sublee`` -> network GitHub, username sublee, and the address."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    path = [part for part in parts.path.split("/") if part]
    found = {"network": NETWORKS.get(host, host)}
    if path:
        found["username"] = path[-1].removeprefix("@")
    found["url"] = url
    return found


def dates(item: resume_items.Item) -> dict:
    """``startDate`` and, unless the item goes on, ``endDate``."""
    found = {"startDate": item.start.iso()}
    if not item.present:
        found["endDate"] = (item.end or item.start).iso()
    return found


def _text_and_highlights(paragraphs: list[str], key: str) -> dict:
    found = {}
    if paragraphs:
        found[key] = paragraphs[0]
    if len(paragraphs) > 1:
        found["highlights"] = paragraphs[1:]
    return found


def work(item: resume_items.Item, paragraphs: list[str]) -> dict:
    entry = {"name": item.org, "position": item.title}
    if item.org_url:
        entry["url"] = item.org_url
    if item.location:
        entry["location"] = item.location
    return {**entry, **dates(item), **_text_and_highlights(paragraphs, "summary")}


def project(item: resume_items.Item, paragraphs: list[str]) -> dict:
    """An open-source project, or a talk (``type`` "talk", the event its ``entity``)."""
    entry = {"name": item.title}
    if item.kind == "talk":
        entry["type"] = TALK_TYPE
    if item.org:
        entry["entity"] = item.org
    # A talk without slides of its own links the event's page.
    if item.url or item.org_url:
        entry["url"] = item.url or item.org_url
    return {**entry, **dates(item), **_text_and_highlights(paragraphs, "description")}


def education(item: resume_items.Item, paragraphs: list[str]) -> dict:
    entry = {"institution": item.org, "area": item.title}
    if item.org_url:
        entry["url"] = item.org_url
    entry.update(dates(item))
    # The schema has no free text for a school: an extra field keeps it.
    return {**entry, **_text_and_highlights(paragraphs, "summary")}


def publication(entry) -> dict:
    """A pybtex entry, read as the JSON-LD reads it, with every author."""
    article = scholarly_article(entry)
    identifiers = {i["propertyID"]: i["value"] for i in article.get("identifier", [])}
    venue = article.get("isPartOf", {}).get("name", "")
    publisher = article.get("publisher", {}).get("name", "") or venue
    if not publisher and "arXiv" in identifiers:
        publisher = "arXiv"
    found = {"name": article["headline"]}
    if publisher:
        found["publisher"] = publisher
    found["releaseDate"] = article["datePublished"]
    if "url" in article:
        found["url"] = article["url"]
    # Where it appeared: the venue and pages, or the preprint's number.
    where = [venue] if venue and venue != publisher else []
    if "pageStart" in article:
        where.append(f"pp. {article['pageStart']}–{article['pageEnd']}")
    if not where and "howpublished" in entry.fields:
        where.append(_plain(entry.fields["howpublished"]))
    elif not where and "arXiv" in identifiers:
        where.append(f"arXiv:{identifiers['arXiv']}")
    if where:
        found["summary"] = ", ".join(where) + "."
    found["authors"] = [author["name"] for author in article["author"]]
    return found


def resume(
    *,
    name: str,
    headline: str = "",
    contact: resume_contact.Contact | None = None,
    work_items: list[tuple[resume_items.Item, list[str]]] = (),
    project_items: list[tuple[resume_items.Item, list[str]]] = (),
    education_items: list[tuple[resume_items.Item, list[str]]] = (),
    entries: list = (),
    skills: list[tuple[str, list[str]]] = (),
    languages: list[tuple[str, str]] = (),
    interests: list[str] = (),
    canonical: str = "",
    last_modified: str = "",
) -> dict:
    """The whole JSON Resume document; empty sections are left out."""
    basics = {"name": name}
    if headline:
        basics["label"] = headline
    if contact is not None:
        basics["email"] = contact.email
        if contact.url:
            basics["url"] = contact.url
        if contact.profiles:
            basics["profiles"] = [profile(url) for url in contact.profiles]
    sections = {
        "work": [work(item, texts) for item, texts in work_items],
        "projects": [project(item, texts) for item, texts in project_items],
        "education": [education(item, texts) for item, texts in education_items],
        "publications": [publication(entry) for entry in entries],
        "skills": [{"name": category, "keywords": list(names)} for category, names in skills],
        "languages": [{"language": lang, "fluency": fluency} for lang, fluency in languages],
        "interests": [{"name": interest} for interest in interests],
    }
    meta = {}
    if canonical:
        meta["canonical"] = canonical
    meta["version"] = SCHEMA_VERSION
    if last_modified:
        meta["lastModified"] = last_modified
    return {
        "$schema": SCHEMA_URL,
        "basics": basics,
        **{key: value for key, value in sections.items() if value},
        "meta": meta,
    }


def dumps(data: dict) -> str:
    """The file's text: UTF-8 as written, two-space indentation, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def last_modified(environ=os.environ) -> str:
    """``SOURCE_DATE_EPOCH`` as ISO 8601 in UTC, or "" where it is not set."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return ""
    moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# -- Text from the doctrees --------------------------------------------------


def plain_text(node: nodes.Node) -> str:
    """What *node* reads, on one line; citations are left out (the papers are listed)."""
    node = node.deepcopy()
    citations = [x for x in node.findall(addnodes.pending_xref) if x.get("refdomain") == "cite"]
    for ignored in [*citations, *node.findall(lambda n: isinstance(n, (nodes.comment, nodes.raw)))]:
        ignored.parent.remove(ignored)
    text = re.sub(r"\s+", " ", node.astext()).strip()
    if citations:
        # A citation taken out before a comma or a full stop leaves a space there.
        text = re.sub(r" ([,.;:])", r"\1", text)
    return text


def body_paragraphs(item_node: resume_items.resume_item) -> list[str]:
    """The item's body, after its header: a text for each paragraph and list item."""
    found = []
    for child in item_node.children:
        if isinstance(child, resume_items.resume_item_header):
            continue
        if isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            found.extend(plain_text(item) for item in child.children)
        else:
            found.append(plain_text(child))
    return [text for text in found if text]


def headline(doctree: nodes.document) -> str:
    for container in doctree.findall(nodes.container):
        if HEADLINE_CLASS in container["classes"]:
            return plain_text(container)
    return ""


def interests(doctree: nodes.document) -> list[str]:
    return [
        plain_text(item)
        for found in doctree.findall(nodes.bullet_list)
        if INTERESTS_CLASS in found["classes"]
        for item in found.children
    ]


# -- The interests directive -------------------------------------------------


class InterestsDirective(SphinxDirective):
    """The owner's interests: one bullet list, marked for the structured outputs."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        parsed = self.parse_content_to_nodes()
        lists = [node for node in parsed if not isinstance(node, nodes.comment)]
        if len(lists) != 1 or not isinstance(lists[0], nodes.bullet_list):
            domain.report(
                self.env,
                "the interests directive holds one bullet list ('- interest' on each line)",
                self.env.docname,
                self.lineno,
            )
            return []
        lists[0]["classes"].append(INTERESTS_CLASS)
        return parsed


# -- Sphinx wiring -----------------------------------------------------------


def owner_name(config) -> str:
    """``author`` (a translated build sets its own), or ``resume_owner`` where it is unset."""
    if config.author and config.author != config.values["author"].default:
        return config.author
    return config.resume_owner


def build_resume(app: Sphinx) -> dict:
    """The JSON Resume document of the build's environment."""
    env = app.env
    doctrees = {docname: env.get_doctree(docname) for docname in domain.reading_order(env)}
    bodies = {}
    for docname, doctree in doctrees.items():
        for node in doctree.findall(resume_items.resume_item):
            if node["ids"]:
                bodies[docname, node["ids"][0]] = body_paragraphs(node)

    def with_bodies(*kinds: str) -> list[tuple[resume_items.Item, list[str]]]:
        return [
            (item, bodies.get((item.docname, item.anchor), []))
            for kind in kinds
            for item in resume_items.get_items(env, kind)
        ]

    root = doctrees[env.config.root_doc]
    cite = env.get_domain("cite")
    entries = NewestFirst().sort(list(cite.bibdata.data.entries.values()))
    baseurl = app.config.html_baseurl
    return resume(
        name=owner_name(app.config),
        headline=headline(root),
        contact=resume_contact.get_contact(app),
        work_items=with_bodies("job"),
        project_items=with_bodies("project", "talk"),
        education_items=with_bodies("education"),
        entries=entries,
        skills=domain.in_reading_order(env, "skills"),
        languages=domain.in_reading_order(env, "languages"),
        interests=[text for doctree in doctrees.values() for text in interests(doctree)],
        canonical=urljoin(baseurl, FILENAME) if baseurl else "",
        last_modified=last_modified(),
    )


def write_resume_json(app: Sphinx, exception: Exception | None) -> None:
    """``resume.json`` in the root of the HTML output (``build-finished``)."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    Path(app.outdir, FILENAME).write_text(dumps(build_resume(app)), encoding="utf-8")
