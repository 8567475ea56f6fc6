"""The built site in a real browser: Debian's Chromium, served on localhost.

What a reader meets on every page: no script error, nothing fetched from
another host, no accessibility violation in light or dark mode, a theme
toggle that works, a phone-width layout that does not scroll sideways, a
clean printout, and a landing page that stays small.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from helpers import PAGES

pytestmark = pytest.mark.system


AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

PHONE = {"width": 360, "height": 740}
LANDING_PAGE_BUDGET = 100 * 1000


class Visit:
    """A page opened in *context*, with what it logged and fetched."""

    def __init__(
        self, context, url: str, *, color_scheme: str = "light", viewport=None, media=None
    ):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.responses = []
        page = self.page = context.new_page()
        if viewport:
            page.set_viewport_size(viewport)
        page.emulate_media(color_scheme=color_scheme, media=media)
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append(request.url))
        page.on("response", self._on_response)
        self.response = page.goto(url, wait_until="load")

    def _on_console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def _on_response(self, response) -> None:
        self.responses.append(response)
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    @property
    def bytes(self) -> int:
        """What the page downloaded, uncompressed, every response counted."""
        return sum(len(response.body()) for response in self.responses)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "about", "blob") or parts.hostname == "127.0.0.1"


def _luminance(css_color: str) -> float:
    red, green, blue = (int(value) for value in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def _background(page) -> float:
    return _luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))


# -- Every page ----------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly_from_localhost_only(context, served_site, name):
    visit = Visit(context, served_site + name)
    assert visit.response.status == 200
    assert visit.errors == []
    assert visit.failed == []
    assert [url for url in visit.requests if not _is_local(url)] == []
    assert visit.page.locator("article h1").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(context, served_site, name, scheme):
    visit = Visit(context, served_site + name, color_scheme=scheme)
    # The page is in the mode under test ("auto" follows the system).
    assert (_background(visit.page) > 0.5) == (scheme == "light")
    violations = Axe().run(visit.page, options=AXE_OPTIONS).response["violations"]
    assert [(v["id"], v["help"], [node["target"] for node in v["nodes"]]) for v in violations] == []


@pytest.mark.parametrize("name", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(context, served_site, name):
    visit = Visit(context, served_site + name, viewport=PHONE)
    widths = visit.page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths == [PHONE["width"], PHONE["width"]]
    # The résumé's own text is on screen, not pushed aside by a sidebar.
    box = visit.page.locator("article h1").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["wide", "phone"])
def test_contact_icons_stay_with_their_links_and_badges_stay_level(context, served_site, viewport):
    page = Visit(context, served_site + "index.html", viewport=viewport).page
    items = page.locator(".resume-contact-item").all()
    assert len(items) == 4
    for item in items:
        icon, link = item.locator("svg").bounding_box(), item.locator("a").bounding_box()
        assert abs((icon["y"] + icon["height"] / 2) - (link["y"] + link["height"] / 2)) < 4
        assert 0 < link["x"] - (icon["x"] + icon["width"]) < 12
    # Badges are all of a height, and those on one row share their top.
    boxes = [badge.bounding_box() for badge in page.locator(".resume-skills .resume-skill").all()]
    heights = {round(box["height"]) for box in boxes}
    tops = sorted({round(box["y"]) for box in boxes})
    assert len(heights) == 1, heights
    height = heights.pop()
    assert all(lower - upper >= height for upper, lower in zip(tops, tops[1:])), tops


@pytest.mark.parametrize("name", ["index.html", "sections/experience.html", "404.html"])
def test_print_shows_the_page_without_navigation(context, served_site, name):
    visit = Visit(context, served_site + name, media="print")
    page = visit.page
    for chrome in [
        ".sidebar-drawer",
        ".toc-drawer",
        ".mobile-header",
        ".theme-toggle",
        ".related-pages",
        ".back-to-top",
        ".skip-to-content",
        ".headerlink",
    ]:
        for element in page.locator(chrome).all():
            assert not element.is_visible(), chrome
    article = page.locator("article").bounding_box()
    assert article["x"] < 20 and article["width"] > 0.9 * page.viewport_size["width"]
    # On paper the text is dark on white, whatever the screen's mode.
    assert (
        _luminance(page.evaluate("getComputedStyle(document.querySelector('article')).color")) < 0.3
    )


# -- The theme toggle --------------------------------------------------------------


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["wide", "phone"])
def test_theme_toggle_cycles_and_is_remembered(context, served_site, viewport):
    visit = Visit(context, served_site + "index.html", viewport=viewport)
    page = visit.page
    toggle = page.locator(".theme-toggle").locator("visible=true")
    assert toggle.count() == 1
    assert page.evaluate("document.body.dataset.theme") == "auto"
    assert _background(page) > 0.5

    toggle.click()
    assert page.evaluate("document.body.dataset.theme") == "dark"
    assert _background(page) < 0.5
    page.reload()
    assert page.evaluate("document.body.dataset.theme") == "dark"
    assert _background(page) < 0.5

    toggle.click()
    assert page.evaluate("document.body.dataset.theme") == "light"
    assert _background(page) > 0.5
    assert visit.errors == []


# -- Weight --------------------------------------------------------------------------


def test_landing_page_weighs_under_100_kb(context, served_site):
    visit = Visit(context, served_site + "index.html")
    visit.page.wait_for_load_state("networkidle")
    assert 20_000 < visit.bytes < LANDING_PAGE_BUDGET, visit.requests
    # Only what the page uses: no search, no code highlighting, no tabs.
    assert not [
        url for url in visit.requests if re.search(r"search|doctools|pygments|design-tabs", url)
    ]


# -- The pruned stylesheets --------------------------------------------------------

# Custom properties are left out: they are inputs to the others, and the pruned
# CSS writes the same values with other quotes. Every element's computed style
# lists the same properties (then its custom ones): the list is taken once.
_STYLE_SNAPSHOT = """() => {
  const names = Array.from(getComputedStyle(document.body)).filter(name => !name.startsWith('--'));
  return Array.from(document.querySelectorAll('body *'), element => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return [element.tagName, element.className.baseVal ?? element.className,
            names.map(name => name + ':' + style.getPropertyValue(name)).join(';'),
            [box.x, box.y, box.width, box.height].map(Math.round).join(',')].join(' | ');
  });
}"""


def _original_stylesheets() -> dict[str, Path]:
    import furo
    import sphinx_design

    furo_styles = Path(furo.__file__).parent / "theme" / "furo" / "static" / "styles"
    return {
        "/_static/styles/furo.css": furo_styles / "furo.css",
        "/_static/styles/furo-extensions.css": furo_styles / "furo-extensions.css",
        "/_static/sphinx-design.min.css": Path(sphinx_design.__file__).parent
        / "static"
        / "sphinx-design.min.css",
    }


def _snapshot(
    context, url: str, viewport, scheme: str, originals: dict[str, Path] | None
) -> list[str]:
    page = context.new_page()
    if originals:

        def serve_original(route):
            path = urlsplit(route.request.url).path
            route.fulfill(path=originals[path], content_type="text/css")

        for path in originals:
            page.route(re.compile(re.escape(path) + r"(\?.*)?$"), serve_original)
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)
    page.goto(url, wait_until="load")
    snapshot = page.evaluate(_STYLE_SNAPSHOT)
    page.close()
    return snapshot


@pytest.mark.parametrize("viewport", [{"width": 1440, "height": 900}, PHONE], ids=["wide", "phone"])
@pytest.mark.parametrize("name", ["index.html", "sections/publications.html"])
def test_pruned_stylesheets_change_nothing_a_reader_sees(
    context, served_site, site, name, viewport
):
    originals = _original_stylesheets()
    pruned = (site / "_static" / "styles" / "furo.css").stat().st_size
    assert pruned < 0.8 * originals["/_static/styles/furo.css"].stat().st_size
    for scheme in ("light", "dark"):
        url = served_site + name
        assert _snapshot(context, url, viewport, scheme, None) == _snapshot(
            context, url, viewport, scheme, originals
        )


# -- The PDF -------------------------------------------------------------------------


def test_download_pdf_link_answers_with_a_pdf(context, served_site):
    # The site as `make` leaves it: a link that names another file finds nothing.
    visit = Visit(context, served_site + "index.html")
    link = visit.page.locator("a.resume-pdf-link")
    assert link.count() >= 1
    for element in link.all():
        target = urljoin(visit.page.url, element.get_attribute("href"))
        assert _is_local(target), target
        response = visit.page.request.get(target)
        assert response.status == 200, target
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF-")
