"""Errors in the résumé's input fail the build, with or without ``-W``.

Sphinx turns a docutils error into a warning, and a build with warnings but
without ``-W`` exits 0.  A malformed date or a broken .bib must never pass
silently, so the project's extensions report through :func:`report`: it logs
the error at its file and line, keeps it in the environment (it outlives an
incremental build that does not re-read the page), and when the build ends,
lists what is still wrong and sets a non-zero exit status.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _errors(env: BuildEnvironment) -> dict[str, list[str]]:
    if not hasattr(env, "resume_errors"):
        env.resume_errors = {}
    return env.resume_errors


def report(
    env: BuildEnvironment,
    message: str,
    docname: str = "",
    lineno: int = 0,
    *,
    where: str = "",
    check: str = "",
    log: bool = True,
) -> None:
    """Keep *message* as an error at *docname*:*lineno* (or *where*), and log it.

    An error found while a page is read belongs to that page and goes when the
    page is read again.  One found by a check over the whole site belongs to
    the *check* (a name of its own), which :func:`clear` empties before it
    runs again.  *log* is false where the error was already logged elsewhere.
    """
    if docname:
        location = (docname, lineno) if lineno else docname
        shown = f"{env.doc2path(docname)}:{lineno}" if lineno else str(env.doc2path(docname))
    else:
        location = shown = where
    if log:
        logger.error(message, location=location, type="resume", subtype="input")
    key = f"check:{check}" if check else docname
    _errors(env).setdefault(key, []).append(f"{shown}: {message}")


def clear(env: BuildEnvironment, check: str) -> None:
    """Forget what the site-wide *check* found, before it runs again."""
    _errors(env).pop(f"check:{check}", None)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _errors(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in _errors(other):
            _errors(env)[docname] = _errors(other)[docname]


def _fail_if_errors(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    found = [message for messages in _errors(app.env).values() for message in messages]
    if found:
        logger.info("")
        logger.info("The résumé has %d error(s) in its input:", len(found))
        for message in found:
            logger.info("  %s", message)
        app.statuscode = 1


def setup(app: Sphinx) -> dict:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("build-finished", _fail_if_errors)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
