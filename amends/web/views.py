"""Pages that belong to no one domain: home, quick exit, error pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("repairs:dashboard")
    return render(request, "web/home.html")


def about(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"about": True})


@never_cache
def quick_exit(request: HttpRequest) -> HttpResponse:
    """End the session and leave for a neutral page. Works without JavaScript.

    A GET on purpose: the control is a plain link so it works anywhere, instantly.
    The worst a forged request can do is sign someone out.
    """
    logout(request)
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)
