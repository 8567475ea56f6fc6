"""The social card: a 1200x630 PNG drawn from the landing page, named on every page.

The pure code, a small test root (the tags, the picture, the same bytes from
two builds, the cache), then the whole site.
"""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils.core import publish_doctree
from PIL import Image

from helpers import PAGES
from resume import socialcard
from resume.socialcard import CARD, HEIGHT, WIDTH, CardText, card_cached, card_text, draw_card

JANE = CardText(
    "Jane Roe",
    "Engineer of small things: compilers and kettles.",
    ("jane@example.org", "jane.example.org", "github.com/janeroe"),
)
JANE_ALT = (
    "Jane Roe. Engineer of small things: compilers and kettles. "
    "jane@example.org · jane.example.org · github.com/janeroe"
)


def meta(soup: BeautifulSoup, key: str) -> str:
    tag = soup.select_one(f'meta[property="{key}"]') or soup.select_one(f'meta[name="{key}"]')
    assert tag is not None, key
    return tag["content"]


def picture(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    assert image.format == "PNG"
    return image.convert("RGB")


def ink(image: Image.Image, box: tuple[int, int, int, int], colour: str) -> int:
    """How many pixels of *box* are (nearly) *colour*."""
    target = Image.new("RGB", (1, 1), colour).getpixel((0, 0))
    region = image.crop(box)
    return sum(
        1
        for pixel in region.get_flattened_data()
        if all(abs(a - b) < 40 for a, b in zip(pixel, target, strict=True))
    )


# -- The pure code ---------------------------------------------------------------------


def test_the_card_reads_the_title_the_headline_and_the_contact_line():
    doctree = publish_doctree(
        "Jane Roe\n========\n\n.. container:: resume-headline\n\n"
        "   Engineer of small things:\n   compilers and kettles.\n\nMore text.\n"
    )
    text = card_text(doctree, "Project", JANE.contact)
    assert text == JANE
    assert text.alt() == JANE_ALT
    # Without a page, the project's name; without a headline, none.
    assert card_text(None, "Project", ()) == CardText("Project")
    assert CardText("Project").alt() == "Project"


def test_noto_sans_draws_the_card():
    fonts = socialcard.find_fonts()
    assert fonts["bold"] is not None and "NotoSans" in fonts["bold"][0], (
        "fonts-noto-core is missing: `make apt` installs it (apt-packages.txt)"
    )
    assert socialcard.find_fonts("이흥섭")["bold"][0].endswith("NotoSansCJK-Bold.ttc")


def test_the_card_is_1200_by_630_and_shows_the_words():
    image = picture(draw_card(JANE, socialcard.find_fonts()))
    assert image.size == (WIDTH, HEIGHT) == (1200, 630)
    # The name in dark ink at the top, the headline under it, the contact line
    # in the accent colour at the bottom, and the bar down the left edge.
    assert ink(image, (100, 60, 1120, 200), socialcard.INK) > 5000
    assert ink(image, (100, 260, 1120, 420), socialcard.SECONDARY) > 2000
    assert ink(image, (100, 480, 1120, 560), socialcard.ACCENT) > 1000
    assert ink(image, (0, 0, socialcard.BAR, HEIGHT), socialcard.ACCENT) == socialcard.BAR * 630
    # Nothing in the right margin.
    assert ink(image, (1125, 0, 1200, 630), socialcard.BACKGROUND) == 75 * 630


def test_the_same_words_give_the_same_bytes():
    fonts = socialcard.find_fonts()
    assert draw_card(JANE, fonts) == draw_card(JANE, fonts)
    assert draw_card(JANE, fonts) != draw_card(CardText("Jane Roe"), fonts)


def test_a_long_headline_is_cut_with_an_ellipsis_not_past_the_margin():
    long = CardText("Jane Roe", "word " * 200, JANE.contact)
    image = picture(draw_card(long, socialcard.find_fonts()))
    assert ink(image, (1125, 0, 1200, 630), socialcard.BACKGROUND) == 75 * 630


def test_the_cache_keeps_one_card_and_draws_it_once(tmp_path, monkeypatch):
    first = card_cached(JANE, tmp_path)
    assert first.read_bytes() == draw_card(JANE, socialcard.find_fonts())
    monkeypatch.setattr(socialcard, "draw_card", lambda *args: pytest.fail("drawn again"))
    assert card_cached(JANE, tmp_path) == first
    monkeypatch.undo()
    second = card_cached(CardText("Jane Roe"), tmp_path)
    assert second != first and list(tmp_path.iterdir()) == [second]


# -- A small project -------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="socialcard")
def test_every_page_names_the_card_its_size_and_its_words(app, warning):
    app.build()
    assert warning.getvalue() == ""
    for name in ("index.html", "other.html"):
        soup = BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")
        assert meta(soup, "og:image") == "https://example.org/cv/resume-social.png"
        assert meta(soup, "og:image:width") == "1200"
        assert meta(soup, "og:image:height") == "630"
        assert meta(soup, "og:image:alt") == JANE_ALT
        assert meta(soup, "twitter:card") == "summary_large_image"
    image = picture((app.outdir / CARD).read_bytes())
    assert image.size == (1200, 630)
    assert (app.outdir / CARD).read_bytes() == draw_card(JANE, socialcard.find_fonts())


@pytest.mark.sphinx("html", testroot="socialcard")
def test_a_rebuild_takes_the_card_from_the_cache(app, warning, monkeypatch):
    app.build()
    kept = list(Path(app.doctreedir, "resume_social_card").glob("*.png"))
    assert [path.read_bytes() for path in kept] == [(app.outdir / CARD).read_bytes()]
    (app.outdir / CARD).unlink()
    monkeypatch.setattr(socialcard, "draw_card", lambda *args: pytest.fail("drawn again"))
    app.build()
    assert warning.getvalue() == ""
    assert (app.outdir / CARD).read_bytes() == kept[0].read_bytes()


def test_two_builds_in_two_places_give_the_same_card(make_app, rootdir, tmp_path):
    cards = []
    for place in ("one", "two-somewhere-else"):
        src = shutil.copytree(rootdir / "test-socialcard", tmp_path / place)
        app = make_app("html", srcdir=src)
        app.build()
        cards.append((app.outdir / CARD).read_bytes())
    assert cards[0] == cards[1]


def test_a_new_headline_gives_a_new_card(make_app, rootdir, tmp_path):
    src = shutil.copytree(rootdir / "test-socialcard", tmp_path / "src")
    app = make_app("html", srcdir=src)
    app.build()
    before = (app.outdir / CARD).read_bytes()
    index = src / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("kettles", "teapots"), encoding="utf-8"
    )
    app = make_app("html", srcdir=src)
    app.build()
    assert (app.outdir / CARD).read_bytes() != before
    soup = BeautifulSoup((app.outdir / "other.html").read_text(encoding="utf-8"), "html.parser")
    assert meta(soup, "og:image:alt") == JANE_ALT.replace("kettles", "teapots")
    assert len(list(Path(app.doctreedir, "resume_social_card").glob("*.png"))) == 1


