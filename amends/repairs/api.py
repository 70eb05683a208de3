"""Repairs, members, invitations and stories over JSON. Interfaces only: parse, call, render."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from amends.repairs import selectors, services
from amends.repairs.models import Membership, Role, Story, Visibility

repairs_router = Router(tags=["repairs"])
invitations_router = Router(tags=["invitations"])


class Detail(Schema):
    detail: str


class RepairIn(Schema):
    title: str
    what_happened: str = ""


class RepairOut(Schema):
    id: int
    title: str
    status: str
    role: str
    created_at: datetime


class MemberOut(Schema):
    username: str
    role: str
    joined_at: datetime


class StoryOut(Schema):
    id: int
    author: str
    visibility: str
    created_at: datetime
    edited_at: datetime | None
    text: str


class RepairDetailOut(RepairOut):
    members: list[MemberOut]
    what_happened: str | None
    paused_at: datetime | None
    ended_at: datetime | None


class InvitationIn(Schema):
    role: str = Role.HURT
    message: str = ""


class InvitationCreatedOut(Schema):
    id: int
    code: str
    role: str
    expires_at: datetime


class InvitationOut(Schema):
    id: int
    role: str
    state: str
    created_at: datetime
    expires_at: datetime


class InvitationPreviewOut(Schema):
    repair_title: str
    invited_by: str
    role: str
    message: str
    expires_at: datetime


class AcceptedOut(Schema):
    repair_id: int
    role: str


class StoryIn(Schema):
    text: str
    visibility: str = Visibility.PRIVATE


def _repair_out(membership: Membership) -> dict:
    repair = membership.repair
    return {
        "id": repair.pk,
        "title": repair.title,
        "status": repair.status,
        "role": membership.role,
        "created_at": repair.created_at,
    }


def _story_out(story: Story) -> dict:
    return {
        "id": story.pk,
        "author": story.author.username,
        "visibility": story.visibility,
        "created_at": story.created_at,
        "edited_at": story.edited_at,
        "text": story.text,
    }


@repairs_router.post("", response={201: RepairOut, 400: Detail})
def repair_create(request: HttpRequest, payload: RepairIn):
    repair = services.repair_create(
        mender=request.auth, title=payload.title, what_happened=payload.what_happened
    )
    membership = selectors.membership_get(user=request.auth, repair_id=repair.pk)
    return Status(201, _repair_out(membership))


@repairs_router.get("", response=list[RepairOut])
def repair_list(request: HttpRequest):
    return [_repair_out(m) for m in selectors.memberships_for_user(user=request.auth)]


@repairs_router.get("/{int:repair_id}", response=RepairDetailOut)
def repair_detail(request: HttpRequest, repair_id: int):
    view = selectors.repair_view(user=request.auth, repair_id=repair_id)
    own_first_story = next(
        (s for s in reversed(view.stories) if s.author_id == request.auth.pk), None
    )
    return {
        **_repair_out(view.membership),
        "members": [
            {"username": m.user.username, "role": m.role, "joined_at": m.joined_at}
            for m in view.members
        ],
        "what_happened": own_first_story.text if own_first_story else None,
        "paused_at": view.repair.paused_at,
        "ended_at": view.repair.ended_at,
    }


@repairs_router.post(
    "/{int:repair_id}/invitations", response={201: InvitationCreatedOut, 400: Detail}
)
def invitation_create(request: HttpRequest, repair_id: int, payload: InvitationIn):
    membership = selectors.membership_get(user=request.auth, repair_id=repair_id)
    invitation, code = services.invitation_create(
        repair=membership.repair,
        inviter=request.auth,
        role=payload.role,
        message=payload.message,
    )
    return Status(
        201,
        {
            "id": invitation.pk,
            "code": code,
            "role": invitation.role,
            "expires_at": invitation.expires_at,
        },
    )


@repairs_router.get("/{int:repair_id}/invitations", response=list[InvitationOut])
def invitation_list(request: HttpRequest, repair_id: int):
    membership = selectors.membership_get(user=request.auth, repair_id=repair_id)
    return list(selectors.invitations_for(membership=membership))


@repairs_router.delete(
    "/{int:repair_id}/invitations/{int:invitation_id}", response={204: None, 400: Detail}
)
def invitation_revoke(request: HttpRequest, repair_id: int, invitation_id: int):
    invitation = selectors.invitation_get_for_mender(
        user=request.auth, repair_id=repair_id, invitation_id=invitation_id
    )
    services.invitation_revoke(invitation=invitation, by=request.auth)
    return Status(204, None)


@repairs_router.post("/{int:repair_id}/leave", response={204: None})
def repair_leave(request: HttpRequest, repair_id: int):
    membership = selectors.membership_get(user=request.auth, repair_id=repair_id)
    services.membership_leave(membership=membership)
    return Status(204, None)


@repairs_router.post("/{int:repair_id}/pause", response={200: RepairOut, 400: Detail})
def repair_pause(request: HttpRequest, repair_id: int):
    membership = selectors.membership_get(user=request.auth, repair_id=repair_id)
    services.repair_pause(repair=membership.repair, by=request.auth)
    return Status(200, _repair_out(membership))


@repairs_router.post("/{int:repair_id}/resume", response={200: RepairOut, 400: Detail})
def repair_resume(request: HttpRequest, repair_id: int):
    membership = selectors.membership_get(user=request.auth, repair_id=repair_id)
    services.repair_resume(repair=membership.repair, by=request.auth)
    return Status(200, _repair_out(membership))


@repairs_router.get("/{int:repair_id}/stories", response=list[StoryOut])
def story_list(request: HttpRequest, repair_id: int):
    membership = selectors.membership_get(user=request.auth, repair_id=repair_id)
    return [_story_out(s) for s in selectors.content_for_repair(Story, membership=membership)]


@repairs_router.post("/{int:repair_id}/stories", response={201: StoryOut, 400: Detail})
def story_create(request: HttpRequest, repair_id: int, payload: StoryIn):
    membership = selectors.membership_get(user=request.auth, repair_id=repair_id)
    story = services.story_create(
        repair=membership.repair,
        author=request.auth,
        text=payload.text,
        visibility=payload.visibility,
    )
    return Status(201, _story_out(story))


@repairs_router.get("/{int:repair_id}/stories/{int:story_id}", response=StoryOut)
def story_detail(request: HttpRequest, repair_id: int, story_id: int):
    story = selectors.content_get(Story, user=request.auth, pk=story_id)
    if story.repair_id != repair_id:
        raise HttpError(404, "Not Found")
    return _story_out(story)


@invitations_router.get("/{code}", response=InvitationPreviewOut)
def invitation_preview(request: HttpRequest, code: str):
    invitation = selectors.invitation_get_by_code(code=code)
    return {
        "repair_title": invitation.repair.title,
        "invited_by": invitation.invited_by.username,
        "role": invitation.role,
        "message": invitation.message,
        "expires_at": invitation.expires_at,
    }


@invitations_router.post("/{code}/accept", response={200: AcceptedOut, 400: Detail})
def invitation_accept(request: HttpRequest, code: str):
    invitation = selectors.invitation_get_by_code(code=code)
    try:
        membership = services.invitation_accept(invitation=invitation, user=request.auth)
    except services.InvitationUnavailable:
        raise HttpError(404, "Not Found") from None
    return Status(200, {"repair_id": membership.repair_id, "role": membership.role})


@invitations_router.post("/{code}/decline", response={204: None})
def invitation_decline(request: HttpRequest, code: str):
    invitation = selectors.invitation_get_by_code(code=code)
    try:
        services.invitation_decline(invitation=invitation)
    except services.InvitationUnavailable:
        raise HttpError(404, "Not Found") from None
    return Status(204, None)
