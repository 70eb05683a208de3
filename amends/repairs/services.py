"""Writes for repair spaces: one keyword-only function per action, validated before saving.

Rule violations raise RepairRuleError with a message written for the person who tried.
Callers have already fetched the repair through a selector, so membership is established.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.repairs.models import (
    Invitation,
    Membership,
    OwnedContent,
    Repair,
    Role,
    Story,
    Visibility,
)


class RepairRuleError(Exception):
    """An action the rules of the space do not allow. The message is shown to the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvitationUnavailable(Exception):
    """The invitation is unknown, used, declined, revoked or expired (all look the same)."""


def invitation_code_digest(code: str) -> str:
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def _active_membership(*, repair: Repair, user: User) -> Membership | None:
    return Membership.objects.filter(repair=repair, user=user, left_at__isnull=True).first()


def check_text(*, model: type, field: str, value: str) -> str:
    """Enforce a text field's length (Django does not, for TextField) and refuse NUL bytes,
    with a message that says what to change."""
    if "\x00" in value:
        raise RepairRuleError("The text contains a NUL character; please remove it.")
    limit = model._meta.get_field(field).max_length
    if limit and len(value) > limit:
        raise RepairRuleError(
            f"That is {len(value):,} characters; this field keeps up to {limit:,}. "
            "Try fewer words, or split it in two."
        )
    return value


def _check_can_write(*, repair: Repair, author: User, visibility: str) -> None:
    """Nothing is written in an ended space; while the hurt person has paused it, nothing
    new is shared with them (private writing is still fine)."""
    repair.refresh_from_db(fields=["status"])
    if repair.status == Repair.Status.ENDED:
        raise RepairRuleError("This space has ended, so nothing new can be written here.")
    membership = _active_membership(repair=repair, user=author)
    if (
        repair.status == Repair.Status.PAUSED
        and visibility != Visibility.PRIVATE
        and membership is not None
        and membership.role != Role.HURT
    ):
        raise RepairRuleError(
            "The other person has paused this space. You can keep writing for yourself; "
            "nothing new is shared while it is paused."
        )


def check_visibility(*, model: type[OwnedContent], visibility: str) -> None:
    if visibility not in model.allowed_visibilities:
        raise RepairRuleError("That kind of item can only be private.")


@transaction.atomic
def repair_create(*, mender: User, title: str, what_happened: str = "") -> Repair:
    """Open a space with the caller as mender. What happened stays private to them."""
    title = check_text(model=Repair, field="title", value=title.strip())
    check_text(model=Story, field="text", value=what_happened.strip())
    now = timezone.now()
    repair = Repair(title=title, created_at=now)
    repair.full_clean()
    repair.save()
    membership = Membership(repair=repair, user=mender, role=Role.MENDER, joined_at=now)
    membership.full_clean()
    membership.save()
    if what_happened.strip():
        story_create(
            repair=repair, author=mender, text=what_happened, visibility=Visibility.PRIVATE
        )
    return repair


def story_create(*, repair: Repair, author: User, text: str, visibility: str) -> Story:
    """Record what happened in the author's own words."""
    if _active_membership(repair=repair, user=author) is None:
        raise RepairRuleError("Only people in this space can write here.")
    check_visibility(model=Story, visibility=visibility)
    _check_can_write(repair=repair, author=author, visibility=visibility)
    text = check_text(model=Story, field="text", value=text.strip())
    story = Story(repair=repair, author=author, text=text, visibility=visibility)
    story.full_clean()
    story.save()
    return story


def story_set_visibility(*, story: Story, author: User, visibility: str) -> Story:
    if story.author_id != author.pk:
        raise RepairRuleError("Only the person who wrote this can change who sees it.")
    check_visibility(model=Story, visibility=visibility)
    _check_can_write(repair=story.repair, author=author, visibility=visibility)
    story.visibility = visibility
    story.edited_at = timezone.now()
    story.full_clean()
    story.save(update_fields=["visibility", "edited_at"])
    return story


