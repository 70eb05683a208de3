"""Signing up, logging in and out, passwords, lockout, idle sessions."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.web.conftest import PASSWORD

STRONG = "a long and private passphrase"


def test_it_signs_up_and_logs_in(db, client):
    response = client.post(
        "/accounts/signup/",
        {"username": "dana", "email": "", "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 302
    assert response["Location"] == "/spaces/"
    assert client.get("/spaces/").status_code == 200


def test_it_rejects_a_weak_password_with_a_reason(db, client):
    response = client.post(
        "/accounts/signup/",
        {"username": "dana", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200
    assert b"too common" in response.content or b"too short" in response.content
    assert not get_user_model().objects.filter(username="dana").exists()


def test_it_rejects_a_taken_username_in_any_case(alice, client):
    response = client.post(
        "/accounts/signup/", {"username": "ALICE", "password1": STRONG, "password2": STRONG}
    )
    assert b"That name is taken" in response.content


def test_it_refuses_signup_when_registration_is_closed(db, client, settings):
    settings.REGISTRATION_OPEN = False
    assert client.get("/accounts/signup/").status_code == 403
    response = client.post(
        "/accounts/signup/", {"username": "dana", "password1": STRONG, "password2": STRONG}
    )
    assert response.status_code == 403
    assert not get_user_model().objects.filter(username="dana").exists()


def test_it_logs_in_and_out(alice, client):
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/spaces/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/spaces/").status_code == 302


def test_it_changes_a_password(alice, login):
    client = login(alice)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": STRONG, "new_password2": STRONG},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(STRONG)


def test_it_resets_a_password_by_email(alice, client):
    response = client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    response = client.get(link.group(1), follow=True)
    assert b"Choose a new password" in response.content
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": STRONG, "new_password2": STRONG}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(STRONG)


def test_a_password_change_ends_every_api_token(alice, login, api):
    client_api = api(alice)
    assert client_api.get("/repairs").status_code == 200
    login(alice).post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": STRONG, "new_password2": STRONG},
    )
    assert client_api.get("/repairs").status_code == 401
    assert not alice.api_tokens.exists()


def test_a_password_reset_ends_every_api_token(alice, bob, client, api):
    client_api, bobs_api = api(alice), api(bob)
    client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    client.post(response.redirect_chain[-1][0], {"new_password1": STRONG, "new_password2": STRONG})
    assert client_api.get("/repairs").status_code == 401
    assert bobs_api.get("/repairs").status_code == 200


def test_it_says_the_same_for_an_unknown_email(db, client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_it_hashes_passwords_with_argon2(db, settings):
    from amends.web import settings as amends_settings

    settings.PASSWORD_HASHERS = amends_settings.PASSWORD_HASHERS
    user = get_user_model().objects.create_user("erin", password=STRONG)
    assert user.password.startswith("argon2")


def _fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        client.post("/accounts/login/", {"username": username, "password": "wrong guess"})


def test_it_locks_out_a_username_from_one_address_only(alice, bob, settings):
    attacker = Client(REMOTE_ADDR="10.0.0.66")
    _fail(attacker, "alice", settings.AXES_FAILURE_LIMIT)
    locked = attacker.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    assert b"Too many attempts" in locked.content

    # Alice, from her own device, is not locked out by someone guessing at her name.
    own_device = Client(REMOTE_ADDR="10.0.0.7")
    ok = own_device.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert ok.status_code == 302
    # And Bob, from the attacker's device, is not locked out either.
    ok = attacker.post("/accounts/login/", {"username": "bob", "password": PASSWORD})
    assert ok.status_code == 302


def test_it_ends_idle_sessions(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 30 * 60


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/", "/"])
def test_it_offers_public_pages_to_anyone(db, client, url):
    assert client.get(url).status_code == 200
