"""`amends serve`, `manage` and `demo`, run as real processes in a temporary data dir."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.utils import timezone

from amends.repairs.models import Membership, Repair, Story


def _env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMENDS_")}
    env.update(AMENDS_DATA_DIR=str(tmp_path / "data"), PYTHONUNBUFFERED="1")
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _web(*args: str, tmp_path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "amends.web", *args],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_the_amends_command_offers_the_web_commands():
    try:
        from amends.cli import build_parser

        parser = build_parser()
    except ImportError as exc:
        pytest.skip(f"amends.cli cannot be built yet: {exc}")
    for command in (["serve", "--no-worker"], ["manage", "check"], ["demo"]):
        args = parser.parse_args(command)
        assert callable(args.handler)


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="checks the SQLite default")
def test_serve_creates_the_data_dir_migrates_and_serves_on_loopback(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "amends.web", "serve", "--port", str(port), "--no-worker"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read().decode()
                    headers = response.headers
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(process.stdout.read())
                time.sleep(0.25)
        assert body and "Amends" in body
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/amends/js/htmx.min.js") as r:
            assert r.status == 200
        data = tmp_path / "data"
        key = data / "secret_key"
        assert key.is_file() and len(key.read_text().strip()) >= 50
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        assert (data / "amends.sqlite3").is_file()
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            assert process.wait(timeout=10) == 0
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise
    # The key is kept: a second start reads the same one.
    first = (tmp_path / "data" / "secret_key").read_text()
    assert _web("manage", "check", tmp_path=tmp_path).returncode == 0
    assert (tmp_path / "data" / "secret_key").read_text() == first


def test_manage_passes_through_to_django(tmp_path):
    out = _web("manage", "check", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "no issues" in out.stdout
    assert _web("manage", "no-such-command", tmp_path=tmp_path).returncode != 0


def test_a_bad_setting_stops_serve_with_the_variables_name(tmp_path):
    env = _env(tmp_path) | {"AMENDS_PRODUCTION": "perhaps"}
    out = subprocess.run(
        [sys.executable, "-m", "amends.web", "serve", "--no-worker"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2
    assert "AMENDS_PRODUCTION" in out.stderr


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="checks the SQLite default")
def test_demo_prints_logins_and_says_it_is_a_demo(tmp_path):
    out = _web("demo", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "DEMO" in out.stdout
    assert "demo-alice" in out.stdout and "demo-bob" in out.stdout


def test_the_demo_has_a_few_weeks_of_history(db):
    from amends.web.demo import DEMO_TITLE, load_demo

    logins = load_demo()
    logins = load_demo()  # loading twice replaces, never duplicates
    for login in logins:
        request = RequestFactory().post("/accounts/login/")
        assert authenticate(request, username=login.username, password=login.password)
    repair = Repair.objects.get(title=DEMO_TITLE)
    assert repair.title.startswith("DEMO")
    assert {m.role for m in Membership.objects.filter(repair=repair)} == {"mender", "hurt"}
    assert (timezone.now() - repair.created_at).days >= 14
    stories = Story.objects.filter(repair=repair)
    assert stories.count() == 3
    assert len({s.created_at.date() for s in stories}) == 3


def _serve_args():
    import argparse

    return argparse.Namespace(host="127.0.0.1", port=8000, threads=4)


def test_serve_drops_forwarded_headers_when_not_behind_a_proxy(settings):
    from waitress.adjustments import Adjustments

    from amends.web.commands import waitress_options

    settings.BEHIND_PROXY = False
    options = waitress_options(_serve_args(), settings)
    assert options["clear_untrusted_proxy_headers"] is True
    assert "trusted_proxy" not in options
    Adjustments(**options)  # waitress accepts every option


def test_serve_believes_the_trusted_proxy_for_scheme_and_address(settings):
    from waitress.adjustments import Adjustments

    from amends.web.commands import waitress_options

    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY = "10.0.0.2"
    options = waitress_options(_serve_args(), settings)
    assert options["trusted_proxy"] == "10.0.0.2"
    assert options["trusted_proxy_headers"] == {"x-forwarded-proto", "x-forwarded-for"}
    assert options["trusted_proxy_count"] == 1
    assert options["clear_untrusted_proxy_headers"] is True
    adjusted = Adjustments(**options)
    assert adjusted.trusted_proxy == "10.0.0.2"
