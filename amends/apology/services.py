"""Writes for the apology journey: one keyword-only function per action, validated before saving.

Rule violations raise RepairRuleError with a message written for the person who tried.
No write here ever notifies the hurt person: Amends never nudges them about an apology.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from amends.accounts.models import User
from amends.apology import selectors
from amends.apology.models import Apology, ApologyVersion, Response, SpacePeriod, Worksheet
from amends.coach import MAX_CHARS
from amends.repairs.models import Membership, Repair, Role, Visibility
from amends.repairs.services import RepairRuleError, check_visibility

WORKSHEET_FIELDS = ("what_i_did", "how_it_felt", "what_i_own")


def _check_length(text: str, what: str = "This") -> None:
    if len(text) > MAX_CHARS:
        raise RepairRuleError(
            f"{what} is {len(text):,} characters; Amends keeps up to {MAX_CHARS:,}. "
            "Try saying it in fewer words, or split it in two."
        )


def _aware(moment: datetime | None) -> datetime | None:
    """A date-time without a time zone is read in the app's time zone."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


def _membership(*, repair: Repair, user: User) -> Membership | None:
    return Membership.objects.filter(repair=repair, user=user, left_at__isnull=True).first()


def _require_mender(*, repair: Repair, user: User) -> None:
    membership = _membership(repair=repair, user=user)
    if membership is None or membership.role != Role.MENDER:
        raise RepairRuleError("Only the person who opened this space writes apologies here.")
    if repair.status == Repair.Status.ENDED:
        raise RepairRuleError("This space has ended, so nothing new can be written here.")


def worksheet_save(*, repair: Repair, author: User, **fields: str) -> Worksheet:
    """Create or update the mender's private harm worksheet."""
    _require_mender(repair=repair, user=author)
    unknown = set(fields) - set(WORKSHEET_FIELDS)
    if unknown:
        raise RepairRuleError("That is not part of the worksheet.")
    worksheet = Worksheet.objects.filter(repair=repair, author=author).first()
    if worksheet is None:
        worksheet = Worksheet(repair=repair, author=author, visibility=Visibility.PRIVATE)
    else:
        worksheet.edited_at = timezone.now()
    for name, value in fields.items():
        _check_length((value or "").strip(), "An answer")
        setattr(worksheet, name, (value or "").strip())
    worksheet.full_clean()
    worksheet.save()
    return worksheet


def _check_can_share(*, repair: Repair, visibility: str) -> None:
    if visibility == Visibility.PRIVATE:
        return
    state = selectors.sharing_state(repair=repair)
    if not state.allowed:
        raise RepairRuleError(state.reason)


@transaction.atomic
def apology_create(
    *, repair: Repair, author: User, text: str, visibility: str = Visibility.PRIVATE
) -> Apology:
    """Start an apology. It is a private draft unless the author shares it straight away."""
    _require_mender(repair=repair, user=author)
    _check_length(text.strip(), "The apology")
    check_visibility(model=Apology, visibility=visibility)
    _check_can_share(repair=repair, visibility=visibility)
    now = timezone.now()
    apology = Apology(
        repair=repair,
        author=author,
        text=text.strip(),
        visibility=visibility,
        created_at=now,
        shared_at=None if visibility == Visibility.PRIVATE else now,
    )
    apology.full_clean()
    apology.save()
    ApologyVersion.objects.create(apology=apology, text=apology.text, created_at=now)
    return apology


@transaction.atomic
def apology_revise(*, apology: Apology, author: User, text: str) -> Apology:
    """Save a new wording of a draft; the earlier one stays in its versions."""
    if apology.author_id != author.pk:
        raise RepairRuleError("Only the person who wrote this can change it.")
    if not apology.is_draft:
        raise RepairRuleError(
            "A shared apology stays as they received it. Start a new one to say more."
        )
    text = text.strip()
    _check_length(text, "The apology")
    if text == apology.text:
        return apology
    now = timezone.now()
    apology.text = text
    apology.edited_at = now
    apology.full_clean()
    apology.save(update_fields=["text", "edited_at"])
    ApologyVersion.objects.create(apology=apology, text=text, created_at=now)
    return apology


