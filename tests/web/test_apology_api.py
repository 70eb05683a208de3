"""The apologies API contract (API.md): items have id, author, visibility, created_at, and
every apology carries the coach's analysis as "coach"."""

from __future__ import annotations

from amends.coach import analyze

TEXT = "I'm sorry I yelled, but you were pushing my buttons"


def test_alice_posts_a_draft_and_gets_the_coach_with_it(space, alice, api):
    client = api(alice)
    response = client.post(f"/repairs/{space.repair.pk}/apologies", {"text": TEXT})
    assert response.status_code == 201
    body = response.json()
    assert {"id", "author", "visibility", "created_at", "text", "coach"} <= set(body)
    assert body["author"] == "alice" and body["visibility"] == "private"
    assert body["coach"] == analyze(TEXT, "apology").to_dict()
    listed = client.get(f"/repairs/{space.repair.pk}/apologies").json()
    assert [a["id"] for a in listed] == [body["id"]]
    assert listed[0]["coach"]["findings"][0]["rule"] == "but-excuse"


def test_sharing_and_answering_through_the_api(space, alice, bob, api):
    alice_api, bob_api = api(alice), api(bob)
    r = space.repair.pk
    created = alice_api.post(f"/repairs/{r}/apologies", {"text": "I'm sorry I lied to you."})
    apology_id = created.json()["id"]
    assert bob_api.get(f"/repairs/{r}/apologies/{apology_id}").status_code == 404
    shared = alice_api.post(f"/repairs/{r}/apologies/{apology_id}/share", {})
    assert shared.status_code == 200 and shared.json()["visibility"] == "shared"
    assert bob_api.get(f"/repairs/{r}/apologies/{apology_id}").status_code == 200
    answer = bob_api.post(f"/repairs/{r}/apologies/{apology_id}/responses", {"kind": "not_ready"})
    assert answer.status_code == 201
    assert {"id", "author", "visibility", "created_at", "kind"} <= set(answer.json())
    seen = alice_api.get(f"/repairs/{r}/apologies/{apology_id}").json()
    assert [x["kind"] for x in seen["responses"]] == ["not_ready"]


def test_the_api_explains_refusals(space, alice, bob, api):
    r = space.repair.pk
    assert api(bob).post(f"/repairs/{r}/apologies", {"text": "x"}).status_code == 400
    bad = api(alice).post(f"/repairs/{r}/apologies", {"text": "x", "visibility": "public"})
    assert bad.status_code == 400 and bad.json()["detail"]
    empty = api(alice).post(f"/repairs/{r}/apologies", {"text": "  "})
    assert empty.status_code == 400


def test_the_worksheet_is_the_menders_own(space, alice, bob, api):
    r = space.repair.pk
    client = api(alice)
    assert client.get(f"/repairs/{r}/worksheet").json()["id"] is None
    saved = client._send("put", f"/repairs/{r}/worksheet", {"what_i_did": "I lied."})
    assert saved.status_code == 200 and saved.json()["visibility"] == "private"
    assert api(bob).get(f"/repairs/{r}/worksheet").status_code == 404


def test_the_openapi_document_lists_the_apology_paths(api, alice):
    paths = api(alice).get("/openapi.json").json()["paths"]
    assert "/api/v1/repairs/{repair_id}/apologies" in paths
