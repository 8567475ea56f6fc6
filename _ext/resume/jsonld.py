"""schema.org JSON-LD on the landing page: the owner and his publications.

Search engines read who the résumé is about from a ``Person``, and his papers
from ``ScholarlyArticle`` nodes, in one ``<script type="application/ld+json">``
in the landing page's ``<head>``.  Nothing in it is written a second time:

* the name is ``resume_owner``; the e-mail, web site and profiles
  (``sameAs``) are ``resume_contact`` (:mod:`.contact`);
* ``worksFor`` is every ``job`` item (:mod:`.items`), each an
  ``EmployeeRole`` with its title and dates around the ``Organization``, and
  ``jobTitle`` the titles of the jobs he holds now;
* ``alumniOf`` is every ``education`` item's organization;
* ``knowsLanguage`` is the languages of the ``languages`` directive
  (:mod:`.skills`);
* the articles are the entries of the .bib files as sphinxcontrib-bibtex
  parsed them, with every author, the owner as a reference to the Person.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from docutils import nodes
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.database import Person as BibPerson
from pybtex.richtext import Text
from sphinx.application import Sphinx

from . import contact as resume_contact
from . import domain
from . import items as resume_items
from .bibliography import month_number, same_person
from .i18n import translated_values

CONTEXT = "https://schema.org"


# -- Pieces of the graph -----------------------------------------------------


def organization(name: str, url: str = "", kind: str = "Organization") -> dict:
    node = {"@type": kind, "name": name}
    if url:
        node["url"] = url
    return node


def employee_role(job: resume_items.Item) -> dict:
    """A job as schema.org's Role pattern: the dates around the employer."""
    role = {
        "@type": "EmployeeRole",
        "roleName": job.title,
        "startDate": job.start.iso(),
        "worksFor": organization(job.org, job.org_url),
    }
    if job.end and not job.present:
        role["endDate"] = job.end.iso()
    return role


def person(
    name: str,
    contact: resume_contact.Contact | None,
    jobs: list[resume_items.Item],
    schools: list[resume_items.Item],
    languages: list[str],
    node_id: str,
) -> dict:
    """The résumé's owner (without contact facts where *contact* is None)."""
    node = {"@type": "Person", "@id": node_id, "name": name}
    if contact is not None:
        node["email"] = contact.email
        if contact.url:
            node["url"] = contact.url
        if contact.profiles:
            node["sameAs"] = list(contact.profiles)
    current = [job.title for job in jobs if job.present]
    if current:
        node["jobTitle"] = current[0] if len(current) == 1 else current
    if jobs:
        node["worksFor"] = [employee_role(job) for job in jobs]
    if schools:
        node["alumniOf"] = [
            organization(school.org, school.org_url, "EducationalOrganization")
            for school in schools
        ]
    if languages:
        node["knowsLanguage"] = [{"@type": "Language", "name": language} for language in languages]
    return node


# One backend for every call: ``render_as("text")`` looks the backend up among
# the installed packages' entry points each time, some 5 ms a call.
_PLAIN_TEXT = PlainTextBackend()


def _plain(latex: str) -> str:
    """BibTeX text without its braces and commands: ``{I}ntensive`` -> ``Intensive``."""
    return Text.from_latex(latex).render(_PLAIN_TEXT)


def _author(entry_person, owner, owner_id: str) -> dict:
    names = [
        *entry_person.first_names,
        *entry_person.middle_names,
        *entry_person.prelast_names,
        *entry_person.last_names,
        *entry_person.lineage_names,
    ]
    node = {"@type": "Person", "name": _plain(" ".join(names))}
    if owner is not None and same_person(entry_person, owner):
        node["@id"] = owner_id
    return node


def scholarly_article(entry, owner=None, owner_id: str = "") -> dict:
    """A pybtex entry as a ``ScholarlyArticle``; *owner* (a pybtex Person) links to *owner_id*."""
    fields = entry.fields
    node = {
        "@type": "ScholarlyArticle",
        "headline": _plain(fields["title"]),
        "author": [_author(p, owner, owner_id) for p in entry.persons.get("author", [])],
    }
    month = month_number(entry)
    node["datePublished"] = f"{fields['year']}-{month:02d}" if month else fields["year"]
    venue = fields.get("booktitle") or fields.get("journal")
    if venue:
        node["isPartOf"] = {
            "@type": "Periodical" if "journal" in fields else "CreativeWork",
            "name": _plain(venue),
        }
    if "publisher" in fields:
        node["publisher"] = organization(_plain(fields["publisher"]))
    pages = re.split(r"-+", fields.get("pages", ""))
    if len(pages) == 2 and all(pages):
        node["pageStart"], node["pageEnd"] = pages
    if "url" in fields:
        node["url"] = fields["url"]
    identifiers, same_as = [], []
    if "doi" in fields:
        identifiers.append({"@type": "PropertyValue", "propertyID": "DOI", "value": fields["doi"]})
        same_as.append(f"https://doi.org/{fields['doi']}")
    if fields.get("archiveprefix", "").lower() == "arxiv" and "eprint" in fields:
        identifiers.append(
            {"@type": "PropertyValue", "propertyID": "arXiv", "value": fields["eprint"]}
        )
        same_as.append(f"https://arxiv.org/abs/{fields['eprint']}")
    if identifiers:
        node["identifier"] = identifiers
    same_as = [url for url in same_as if url != node.get("url")]
    if same_as:
        node["sameAs"] = same_as
    return node


def as_script(data: dict) -> str:
    """*data* in a ``<script>`` element; no ``</script>`` inside can end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return '<script type="application/ld+json">' + text.replace("<", "\\u003c") + "</script>"


# -- From the build ----------------------------------------------------------


def site_graph(app: Sphinx, doctree: nodes.document) -> dict:
    """The JSON-LD of the landing page, whose resolved doctree is *doctree*."""
    owner_id = urljoin(app.config.html_baseurl or "", "#person")
    contact = resume_contact.get_contact(app)
    owner_name = app.config.resume_owner
    owner = person(
        owner_name,
        contact,
        resume_items.get_items(app.env, "job"),
        resume_items.get_items(app.env, "education"),
        [language for language, _ in domain.in_reading_order(app.env, "languages")],
        owner_id,
    )
    # The name as this edition writes it (이흥섭); the papers' spelling besides.
    translated = translated_values(app.config).get("author")
    if translated and translated != owner_name:
        owner["name"], owner["alternateName"] = translated, owner_name
    owner_in_bib = BibPerson(owner_name) if owner_name else None
    entries = app.env.get_domain("cite").bibdata.data.entries
    articles = [scholarly_article(entry, owner_in_bib, owner_id) for entry in entries.values()]
    page = {
        "@type": "ProfilePage",
        "@id": app.config.html_baseurl or "",
        "inLanguage": (app.config.language or "en").replace("_", "-"),
        "mainEntity": {"@id": owner_id},
    }
    return {"@context": CONTEXT, "@graph": [owner, *articles, page]}


def add_to_landing_page(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    if pagename != app.config.root_doc or doctree is None:
        return
    context["metatags"] = (
        context.get("metatags", "") + "\n" + as_script(site_graph(app, doctree)) + "\n"
    )
