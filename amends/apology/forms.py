from __future__ import annotations

import json
from datetime import datetime, time

from django import forms
from django.utils import timezone

from amends.apology.models import Response
from amends.repairs.models import Visibility
from amends.web.forms import Form


def coached_textarea(*, coach_url: str, kind: str, field: str, rows: int = 6) -> forms.Textarea:
    """A textarea that asks the coach about its words as the person types (htmx, debounced).

    The coaching lands in #coach-<field>, a polite live region. Without JavaScript nothing
    happens until the form's "Check my words" button is pressed.
    """
    return forms.Textarea(
        attrs={
            "rows": rows,
            "hx-post": coach_url,
            "hx-trigger": "input changed delay:500ms",
            "hx-target": f"#coach-{field}",
            "hx-swap": "innerHTML",
            "hx-vals": json.dumps({"kind": kind, "field": field}),
            "hx-sync": "this:replace",
            "aria-describedby": f"coach-{field}",
        }
    )


class ApologyForm(Form):
    text = forms.CharField(
        max_length=20_000,
        label="Your apology",
        help_text="Your own words. The coach reads along and points out what may get in the way.",
    )

    def __init__(self, *args, coach_url: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget = coached_textarea(
            coach_url=coach_url, kind="apology", field="text", rows=8
        )


class WorksheetForm(Form):
    what_i_did = forms.CharField(
        required=False,
        max_length=20_000,
        label="What I did, in specific words",
        help_text="The act itself, as plainly as you can: “I read your messages without asking.”",
    )
    how_it_felt = forms.CharField(
        required=False,
        max_length=20_000,
        label="How it may have felt from their side",
        help_text="Leave your intentions out of this one. What was it like to be them?",
    )
    what_i_own = forms.CharField(
        required=False,
        max_length=20_000,
        label="What I am responsible for, without excuses",
        help_text="Start with “I”. Reasons can wait; they are not part of this.",
    )

    def __init__(self, *args, coach_url: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.fields:
            self.fields[name].widget = coached_textarea(
                coach_url=coach_url, kind="message", field=name, rows=4
            )


class ShareForm(Form):
    visibility = forms.ChoiceField(
        label="Who will see it?",
        choices=[
            (Visibility.SHARED, "The person I hurt"),
            (Visibility.COUNSELLOR, "The person I hurt and our counsellor"),
        ],
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
    )


class ResponseForm(Form):
    kind = forms.ChoiceField(
        label="Your answer",
        choices=Response.Kind.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        required=False,
        max_length=20_000,
        label="In your words (optional, except for “what I still need”)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    until = forms.DateField(
        required=False,
        label="If you asked for space: until when? (optional)",
        help_text="Leave it empty to keep it open until you end it yourself.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_until(self):
        day = self.cleaned_data.get("until")
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time.min))
