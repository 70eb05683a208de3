"""Writes for accounts: keyword-only, validated, one door each."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from amends.accounts.models import ApiToken, User

TOKEN_PREFIX = "amd_"


class RegistrationClosed(Exception):
    """New accounts are switched off on this deployment."""


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def user_create(*, username: str, password: str, email: str = "") -> User:
    """Create an account. Raises ValidationError for a taken name or a weak password."""
    from django.conf import settings

    if not settings.REGISTRATION_OPEN:
        raise RegistrationClosed("New accounts are closed here.")
    model = get_user_model()
    username = model.normalize_username(username.strip())
    user = model(username=username, email=model.objects.normalize_email(email.strip()))
    errors: dict[str, list[str]] = {}
    if model.objects.filter(username__iexact=username).exists():
        errors["username"] = ["That name is taken. Please choose another."]
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(
                m for m in messages if m not in errors.get(field, [])
            )
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    return user


def token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Make an API token. Returns the row and the raw token, which is never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, digest=token_digest(raw), prefix=raw[:12], name=name[:100])
    token.full_clean()
    token.save()
    return token, raw


def token_revoke(*, token: ApiToken) -> None:
    token.delete()


def password_changed(*, user: User) -> None:
    """After a password change or reset, every API token stops working.

    Whoever knew the old password may have made a token with it; a new password has to
    close that door too. The person makes a fresh token when they need one.
    """
    ApiToken.objects.filter(user=user).delete()