@transaction.atomic
def invitation_create(
    *, repair: Repair, inviter: User, role: str, message: str = ""
) -> tuple[Invitation, str]:
    """Invite someone into the space. Returns the row and the code, which is shown only once.

    A new invitation for the hurt person replaces any earlier one still waiting.
    """
    membership = _active_membership(repair=repair, user=inviter)
    if membership is None or membership.role != Role.MENDER:
        raise RepairRuleError("Only the person who opened this space can invite someone.")
    if repair.status == Repair.Status.ENDED:
        raise RepairRuleError("This space has ended, so no one new can join.")
    if role not in (Role.HURT, Role.COUNSELLOR):
        raise RepairRuleError("You can invite the person you hurt or a counsellor.")
    if (
        role == Role.HURT
        and repair.memberships.filter(role=Role.HURT, left_at__isnull=True).exists()
    ):
        raise RepairRuleError("The person you hurt is already in this space.")
    now = timezone.now()
    if role == Role.HURT:
        Invitation.objects.filter(
            repair=repair,
            role=Role.HURT,
            accepted_at__isnull=True,
            declined_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=now)
    code = secrets.token_urlsafe(18)
    invitation = Invitation(
        repair=repair,
        role=role,
        invited_by=inviter,
        message=check_text(model=Invitation, field="message", value=message.strip()),
        digest=invitation_code_digest(code),
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    return invitation, code


def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    membership = _active_membership(repair=invitation.repair, user=by)
    if membership is None or membership.role != Role.MENDER:
        raise RepairRuleError("Only the person who opened this space can withdraw an invitation.")
    Invitation.objects.filter(
        pk=invitation.pk,
        accepted_at__isnull=True,
        declined_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=timezone.now())


def _claim(invitation: Invitation, **changes) -> None:
    """Use the invitation exactly once, even with two requests racing for it."""
    claimed = Invitation.objects.filter(
        pk=invitation.pk,
        accepted_at__isnull=True,
        declined_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(**changes)
    if claimed != 1:
        raise InvitationUnavailable()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    repair = Repair.objects.select_for_update().get(pk=invitation.repair_id)
    if repair.status == Repair.Status.ENDED:
        raise InvitationUnavailable()
    if _active_membership(repair=repair, user=user) is not None:
        raise RepairRuleError("You are already in this space.")
    if (
        invitation.role == Role.HURT
        and repair.memberships.filter(role=Role.HURT, left_at__isnull=True).exists()
    ):
        raise InvitationUnavailable()
    now = timezone.now()
    _claim(invitation, accepted_at=now, accepted_by=user)
    membership = Membership(repair=repair, user=user, role=invitation.role, joined_at=now)
    membership.full_clean()
    membership.save()
    return membership


def invitation_decline(*, invitation: Invitation) -> None:
    """Say no. The mender sees only that the invitation was declined."""
    _claim(invitation, declined_at=timezone.now())


@transaction.atomic
def membership_leave(*, membership: Membership) -> None:
    """Leave a space. When the mender leaves, the space ends for everyone."""
    now = timezone.now()
    Membership.objects.filter(pk=membership.pk, left_at__isnull=True).update(left_at=now)
    repair = membership.repair
    if membership.role == Role.MENDER:
        Repair.objects.filter(pk=repair.pk).exclude(status=Repair.Status.ENDED).update(
            status=Repair.Status.ENDED, ended_at=now
        )
        Invitation.objects.filter(
            repair=repair,
            accepted_at__isnull=True,
            declined_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=now)


def repair_pause(*, repair: Repair, by: User) -> Repair:
    """The hurt person pauses the space: a break, asked for and respected."""
    membership = _active_membership(repair=repair, user=by)
    if membership is None or membership.role != Role.HURT:
        raise RepairRuleError("Only the person who was hurt can pause this space.")
    if repair.status == Repair.Status.ENDED:
        raise RepairRuleError("This space has ended.")
    repair.status = Repair.Status.PAUSED
    repair.paused_at = timezone.now()
    repair.full_clean()
    repair.save(update_fields=["status", "paused_at"])
    return repair


def repair_resume(*, repair: Repair, by: User) -> Repair:
    membership = _active_membership(repair=repair, user=by)
    if membership is None or membership.role != Role.HURT:
        raise RepairRuleError("Only the person who was hurt can resume this space.")
    if repair.status != Repair.Status.PAUSED:
        raise RepairRuleError("This space is not paused.")
    repair.status = Repair.Status.ACTIVE
    repair.paused_at = None
    repair.full_clean()
    repair.save(update_fields=["status", "paused_at"])
    return repair
