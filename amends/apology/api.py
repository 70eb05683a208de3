"""Apologies, responses and the harm worksheet over JSON. Interfaces only: parse, call, render.

Every apology in an answer carries "coach": the coach's analysis of its text, run afresh,
for its author; for anyone else it is null.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status

from amends.apology import selectors, services
from amends.apology.models import Apology, Response
from amends.repairs.models import Visibility
from amends.repairs.selectors import membership_get

router = Router(tags=["apologies"])


class Detail(Schema):
    detail: str


class ApologyIn(Schema):
    text: str
    visibility: str = Visibility.PRIVATE


class ApologyEditIn(Schema):
    text: str


class ShareIn(Schema):
    visibility: str = Visibility.SHARED


class ResponseIn(Schema):
    kind: str
    text: str = ""
    until: datetime | None = None
    visibility: str = Visibility.SHARED


class ResponseOut(Schema):
    id: int
    apology_id: int
    author: str
    visibility: str
    created_at: datetime
    kind: str
    text: str


class ApologyOut(Schema):
    id: int
    author: str
    visibility: str
    created_at: datetime
    edited_at: datetime | None
    shared_at: datetime | None
    text: str
    coach: dict | None  # the coach's analysis, for the apology's author only
    responses: list[ResponseOut]


class WorksheetIn(Schema):
    what_i_did: str = ""
    how_it_felt: str = ""
    what_i_own: str = ""


class WorksheetOut(WorksheetIn):
    id: int | None
    author: str
    visibility: str
    created_at: datetime | None
    edited_at: datetime | None


def _response_out(response: Response) -> dict:
    return {
        "id": response.pk,
        "apology_id": response.apology_id,
        "author": response.author.username,
        "visibility": response.visibility,
        "created_at": response.created_at,
        "kind": response.kind,
        "text": response.text,
    }


def _apology_out(apology: Apology, user) -> dict:
    return {
        "id": apology.pk,
        "author": apology.author.username,
        "visibility": apology.visibility,
        "created_at": apology.created_at,
        "edited_at": apology.edited_at,
        "shared_at": apology.shared_at,
        "text": apology.text,
        "coach": selectors.coaching_for(apology=apology, user=user),
        "responses": [
            _response_out(r) for r in selectors.responses_for(apology=apology, user=user)
        ],
    }


@router.get("/{int:repair_id}/apologies", response=list[ApologyOut])
def apology_list(request: HttpRequest, repair_id: int):
    membership = membership_get(user=request.auth, repair_id=repair_id)
    return [_apology_out(a, request.auth) for a in selectors.apologies_for(membership=membership)]


@router.post("/{int:repair_id}/apologies", response={201: ApologyOut, 400: Detail})
def apology_create(request: HttpRequest, repair_id: int, payload: ApologyIn):
    membership = membership_get(user=request.auth, repair_id=repair_id)
    apology = services.apology_create(
        repair=membership.repair,
        author=request.auth,
        text=payload.text,
        visibility=payload.visibility,
    )
    return Status(201, _apology_out(apology, request.auth))


@router.get("/{int:repair_id}/apologies/{int:apology_id}", response=ApologyOut)
def apology_detail(request: HttpRequest, repair_id: int, apology_id: int):
    apology = selectors.apology_get(user=request.auth, repair_id=repair_id, apology_id=apology_id)
    return _apology_out(apology, request.auth)


@router.patch(
    "/{int:repair_id}/apologies/{int:apology_id}", response={200: ApologyOut, 400: Detail}
)
def apology_revise(request: HttpRequest, repair_id: int, apology_id: int, payload: ApologyEditIn):
    apology = selectors.apology_get(user=request.auth, repair_id=repair_id, apology_id=apology_id)
    services.apology_revise(apology=apology, author=request.auth, text=payload.text)
    return Status(200, _apology_out(apology, request.auth))


@router.post(
    "/{int:repair_id}/apologies/{int:apology_id}/share",
    response={200: ApologyOut, 400: Detail},
)
def apology_share(request: HttpRequest, repair_id: int, apology_id: int, payload: ShareIn):
    apology = selectors.apology_get(user=request.auth, repair_id=repair_id, apology_id=apology_id)
    services.apology_share(apology=apology, author=request.auth, visibility=payload.visibility)
    return Status(200, _apology_out(apology, request.auth))


@router.get("/{int:repair_id}/apologies/{int:apology_id}/responses", response=list[ResponseOut])
def response_list(request: HttpRequest, repair_id: int, apology_id: int):
    apology = selectors.apology_get(user=request.auth, repair_id=repair_id, apology_id=apology_id)
    return [_response_out(r) for r in selectors.responses_for(apology=apology, user=request.auth)]


@router.post(
    "/{int:repair_id}/apologies/{int:apology_id}/responses",
    response={201: ResponseOut, 400: Detail},
)
def response_create(request: HttpRequest, repair_id: int, apology_id: int, payload: ResponseIn):
    apology = selectors.apology_get(user=request.auth, repair_id=repair_id, apology_id=apology_id)
    response = services.response_create(
        apology=apology,
        author=request.auth,
        kind=payload.kind,
        text=payload.text,
        until=payload.until,
        visibility=payload.visibility,
    )
    return Status(201, _response_out(response))


def _worksheet_out(worksheet, user) -> dict:
    if worksheet is None:
        return {
            "id": None,
            "author": user.username,
            "visibility": Visibility.PRIVATE,
            "created_at": None,
            "edited_at": None,
            "what_i_did": "",
            "how_it_felt": "",
            "what_i_own": "",
        }
    return {
        "id": worksheet.pk,
        "author": worksheet.author.username,
        "visibility": worksheet.visibility,
        "created_at": worksheet.created_at,
        "edited_at": worksheet.edited_at,
        "what_i_did": worksheet.what_i_did,
        "how_it_felt": worksheet.how_it_felt,
        "what_i_own": worksheet.what_i_own,
    }


@router.get("/{int:repair_id}/worksheet", response=WorksheetOut)
def worksheet_get(request: HttpRequest, repair_id: int):
    membership = selectors.mender_membership_get(user=request.auth, repair_id=repair_id)
    return _worksheet_out(selectors.worksheet_for(membership=membership), request.auth)


@router.put("/{int:repair_id}/worksheet", response={200: WorksheetOut, 400: Detail})
def worksheet_put(request: HttpRequest, repair_id: int, payload: WorksheetIn):
    membership = selectors.mender_membership_get(user=request.auth, repair_id=repair_id)
    worksheet = services.worksheet_save(
        repair=membership.repair, author=request.auth, **payload.dict()
    )
    return Status(200, _worksheet_out(worksheet, request.auth))
