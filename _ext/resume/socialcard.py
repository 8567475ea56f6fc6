"""The social card: the picture a chat app or a social site shows with a link.

Where ``conf.py`` names :data:`CARD` as sphinxext-opengraph's ``ogp_image``,
the HTML build draws that picture, 1200×630 pixels, beside the pages: the
owner's name, the headline and the contact line, the same words as the
landing page (its title and its ``resume-headline`` block, kept in the
environment when the page is read, and ``resume_contact``).  Every page then
says how big the picture is and what it reads (``og:image:width``,
``og:image:height``, ``og:image:alt``); sphinxext-opengraph writes
``og:image`` as an address on ``ogp_site_url``.

The card is drawn with Pillow in Noto Sans, the PDF's typeface (Debian's
``fonts-noto-core``; Noto Sans CJK where the words need it or Noto Sans is
missing; Pillow's own font as a last resort), without the network.  The same
words, fonts and Pillow give the same bytes: PNG as Pillow writes it carries
no date.  Drawing takes about 0.08 s of CPU, Pillow's import included, so
the card is kept beside the doctrees under a hash of what it is drawn from,
and a rebuild copies it from there.  When those words change, every page is
written again, for its ``og:image:alt`` (:func:`pages_to_rewrite`).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
from dataclasses import asdict, astuple, dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from .contact import get_contact

logger = logging.getLogger(__name__)

#: The card's file, at the root of the site: the value of ``ogp_image`` that asks for it.
CARD = "resume-social.png"
WIDTH, HEIGHT = 1200, 630
#: Change it whenever the drawing changes, so that no cached card outlives it.
DESIGN = 1

MARGIN = 80
BAR = 20
BACKGROUND = "#ffffff"
ACCENT = "#1f4e79"  # the PDF's link colour
INK = "#1b1b1b"
SECONDARY = "#3d4451"

#: Font files by weight, the first that exists wins: ``(path, face index in a collection)``.
FONTS = {
    "bold": [
        ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 1),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc", 1),
    ],
    "regular": [
        ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 1),
        ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 1),
    ],
}
# Hangul, CJK and kana: Noto Sans has none of them.
_CJK = re.compile(r"[\u1100-\u11ff\u3000-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class CardText:
    """What the card reads."""

    name: str
    headline: str = ""
    contact: tuple[str, ...] = ()

    def alt(self) -> str:
        """The picture's words, for ``og:image:alt``."""
        parts = [self.name, self.headline, " · ".join(self.contact)]
        return " ".join(_sentence(part) for part in parts if part).rstrip(".")


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


# -- What the card says ------------------------------------------------------


def _flat(text: str) -> str:
    return " ".join(text.split())


def card_text(doctree: nodes.document | None, project: str, contact: tuple[str, ...]) -> CardText:
    """The landing page's title and headline (``resume-headline``), and *contact*."""
    name, headline = "", ""
    if doctree is not None:
        title = doctree.next_node(nodes.title)
        name = _flat(title.astext()) if title is not None else ""
        block = next(
            (
                node
                for node in doctree.findall(nodes.Element)
                if "resume-headline" in node.get("classes", ())
            ),
            None,
        )
        headline = _flat(block.astext()) if block is not None else ""
    return CardText(name or project, headline, contact)


# -- Drawing -----------------------------------------------------------------


def find_fonts(text: str = "") -> dict[str, tuple[str, int] | None]:
    """The font file and face for each weight; None where no file is installed."""
    candidates = FONTS
    if _CJK.search(text):
        candidates = {
            weight: [f for f in files if ".ttc" in f[0]] for weight, files in FONTS.items()
        }
    return {
        weight: next(((path, index) for path, index in files if Path(path).is_file()), None)
        for weight, files in candidates.items()
    }


def _font(fonts: dict, weight: str, size: int):
    from PIL import ImageFont

    found = fonts.get(weight)
    if found is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(found[0], size, index=found[1])


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _fitted(draw, text: str, fonts: dict, weight: str, sizes, width: int, max_lines: int):
    """The largest of *sizes* at which *text* takes at most *max_lines* of *width*.

    Past the smallest size, the last line that fits ends with an ellipsis.
    """
    for size in sizes:
        font = _font(fonts, weight, size)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    last = lines[max_lines - 1]
    while last and draw.textlength(last + " …", font=font) > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return font, [*lines[: max_lines - 1], last + " …"]


