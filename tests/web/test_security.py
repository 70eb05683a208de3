"""CSP, no inline script, no third-party requests, CSRF, quick exit, caching."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from amends.repairs import services

STATIC = Path(__file__).resolve().parents[2] / "amends" / "web" / "static" / "amends"


@pytest.fixture
def pages(space, alice):
    _invitation, code = services.invitation_create(
        repair=space.repair, inviter=alice, role="counsellor", message="Please."
    )
    r = space.repair.pk
    return {
        "anonymous": [
            "/",
            "/about/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            f"/invitations/{code}/",
        ],
        "alice": [
            "/spaces/",
            "/spaces/new/",
            f"/spaces/{r}/",
            f"/spaces/{r}/invite/",
            f"/spaces/{r}/leave/",
            f"/spaces/{r}/stories/{space.alice_shared.pk}/",
            "/accounts/password/change/",
            f"/invitations/{code}/",
        ],
    }


def _all_pages(pages, alice, login):
    yield from ((url, Client().get(url)) for url in pages["anonymous"])
    client = login(alice)
    yield from ((url, client.get(url)) for url in pages["alice"])


def test_every_page_has_a_strict_csp_and_a_quick_exit(pages, alice, login):
    for url, response in _all_pages(pages, alice, login):
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp
        html = response.content.decode()
        assert 'id="quick-exit"' in html and 'href="/exit/"' in html, url


def test_no_page_has_inline_script_or_style_or_another_host(pages, alice, login):
    for url, response in _all_pages(pages, alice, login):
        html = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, (url, tag)
        for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
            assert not body.strip(), url
        assert not re.search(r"\son[a-z]+\s*=", html), url
        assert "<style" not in html and " style=" not in html, url
        for attr in re.findall(r'(?:src|href|action)="([^"]+)"', html):
            assert not attr.startswith(("http:", "https:", "//")), (url, attr)


def test_the_api_docs_use_only_files_from_here(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    # The one inline <script> is JSON data for swagger-ui-init.js; browsers never run it.
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert "<style" not in html and " style=" not in html
    for attr in re.findall(r'(?:src|href|action)="([^"]+)"', html):
        assert attr.startswith("/static/ninja/"), attr
    assert "//" not in html.replace("<!DOCTYPE html>", "")
    for name in ("swagger-ui-bundle.js", "swagger-ui-init.js", "swagger-ui.css"):
        assert Client().get(f"/static/ninja/{name}").status_code == 200, name


def test_static_files_make_no_outside_requests():
    own = (STATIC / "js" / "quick-exit.js").read_text() + (STATIC / "css" / "site.css").read_text()
    assert "http" not in own
    assert "@import" not in own


def test_htmx_is_vendored():
    assert (STATIC / "js" / "htmx.min.js").stat().st_size > 10_000


def test_quick_exit_signs_out_and_leaves(alice, login, settings):
    client = login(alice)
    response = client.get("/exit/")
    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert client.get("/spaces/").status_code == 302


def test_signed_in_pages_are_not_stored(space, alice, login):
    response = login(alice).get(f"/spaces/{space.repair.pk}/")
    assert "no-store" in response["Cache-Control"]


def test_invitation_pages_are_not_stored(pages):
    invitation = next(url for url in pages["anonymous"] if url.startswith("/invitations/"))
    response = Client().get(invitation)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_api_answers_for_a_token_are_not_stored(space, alice, api):
    for path in ("/repairs", f"/repairs/{space.repair.pk}"):
        response = api(alice).get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
    assert "no-store" in api().get("/repairs")["Cache-Control"]


def test_a_csrf_failure_page_has_the_quick_exit_and_nothing_inline(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/spaces/new/", {"title": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert 'id="quick-exit"' in html and 'href="/exit/"' in html
    assert "Please try again" in html
    assert "<style" not in html and " style=" not in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag, tag
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["400.html", "403.html", "403_csrf.html", "500.html"])
def test_error_pages_render_without_a_request_and_offer_the_quick_exit(db, name):
    from django.template import loader

    html = loader.get_template(name).render()
    assert 'id="quick-exit"' in html and 'href="/exit/"' in html
    assert "<style" not in html and " style=" not in html


def test_the_500_page_needs_no_working_urls(settings, tmp_path):
    from django.template import loader

    settings.ROOT_URLCONF = "tests.web.no_such_urlconf"
    html = loader.get_template("500.html").render()
    assert 'href="/exit/"' in html and "Something went wrong" in html


def test_every_form_needs_a_csrf_token(space, alice, bob):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    for url in [
        "/spaces/new/",
        f"/spaces/{space.repair.pk}/invite/",
        f"/spaces/{space.repair.pk}/stories/",
        "/accounts/logout/",
    ]:
        assert client.post(url, {"title": "x"}).status_code == 403, url
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/accounts/login/", {"username": "bob"}).status_code == 403
    assert anonymous.post("/accounts/signup/", {"username": "x"}).status_code == 403


def test_the_api_refuses_session_writes_without_csrf(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/api/v1/repairs", {"title": "x"}, content_type="application/json")
    assert response.status_code in (401, 403)


def test_the_404_page_does_not_confirm_anything(space, mallory, login):
    response = login(mallory).get(f"/spaces/{space.repair.pk}/")
    assert response.status_code == 404
    assert b"not yours to see" in response.content
