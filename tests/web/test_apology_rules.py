"""Rules found in review: the other member never sees the coach's critique, over-long and
time-zone-less input gets a clear answer, an ended space takes no answers, sharing shares
what is on the screen, and a space period lasts only while its asker is a member."""

from __future__ import annotations

import pytest

from amends.apology import selectors, services
from amends.apology.models import Apology, Response
from amends.repairs import services as repair_services
from amends.repairs.models import Membership, Role, Visibility
from amends.repairs.services import RepairRuleError

FLAWED = "I'm sorry you feel that way, but you were pushing my buttons."


def test_only_the_author_gets_the_coach_in_the_api(space, alice, bob, api):
    r = space.repair.pk
    created = api(alice).post(f"/repairs/{r}/apologies", {"text": FLAWED, "visibility": "shared"})
    assert created.status_code == 201 and created.json()["coach"]["findings"]
    apology_id = created.json()["id"]
    seen_by_bob = api(bob).get(f"/repairs/{r}/apologies/{apology_id}").json()
    assert seen_by_bob["text"] == FLAWED
    assert seen_by_bob["coach"] is None
    assert api(bob).get(f"/repairs/{r}/apologies").json()[0]["coach"] is None


def test_over_long_text_gets_a_clear_400_and_nothing_is_saved(space, alice, api):
    r = space.repair.pk
    response = api(alice).post(f"/repairs/{r}/apologies", {"text": "x" * 20_001})
    assert response.status_code == 400
    assert "20,000" in response.json()["detail"]
    assert not Apology.objects.exists()
    worksheet = api(alice)._send("put", f"/repairs/{r}/worksheet", {"what_i_did": "y" * 20_001})
    assert worksheet.status_code == 400 and "20,000" in worksheet.json()["detail"]
    assert api(alice).get(f"/repairs/{r}/apologies").status_code == 200


def test_a_date_without_a_time_zone_is_read_in_the_apps_zone(space, alice, bob, api):
    apology = services.apology_create(
        repair=space.repair, author=alice, text="I'm sorry I lied.", visibility=Visibility.SHARED
    )
    answer = api(bob).post(
        f"/repairs/{space.repair.pk}/apologies/{apology.pk}/responses",
        {"kind": "need_space", "until": "2031-01-01T00:00:00"},
    )
    assert answer.status_code == 201
    period = selectors.active_space_period(repair=space.repair)
    assert period is not None and period.until.tzinfo is not None


def test_an_ended_space_takes_no_answers(space, alice, bob):
    apology = services.apology_create(
        repair=space.repair, author=alice, text="I'm sorry I lied.", visibility=Visibility.SHARED
    )
    alice_membership = Membership.objects.get(repair=space.repair, user=alice)
    repair_services.membership_leave(membership=alice_membership)  # the mender leaving ends it
    with pytest.raises(RepairRuleError, match="ended"):
        services.response_create(apology=apology, author=bob, kind=Response.Kind.HEARD)
    assert not Response.objects.exists()


def test_sharing_from_the_composer_shares_the_words_on_the_screen(space, alice, login):
    apology = services.apology_create(repair=space.repair, author=alice, text="I'm sorry.")
    r = space.repair.pk
    edited = "I'm sorry I read your messages. I know it made you feel watched."
    response = login(alice).post(
        f"/spaces/{r}/apologies/{apology.pk}/",
        {"text": edited, "action": "share", "visibility": "shared"},
    )
    assert response.status_code == 302
    apology.refresh_from_db()
    assert apology.text == edited and apology.visibility == Visibility.SHARED


def test_a_failed_save_coaches_the_words_just_typed(space, alice, login):
    apology = services.apology_create(repair=space.repair, author=alice, text="OLDTEXT sorry")
    typed = "I'm sorry you feel that way. " * 800  # too long to save
    page = login(alice).post(
        f"/spaces/{space.repair.pk}/apologies/{apology.pk}/", {"text": typed, "action": "save"}
    ).content.decode()
    assert "OLDTEXT" not in page.split("</textarea>")[1]  # the panel is not about the old text
    apology.refresh_from_db()
    assert apology.text == "OLDTEXT sorry"


def test_space_asked_by_someone_who_left_no_longer_holds(space, alice, bob):
    services.space_period_start(repair=space.repair, by=bob)
    assert selectors.active_space_period(repair=space.repair) is not None
    bob_membership = Membership.objects.get(repair=space.repair, user=bob, role=Role.HURT)
    repair_services.membership_leave(membership=bob_membership)
    assert selectors.active_space_period(repair=space.repair) is None


def test_the_journey_page_lists_no_empty_items(space, alice, login):
    page = login(alice).get(f"/spaces/{space.repair.pk}/journey/").content.decode()
    assert "<li></li>" not in page.replace(" ", "").replace("\n", "")


def test_an_ended_space_shows_no_answer_form(space, alice, bob, login):
    apology = services.apology_create(
        repair=space.repair, author=alice, text="I'm sorry I lied.", visibility=Visibility.SHARED
    )
    page = login(bob).get(f"/spaces/{space.repair.pk}/apologies/{apology.pk}/").content
    assert b"Send my answer" in page
    alice_membership = Membership.objects.get(repair=space.repair, user=alice)
    repair_services.membership_leave(membership=alice_membership)
    page = login(bob).get(f"/spaces/{space.repair.pk}/apologies/{apology.pk}/")
    assert page.status_code in (200, 404)
    assert b"Send my answer" not in page.content
