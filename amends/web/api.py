"""The JSON API: one NinjaAPI at /api/v1 that mounts each app's router."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from amends.accounts.selectors import token_get
from amends.repairs.services import RepairRuleError
from amends.web.errors import validation_detail


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        api_token = token_get(raw=token)
        if api_token is None:
            return None
        request.api_token = api_token  # so DELETE /auth/token knows which one to revoke
        return api_token.user


bearer = BearerToken()


class SignedInSession(SessionAuth):
    """The web UI's session, CSRF-checked as usual; a caller with no session cookie at all
    is simply not signed in (a 401 that says what to send), not a CSRF failure."""

    def __call__(self, request: HttpRequest):
        if not request.COOKIES.get(self.param_name):
            return None
        return super().__call__(request)


session = SignedInSession()

api = NinjaAPI(
    title="Amends API",
    version="1",
    urls_namespace="api",
    auth=[bearer, session],
    docs_url="/docs",
    # Bundled Swagger files ("ninja" is an installed app); no badge from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    openapi_url="/openapi.json",
)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(
        request, {"detail": "Please sign in, or send a valid API token."}, status=401
    )


@api.exception_handler(RepairRuleError)
def rule_refused(request: HttpRequest, exc: RepairRuleError):
    """Every endpoint: an action the space's rules refuse is a 400 that says why."""
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError):
    """Every endpoint: a model's ValidationError is a 400 with all its messages."""
    return api.create_response(request, {"detail": validation_detail(exc)}, status=400)


def _mount() -> None:
    from amends.accounts.api import router as accounts_router
    from amends.apology.api import router as apology_router
    from amends.repairs.api import invitations_router, repairs_router
    from amends.web.coach_api import router as coach_router

    api.add_router("/auth", accounts_router)
    api.add_router("/coach", coach_router)
    api.add_router("/repairs", repairs_router)
    api.add_router("/repairs", apology_router)
    api.add_router("/invitations", invitations_router)


_mount()
