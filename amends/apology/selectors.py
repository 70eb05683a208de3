"""Reads for the apology journey, always scoped to the person asking.

Built on amends.repairs.selectors.visible_to: the one place that decides who sees what.
Anything the person may not see raises Http404, exactly as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from amends.accounts.models import User
from amends.apology.models import Apology, ApologyVersion, Response, SpacePeriod, Worksheet
from amends.coach import CoachInputError, analyze
from amends.repairs.models import Membership, Repair, Role
from amends.repairs.selectors import content_for_repair, members_of, membership_get, visible_to


def mender_membership_get(*, user: User, repair_id: int) -> Membership:
    """The person's membership when they are this space's mender, or 404."""
    membership = membership_get(user=user, repair_id=repair_id)
    if membership.role != Role.MENDER:
        raise Http404
    return membership


def worksheet_for(*, membership: Membership) -> Worksheet | None:
    """The mender's own worksheet in this space (private: only ever its author's)."""
    return (
        visible_to(Worksheet.objects.filter(repair_id=membership.repair_id), user=membership.user)
        .filter(author=membership.user)
        .first()
    )


def apologies_for(*, membership: Membership) -> QuerySet[Apology]:
    """Apologies this member may see: their own drafts, and what was shared with their role."""
    return content_for_repair(Apology, membership=membership)


def apology_get(*, user: User, repair_id: int, apology_id: int) -> Apology:
    membership = membership_get(user=user, repair_id=repair_id)
    apology = apologies_for(membership=membership).filter(pk=apology_id).first()
    if apology is None:
        raise Http404
    return apology


def own_draft_get(*, user: User, repair_id: int, apology_id: int) -> Apology:
    """A draft the person wrote themselves; anything else is 404."""
    apology = apology_get(user=user, repair_id=repair_id, apology_id=apology_id)
    if apology.author_id != user.pk or not apology.is_draft:
        raise Http404
    return apology


def versions_for(*, apology: Apology, user: User) -> QuerySet[ApologyVersion]:
    """Earlier wordings, for the author only: the other person sees just what was shared."""
    if apology.author_id != user.pk:
        return ApologyVersion.objects.none()
    return apology.versions.all()


def responses_for(*, apology: Apology, user: User) -> QuerySet[Response]:
    return visible_to(Response.objects.filter(apology=apology), user=user).select_related("author")


def active_space_period(*, repair: Repair) -> SpacePeriod | None:
    """The space the hurt person asked for, while it lasts and while they are a member."""
    now = timezone.now()
    return (
        SpacePeriod.objects.filter(repair=repair, ended_at__isnull=True)
        .filter(Q(until__isnull=True) | Q(until__gt=now))
        .filter(
            requested_by__memberships__repair=repair,
            requested_by__memberships__left_at__isnull=True,
        )
        .first()
    )


def may_answer(*, apology: Apology, membership: Membership) -> bool:
    """The hurt person may answer an apology shared with them while the space is open."""
    return (
        membership.role == Role.HURT
        and not apology.is_draft
        and membership.repair.status != Repair.Status.ENDED
    )


def coaching_for(*, apology: Apology, user: User) -> dict | None:
    """The coach's analysis of an apology, for its author only: the other member reads the
    apology, never the critique of it (nor any safety flag it raised)."""
    if apology.author_id != user.pk or not apology.text.strip():
        return None
    try:
        return analyze(apology.text, "apology").to_dict()
    except CoachInputError:
        return None


def hurt_member(*, repair: Repair) -> Membership | None:
    return (
        Membership.objects.filter(repair=repair, role=Role.HURT, left_at__isnull=True)
        .select_related("user")
        .first()
    )


@dataclass(frozen=True)
class SharingState:
    """Whether the mender may share an apology now, and if not, why, in words for them."""

    allowed: bool
    reason: str = ""


def sharing_state(*, repair: Repair) -> SharingState:
    if repair.status == Repair.Status.ENDED:
        return SharingState(False, "This space has ended, so nothing new can be shared here.")
    if repair.status == Repair.Status.PAUSED:
        return SharingState(
            False,
            "The other person has paused this space. Nothing new is shared while it is paused.",
        )
    if hurt_member(repair=repair) is None:
        return SharingState(
            False,
            "The person you hurt is not in this space, so there is no one to share with. "
            "Your draft is kept, and writing it is worth doing on its own.",
        )
    if active_space_period(repair=repair) is not None:
        return SharingState(
            False,
            "They asked for space. Sharing a new apology now would ask for their attention, "
            "so it waits until they are ready. You can keep writing for yourself.",
        )
    return SharingState(True)


@dataclass(frozen=True)
class JourneyProgress:
    """What a person has done so far in a space. Counts only, never a deadline."""

    membership: Membership
    worksheet: Worksheet | None
    drafts: int
    shared: list[Apology]
    responses: int
    space_period: SpacePeriod | None
    has_hurt_member: bool

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def repair(self) -> Repair:
        return self.membership.repair


def journey_progress(*, user: User, repair_id: int) -> JourneyProgress:
    membership = membership_get(user=user, repair_id=repair_id)
    apologies = list(apologies_for(membership=membership))
    shared = [a for a in apologies if not a.is_draft]
    responses = visible_to(Response.objects.filter(repair_id=repair_id), user=user).count()
    return JourneyProgress(
        membership=membership,
        worksheet=worksheet_for(membership=membership) if membership.role == Role.MENDER else None,
        drafts=sum(1 for a in apologies if a.is_draft and a.author_id == user.pk),
        shared=shared,
        responses=responses,
        space_period=active_space_period(repair=membership.repair),
        has_hurt_member=any(m.role == Role.HURT for m in members_of(membership=membership)),
    )
