"""The apology journey in a real browser: Alice signs up, writes an apology with live
coaching, invites Bob, shares it; Bob joins and answers "I'm not ready".
Screenshots go to artifacts/screenshots/ (apology-*.png)."""

from __future__ import annotations

import pytest

from tests.web.test_browser import (  # noqa: F401  (browser is a fixture)
    CHROMIUM,
    _context,
    _shot,
    _sign_up,
    browser,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
    ),
]

FLAWED = "I'm sorry I yelled, but you were pushing my buttons."
SINCERE = (
    "I'm sorry I yelled at you at dinner on Friday. I know that scared you and made you "
    "feel small in front of our friends. It was my choice to raise my voice. "
    "I will leave the room and take a walk when I feel angry."
)


def test_from_sign_up_to_a_shared_apology_and_not_ready(
    browser,  # noqa: F811  (the fixture imported above)
    live_server,
    transactional_db,
    settings,
):
    settings.QUICK_EXIT_URL = "http://neutral.invalid/"
    from amends.coach import get_coach

    get_coach()  # the live server shares this process: build the coach before timing starts
    outside: list[str] = []
    errors: list[str] = []

    alice_context = _context(browser, live_server, outside)
    alice = alice_context.new_page()
    alice.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    alice.goto(live_server.url + "/")
    alice.get_by_role("link", name="Create an account").click()
    _sign_up(alice, "alice")
    alice.get_by_role("link", name="Open a new space").click()
    alice.get_by_label("Title").fill("The dinner")
    alice.get_by_role("button", name="Open the space").click()

    # The journey: what is done so far, and the way into each step.
    alice.get_by_role("link", name="Your journey").click()
    assert alice.get_by_text("There is no finish date").is_visible()
    _shot(alice, "apology-01-journey")

    # The composer coaches as she types (htmx, no button pressed).
    alice.get_by_role("link", name="Write your apology, with the coach").click()
    # htmx is deferred: let it attach to the page before typing, as a person would.
    alice.wait_for_load_state("load")
    alice.get_by_label("Your apology").fill(FLAWED)
    alice.locator('li.finding[data-rule="but-excuse"]').wait_for()
    assert alice.locator('mark[data-rule="but-excuse"]').count() == 1
    assert alice.locator('li.finding[data-rule="blame-shift"]').count() == 1
    _shot(alice, "apology-02-composer-flawed")

    alice.get_by_label("Your apology").fill(SINCERE)
    alice.locator('li.finding[data-rule="but-excuse"]').wait_for(state="detached")
    alice.locator('li.part.present[data-part="change"]').wait_for()
    _shot(alice, "apology-03-composer-sincere")
    alice.get_by_role("button", name="Save draft").click()
    assert alice.get_by_text("Draft saved. Only you can see it.").is_visible()
    assert alice.get_by_text("not in this space").is_visible()  # nobody to share with yet
    draft_url = alice.url

    # Invite Bob, who signs up through the link and joins.
    alice.goto(live_server.url + "/spaces/")
    alice.get_by_role("link", name="The dinner").click()
    alice.get_by_role("link", name="Invite someone").click()
    alice.get_by_label("The person I hurt").check()
    alice.get_by_role("button", name="Create the invitation").click()
    link = alice.get_by_label("Link").input_value()

    bob_context = _context(browser, live_server, outside)
    bob = bob_context.new_page()
    bob.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    bob.goto(link)
    bob.get_by_role("link", name="Create an account to join").click()
    _sign_up(bob, "bob")
    bob.get_by_role("button", name="Join").click()
    bob.get_by_role("link", name="Apologies").click()
    assert bob.get_by_text("Nothing has been shared with you yet.").is_visible()
    assert bob.get_by_text("scared you").count() == 0  # the draft is Alice's alone
    assert bob.goto(draft_url).status == 404
    errors[:] = [e for e in errors if "404 (Not Found)" not in e]  # that 404 was the point

    # Alice shares the draft.
    alice.goto(draft_url)
    alice.get_by_label("The person I hurt", exact=True).check()
    alice.get_by_role("button", name="Share this apology").click()
    assert alice.get_by_text("Amends will not remind them").is_visible()
    _shot(alice, "apology-04-shared")

    # Bob reads it and answers "I'm not ready".
    bob.goto(live_server.url + f"/spaces/{draft_url.rstrip('/').split('/')[-3]}/apologies/")
    bob.get_by_role("link", name="Read and, if you want, answer").click()
    assert bob.get_by_text("I know that scared you").is_visible()
    assert bob.get_by_text("you do not have to").is_visible()
    _shot(bob, "apology-05-bob-reads")
    bob.get_by_label("I'm not ready").check()
    bob.get_by_role("button", name="Send my answer").click()
    assert bob.get_by_text("Not being ready is a full answer.").is_visible()
    _shot(bob, "apology-06-bob-not-ready")

    alice.reload()
    assert alice.locator(".response").get_by_text("I'm not ready").is_visible()
    _shot(alice, "apology-07-alice-sees-answer")

    assert outside == [], outside
    assert errors == [], errors
    alice_context.close()
    bob_context.close()
