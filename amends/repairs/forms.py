from __future__ import annotations

from django import forms

from amends.repairs.models import Role, Visibility
from amends.web.forms import Form


class RepairForm(Form):
    title = forms.CharField(
        max_length=120,
        help_text="A short name for this space. Anyone you invite will see it.",
    )
    what_happened = forms.CharField(
        required=False,
        max_length=20_000,
        label="What happened, in your words",
        help_text="Only you can see this. Name what you did, plainly. You can add to it later.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class InvitationForm(Form):
    role = forms.ChoiceField(
        label="Who are you inviting?",
        choices=[(Role.HURT, "The person I hurt"), (Role.COUNSELLOR, "A counsellor")],
        widget=forms.RadioSelect,
        initial=Role.HURT,
    )
    message = forms.CharField(
        required=False,
        max_length=2000,
        label="Why you are inviting them",
        help_text=(
            "They will read this before choosing whether to join. "
            "Keep it short, and leave the choice with them."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class StoryForm(Form):
    text = forms.CharField(
        max_length=20_000,
        label="What happened, in your words",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    visibility = forms.ChoiceField(
        label="Who can see this?",
        choices=Visibility.choices,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
    )
