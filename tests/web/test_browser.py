"""Two people in a real browser: Alice signs up, opens a space and invites Bob; Bob signs up
through the link and joins. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
PASSWORD = "a long and private passphrase"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
    ),
]


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the ORM is not used meanwhile.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _context(browser, live_server, outside: list[str]):
    """A phone-sized browser context that records, and never makes, requests to other hosts."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    own = urlsplit(live_server.url).netloc

    def route(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>")

    context.route("**/*", route)
    return context


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _sign_up(page, username: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()


def test_two_people_sign_up_invite_and_join(browser, live_server, transactional_db, settings):
    # A reserved name that never resolves: the test must not leave this machine.
    settings.QUICK_EXIT_URL = "http://neutral.invalid/"
    outside: list[str] = []
    errors: list[str] = []

    alice_context = _context(browser, live_server, outside)
    alice = alice_context.new_page()
    alice.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    alice.goto(live_server.url + "/")
    _shot(alice, "01-home")
    alice.get_by_role("link", name="Create an account").click()
    _sign_up(alice, "alice")
    assert alice.url.endswith("/spaces/")
    _shot(alice, "02-dashboard-empty")

    alice.get_by_role("link", name="Open a new space").click()
    alice.get_by_label("Title").fill("The dinner")
    alice.get_by_label("What happened, in your words").fill("I missed our dinner and lied.")
    alice.get_by_role("button", name="Open the space").click()
    assert alice.get_by_role("heading", name="The dinner").is_visible()
    assert alice.get_by_text("working on your own here").is_visible()
    _shot(alice, "03-space-solo")

    alice.get_by_role("link", name="Invite someone").click()
    alice.get_by_label("The person I hurt").check()
    alice.get_by_label("Why you are inviting them").fill("Only if you want to. No rush.")
    alice.get_by_role("button", name="Create the invitation").click()
    link = alice.get_by_label("Link").input_value()
    assert "/invitations/" in link
    _shot(alice, "04-invitation-created")

    bob_context = _context(browser, live_server, outside)
    bob = bob_context.new_page()
    bob.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    bob.goto(link)
    assert bob.get_by_role("heading", name="alice has invited you").is_visible()
    assert bob.get_by_text("Only if you want to. No rush.").is_visible()
    _shot(bob, "05-invitation-seen-by-bob")
    bob.get_by_role("link", name="Create an account to join").click()
    _sign_up(bob, "bob")
    assert "/invitations/" in bob.url
    bob.get_by_role("button", name="Join").click()
    assert bob.get_by_role("heading", name="The dinner").is_visible()
    assert bob.get_by_text("bob (you) — hurt person").is_visible()
    assert bob.get_by_text("I missed our dinner and lied.").count() == 0  # Alice's is private
    _shot(bob, "06-space-joined-by-bob")

    alice.goto(live_server.url + "/spaces/")
    alice.get_by_role("link", name="The dinner").click()
    assert alice.get_by_text("bob — hurt person").is_visible()
    _shot(alice, "07-space-with-bob")

    assert outside == [], outside
    assert errors == [], errors

    # Quick exit: Escape twice leaves (replacing this page in history) and signs Bob out.
    with bob.expect_response(lambda r: urlsplit(r.url).path == "/exit/") as exit_info:
        bob.keyboard.press("Escape")
        bob.keyboard.press("Escape")
    assert exit_info.value.status == 302
    assert exit_info.value.headers["location"] == settings.QUICK_EXIT_URL
    bob.wait_for_timeout(300)
    bob.goto(live_server.url + "/spaces/")
    assert "/accounts/login/" in bob.url

    alice_context.close()
    bob_context.close()


def test_the_api_docs_work_under_the_csp_with_no_outside_requests(
    browser, live_server, transactional_db
):
    outside: list[str] = []
    context = _context(browser, live_server, outside)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "Amends API" in page.inner_text(".swagger-ui .info .title")
    assert page.locator(".opblock").count() > 3
    context.close()
    assert outside == []
    assert not [e for e in errors if "Content Security Policy" in e], errors
