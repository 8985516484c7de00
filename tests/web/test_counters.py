"""Counters and spans on the web (issue 18, point 1), on both engines: an ended cut shows its
length, an ongoing one "day N as of <date>", every page that counts says as of which day —
by default the latest day of the ledger's data, not today — and the timeline draws the
data's range and nothing outside the one asked for. The web counts with the function the
CLI's `disruptions --on` uses."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rightsledger.ledger import Ledger
from rightsledger.records import disruptions, incidents, statements
from rightsledger.web.app import create_app
from rightsledger.web.timeline import LEFT, WIDTH
from tests.cli.test_cli import rl
from tests.web.conftest import PASSWORDS, fill, sign_in
from tests.web.test_browser import SHOTS, page, server  # noqa: F401  (fixtures)

LATEST = "2023-03-21"  # the shelling added below: the ledger's latest day of data
NEGATIVE = re.compile(r"-\d+ days?\b|day -\d+|day 0\b")


def more(ledger: Ledger) -> None:
    """Beside fill's ongoing road cut (from 2022-12-12): a 3-day internet cut in October
    2020, a month without electricity around it, and an accepted incident on LATEST."""
    with ledger.store.writing() as conn:
        disruptions.add(conn, {"kind": "internet", "area": "Stepanakert",
                               "start": "2020-10-05", "end": "2020-10-07"}, "setup")
        disruptions.add(conn, {"kind": "electricity", "area": "Martakert",
                               "start": "2020-09-20", "end": "2020-12-15"}, "setup")
        incidents.create(conn, {"type": "shelling", "date_start": LATEST,
                                "date_end": LATEST, "places": ["Stepanakert"]}, "setup")


@pytest.fixture
def counted(ledger: Ledger) -> Iterator[TestClient]:
    fill(ledger)
    more(ledger)
    path = ledger.path
    ledger.close()
    with TestClient(create_app(path)) as client:
        sign_in(client, "vic")
        yield client


def text(html: str) -> str:
    """What a reader sees of ``html``: no tags, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def rows(html: str, word: str) -> list[str]:
    """The table rows of ``html`` that mention ``word``."""
    return [r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if word in r]


def test_disruptions_show_an_ended_cut_by_its_length_and_an_ongoing_one_as_of(
        counted: TestClient) -> None:
    html = counted.get("/disruptions").text
    assert f"as of {LATEST}" in html
    [internet] = rows(html, "internet")
    assert "3 days" in internet and "day " not in internet
    [road] = rows(html, "Lachin corridor")
    assert f"day 100 as of {LATEST}" in road
    assert not NEGATIVE.search(html)


def test_the_dashboard_counts_to_the_latest_data_not_today(counted: TestClient) -> None:
    html = text(counted.get("/").text)
    assert f"as of {LATEST}" in html
    assert f"day 100 as of {LATEST}" in html
    assert not re.search(r"day \d{4}", html)  # not 1,400-odd days to today


@pytest.mark.parametrize("path", ["/", "/disruptions", "/timeline"])
def test_as_of_picks_the_day_counted_to(counted: TestClient, path: str) -> None:
    html = text(counted.get(f"{path}?as_of=2023-01-01").text)
    assert "as of 2023-01-01" in html
    assert "day 21 as of 2023-01-01" in html  # 2022-12-12 is day 1
    early = counted.get(f"{path}?as_of=2020-10-06").text
    assert "day 21" not in early and not NEGATIVE.search(early)


def test_a_cut_not_begun_on_the_day_counted_to_has_no_count(counted: TestClient) -> None:
    html = counted.get("/disruptions?as_of=2020-10-06").text
    assert "day 2 as of 2020-10-06" in rows(html, "internet")[0]
    [road] = rows(html, "Lachin corridor")
    assert "not begun as of 2020-10-06" in road and not NEGATIVE.search(road)


@pytest.mark.parametrize("path", ["/", "/disruptions", "/timeline"])
def test_a_bad_as_of_is_a_400_naming_the_field(counted: TestClient, path: str) -> None:
    got = counted.get(f"{path}?as_of=2023-02-30")
    assert got.status_code == 400
    assert "as_of: &#39;2023-02-30&#39; is not a date" in got.text


def bars(svg: str) -> list[tuple[float, float, str]]:
    """Each bar's left and right edge and its title."""
    found = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*><title>(.*?)'
                       r"</title>", svg)
    return [(float(x), float(x) + float(w), title) for x, w, title in found]


def test_a_timeline_of_autumn_2020_draws_no_later_cut(counted: TestClient) -> None:
    svg = counted.get("/timeline?date_from=2020-09-01&date_to=2020-11-30").text
    assert "Lachin corridor" not in svg and not NEGATIVE.search(svg)
    titles = [title for _, _, title in bars(svg)]
    assert "internet Stepanakert: 2020-10-05 – 2020-10-07 (3 days)" in titles
    # going on at the range's end, so counted as of it (as a report of the period counts)
    assert "electricity Martakert: 2020-09-20 – ongoing (day 72 as of 2020-11-30)" in titles
    for left, right, _ in bars(svg):  # clipped to the range
        assert LEFT <= left <= right <= WIDTH - 10


