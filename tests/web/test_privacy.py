"""Who may see what. Anything a person may not see is a 404, on pages and in the API alike."""

from __future__ import annotations

import pytest
from django.utils.html import escape

from amends.repairs import services
from amends.repairs.models import Invitation, Story


def _pages(space, invitation_id: int) -> list[tuple[str, str]]:
    r = space.repair.pk
    s = space.alice_shared.pk
    return [
        ("get", f"/spaces/{r}/"),
        ("post", f"/spaces/{r}/stories/"),
        ("get", f"/spaces/{r}/stories/{s}/"),
        ("get", f"/spaces/{r}/invite/"),
        ("post", f"/spaces/{r}/invite/"),
        ("post", f"/spaces/{r}/invitations/{invitation_id}/withdraw/"),
        ("get", f"/spaces/{r}/leave/"),
        ("post", f"/spaces/{r}/leave/"),
        ("post", f"/spaces/{r}/pause/"),
        ("post", f"/spaces/{r}/resume/"),
    ]


def _endpoints(space, invitation_id: int) -> list[tuple[str, str]]:
    r = space.repair.pk
    s = space.alice_shared.pk
    return [
        ("get", f"/repairs/{r}"),
        ("post", f"/repairs/{r}/invitations"),
        ("get", f"/repairs/{r}/invitations"),
        ("delete", f"/repairs/{r}/invitations/{invitation_id}"),
        ("post", f"/repairs/{r}/leave"),
        ("post", f"/repairs/{r}/pause"),
        ("post", f"/repairs/{r}/resume"),
        ("get", f"/repairs/{r}/stories"),
        ("post", f"/repairs/{r}/stories"),
        ("get", f"/repairs/{r}/stories/{s}"),
    ]


@pytest.fixture
def pending_invitation(space, alice) -> Invitation:
    invitation, _code = services.invitation_create(
        repair=space.repair, inviter=alice, role="counsellor"
    )
    return invitation


def test_it_refuses_mallory_on_every_page(space, mallory, login, pending_invitation):
    client = login(mallory)
    for method, url in _pages(space, pending_invitation.pk):
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
        assert b"The dinner" not in response.content


def test_it_refuses_mallory_on_every_endpoint(space, mallory, api, pending_invitation):
    client = api(mallory)
    for method, url in _endpoints(space, pending_invitation.pk):
        if method == "post":
            response = client.post(url, {"text": "x", "role": "hurt", "title": "x"})
        else:
            response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
        assert response.json() == {"detail": "Not Found"}


def test_it_leaves_the_space_untouched_after_mallory_tries(space, mallory, login, api):
    login(mallory).post(f"/spaces/{space.repair.pk}/leave/")
    api(mallory).post(f"/repairs/{space.repair.pk}/pause")
    space.repair.refresh_from_db()
    assert space.repair.status == "active"
    assert space.repair.memberships.filter(left_at__isnull=True).count() == 3


def test_it_lists_nothing_of_others_for_mallory(space, mallory, login, api):
    assert api(mallory).get("/repairs").json() == []
    assert b"The dinner" not in login(mallory).get("/spaces/").content


def test_it_asks_anonymous_visitors_to_log_in(space, client):
    response = client.get(f"/spaces/{space.repair.pk}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_refuses_anonymous_api_calls(space, api):
    response = api().get(f"/repairs/{space.repair.pk}")
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.parametrize(
    ("viewer", "story", "visible"),
    [
        ("alice", "alice_private", True),
        ("bob", "alice_private", False),
        ("carol", "alice_private", False),
        ("alice", "alice_shared", True),
        ("bob", "alice_shared", True),
        ("carol", "alice_shared", False),
        ("alice", "alice_for_counsellor", True),
        ("bob", "alice_for_counsellor", True),
        ("carol", "alice_for_counsellor", True),
        ("bob", "bob_private", True),
        ("alice", "bob_private", False),
        ("carol", "bob_private", False),
    ],
)
def test_it_shows_each_item_only_to_whom_its_visibility_allows(
    space, request, login, api, viewer, story, visible
):
    user = request.getfixturevalue(viewer)
    item = getattr(space, story)
    page = login(user).get(f"/spaces/{space.repair.pk}/stories/{item.pk}/")
    endpoint = api(user).get(f"/repairs/{space.repair.pk}/stories/{item.pk}")
    listed = [s["id"] for s in api(user).get(f"/repairs/{space.repair.pk}/stories").json()]
    home = login(user).get(f"/spaces/{space.repair.pk}/").content.decode()
    if visible:
        assert page.status_code == 200
        assert endpoint.status_code == 200
        assert item.pk in listed
        assert escape(item.text) in home
    else:
        assert page.status_code == 404
        assert endpoint.status_code == 404
        assert item.pk not in listed
        assert escape(item.text) not in home


def test_it_keeps_what_happened_private_to_the_mender(space, alice, bob, carol, api):
    assert api(alice).get(f"/repairs/{space.repair.pk}").json()["what_happened"] == (
        "I missed our dinner and lied about why."
    )
    # Each member's `what_happened` is their own first telling, never someone else's.
    assert api(carol).get(f"/repairs/{space.repair.pk}").json()["what_happened"] is None
    for person in (bob, carol):
        detail = api(person).get(f"/repairs/{space.repair.pk}").json()
        assert "lied about why" not in str(detail)


def test_it_hides_a_story_once_its_author_leaves(space, bob, api):
    services.membership_leave(membership=space.repair.memberships.get(user=bob))
    assert (
        api(bob).get(f"/repairs/{space.repair.pk}/stories/{space.bob_private.pk}").status_code
        == 404
    )
    assert api(bob).get(f"/repairs/{space.repair.pk}").status_code == 404


def test_it_shows_invitations_only_to_the_mender(space, alice, bob, api, pending_invitation):
    assert len(api(alice).get(f"/repairs/{space.repair.pk}/invitations").json()) == 3
    assert api(bob).get(f"/repairs/{space.repair.pk}/invitations").json() == []
    response = api(bob).delete(f"/repairs/{space.repair.pk}/invitations/{pending_invitation.pk}")
    assert response.status_code == 404


def test_it_refuses_a_story_from_another_space_under_this_spaces_address(space, alice, api, login):
    other = services.repair_create(mender=alice, title="Another", what_happened="Elsewhere.")
    story = Story.objects.get(repair=other)
    assert api(alice).get(f"/repairs/{space.repair.pk}/stories/{story.pk}").status_code == 404
    assert login(alice).get(f"/spaces/{space.repair.pk}/stories/{story.pk}/").status_code == 404
