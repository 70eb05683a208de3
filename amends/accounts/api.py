from __future__ import annotations

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from amends.accounts import services

router = Router(tags=["accounts"])


class SignupIn(Schema):
    username: str
    password: str
    email: str = ""


class UserOut(Schema):
    id: int
    username: str


class Credentials(Schema):
    username: str
    password: str
    name: str = ""


class TokenOut(Schema):
    token: str


class Detail(Schema):
    detail: str | dict | list


def _first_messages(exc: ValidationError) -> str:
    return " ".join(m for messages in exc.message_dict.values() for m in messages)


@router.post("/signup", auth=None, response={201: UserOut, 400: Detail, 403: Detail})
def signup(request: HttpRequest, payload: SignupIn):
    try:
        user = services.user_create(
            username=payload.username, password=payload.password, email=payload.email
        )
    except services.RegistrationClosed:
        return Status(403, {"detail": "New accounts are closed here."})
    except ValidationError as exc:
        return Status(400, {"detail": _first_messages(exc)})
    return Status(201, user)


@router.post("/token", auth=None, response={200: TokenOut, 401: Detail, 429: Detail})
def token_create(request: HttpRequest, payload: Credentials):
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        # AxesMiddleware turns this into the lockout answer (429); say the same here.
        return Status(429, {"detail": "Too many attempts. Please wait a while and try again."})
    if user is None or not user.is_active:
        return Status(401, {"detail": "That username and password do not match."})
    _token, raw = services.token_create(user=user, name=payload.name)
    return Status(200, {"token": raw})


@router.delete("/token", response={204: None, 400: Detail})
def token_revoke(request: HttpRequest):
    api_token = getattr(request, "api_token", None)
    if api_token is None:
        raise HttpError(400, "Send the token you want to revoke as a Bearer token.")
    services.token_revoke(token=api_token)
    return Status(204, None)
