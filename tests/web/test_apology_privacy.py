"""Who sees apologies, worksheets and answers. Drafts are their author's alone; a shared
apology is for the members it names; anything else is a 404, on pages and in the API."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from amends.apology import services
from amends.apology.models import Apology, Response, Worksheet
from amends.repairs.models import Visibility

DRAFT = "I'm sorry I read your journal. It was private and I had no right."
SHARED = "I'm sorry I lied about where I was. I know that broke your trust."


@dataclass
class Journey:
    draft: Apology
    shared: Apology
    answer: Response
    worksheet: Worksheet


@pytest.fixture
def journey(space, alice, bob) -> Journey:
    repair = space.repair
    worksheet = services.worksheet_save(
        repair=repair, author=alice, what_i_did="I read the journal you keep in your desk."
    )
    draft = services.apology_create(repair=repair, author=alice, text=DRAFT)
    services.apology_revise(apology=draft, author=alice, text=DRAFT + " I will not do it again.")
    shared = services.apology_create(repair=repair, author=alice, text=SHARED)
    services.apology_share(apology=shared, author=alice, visibility=Visibility.SHARED)
    answer = services.response_create(apology=shared, author=bob, kind="not_ready")
    return Journey(draft=draft, shared=shared, answer=answer, worksheet=worksheet)


def _pages(space, journey) -> list[tuple[str, str]]:
    r, d, s = space.repair.pk, journey.draft.pk, journey.shared.pk
    return [
        ("get", f"/spaces/{r}/journey/"),
        ("get", f"/spaces/{r}/listening/reply/"),
        ("post", f"/spaces/{r}/listening/reply/"),
        ("post", f"/spaces/{r}/coach/"),
        ("get", f"/spaces/{r}/worksheet/"),
        ("post", f"/spaces/{r}/worksheet/"),
        ("get", f"/spaces/{r}/apologies/"),
        ("get", f"/spaces/{r}/apologies/new/"),
        ("post", f"/spaces/{r}/apologies/new/"),
        ("get", f"/spaces/{r}/apologies/{d}/"),
        ("post", f"/spaces/{r}/apologies/{d}/"),
        ("post", f"/spaces/{r}/apologies/{d}/share/"),
        ("get", f"/spaces/{r}/apologies/{s}/"),
        ("post", f"/spaces/{r}/apologies/{s}/respond/"),
        ("post", f"/spaces/{r}/space/end/"),
    ]


def _endpoints(space, journey) -> list[tuple[str, str]]:
    r, d, s = space.repair.pk, journey.draft.pk, journey.shared.pk
    return [
        ("get", f"/repairs/{r}/apologies"),
        ("post", f"/repairs/{r}/apologies"),
        ("get", f"/repairs/{r}/apologies/{d}"),
        ("patch", f"/repairs/{r}/apologies/{d}"),
        ("post", f"/repairs/{r}/apologies/{d}/share"),
        ("get", f"/repairs/{r}/apologies/{s}"),
        ("get", f"/repairs/{r}/apologies/{s}/responses"),
        ("post", f"/repairs/{r}/apologies/{s}/responses"),
        ("get", f"/repairs/{r}/worksheet"),
        ("put", f"/repairs/{r}/worksheet"),
    ]


def _bodies(method: str) -> dict:
    return {"text": "x", "kind": "heard", "what_i_did": "x"} if method != "get" else {}


def _call_api(client, method: str, path: str):
    if method == "get":
        return client.get(path)
    import json

    return getattr(client.client, method)(
        f"/api/v1{path}",
        data=json.dumps(_bodies(method)),
        content_type="application/json",
        headers=client.headers,
    )


def test_it_refuses_mallory_on_every_page(space, journey, mallory, login):
    client = login(mallory)
    for method, url in _pages(space, journey):
        response = getattr(client, method)(
            url, {"text": "x", "field": "text"} if method == "post" else None
        )
        assert response.status_code == 404, (method, url, response.status_code)
        assert b"read your journal" not in response.content
        assert b"The dinner" not in response.content


def test_it_refuses_mallory_on_every_endpoint(space, journey, mallory, api):
    client = api(mallory)
    for method, path in _endpoints(space, journey):
        response = _call_api(client, method, path)
        assert response.status_code == 404, (method, path, response.status_code)
        assert "journal" not in response.content.decode()


def test_it_refuses_anonymous_visitors(space, journey, api, client):
    for method, url in _pages(space, journey):
        response = getattr(client, method)(url)
        assert response.status_code in (302, 404), (method, url)
        assert b"read your journal" not in response.content
    for method, path in _endpoints(space, journey):
        assert _call_api(api(), method, path).status_code == 401


def test_it_hides_alices_drafts_and_worksheet_from_bob(space, journey, bob, login):
    client = login(bob)
    r, d = space.repair.pk, journey.draft.pk
    for method, url in [
        ("get", f"/spaces/{r}/apologies/{d}/"),
        ("post", f"/spaces/{r}/apologies/{d}/"),
        ("post", f"/spaces/{r}/apologies/{d}/share/"),
        ("post", f"/spaces/{r}/apologies/{d}/respond/"),
        ("get", f"/spaces/{r}/worksheet/"),
        ("post", f"/spaces/{r}/worksheet/"),
        ("get", f"/spaces/{r}/apologies/new/"),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 404, (method, url, response.status_code)
    listing = client.get(f"/spaces/{r}/apologies/")
    assert listing.status_code == 200
    assert b"read your journal" not in listing.content
    assert b"lied about where I was" in listing.content
    journey_page = client.get(f"/spaces/{r}/journey/")
    assert b"journal you keep" not in journey_page.content
    assert b"read your journal" not in journey_page.content


def test_it_hides_drafts_and_worksheet_from_bob_in_the_api(space, journey, bob, api):
    client = api(bob)
    r, d = space.repair.pk, journey.draft.pk
    assert client.get(f"/repairs/{r}/apologies/{d}").status_code == 404
    assert _call_api(client, "patch", f"/repairs/{r}/apologies/{d}").status_code == 404
    assert _call_api(client, "post", f"/repairs/{r}/apologies/{d}/share").status_code == 404
    assert client.get(f"/repairs/{r}/worksheet").status_code == 404
    items = client.get(f"/repairs/{r}/apologies").json()
    assert [a["id"] for a in items] == [journey.shared.pk]
    assert "journal" not in str(items)


def test_a_shared_apology_is_for_the_members_only(space, journey, alice, bob, carol, login):
    url = f"/spaces/{space.repair.pk}/apologies/{journey.shared.pk}/"
    for person in (alice, bob):
        response = login(person).get(url)
        assert response.status_code == 200
        assert b"lied about where I was" in response.content
        assert b"m not ready" in response.content
    # Shared with the other person only, not the counsellor.
    assert login(carol).get(url).status_code == 404


def test_bob_never_sees_earlier_wordings(space, journey, alice, bob, login):
    services.apology_revise(apology=journey.draft, author=alice, text="A new wording entirely.")
    services.apology_share(apology=journey.draft, author=alice, visibility=Visibility.COUNSELLOR)
    url = f"/spaces/{space.repair.pk}/apologies/{journey.draft.pk}/"
    page = login(bob).get(url)
    assert page.status_code == 200
    assert b"A new wording entirely." in page.content
    assert b"read your journal" not in page.content
