"""Turning a model's ValidationError into what a page or an API answer shows."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja.errors import HttpError


def add_validation_errors(form, exc: ValidationError) -> None:
    """Attach each message to its field on the form (or to the form as a whole)."""
    for field, field_messages in exc.message_dict.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


def validation_http_error(exc: ValidationError) -> HttpError:
    """A 400 whose detail is every message, in the API's {"detail": ...} shape."""
    return HttpError(400, " ".join(m for ms in exc.message_dict.values() for m in ms))
