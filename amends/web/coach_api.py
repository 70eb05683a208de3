"""POST /api/v1/coach: the coach as a service. The coach itself lives in amends.coach."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema, Status

router = Router(tags=["coach"])

MAX_TEXT = 20_000


class CoachIn(Schema):
    kind: str = "apology"
    text: str


class Detail(Schema):
    detail: str


@router.post("", response={200: dict, 400: Detail})
def coach(request: HttpRequest, payload: CoachIn):
    from amends.coach import CoachInputError, analyze

    try:
        result = analyze(payload.text, kind=payload.kind)
    except CoachInputError as exc:
        return Status(400, {"detail": str(exc)})
    return Status(200, result.to_dict())
