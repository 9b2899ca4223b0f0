"""The acceptance path in a real headless browser (Debian's chromium driven by Playwright) on the
sample pages: the PAK-USA timeline, the meeting story with its two sources and the date
disagreement, a page with its evidence highlighted, the army chief found by a spelling variant,
events on the map, and a script in a comment shown as text. Screenshots go to out/screenshots/
(git-ignored)."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import REPO
from tests.web.conftest import HOSTILE_PAGES

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = REPO / "out" / "screenshots"


@pytest.fixture(scope="module")
def server(web_db):
    import uvicorn

    from storyline.web.app import Settings, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(db=web_db)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_page(server, tmp_path_factory):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it with apt-get")
        pytest.skip("no /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.dialogs = []  # any alert() a hostile text managed to run would land here
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.set_default_timeout(15000)
        yield page
        context.close()


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_acceptance_path(browser_page, server):
    page = browser_page
    # 1. the PAK-USA timeline, asked for in the form
    page.goto(f"{server}/timeline")
    page.fill("input[name=actor] >> nth=0", "PAK")
    page.fill("input[name=actor] >> nth=1", "USA")
    page.click("form.filters button")
    page.wait_for_url("**/timeline?actor=PAK&actor=USA**")
    rows = page.locator("table.stories").first.locator("tr.story")
    assert rows.count() > 3
    assert page.locator("figure.chart svg rect.coop, figure.chart svg rect.conf").count() > 0
    assert page.locator("#undated").is_visible()  # undated stories listed apart
    _shot(page, "1-timeline-PAK-USA")

    # 2. the meeting story: two sources and the date disagreement
    disputed = page.locator("table.stories").first.locator("tr.story.disputed")
    assert disputed.count() == 1 and "CONSULT" in disputed.inner_text()
    disputed.locator("a.open").click()
    page.wait_for_url("**/stories/**")
    assert "Obama" in page.inner_text("h1") and "Gilani" in page.inner_text("h1")
    assert "2 independent sources" in page.inner_text("dl.fields")
    assert page.locator("li.report").count() == 2
    values = page.locator("tr.disagreement").all_inner_texts()
    assert len([v for v in values if v.startswith("date")]) == 2
    _shot(page, "2-meeting-story")

    # 3. a page with its evidence highlighted; the highlight leads back to its story
    page.locator("li.report a.page").first.click()
    page.wait_for_url("**/documents/**")
    highlights = page.locator("article.page a.ev .m-evidence")
    assert highlights.count() > 0 and highlights.first.is_visible()
    assert page.locator("article.page .m-actor").count() > 0 and page.locator("article.page .m-time").count() > 0
    _shot(page, "3-page-with-evidence")
    page.locator("article.page a.ev").first.click()
    page.wait_for_url("**/stories/**")

    # 4. the army chief by a spelling variant
    page.goto(f"{server}/actors")
    page.fill("input[name=q]", "Kiyani")
    page.click("form.filters button")
    first = page.locator("tr.actor").first
    assert "Kayani" in first.inner_text() and "PAK" in first.inner_text() and "MIL" in first.inner_text()
    _shot(page, "4-actor-search-Kiyani")
    first.locator("a").click()
    page.wait_for_url("**/actors/**")
    assert "PAK" in page.inner_text("dl.fields") and page.locator("table.stories tr.story").count() > 0

    # 5. events on the map (the base map is shipped, nothing fetched from elsewhere)
    outline = []
    page.on("response", lambda r: outline.append(r.status) if r.url.endswith("/static/world.svg") else None)
    page.goto(f"{server}/map?actor=PAK")
    page.wait_for_load_state("networkidle")
    assert page.locator("figure.map svg a.point circle").count() > 0 and outline == [200]
    _shot(page, "5-map")

    # 6. a script in a reader comment is shown as text and never runs
    page.goto(f"{server}/documents/{quote(HOSTILE_PAGES[0]['id'], safe='')}")
    comment = page.locator("div.comment div.text").first.inner_text()
    assert comment.startswith("<script>alert('comment')</script>")
    assert page.locator("script").count() == 0 and page.dialogs == []
    _shot(page, "6-hostile-comment")
