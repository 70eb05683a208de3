"""Writing, sharing and answering apologies, the space the hurt person may ask for, and the
journey pages. Nothing here ever sends the hurt person a message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from amends.apology import selectors, services
from amends.apology.models import Apology, ApologyVersion, Response
from amends.repairs import services as repair_services
from amends.repairs.models import Visibility
from amends.repairs.services import RepairRuleError

GOOD = "I'm sorry I lied about where I was. I know that broke your trust."


def test_alice_saves_a_draft_and_each_wording_is_kept(space, alice, login):
    client = login(alice)
    r = space.repair.pk
    response = client.post(f"/spaces/{r}/apologies/new/", {"text": GOOD, "action": "save"})
    apology = Apology.objects.get(author=alice)
    assert response.status_code == 302
    assert response["Location"] == f"/spaces/{r}/apologies/{apology.pk}/"
    assert apology.visibility == Visibility.PRIVATE and apology.is_draft
    client.post(
        f"/spaces/{r}/apologies/{apology.pk}/",
        {"text": GOOD + " I will tell you the truth.", "action": "save"},
    )
    page = client.get(f"/spaces/{r}/apologies/{apology.pk}/")
    assert ApologyVersion.objects.filter(apology=apology).count() == 2
    assert b"Earlier wordings (1)" in page.content


def test_a_failed_form_keeps_the_text(space, alice, login):
    client = login(alice)
    long_text = "I'm sorry. " * 2000 + "my words"
    response = client.post(
        f"/spaces/{space.repair.pk}/apologies/new/", {"text": long_text, "action": "save"}
    )
    assert response.status_code == 200
    assert "my words</textarea>" in response.content.decode()
    assert not Apology.objects.exists()


def test_alice_shares_a_draft_and_bob_answers_not_ready(space, alice, bob, login):
    apology = services.apology_create(repair=space.repair, author=alice, text=GOOD)
    r = space.repair.pk
    response = login(alice).post(
        f"/spaces/{r}/apologies/{apology.pk}/share/", {"visibility": "shared"}
    )
    assert response.status_code == 302
    apology.refresh_from_db()
    assert apology.visibility == Visibility.SHARED and apology.shared_at
    bob_client = login(bob)
    page = bob_client.get(f"/spaces/{r}/apologies/{apology.pk}/")
    assert b"You have not answered, and you do not have to" in page.content
    bob_client.post(f"/spaces/{r}/apologies/{apology.pk}/respond/", {"kind": "not_ready"})
    assert Response.objects.get().kind == "not_ready"
    alice_page = login(alice).get(f"/spaces/{r}/apologies/{apology.pk}/")
    assert "I&#x27;m not ready" in alice_page.content.decode()
    assert mail.outbox == []


def test_a_shared_apology_does_not_change(space, alice):
    apology = services.apology_create(
        repair=space.repair, author=alice, text=GOOD, visibility=Visibility.SHARED
    )
    with pytest.raises(RepairRuleError):
        services.apology_revise(apology=apology, author=alice, text="Something else")


def test_sharing_needs_the_hurt_person_in_the_space(alice, login):
    repair = repair_services.repair_create(mender=alice, title="Alone")
    apology = services.apology_create(repair=repair, author=alice, text=GOOD)
    assert not selectors.sharing_state(repair=repair).allowed
    with pytest.raises(RepairRuleError):
        services.apology_share(apology=apology, author=alice)
    page = login(alice).get(f"/spaces/{repair.pk}/apologies/{apology.pk}/")
    assert b"not in this space" in page.content


def test_only_the_mender_writes_apologies_and_only_the_hurt_person_answers(
    space, alice, bob, carol
):
    with pytest.raises(RepairRuleError):
        services.apology_create(repair=space.repair, author=bob, text=GOOD)
    apology = services.apology_create(
        repair=space.repair, author=alice, text=GOOD, visibility=Visibility.COUNSELLOR
    )
    for person in (alice, carol):
        with pytest.raises(RepairRuleError):
            services.response_create(apology=apology, author=person, kind="heard")


def test_what_i_still_need_needs_words(space, alice, bob, login):
    apology = services.apology_create(
        repair=space.repair, author=alice, text=GOOD, visibility=Visibility.SHARED
    )
    url = f"/spaces/{space.repair.pk}/apologies/{apology.pk}/respond/"
    response = login(bob).post(url, {"kind": "still_need", "text": "  "})
    assert response.status_code == 200
    assert b"Write what you still need" in response.content
    login(bob).post(url, {"kind": "still_need", "text": "To hear the whole truth."})
    assert Response.objects.get().text == "To hear the whole truth."


def test_asking_for_space_pauses_sharing_until_bob_ends_it(space, alice, bob, login):
    first = services.apology_create(
        repair=space.repair, author=alice, text=GOOD, visibility=Visibility.SHARED
    )
    until_day = timezone.localdate() + timedelta(days=10)
    until = until_day.isoformat()
    login(bob).post(
        f"/spaces/{space.repair.pk}/apologies/{first.pk}/respond/",
        {"kind": "need_space", "until": until},
    )
    period = selectors.active_space_period(repair=space.repair)
    assert period is not None and period.until is not None
    second = services.apology_create(repair=space.repair, author=alice, text=GOOD)
    with pytest.raises(RepairRuleError, match="asked for space"):
        services.apology_share(apology=second, author=alice)
    page = login(alice).get(f"/spaces/{space.repair.pk}/apologies/{second.pk}/").content
    assert b"They asked for space" in page
    shown = f"{until_day.day} {until_day:%B}".encode()  # how pages print dates
    assert until.encode() not in page and shown not in page  # Alice never sees the end date
    assert b"days" not in page  # and no countdown
    login(bob).post(f"/spaces/{space.repair.pk}/space/end/")
    assert selectors.active_space_period(repair=space.repair) is None
    services.apology_share(apology=second, author=alice)
    assert mail.outbox == []


def test_a_space_period_ends_by_itself_at_the_time_bob_chose(space, alice, bob):
    period = services.space_period_start(
        repair=space.repair, by=bob, until=timezone.now() + timedelta(days=1)
    )
    assert selectors.active_space_period(repair=space.repair) == period
    period.until = timezone.now() - timedelta(seconds=1)
    period.save()
    assert selectors.active_space_period(repair=space.repair) is None


def test_alice_fills_the_worksheet_privately(space, alice, login):
    client = login(alice)
    url = f"/spaces/{space.repair.pk}/worksheet/"
    response = client.post(
        url,
        {
            "what_i_did": "I read your messages without asking.",
            "how_it_felt": "It may have felt like being watched.",
            "what_i_own": "I was stressed, so I checked.",
            "action": "save",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "I read your messages without asking." in page
    assert 'data-rule="excuse"' in page  # "I was stressed" is coached as an excuse
    journey = client.get(f"/spaces/{space.repair.pk}/journey/").content
    assert b"3 of 3 questions" in journey


def test_the_guide_teaches_and_says_plainly_what_is_still_to_come(client):
    guide = client.get("/guide/")
    assert guide.status_code == 200
    for slug in (
        "understand",
        "first-steps",
        "say-sorry",
        "act",
        "be-patient",
        "not-ready",
        "keep-trust",
    ):
        page = client.get(f"/guide/{slug}/")
        assert page.status_code == 200, slug
    assert b"not in Amends yet" in client.get("/guide/act/").content
    assert client.get("/guide/nothing-here/").status_code == 404
    for page in ("/guide/faq/", "/guide/listening/", "/guide/feelings/"):
        assert client.get(page).status_code == 200


def test_the_feelings_list_can_be_searched(client):
    page = client.get("/guide/feelings/", {"q": "betray"}).content.decode()
    assert "betrayed" in page and "hopeful" not in page
    fragment = client.get("/guide/feelings/", {"q": "afraid"}, headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content and b"unsafe" in fragment.content


def test_the_journey_page_never_counts_down(space, alice, bob, login):
    services.apology_create(repair=space.repair, author=alice, text=GOOD)
    for person in (alice, bob):
        page = login(person).get(f"/spaces/{space.repair.pk}/journey/").content.decode().lower()
        assert "no finish date" in page
        for word in ("deadline", "days left", "overdue!", "countdown"):
            assert word not in page


def test_the_reply_coach_stores_nothing(space, alice, login):
    response = login(alice).post(
        f"/spaces/{space.repair.pk}/listening/reply/",
        {"reply": "I already apologized for that"},
    )
    assert 'data-rule="already-apologized"' in response.content.decode()
    assert not Apology.objects.exists()
