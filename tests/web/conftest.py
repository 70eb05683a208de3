"""Personas for the web tests: Alice (mender), Bob (hurt person), Carol (counsellor) and
Mallory (an outsider, refused everywhere)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.test import Client

from amends.accounts import services as account_services
from amends.repairs import services as repair_services
from amends.repairs.models import Repair, Story, Visibility

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is tested on its own; everywhere else a quick hasher keeps the suite fast.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


def make_user(username: str):
    return account_services.user_create(
        username=username, password=PASSWORD, email=f"{username}@example.org"
    )


@pytest.fixture
def alice(db):
    return make_user("alice")


@pytest.fixture
def bob(db):
    return make_user("bob")


@pytest.fixture
def carol(db):
    return make_user("carol")


@pytest.fixture
def mallory(db):
    return make_user("mallory")


@dataclass
class Space:
    repair: Repair
    alice_private: Story
    alice_shared: Story
    alice_for_counsellor: Story
    bob_private: Story


@pytest.fixture
def space(alice, bob, carol) -> Space:
    """Alice's space, joined by Bob (hurt) and Carol (counsellor), with one story per visibility."""
    repair = repair_services.repair_create(
        mender=alice, title="The dinner", what_happened="I missed our dinner and lied about why."
    )
    for person, role in ((bob, "hurt"), (carol, "counsellor")):
        invitation, _code = repair_services.invitation_create(
            repair=repair, inviter=alice, role=role, message="Please join if you want to."
        )
        repair_services.invitation_accept(invitation=invitation, user=person)
    alice_private = Story.objects.get(repair=repair, author=alice)

    def story(author, visibility, text):
        return repair_services.story_create(
            repair=repair, author=author, text=text, visibility=visibility
        )

    return Space(
        repair=repair,
        alice_private=alice_private,
        alice_shared=story(alice, Visibility.SHARED, "I lied about working late."),
        alice_for_counsellor=story(alice, Visibility.COUNSELLOR, "I keep avoiding hard talks."),
        bob_private=story(bob, Visibility.PRIVATE, "I don't know if I can trust this yet."),
    )


@pytest.fixture
def login():
    """A web client signed in as the given person."""

    def _login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _login


class ApiClient:
    def __init__(self, token: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def _send(self, method: str, path: str, body=None):
        kwargs = {"headers": self.headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return getattr(self.client, method)(f"/api/v1{path}", **kwargs)

    def get(self, path):
        return self._send("get", path)

    def post(self, path, body=None):
        return self._send("post", path, body if body is not None else {})

    def delete(self, path):
        return self._send("delete", path)


@pytest.fixture
def api():
    """An API client holding a fresh bearer token for the given person (or none)."""

    def _api(user=None) -> ApiClient:
        if user is None:
            return ApiClient()
        _token, raw = account_services.token_create(user=user)
        return ApiClient(raw)

    return _api
