"""Repair spaces and invitations: opening, inviting, joining, declining, pausing, leaving."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from amends.repairs import services
from amends.repairs.models import Invitation, Repair


@pytest.fixture
def solo(alice) -> Repair:
    return services.repair_create(mender=alice, title="The dinner", what_happened="I forgot.")


def _invite(repair, alice, role="hurt", message="I'd like you to see me working on this."):
    return services.invitation_create(repair=repair, inviter=alice, role=role, message=message)


def test_it_opens_a_space_from_the_page(alice, login):
    client = login(alice)
    response = client.post("/spaces/new/", {"title": "The dinner", "what_happened": "I forgot."})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert b"The dinner" in page.content
    assert b"working on your own here" in page.content


def test_it_opens_a_space_over_the_api(alice, api):
    response = api(alice).post("/repairs", {"title": "The dinner", "what_happened": "I forgot."})
    assert response.status_code == 201
    body = response.json()
    assert body["role"] == "mender" and body["status"] == "active" and body["title"] == "The dinner"
    listed = api(alice).get("/repairs").json()
    assert [r["id"] for r in listed] == [body["id"]]
    detail = api(alice).get(f"/repairs/{body['id']}").json()
    assert detail["members"][0]["username"] == "alice"
    assert detail["what_happened"] == "I forgot."


def test_it_rejects_a_blank_title(alice, api):
    assert api(alice).post("/repairs", {"title": "  "}).status_code == 400


def test_it_invites_and_shows_who_invites_and_why(solo, alice, bob, client, login):
    response = login(alice).post(
        f"/spaces/{solo.pk}/invite/", {"role": "hurt", "message": "Only if you want to."}
    )
    assert response.status_code == 200
    code = response.context["code"]
    preview = client.get(f"/invitations/{code}/")
    assert preview.status_code == 200
    assert b"alice has invited you" in preview.content
    assert b"Only if you want to." in preview.content
    accepted = login(bob).post(f"/invitations/{code}/accept/")
    assert accepted.status_code == 302
    assert solo.memberships.get(user=bob).role == "hurt"


def test_it_accepts_over_the_api(solo, alice, bob, api):
    created = api(alice).post(f"/repairs/{solo.pk}/invitations", {"role": "hurt"})
    assert created.status_code == 201
    code = created.json()["code"]
    assert "expires_at" in created.json()
    preview = api(bob).get(f"/invitations/{code}").json()
    assert preview["invited_by"] == "alice"
    response = api(bob).post(f"/invitations/{code}/accept")
    assert response.status_code == 200
    assert response.json() == {"repair_id": solo.pk, "role": "hurt"}
    roles = {
        m["username"]: m["role"] for m in api(bob).get(f"/repairs/{solo.pk}").json()["members"]
    }
    assert roles == {"alice": "mender", "bob": "hurt"}


def test_it_uses_an_invitation_only_once(solo, alice, bob, carol, api):
    _invitation, code = _invite(solo, alice, role="counsellor")
    assert api(carol).post(f"/invitations/{code}/accept").status_code == 200
    assert api(bob).post(f"/invitations/{code}/accept").status_code == 404


def test_it_rejects_expired_invites(solo, alice, bob, api, login):
    invitation, code = _invite(solo, alice)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert api(bob).post(f"/invitations/{code}/accept").status_code == 404
    assert login(bob).get(f"/invitations/{code}/").status_code == 404


def test_it_rejects_revoked_invites(solo, alice, bob, api, login):
    invitation, code = _invite(solo, alice)
    response = login(alice).post(f"/spaces/{solo.pk}/invitations/{invitation.pk}/withdraw/")
    assert response.status_code == 302
    assert api(bob).post(f"/invitations/{code}/accept").status_code == 404


def test_it_revokes_over_the_api(solo, alice, bob, api):
    invitation, code = _invite(solo, alice)
    assert api(alice).delete(f"/repairs/{solo.pk}/invitations/{invitation.pk}").status_code == 204
    assert api(bob).post(f"/invitations/{code}/accept").status_code == 404


def test_it_rejects_unknown_codes(db, bob, api, login):
    assert api(bob).post("/invitations/not-a-code/accept").status_code == 404
    assert login(bob).get("/invitations/not-a-code/").status_code == 404


def test_it_lets_the_invited_person_decline_without_an_account(solo, alice, client):
    invitation, code = _invite(solo, alice)
    response = client.post(f"/invitations/{code}/decline/")
    assert response.status_code == 200
    assert b"You have declined" in response.content
    invitation.refresh_from_db()
    assert invitation.state == "declined"
    assert client.get(f"/invitations/{code}/").status_code == 404


def test_it_replaces_an_earlier_invitation_for_the_hurt_person(solo, alice, bob, api):
    _first, first_code = _invite(solo, alice)
    _second, second_code = _invite(solo, alice)
    assert api(bob).post(f"/invitations/{first_code}/accept").status_code == 404
    assert api(bob).post(f"/invitations/{second_code}/accept").status_code == 200


def test_it_lets_only_the_mender_invite(space, bob, api):
    response = api(bob).post(f"/repairs/{space.repair.pk}/invitations", {"role": "counsellor"})
    assert response.status_code == 400
    assert "Only the person who opened this space" in response.json()["detail"]


def test_it_refuses_a_second_hurt_person(space, alice, api):
    response = api(alice).post(f"/repairs/{space.repair.pk}/invitations", {"role": "hurt"})
    assert response.status_code == 400


def test_it_refuses_to_invite_as_mender(solo, alice, api):
    assert api(alice).post(f"/repairs/{solo.pk}/invitations", {"role": "mender"}).status_code == 400


def test_it_refuses_the_mender_accepting_their_own_invite(solo, alice, api):
    _invitation, code = _invite(solo, alice, role="counsellor")
    assert api(alice).post(f"/invitations/{code}/accept").status_code == 400


def test_it_lets_only_the_hurt_person_pause(space, alice, bob, api, login):
    assert api(alice).post(f"/repairs/{space.repair.pk}/pause").status_code == 400
    assert api(bob).post(f"/repairs/{space.repair.pk}/pause").json()["status"] == "paused"
    page = login(alice).get(f"/spaces/{space.repair.pk}/")
    assert b"This space is paused" in page.content
    login(bob).post(f"/spaces/{space.repair.pk}/resume/")
    space.repair.refresh_from_db()
    assert space.repair.status == "active"


def test_it_lets_the_hurt_person_leave(space, bob, api, login):
    client = login(bob)
    assert client.get(f"/spaces/{space.repair.pk}/leave/").status_code == 200
    assert client.post(f"/spaces/{space.repair.pk}/leave/").status_code == 302
    assert client.get(f"/spaces/{space.repair.pk}/").status_code == 404
    space.repair.refresh_from_db()
    assert space.repair.status == "active"


def test_it_ends_the_space_when_the_mender_leaves(space, alice, bob, api):
    _invitation, code = _invite(space.repair, alice, role="counsellor")
    assert api(alice).post(f"/repairs/{space.repair.pk}/leave").status_code == 204
    assert api(bob).get(f"/repairs/{space.repair.pk}").json()["status"] == "ended"
    assert api(bob).post(f"/invitations/{code}/accept").status_code == 404


def test_it_lists_the_callers_role_in_each_space(space, alice, bob, carol, api):
    for person, role in ((alice, "mender"), (bob, "hurt"), (carol, "counsellor")):
        assert api(person).get("/repairs").json()[0]["role"] == role


def test_it_rejects_a_visibility_that_does_not_exist(space, bob, api):
    response = api(bob).post(
        f"/repairs/{space.repair.pk}/stories", {"text": "hi", "visibility": "everyone"}
    )
    assert response.status_code == 400
