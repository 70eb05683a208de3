"""Small request/response policies that apply to every page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """No page or API answer is ever cached, so Back after a quick exit shows nothing.

    Every response, not only signed-in ones: an invitation page, an API answer for a bearer
    token, even the guide someone was reading are private in the wrong hands. Static files
    never reach this middleware (whitenoise answers them first) and stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        if "no-store" not in response.headers["Cache-Control"]:
            response.headers["Cache-Control"] += ", no-store"
        return response
