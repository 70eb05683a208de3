"""POST /auth/signup, POST and DELETE /auth/token."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from tests.web.conftest import PASSWORD

STRONG = "a long and private passphrase"


def test_it_signs_up_over_the_api(db, api):
    response = api().post("/auth/signup", {"username": "dana", "password": STRONG})
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "dana"
    assert body["id"] == get_user_model().objects.get(username="dana").pk


def test_it_rejects_weak_passwords_and_taken_names(alice, api):
    weak = api().post("/auth/signup", {"username": "dana", "password": "12345"})
    assert weak.status_code == 400
    assert "detail" in weak.json()
    taken = api().post("/auth/signup", {"username": "alice", "password": STRONG})
    assert taken.status_code == 400
    assert "taken" in taken.json()["detail"]


def test_it_refuses_api_signup_when_registration_is_closed(db, api, settings):
    settings.REGISTRATION_OPEN = False
    response = api().post("/auth/signup", {"username": "dana", "password": STRONG})
    assert response.status_code == 403
    assert response.json() == {"detail": "New accounts are closed here."}


def test_it_issues_a_token_that_works(alice, api):
    response = api().post("/auth/token", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    token = response.json()["token"]
    client = type(api())(token)
    assert client.get("/repairs").status_code == 200


def test_it_stores_only_a_digest_of_the_token(alice, api):
    token = api().post("/auth/token", {"username": "alice", "password": PASSWORD}).json()["token"]
    stored = alice.api_tokens.get()
    assert token not in (stored.digest, stored.prefix)
    assert len(stored.digest) == 64


def test_it_rejects_wrong_credentials(alice, api):
    response = api().post("/auth/token", {"username": "alice", "password": "nope"})
    assert response.status_code == 401
    assert "detail" in response.json()


def test_it_answers_429_when_locked_out(alice, api, settings):
    client = api()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/auth/token", {"username": "alice", "password": "nope"})
    response = client.post("/auth/token", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "detail" in response.json()


def test_it_revokes_a_token(alice, api):
    client = api(alice)
    assert client.get("/repairs").status_code == 200
    assert client.delete("/auth/token").status_code == 204
    assert client.get("/repairs").status_code == 401


def test_it_publishes_an_openapi_document(db, client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/auth/signup",
        "/api/v1/auth/token",
        "/api/v1/coach",
        "/api/v1/repairs",
        "/api/v1/repairs/{repair_id}",
        "/api/v1/repairs/{repair_id}/invitations",
        "/api/v1/invitations/{code}/accept",
    ):
        assert path in paths, path
