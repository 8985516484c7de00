"""The web map in a real browser (Debian's chromium, driven by Playwright) against
`rightsledger serve` (issue 18, point 3): a world basemap drawn as vector layers from our own
origin, a legend of what is shown, the disruptions' areas, and labels that never pile up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from rightsledger.ledger import Ledger
from rightsledger.records import disruptions, incidents
from rightsledger.review.decide import regrade
from tests.web.conftest import PASSWORDS
from tests.web.test_browser import SHOTS
from tests.web.test_browser import page as page  # noqa: F401  (a fixture)
from tests.web.test_browser import server as server  # noqa: F401  (a fixture)


@pytest.fixture
def two_countries(served_ledger: Path) -> Path:
    """The served ledger (a shelling in Stepanakert) and an airstrike in Khartoum, three
    thousand kilometres away, with an internet cut over all of Sudan and a power cut in
    El Fasher."""
    with Ledger.open(served_ledger) as ledger, ledger.store.writing() as conn:
        strike = incidents.create(conn, {"type": "airstrike", "date_start": "2023-05-02",
                                         "date_end": "2023-05-02", "places": ["Khartoum"]},
                                  "setup")
        regrade(conn, strike, "setup")
        disruptions.add(conn, {"kind": "internet", "area": "all of Sudan", "place": "Sudan",
                               "start": "2023-04-20"}, "setup")
        disruptions.add(conn, {"kind": "electricity", "area": "El Fasher",
                               "place": "El Fasher", "start": "2023-05-01",
                               "end": "2023-05-09"}, "setup")
    return served_ledger


def _sign_in(browser_page: Any, url: str) -> None:
    browser_page.goto(f"{url}/login?next=/map")
    browser_page.get_by_label("Name").fill("vic")
    browser_page.get_by_label("Password").fill(PASSWORDS["vic"])
    browser_page.get_by_role("button", name="Sign in").click()


def _visible_labels(browser_page: Any) -> list[dict[str, Any]]:
    return browser_page.eval_on_selector_all(
        ".leaflet-labels-pane .label:not(.hidden) span",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return {text: e.textContent,"
        " town: e.parentElement.classList.contains('town-label'), left: r.left,"
        " right: r.right, top: r.top, bottom: r.bottom}; })")


def _overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"]
            and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


@pytest.mark.usefixtures("two_countries")
def test_the_map_draws_a_world_basemap_a_legend_areas_and_uncluttered_labels(
        server: str, page: Any) -> None:  # noqa: F811
    from playwright.sync_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server)
            else None)
    _sign_in(page, server)
    expect(page.locator("#map-count")).to_have_text("2 incident location(s)", timeout=20_000)
    expect(page.locator("path.country").first).to_be_attached(timeout=20_000)
    # the basemap: every country of the world as a vector path, lakes, from our own origin
    assert page.locator("path.country").count() > 200
    assert page.locator("path.lake").count() > 10
    assert outside == []
    # the legend lists the types and grades present, and nothing else
    legend = page.locator(".legend")
    items = {h: legend.locator(f"h2:text-is('{h}') + ul li").all_inner_texts()
             for h in ("Incident type", "Grade", "Disruption area")}
    assert sorted(items["Incident type"]) == ["airstrike", "shelling"]
    assert items["Grade"] and set(items["Grade"]) <= {"confirmed", "fair", "weak", "contested",
                                                      "discounted", "ungraded"}
    assert sorted(items["Disruption area"]) == ["electricity", "internet"]  # the road: nowhere
    # the areas: Sudan's outline for the internet cut, a circle around El Fasher; the
    # corridor's cut names no place and is counted as such
    expect(page.locator("path.area")).to_have_count(2)
    expect(page.locator("#map-areas")).to_have_text(
        "3 disruption area(s), 1 without a located place")
    page.screenshot(path=str(SHOTS / "map-two-countries.png"))

    # zoomed out over the whole world, many labels would collide: none of those shown do
    page.evaluate("() => { map.setView([30, 30], 3); }")
    page.wait_for_timeout(800)
    shown = _visible_labels(page)
    hidden = page.locator(".leaflet-labels-pane .label.hidden").count()
    assert len(shown) >= 15, shown
    assert hidden > 0  # there was something to de-clutter
    assert _overlapping(shown) == []
    page.screenshot(path=str(SHOTS / "map-world.png"))

    # zoomed in on Sudan: division lines and towns appear, still without overlaps
    page.evaluate("() => { map.setView([15.5, 32.5], 6); }")
    page.wait_for_timeout(800)
    assert page.locator("path.division").count() > 0
    shown = _visible_labels(page)
    towns = {b["text"] for b in shown if b["town"]}
    assert "Port Sudan" in towns and "Sudan" not in towns  # towns, not the country's place
    assert "Sudan" in {b["text"] for b in shown if not b["town"]}
    assert _overlapping(shown) == []
    page.screenshot(path=str(SHOTS / "map-sudan.png"))
