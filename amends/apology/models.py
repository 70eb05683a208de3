"""The apology journey's records: the harm worksheet, apologies with their versions, the hurt
person's responses, and the space they may ask for.

Who may see what is decided in selectors.py, never here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from amends.repairs.models import Repair, RepairContent, Visibility


class Worksheet(RepairContent):
    """Acknowledging the harm, for the mender's eyes only: one per person per space."""

    allowed_visibilities = (Visibility.PRIVATE,)

    what_i_did = models.TextField(max_length=20_000, blank=True)
    how_it_felt = models.TextField(max_length=20_000, blank=True)
    what_i_own = models.TextField(max_length=20_000, blank=True)

    class Meta(RepairContent.Meta):
        constraints = [
            models.UniqueConstraint(fields=["repair", "author"], name="one_worksheet_per_author")
        ]

    def __str__(self) -> str:
        return f"Worksheet by {self.author} in {self.repair}"

    @property
    def filled_fields(self) -> int:
        return sum(bool(v.strip()) for v in (self.what_i_did, self.how_it_felt, self.what_i_own))


class Apology(RepairContent):
    """An apology by the mender. Private while it is a draft; once shared it no longer changes."""

    text = models.TextField(max_length=20_000)
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta(RepairContent.Meta):
        verbose_name_plural = "apologies"

    def __str__(self) -> str:
        return f"Apology by {self.author} in {self.repair}"

    @property
    def is_draft(self) -> bool:
        return self.shared_at is None


class ApologyVersion(models.Model):
    """An earlier wording of a draft, kept so the author can look back. Never shown to others."""

    apology = models.ForeignKey(Apology, on_delete=models.CASCADE, related_name="versions")
    text = models.TextField(max_length=20_000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Version of {self.apology}"


class Response(RepairContent):
    """The hurt person's answer to a shared apology. Answering at all is their choice."""

    class Kind(models.TextChoices):
        HEARD = "heard", "I heard it"
        NOT_READY = "not_ready", "I'm not ready"
        NEED_SPACE = "need_space", "I need space"
        STILL_NEED = "still_need", "What I still need is…"

    allowed_visibilities = (Visibility.SHARED, Visibility.COUNSELLOR)

    apology = models.ForeignKey(Apology, on_delete=models.CASCADE, related_name="responses")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = models.TextField(max_length=20_000, blank=True)

    class Meta(RepairContent.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.author}"


class SpacePeriod(models.Model):
    """A time the hurt person asked for space. It ends when they say so, or at the time they
    chose; the mender is told only that space was asked for, never how long is left."""

    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="space_periods")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    until = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Space asked for in {self.repair}"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.ended_at is None and (self.until is None or self.until > now)