def test_the_timeline_runs_over_the_data_and_counts_an_ongoing_cut_as_of(
        counted: TestClient) -> None:
    svg = counted.get("/timeline").text
    ticks = re.findall(r'class="tick"[^>]*>(\d{4}-\d{2})<', svg)
    assert ticks[0] >= "2020-09" and "2022-01" <= ticks[-1] <= LATEST[:7]
    [road] = [b for b in bars(svg) if "Lachin corridor" in b[2]]
    assert road[2] == f"road Lachin corridor: 2022-12-12 – ongoing (day 100 as of {LATEST})"
    assert road[1] == pytest.approx(WIDTH - 10, abs=0.2)  # it runs to the latest day
    assert f"as of {LATEST}" in svg.split("<svg")[0]  # said on the page, above the drawing


def test_a_timeline_to_a_day_counts_as_of_that_day(counted: TestClient) -> None:
    svg = counted.get("/timeline?date_from=2022-11-01&date_to=2023-01-01").text
    assert "road Lachin corridor: 2022-12-12 – ongoing (day 21 as of 2023-01-01)" in svg
    later = counted.get(f"/timeline?date_from=2020-09-01&date_to=2020-11-30&as_of={LATEST}")
    assert "electricity Martakert: 2020-09-20 – 2020-12-15 (87 days)" in later.text


def test_the_web_counts_with_the_clis_function(counted: TestClient) -> None:
    path = counted.app.state.ledger.path  # type: ignore[attr-defined]
    said = rl("disruptions", str(path), "--on", "2020-10-06", "--format", "json")
    assert said.returncode == 0, said.stderr
    by_cli = json.loads(said.stdout)
    assert [d["kind"] for d in by_cli] == ["electricity", "internet"]
    html = text(counted.get("/?as_of=2020-10-06").text)
    for cut in by_cli:
        assert cut["count"] in html and f"day {cut['day']} as of 2020-10-06" in html


def test_the_day_of_data_ignores_what_the_public_may_not_see_and_the_future(
        ledger: Ledger) -> None:
    fill(ledger)
    more(ledger)
    with ledger.store.writing() as conn:
        incidents.create(conn, {"type": "shelling", "date_start": "2023-04-02",
                                "places": ["Stepanakert"]}, "setup", status="proposed")
        assert disruptions.latest_day(conn) == date(2023, 4, 2)
        assert disruptions.latest_day(conn, public=True) == date.fromisoformat(LATEST)
        statements.add(conn, {"by": "Amnesty International", "date": "2023-04-10",
                              "demands": ["reopen the corridor"]}, "setup")
        assert disruptions.latest_day(conn) == disruptions.latest_day(conn, public=True) \
            == date(2023, 4, 10)  # a statement's day is data too
        later = (date.today() + timedelta(days=30)).isoformat()
        disruptions.add(conn, {"kind": "gas", "area": "Stepanakert", "start": later},
                        "setup")
        assert disruptions.latest_day(conn) == date(2023, 4, 10)  # a future day is no data


def test_the_public_view_counts_alike(ledger: Ledger) -> None:
    fill(ledger)
    more(ledger)
    path = ledger.path
    ledger.close()
    with TestClient(create_app(path, public=True)) as client:
        html = text(client.get("/disruptions").text)
        dashboard = text(client.get("/").text)
    assert f"as of {LATEST}" in html and "3 days" in html
    assert f"day 100 as of {LATEST}" in html and f"day 100 as of {LATEST}" in dashboard


def test_a_ledger_without_dates_counts_as_of_today(ledger: Ledger) -> None:
    with ledger.store.reading() as conn:
        assert disruptions.latest_day(conn) is None
        assert disruptions.as_of_day(conn) == date.today()


@pytest.fixture
def served_ledger(tmp_path: Path) -> Path:
    """The browser's ledger: fill's records and ours (overrides conftest's)."""
    with Ledger.init(tmp_path / "ledger") as ledger:
        fill(ledger)
        more(ledger)
        return ledger.path


def test_a_browser_reads_the_counters(server: str, page: object) -> None:  # noqa: F811
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.goto(f"{server}/login?next=/disruptions")
    page.get_by_label("Name").fill("vic")
    page.get_by_label("Password").fill(PASSWORDS["vic"])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"as of {LATEST}")
    expect(page.locator("tr", has_text="internet")).to_contain_text("3 days")
    expect(page.locator("tr", has_text="Lachin corridor")).to_contain_text(
        f"day 100 as of {LATEST}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "counters-disruptions.png"), full_page=True)
    page.get_by_role("link", name="Dashboard", exact=True).click()
    expect(page.locator(".counter", has_text="Lachin corridor")).to_contain_text(
        f"day 100 as of {LATEST}")
    page.get_by_role("link", name="Timeline").click()
    expect(page.locator("main")).to_contain_text(f"as of {LATEST}")
    road = page.locator("rect.kind-road title")
    expect(road).to_have_text(f"road Lachin corridor: 2022-12-12 – ongoing (day 100 as of "
                              f"{LATEST})")
    page.goto(f"{server}/timeline?date_from=2020-09-01&date_to=2020-11-30")
    expect(page.locator("rect.kind-road")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("-769")
    page.screenshot(path=str(SHOTS / "counters-timeline-autumn-2020.png"), full_page=True)
