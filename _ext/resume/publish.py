"""The built site once everything is in it: its own pages, and the sizes in its Downloads rows.

    python -m resume.publish SITE [SITE ...]

(with ``_ext`` on ``PYTHONPATH``) fills in the size of each file that a
Downloads row links, as found beside the page: ``make`` runs it once the
PDFs are beside the pages, for the English site and the Korean one in it.
The module imports nothing but the standard library, so that it starts at
once; :mod:`.downloads` writes the rows and fills them in at the end of an
HTML build with the same functions.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

#: What a page with a Downloads row contains (:func:`.downloads.row_html`).
MARKER = 'class="resume-downloads"'

#: A link of the row, up to its format and size, which are replaced.
_LINK = re.compile(
    r'(<a class="resume-download[^"]*" href="(?P<href>[^"]*)"[^>]*'
    r'data-format="(?P<format>[^"]*)">.*?<span class="resume-download-meta">)'
    r"[^<]*(</span>)"
)


def own_pages(outdir: Path) -> list[Path]:
    """The HTML pages of the site in *outdir*, and not those of a site within it.

    The Korean edition lives in ``ko/`` with its own ``_static``; hidden
    folders (``.doctrees`` where no ``-d`` is given) hold no pages.
    """
    found = []
    for page in sorted(outdir.rglob("*.html")):
        folders = page.relative_to(outdir).parents
        inner = [outdir / folder for folder in folders if str(folder) != "."]
        if any(part.startswith(".") for part in page.relative_to(outdir).parts):
            continue
        if any((folder / "_static").is_dir() for folder in inner):
            continue
        found.append(page)
    return found


def human_size(size: int) -> str:
    """``2414`` -> ``"2.4 KB"``; bytes under 1000, then KB and MB (of 1000)."""
    if size < 1000:
        return f"{size} bytes"
    for unit in ("KB", "MB", "GB"):
        size /= 1000
        if size < 999.5 or unit == "GB":
            return f"{size:.1f} {unit}" if size < 9.95 else f"{size:.0f} {unit}"
    raise AssertionError  # unreachable


def is_local(target: str) -> bool:
    """Whether *target* is a path in the site (not an address elsewhere)."""
    return "://" not in target and not target.startswith("/")


def with_sizes(page_html: str, page: Path) -> str:
    """*page_html* with the size of each file of its Downloads row as found beside *page*."""

    def fill(match: re.Match) -> str:
        link = html.unescape(match["href"])
        fmt = html.unescape(match["format"])
        size = None
        if is_local(link):
            path = page.parent / link.split("#")[0].split("?")[0]
            size = path.stat().st_size if path.is_file() else None
        meta = fmt if size is None else f"{fmt}, {human_size(size)}"
        return match[1] + html.escape(meta) + match[4]

    return _LINK.sub(fill, page_html)


def fill_in_sizes(site: Path) -> list[Path]:
    """Update the sizes of every Downloads row of the built *site*; the pages changed."""
    changed = []
    for page in own_pages(site):
        text = page.read_text(encoding="utf-8")
        if MARKER not in text:
            continue
        updated = with_sizes(text, page)
        if updated != text:
            page.write_text(updated, encoding="utf-8")
            changed.append(page)
    return changed


def main(argv: list[str] | None = None) -> int:
    """``main(["_build/html"])``: fill in the sizes once more, e.g. after the PDFs came."""
    args = sys.argv[1:] if argv is None else argv
    if not args or not all(Path(arg).is_dir() for arg in args):
        print("usage: python -m resume.publish <built HTML site>...", file=sys.stderr)
        return 2
    for site in args:
        for page in fill_in_sizes(Path(site)):
            print(f"{page}: sizes updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
