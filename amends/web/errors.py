"""Turning a model's ValidationError into what a page or an API answer shows."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def add_validation_errors(form, exc: ValidationError) -> None:
    """Attach each message to its field on the form (or to the form as a whole)."""
    for field, field_messages in exc.message_dict.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


def validation_detail(exc: ValidationError) -> str:
    """Every message of the error, as one line for the API's {"detail": ...}."""
    return " ".join(exc.messages)
