"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against a running server.

Each test follows what a reader does (the overview, a ceasefire band, a source, a search)
and saves a screenshot of the page type to ``docs/screenshots/`` for the README.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, expect, sync_playwright

from ceasefire.store import Store
from ceasefire.web.app import create_app
from tests.webserver import HOSTILE_ACTOR, MARKER, fill, serving

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{tmp / 'browser.db'}"
    with Store(url) as store:
        fill(store, tmp, ucdp_lines=1200)
    with Store(url) as store, serving(create_app(store=store)) as served:
        yield served


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: run `make system` (or `apt-get install chromium`)")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Watched:
    """A page that records console errors and dialogs (an XSS would open one or log)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Watched(page)
    context.close()


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_web_browser_overview_shows_timeline_and_chart(base: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base + "/")
    expect(page.locator("svg.timeline").first).to_be_visible()
    assert page.locator("svg.timeline rect.band").count() >= 1
    assert page.locator("svg.timeline rect.bar").count() >= 1
    page.wait_for_selector(".chart canvas")  # the vendored chart library ran under the CSP
    assert watched.errors == [], watched.errors
    shot(page, "overview")


def test_web_browser_filters_stay_in_the_url(base: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base + "/")
    page.fill("form.filters input[name=since]", "2013")
    page.select_option("form.filters select[name=type]", "bombing")
    page.click("form.filters button[type=submit]")
    assert re.search(r"since=2013", page.url) and "type=bombing" in page.url
    expect(page.locator("form.filters input[name=since]")).to_have_value("2013")


def test_web_browser_band_leads_to_its_episode_and_a_source_to_its_sentence(
    base: str, watched: Watched
) -> None:
    page = watched.page
    page.goto(base + "/")
    page.locator("svg.timeline a.band-link").first.click()
    page.wait_for_url(re.compile(r"/ceasefires/cf-"))
    expect(page.locator("h1")).to_contain_text(re.compile(r" ceasefire, (?:from |undated)?"))  # its title
    expect(page.locator("dl.facts")).to_contain_text(page.url.rsplit("/", 1)[-1])  # and its id
    shot(page, "ceasefire")
    source = page.locator("ul.sources a").first
    href = source.get_attribute("href") or ""
    assert re.search(r"/documents/\w+#s-\d+$", href), href
    source.click()
    page.wait_for_url(re.compile(r"/documents/\w+#s-\d+$"))
    anchor = href.rsplit("#", 1)[1]
    target = page.locator(f"mark#{anchor}")
    expect(target).to_be_visible()
    assert (
        page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == anchor
    )
    shot(page, "document")
    assert watched.errors == [], watched.errors


def test_web_browser_search(base: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base + "/")
    page.fill("header form.search input[name=q]", "ceasefire")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=ceasefire"))
    assert page.locator("ul.results li a").count() > 0
    assert page.locator("table.events tbody tr a[href^='/events/']").count() > 0
    shot(page, "search")


@pytest.mark.parametrize(
    ("path", "name", "selector"),
    [
        ("/ceasefires", "ceasefires", "table.registry"),
        ("/events?type=bombing", "events", "table.events"),
        ("/actors", "actors", "table"),
        ("/actors/ttp", "actor", ".chart canvas"),
        ("/documents", "documents", "table"),
        ("/try", "try", "form.try"),
    ],
)
def test_web_browser_page_types(base: str, watched: Watched, path: str, name: str, selector: str) -> None:
    page = watched.page
    response = page.goto(base + path)
    assert response is not None and response.status == 200
    page.wait_for_selector(selector)
    assert watched.errors == [], watched.errors
    shot(page, name)


def test_web_browser_event_page_lists_every_source(base: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base + "/events")
    page.locator("table.events tbody tr td a[href^='/events/']").first.click()
    page.wait_for_url(re.compile(r"/events/\w+$"))
    assert page.locator("ol.sources li").count() >= 1
    shot(page, "event")


def test_web_browser_hostile_article_renders_as_text(base: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base + f"/search?q={MARKER}")
    page.locator("ul.results a").first.click()
    page.wait_for_url(re.compile(r"/documents/\w+$"))
    expect(page.locator("h1")).to_contain_text("<script>window.__xss = 1</script>")
    expect(page.locator("article.doc-text")).to_contain_text("<svg onload=window.__xss=5>")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("article.doc-text script, article.doc-text img, article.doc-text svg").count() == 0
    assert watched.dialogs == []
    # the same payloads through the try-it page and a query parameter
    page.goto(base + "/try")
    page.fill("textarea[name=text]", '<img src=x onerror="window.__xss = 9"> The TTP declared a ceasefire.')
    page.click("form.try button[type=submit]")
    expect(page.locator("article.doc-text")).to_contain_text("<img src=x")
    page.goto(base + "/search?q=%3Cscript%3Ewindow.__xss%3D10%3C%2Fscript%3E")
    expect(page.locator("input[name=q]").first).to_have_value("<script>window.__xss=10</script>")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watched.dialogs == []


def test_web_browser_hostile_actor_name_renders_as_text(base: str, watched: Watched) -> None:
    """An actor's name comes from a user's actor file: a payload there stays text on every page
    that names the actor."""
    page = watched.page
    page.goto(base + f"/actors/{HOSTILE_ACTOR}")
    expect(page.locator("h1")).to_contain_text('<img src=x onerror="window.__xss = 7">Xylo Front')
    page.locator("a[href^='/events/']").first.click()
    page.wait_for_url(re.compile(r"/events/\w+$"))
    expect(page.locator("body")).to_contain_text("Xylo Front")
    for path in ("/actors", "/events", f"/events?actor={HOSTILE_ACTOR}", "/"):
        page.goto(base + path)
        assert page.locator("img[src=x]").count() == 0, path
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert watched.dialogs == []