@transaction.atomic
def apology_share(
    *, apology: Apology, author: User, visibility: str = Visibility.SHARED
) -> Apology:
    """Share a finished draft with the person it is for (and the counsellor, if chosen)."""
    if apology.author_id != author.pk:
        raise RepairRuleError("Only the person who wrote this can share it.")
    if not apology.is_draft:
        raise RepairRuleError("This apology is already shared.")
    if visibility == Visibility.PRIVATE:
        raise RepairRuleError("Choose who to share it with.")
    check_visibility(model=Apology, visibility=visibility)
    repair = Repair.objects.select_for_update().get(pk=apology.repair_id)
    _require_mender(repair=repair, user=author)
    _check_can_share(repair=repair, visibility=visibility)
    now = timezone.now()
    apology.visibility = visibility
    apology.shared_at = now
    apology.edited_at = now
    apology.full_clean()
    apology.save(update_fields=["visibility", "shared_at", "edited_at"])
    return apology


@transaction.atomic
def apology_revise_and_share(
    *, apology: Apology, author: User, text: str, visibility: str = Visibility.SHARED
) -> Apology:
    """Share what is on the author's screen: save the wording, then share it, or neither."""
    apology_revise(apology=apology, author=author, text=text)
    return apology_share(apology=apology, author=author, visibility=visibility)


@transaction.atomic
def response_create(
    *,
    apology: Apology,
    author: User,
    kind: str,
    text: str = "",
    until: datetime | None = None,
    visibility: str = Visibility.SHARED,
) -> Response:
    """The hurt person answers a shared apology. "I need space" also starts a space period."""
    membership = _membership(repair=apology.repair, user=author)
    if membership is None or membership.role != Role.HURT:
        raise RepairRuleError("Only the person the apology is for can answer it.")
    if apology.is_draft or apology.visibility == Visibility.PRIVATE:
        raise RepairRuleError("This apology has not been shared with you.")
    if Repair.objects.filter(pk=apology.repair_id, status=Repair.Status.ENDED).exists():
        raise RepairRuleError("This space has ended, so answers can no longer be added.")
    if kind not in Response.Kind.values:
        raise RepairRuleError("Choose one of the answers, or simply leave it for now.")
    check_visibility(model=Response, visibility=visibility)
    text = text.strip()
    _check_length(text, "Your answer")
    until = _aware(until)
    if kind == Response.Kind.STILL_NEED and not text:
        raise RepairRuleError("Write what you still need, in a few words.")
    now = timezone.now()
    if until is not None and until <= now:
        raise RepairRuleError("Choose a day after today, or leave it open.")
    response = Response(
        repair=apology.repair,
        apology=apology,
        author=author,
        kind=kind,
        text=text,
        visibility=visibility,
        created_at=now,
    )
    response.full_clean()
    response.save()
    if kind == Response.Kind.NEED_SPACE:
        space_period_start(repair=apology.repair, by=author, until=until)
    return response


def space_period_start(*, repair: Repair, by: User, until: datetime | None = None) -> SpacePeriod:
    membership = _membership(repair=repair, user=by)
    if membership is None or membership.role != Role.HURT:
        raise RepairRuleError("Only the person who was hurt can ask for space.")
    until = _aware(until)
    current = selectors.active_space_period(repair=repair)
    now = timezone.now()
    if current is not None:
        current.until = until
        current.full_clean()
        current.save(update_fields=["until"])
        return current
    period = SpacePeriod(repair=repair, requested_by=by, started_at=now, until=until)
    period.full_clean()
    period.save()
    return period


def space_period_end(*, repair: Repair, by: User) -> None:
    """The hurt person ends the space they asked for, whenever they choose."""
    membership = _membership(repair=repair, user=by)
    if membership is None or membership.role != Role.HURT:
        raise RepairRuleError("Only the person who asked for space can end it.")
    SpacePeriod.objects.filter(repair=repair, ended_at__isnull=True).update(ended_at=timezone.now())
