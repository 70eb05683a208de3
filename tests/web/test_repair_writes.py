"""Writes into a space: limits with clear words, nothing new in an ended space, nothing
newly shared while the hurt person has paused it, and a failed form keeps the text."""

from __future__ import annotations

from amends.repairs import services
from amends.repairs.models import Membership, Role, Story


def test_an_over_long_invitation_message_gets_a_clear_400(space, alice, api):
    response = api(alice).post(
        f"/repairs/{space.repair.pk}/invitations", {"role": "counsellor", "message": "m" * 2001}
    )
    assert response.status_code == 400
    assert "2,000" in response.json()["detail"]


def test_a_nul_character_is_refused_with_a_reason(alice, api):
    response = api(alice).post("/repairs", {"title": "The\x00dinner"})
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_an_over_long_story_is_refused_and_not_stored(space, alice, api):
    before = Story.objects.count()
    response = api(alice).post(
        f"/repairs/{space.repair.pk}/stories", {"text": "s" * 20_001, "visibility": "private"}
    )
    assert response.status_code == 400
    assert Story.objects.count() == before


def test_nothing_is_written_in_an_ended_space(space, alice, bob, api):
    bob_membership = Membership.objects.get(repair=space.repair, user=bob)
    alice_membership = Membership.objects.get(repair=space.repair, user=alice, role=Role.MENDER)
    services.membership_leave(membership=alice_membership)  # the mender leaving ends it
    response = api(bob).post(
        f"/repairs/{space.repair.pk}/stories", {"text": "hi", "visibility": "private"}
    )
    assert bob_membership.pk and response.status_code == 400
    assert "ended" in response.json()["detail"]


def test_while_paused_the_mender_writes_only_for_herself(space, alice, bob, api):
    assert api(bob).post(f"/repairs/{space.repair.pk}/pause").status_code == 200
    shared = api(alice).post(
        f"/repairs/{space.repair.pk}/stories", {"text": "hi", "visibility": "shared"}
    )
    assert shared.status_code == 400 and "paused" in shared.json()["detail"]
    private = api(alice).post(
        f"/repairs/{space.repair.pk}/stories", {"text": "hi", "visibility": "private"}
    )
    assert private.status_code == 201


def test_a_failed_story_form_keeps_what_was_typed(space, alice, login):
    typed = "what I wrote " * 1700  # over 20,000 characters
    response = login(alice).post(
        f"/spaces/{space.repair.pk}/stories/", {"text": typed, "visibility": "private"}
    )
    assert response.status_code == 400
    assert "what I wrote what I wrote" in response.content.decode()


def test_a_closed_signup_is_not_offered_on_an_invitation(space, alice, client, settings):
    _invitation, code = services.invitation_create(
        repair=space.repair, inviter=alice, role=Role.COUNSELLOR
    )
    settings.REGISTRATION_OPEN = False
    page = client.get(f"/invitations/{code}/").content.decode()
    assert "Create an account to join" not in page
    assert "Log in to join" in page


def test_a_call_without_token_or_session_gets_a_401_that_says_what_to_send(client):
    response = client.post(
        "/api/v1/coach", {"kind": "apology", "text": "sorry"}, content_type="application/json"
    )
    assert response.status_code == 401
    assert "API token" in response.json()["detail"]
