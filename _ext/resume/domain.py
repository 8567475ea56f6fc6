"""The résumé's state in the build environment: its items, skills, languages and input errors.

One Sphinx ``Domain`` keeps what the pages say and what is wrong with them, so
that an incremental build forgets a page's items and errors when the page is
read again (``clear_doc``), and a parallel read merges them
(``merge_domaindata``).  ``ENV_VERSION`` is part of the extension's metadata:
change it whenever the shape of what is stored changes, and Sphinx throws an
old pickled environment away instead of loading stale objects.

Errors in the input fail the build, with or without ``-W``.  Sphinx turns a
docutils error into a warning, and a build with warnings but without ``-W``
exits 0; a malformed date or a broken .bib must never pass silently.  So the
extension reports through :func:`report`: it logs the error at its place,
keeps it here, and when the build ends, lists what is still wrong and sets a
non-zero exit status (:func:`fail_if_errors`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.domains import Domain
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .items import Item

logger = logging.getLogger(__name__)

#: Bump when the stored data (``Item``, ``Date``, the dicts below) changes shape.
ENV_VERSION = 4


class ResumeDomain(Domain):
    """Facts by page, and input errors by page or by site-wide check."""

    name = "resume"
    label = "Résumé"
    initial_data = {
        "items": {},  # docname -> [Item, ...] in the order written
        "skills": {},  # docname -> [(category, [skill, ...]), ...]
        "languages": {},  # docname -> [(language, fluency), ...]
        "errors": {},  # docname or "check:<name>" -> ["where: message", ...]
    }

    @property
    def items(self) -> dict[str, list[Item]]:
        return self.data["items"]

    @property
    def skills(self) -> dict[str, list[tuple[str, list[str]]]]:
        return self.data["skills"]

    @property
    def languages(self) -> dict[str, list[tuple[str, str]]]:
        return self.data["languages"]

    @property
    def errors(self) -> dict[str, list[str]]:
        return self.data["errors"]

    def clear_doc(self, docname: str) -> None:
        for key in self.initial_data:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: set[str], otherdata: dict) -> None:
        for key in self.initial_data:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def resolve_any_xref(self, *args, **kwargs) -> list:
        return []


def domain(env: BuildEnvironment) -> ResumeDomain:
    return env.get_domain(ResumeDomain.name)


def reading_order(env: BuildEnvironment) -> list[str]:
    """The root page, then the pages its table of contents lists, in order."""
    root = env.config.root_doc
    return [root, *env.toctree_includes.get(root, [])]


def in_reading_order(env: BuildEnvironment, key: str) -> list:
    """What the pages hold under *key*, one list, the pages in reading order."""
    found = domain(env).data[key]
    order = reading_order(env)
    order += sorted(set(found) - set(order))
    return [fact for docname in order for fact in found.get(docname, [])]


def report(
    env: BuildEnvironment,
    message: str,
    docname: str = "",
    lineno: int = 0,
    *,
    path: str = "",
    check: str = "",
    log: bool = True,
) -> None:
    """Keep *message* as an input error, and log it.

    Where it is: a page (*docname*, and its line *lineno* where known), or a
    file that is not a page (*path*, which may end in ``:line``).  Sphinx
    takes a location without a line for a page name and adds ``.rst`` to it,
    so a file's path without a line goes into the message instead.

    An error found while a page is read belongs to that page and goes when the
    page is read again.  One found by a check over the whole site belongs to
    the *check* (a name of its own), which :func:`clear` empties before it
    runs again.  *log* is false where the error was already logged elsewhere.
    """
    if docname:
        shown = str(env.doc2path(docname)) + (f":{lineno}" if lineno else "")
        if log:
            location = (docname, lineno) if lineno else docname
            logger.error(message, location=location, type="resume", subtype="input")
    else:
        shown = path
        if log and _has_line(path):
            logger.error(message, location=path, type="resume", subtype="input")
        elif log:
            logger.error("%s: %s", path, message, type="resume", subtype="input")
    key = f"check:{check}" if check else docname
    domain(env).errors.setdefault(key, []).append(f"{shown}: {message}")


def _has_line(path: str) -> bool:
    return path.rpartition(":")[2].isdigit()


def clear(env: BuildEnvironment, check: str) -> None:
    """Forget what the site-wide *check* found, before it runs again."""
    domain(env).errors.pop(f"check:{check}", None)


def fail_if_errors(app: Sphinx, exception: Exception | None) -> None:
    """When the build ends, list the input errors and make the exit status 1."""
    if exception is not None:
        return
    found = [message for messages in domain(app.env).errors.values() for message in messages]
    if found:
        logger.info("")
        logger.info("The résumé has %d error(s) in its input:", len(found))
        for message in found:
            logger.info("  %s", message)
        app.statuscode = 1
