"""Reads for accounts."""

from __future__ import annotations

from django.utils import timezone

from amends.accounts.models import ApiToken, User
from amends.accounts.services import TOKEN_PREFIX, token_digest


def token_get(*, raw: str) -> ApiToken | None:
    """The live token for a raw bearer string, or None. Touches last-use time."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), user__is_active=True)
        .first()
    )
    if token is not None:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token


def user_by_token(*, raw: str) -> User | None:
    token = token_get(raw=raw)
    return token.user if token else None
