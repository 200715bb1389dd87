"""``/map`` in headless Chromium: marks at the places' coordinates over offline country outlines, filters by
conflict, date and kind, each mark linking to its event page, and not one request leaving the server.
Screenshots land in test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.conftest import ARTIFACTS, serve_quads
from tests.browser.test_pages_ui import accessibility_problems
from tests.linked_data import linked_data_quads
from tests.live.conftest import LiveServer

pytestmark = [pytest.mark.live, pytest.mark.browser]

# Events of the fixture whose place has coordinates: two agreements at Moscow, two transfers, three captures.
ALL_EVENTS = 7


@pytest.fixture(scope="module")
def map_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    yield from serve_quads(tmp_path_factory, "map", linked_data_quads())


@pytest.fixture
def requests_seen(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def marks(page: Page):
    return page.locator("#event-map a.mark")


def test_map_shows_every_event_over_country_outlines_offline(page: Page, map_server: LiveServer,
                                                            requests_seen: list[str]) -> None:
    page.goto(f"{map_server.url}/map")
    assert marks(page).count() == ALL_EVENTS
    titles = page.locator("#event-map path.country title").all_text_contents()
    assert {"Azerbaijan", "Armenia", "Russia"} <= set(titles)
    assert page.locator("#event-map line.graticule").count() > 0
    assert page.locator("table.events tbody tr").count() == ALL_EVENTS
    assert all(url.startswith(map_server.url) or url.startswith("data:") for url in requests_seen), requests_seen
    assert accessibility_problems(page) == []


def test_marks_sit_at_their_places_coordinates(page: Page, map_server: LiveServer) -> None:
    page.goto(f"{map_server.url}/map")
    moscow = page.locator("#event-map circle.place").nth(0).bounding_box()
    positions = {}
    for index in range(marks(page).count()):
        mark = marks(page).nth(index)
        box = mark.locator("circle, rect, path").first.bounding_box()
        positions[mark.get_attribute("href").rsplit("/", 1)[1]] = (box["x"] + box["width"] / 2, box["y"])
    assert moscow is not None
    # Moscow lies north-west of Shusha: on the map, left of it and above it.
    assert positions["armistice-2020-11-09"][0] < positions["capture-shusha-2020-11-08"][0]
    assert positions["armistice-2020-11-09"][1] < positions["capture-shusha-2020-11-08"][1]
    # Jabrayil is south of Shusha.
    assert positions["capture-jabrayil-2020-10-09"][1] > positions["capture-shusha-2020-11-08"][1]


def test_a_mark_links_to_its_event_page(page: Page, map_server: LiveServer) -> None:
    page.goto(f"{map_server.url}/map")
    page.locator('#event-map a.mark[href$="/resource/capture-shusha-2020-11-08"] path.mark-capture').click()
    page.wait_for_url("**/resource/capture-shusha-2020-11-08")
    assert "Capture of Shusha" in page.locator("h1").inner_text()


def test_filter_by_kind_from_the_form(page: Page, map_server: LiveServer) -> None:
    page.goto(f"{map_server.url}/map")
    page.get_by_label("agreement").uncheck()
    page.get_by_label("territory transfer").uncheck()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/map?**")
    assert marks(page).count() == 3
    hrefs = [marks(page).nth(index).get_attribute("href") for index in range(3)]
    assert all("/resource/capture-" in href for href in hrefs)


def test_filter_by_date_range(page: Page, map_server: LiveServer) -> None:
    page.goto(f"{map_server.url}/map")
    page.get_by_label("From", exact=True).fill("2020-11-01")
    page.get_by_label("To", exact=True).fill("2020-11-30")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/map?**")
    hrefs = sorted(mark.get_attribute("href").rsplit("/", 1)[1] for mark in marks(page).all())
    assert hrefs == ["armistice-2020-11-09", "capture-shusha-2020-11-08", "territory-transfer-agdam-2020-11-20"]


def test_filter_by_conflict(page: Page, map_server: LiveServer) -> None:
    page.goto(f"{map_server.url}/map")
    page.get_by_role("combobox", name="Conflict").select_option(label="First Nagorno-Karabakh War")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/map?**")
    assert marks(page).count() == 1
    assert marks(page).first.get_attribute("href").endswith("/resource/capture-lachin-1992-05-18")


def test_a_selection_with_no_events_says_so(page: Page, map_server: LiveServer) -> None:
    page.goto(f"{map_server.url}/map?from=1900-01-01&to=1900-12-31")
    assert marks(page).count() == 0
    assert page.locator(".map-empty").is_visible()


def test_map_in_vietnamese(browser: Browser, map_server: LiveServer) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{map_server.url}/map")
    page.screenshot(path=str(ARTIFACTS / "test_map_in_vietnamese.png"), full_page=True)
    assert page.locator("h1").inner_text() == "Bản đồ"
    assert page.locator("#event-map text.place-label", has_text="Moskva").count() == 1
    context.close()
