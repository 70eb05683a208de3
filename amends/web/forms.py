from __future__ import annotations

from django import forms


class Form(forms.Form):
    """Our forms: labels without Django's trailing colon, which screen readers read out."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