def draw_card(text: CardText, fonts: dict) -> bytes:
    """The card as PNG bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, BAR - 1, HEIGHT - 1), fill=ACCENT)
    left = MARGIN + BAR
    width = WIDTH - left - MARGIN

    # The name, a rule, then the headline, from the top.
    name_font, name_lines = _fitted(
        draw, text.name, fonts, "bold", range(96, 47, -4), width, max_lines=2
    )
    ascent, descent = name_font.getmetrics()
    y = MARGIN
    for line in name_lines:
        draw.text((left, y), line, font=name_font, fill=INK, anchor="la")
        y += ascent + descent
    y += 16
    draw.rectangle((left, y, left + 96, y + 7), fill=ACCENT)
    y += 7 + 40
    if text.headline:
        font, lines = _fitted(
            draw, text.headline, fonts, "regular", range(44, 27, -2), width, max_lines=3
        )
        for line in lines:
            draw.text((left, y), line, font=font, fill=SECONDARY, anchor="la")
            y += round(font.size * 1.4)

    # The contact line at the bottom: on one line if it fits at a readable size.
    if text.contact:
        joined = "  ·  ".join(text.contact)
        font, lines = _fitted(draw, joined, fonts, "regular", range(30, 21, -2), width, 1)
        if lines[-1].endswith(" …"):
            font, lines = _fitted(draw, joined, fonts, "regular", range(30, 19, -2), width, 2)
        step = round(font.size * 1.45)
        y = HEIGHT - MARGIN - font.size - step * (len(lines) - 1)
        for line in lines:
            draw.text((left, y), line, font=font, fill=ACCENT, anchor="la")
            y += step

    # A palette of 64 colours keeps every shade of the anti-aliased text (the
    # card has about 700 colours, nearly all of them close to one of its five)
    # and makes the file 16 KB instead of 39 KB, in half the time.
    image = image.quantize(64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _fingerprint(text: CardText, fonts: dict) -> str:
    import PIL

    files = {}
    for weight, found in sorted(fonts.items()):
        if found is not None:
            stat = Path(found[0]).stat()
            files[weight] = [found[0], found[1], stat.st_size, stat.st_mtime_ns]
    facts = {"text": asdict(text), "fonts": files, "pillow": PIL.__version__, "design": DESIGN}
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def card_cached(text: CardText, cache: Path) -> Path:
    """The card's file in the folder *cache*, drawn only when no file there matches."""
    fonts = find_fonts(text.name + text.headline + "".join(text.contact))
    kept = cache / f"{_fingerprint(text, fonts)}.png"
    if not kept.is_file():
        if None in fonts.values():
            logger.info("social card: no Noto Sans installed, drawn in Pillow's own font")
        cache.mkdir(parents=True, exist_ok=True)
        partial = kept.with_suffix(".part")
        partial.write_bytes(draw_card(text, fonts))
        partial.replace(kept)
        # Only the current card stays.
        for stale in cache.glob("*.png"):
            if stale != kept:
                stale.unlink()
    return kept


# -- Sphinx wiring -----------------------------------------------------------


def _wanted(app: Sphinx) -> bool:
    return app.builder.format == "html" and getattr(app.config, "ogp_image", None) == CARD


def read_card_words(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the landing page's title and headline in the environment (``doctree-read``)."""
    if app.env.docname == app.config.root_doc:
        words = card_text(doctree, "", ())
        app.env.resume_card_words = (words.name, words.headline)


def merge_card_words(app: Sphinx, env, docnames, other) -> None:
    """The words read by a parallel reader (``env-merge-info``)."""
    if app.config.root_doc in docnames and hasattr(other, "resume_card_words"):
        env.resume_card_words = other.resume_card_words


def _put_together(app: Sphinx) -> CardText:
    """The card's words, from the landing page as last read and the contact."""
    words = getattr(app.env, "resume_card_words", None)
    if words is None:  # an environment from before the card: read the page
        try:
            words = astuple(card_text(app.env.get_doctree(app.config.root_doc), "", ()))[:2]
        except FileNotFoundError:
            words = ("", "")
    name, headline = words
    contact = get_contact(app)
    links = tuple(text for _, text, _ in contact.links()) if contact else ()
    return CardText(name or app.config.project, headline, links)


def text_of_build(app: Sphinx) -> CardText:
    """The card's words for this build, as ``pages_to_rewrite`` put them together
    when the pages had been read."""
    text = getattr(app.env, "resume_card_text", None)
    return text if text is not None else _put_together(app)


def pages_to_rewrite(app: Sphinx, env) -> list[str]:
    """Every page, when the card's words have changed since the last build (``env-updated``).

    Each page carries the words in ``og:image:alt``; a rebuild after an edit of
    the landing page's headline writes the others again too.  The words are
    put together anew for every build, also by an application that builds
    again (``make live``).
    """
    if not _wanted(app):
        return []
    text = _put_together(app)
    before = getattr(env, "resume_card_text", None)
    env.resume_card_text = text
    if before is None or before == text:
        return []
    return sorted(env.found_docs)


def describe_card(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The card's size and words on every page, for sphinxext-opengraph to write."""
    if not _wanted(app):
        return
    context["meta"] = {
        **(context.get("meta") or {}),
        "og:image:alt": text_of_build(app).alt(),
        "og:image:width": str(WIDTH),
        "og:image:height": str(HEIGHT),
    }


def write_card(app: Sphinx, exception: Exception | None) -> None:
    """Draw the card (or take it from the cache) and put it beside the pages."""
    if exception is not None or not _wanted(app):
        return
    kept = card_cached(text_of_build(app), Path(app.doctreedir) / "resume_social_card")
    target = Path(app.outdir, CARD)
    if not target.is_file() or target.read_bytes() != kept.read_bytes():
        shutil.copyfile(kept, target)
