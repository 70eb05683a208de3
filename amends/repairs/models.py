"""A repair space, who is in it, how people are invited, and the base for everything written in it.

Who may see what is decided in selectors.py, never here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Role(models.TextChoices):
    MENDER = "mender", "Mender"
    HURT = "hurt", "Hurt person"
    COUNSELLOR = "counsellor", "Counsellor"


class Visibility(models.TextChoices):
    PRIVATE = "private", "Only me"
    SHARED = "shared", "Shared with the other person"
    COUNSELLOR = "counsellor", "Shared with the other person and the counsellor"


class Repair(models.Model):
    """A space between a mender and, if they choose to join, the person they hurt."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        ENDED = "ended", "Ended"

    title = models.CharField(max_length=120)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    paused_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Membership(models.Model):
    """A person's place in a repair space. Leaving sets left_at; the row stays for history."""

    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["repair", "user"],
                condition=Q(left_at__isnull=True),
                name="one_active_membership_per_person",
            ),
            models.UniqueConstraint(
                fields=["repair", "role"],
                condition=Q(left_at__isnull=True) & Q(role__in=["mender", "hurt"]),
                name="one_active_mender_and_hurt_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.role} in {self.repair}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class Invitation(models.Model):
    """A single-use, expiring, revocable invitation. Only a digest of the code is stored."""

    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(
        max_length=12,
        choices=[(Role.HURT, Role.HURT.label), (Role.COUNSELLOR, Role.COUNSELLOR.label)],
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_sent"
    )
    message = models.TextField(
        max_length=2000, blank=True, help_text="Why you are inviting them, in your own words."
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
    )
    declined_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.repair} as {self.role}"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.declined_at:
            return "declined"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class OwnedContent(models.Model):
    """Base for anything a person writes: one author, one visibility, created and edited times.

    Visibility means: ``private`` — the author only; ``shared`` — the mender and the hurt
    person; ``counsellor`` — them and the counsellor. Selectors decide; nothing else does.
    """

    #: Visibilities this kind of item may take (journals, drafts: private only).
    allowed_visibilities: tuple[str, ...] = tuple(Visibility.values)

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class RepairContent(OwnedContent):
    """Owned content that lives inside one repair space."""

    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="+")

    class Meta(OwnedContent.Meta):
        abstract = True


class Story(RepairContent):
    """What happened, in its author's words. The mender's first telling is private."""

    text = models.TextField(max_length=20_000)

    class Meta(RepairContent.Meta):
        verbose_name_plural = "stories"

    def __str__(self) -> str:
        return f"Story by {self.author} in {self.repair}"
