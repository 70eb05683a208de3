"""Reads for repair spaces, always scoped to the person asking.

This module is the only place that decides who may see what. Anything the person may not
see raises Http404, exactly as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from amends.accounts.models import User
from amends.repairs.models import (
    Invitation,
    Membership,
    Repair,
    RepairContent,
    Role,
    Story,
    Visibility,
)
from amends.repairs.services import invitation_code_digest

#: Who, besides the author, sees an item of each visibility.
ROLES_THAT_SEE = {
    Visibility.PRIVATE: (),
    Visibility.SHARED: (Role.MENDER, Role.HURT),
    Visibility.COUNSELLOR: (Role.MENDER, Role.HURT, Role.COUNSELLOR),
}


def _anonymous(user: User | None) -> bool:
    return user is None or not user.is_authenticated


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    """The spaces this person is in now, with their role in each."""
    if _anonymous(user):
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, left_at__isnull=True)
        .select_related("repair")
        .order_by("-repair__created_at")
    )


def membership_get(*, user: User, repair_id: int) -> Membership:
    """The person's membership of one space (its repair is ``.repair``), or 404."""
    if _anonymous(user):
        raise Http404
    membership = (
        Membership.objects.filter(user=user, repair_id=repair_id, left_at__isnull=True)
        .select_related("repair")
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def members_of(*, membership: Membership) -> QuerySet[Membership]:
    """Who else is in the space, for someone who is in it."""
    return (
        Membership.objects.filter(repair_id=membership.repair_id, left_at__isnull=True)
        .select_related("user")
        .order_by("joined_at")
    )


def invitations_for(*, membership: Membership) -> QuerySet[Invitation]:
    """Invitations of a space: the mender sees them all; nobody else sees any."""
    if membership.role != Role.MENDER:
        return Invitation.objects.none()
    return Invitation.objects.filter(repair_id=membership.repair_id).select_related("accepted_by")


def invitation_get_for_mender(*, user: User, repair_id: int, invitation_id: int) -> Invitation:
    membership = membership_get(user=user, repair_id=repair_id)
    invitation = invitations_for(membership=membership).filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404
    return invitation


def invitation_get_by_code(*, code: str) -> Invitation:
    """A pending invitation for whoever holds its code; used, revoked or expired ones are 404."""
    if not code or len(code) > 200:
        raise Http404
    invitation = (
        Invitation.objects.filter(
            digest=invitation_code_digest(code),
            accepted_at__isnull=True,
            declined_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .exclude(repair__status=Repair.Status.ENDED)
        .select_related("repair", "invited_by")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def visible_to(queryset: QuerySet, *, user: User) -> QuerySet:
    """Filter any RepairContent queryset down to what ``user`` may see.

    The author sees their own items while they are in the space; others see an item only
    when its visibility includes their role.
    """
    if _anonymous(user):
        return queryset.none()
    viewer_role = Membership.objects.filter(
        repair_id=OuterRef("repair_id"), user=user, left_at__isnull=True
    ).values("role")[:1]
    allowed = Q(author=user)
    for visibility, roles in ROLES_THAT_SEE.items():
        if roles:
            allowed |= Q(visibility=visibility, viewer_role__in=roles)
    return (
        queryset.annotate(viewer_role=Subquery(viewer_role))
        .filter(viewer_role__isnull=False)
        .filter(allowed)
    )


def content_for_repair(model: type[RepairContent], *, membership: Membership) -> QuerySet:
    return visible_to(
        model.objects.filter(repair_id=membership.repair_id), user=membership.user
    ).select_related("author")


def content_get(model: type[RepairContent], *, user: User, pk: int) -> RepairContent:
    item = visible_to(model.objects.filter(pk=pk), user=user).select_related("author").first()
    if item is None:
        raise Http404
    return item


@dataclass(frozen=True)
class RepairView:
    """Everything a member may see on a space's home."""

    membership: Membership
    members: list[Membership]
    stories: list[Story]
    invitations: list[Invitation]

    @property
    def repair(self) -> Repair:
        return self.membership.repair

    @property
    def role(self) -> str:
        return self.membership.role

    @property
    def is_solo(self) -> bool:
        return not any(m.role == Role.HURT for m in self.members)

    @property
    def pending_invitations(self) -> list[Invitation]:
        return [i for i in self.invitations if i.state == "pending"]


def repair_view(*, user: User, repair_id: int) -> RepairView:
    membership = membership_get(user=user, repair_id=repair_id)
    return RepairView(
        membership=membership,
        members=list(members_of(membership=membership)),
        stories=list(content_for_repair(Story, membership=membership)),
        invitations=list(invitations_for(membership=membership)),
    )