@pytest.mark.sphinx(
    "html",
    testroot="socialcard",
    srcdir="socialcard-another-picture",
    confoverrides={"ogp_image": "_static/elsewhere.png"},
)
def test_another_picture_is_left_alone(app, warning):
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert meta(soup, "og:image") == "https://example.org/cv/_static/elsewhere.png"
    assert soup.select_one('meta[property="og:image:width"]') is None
    assert not (app.outdir / CARD).exists()


# -- The whole site --------------------------------------------------------------------


@pytest.mark.system
@pytest.mark.parametrize("name", PAGES)
def test_every_page_of_the_site_has_the_card(site, name):
    soup = BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")
    assert meta(soup, "og:image") == "https://heungsub-lee.readthedocs.io/resume-social.png"
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:alt") == (
        "Heungsub Lee. Software engineer: ML platforms, pipeline parallelism and distributed "
        "game servers. heungsub@subl.ee · subl.ee · github.com/sublee · linkedin.com/in/sublee"
    )
    assert meta(soup, "twitter:card") == "summary_large_image"


@pytest.mark.system
def test_the_sites_card_is_a_1200_by_630_png(site):
    image = picture((site / CARD).read_bytes())
    assert image.size == (1200, 630)
    assert ink(image, (100, 60, 1120, 200), socialcard.INK) > 5000
