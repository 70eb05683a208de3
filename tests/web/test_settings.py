"""Settings come from the environment and are parsed strictly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from amends.web import env

GOOD_KEY = "k" * 64


def _run(code: str, tmp_path, **environ) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("AMENDS_", "DATABASE_URL"))}
    clean.update(AMENDS_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="amends.web.settings")
    clean.update(environ)
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("raw", ["True", "true", "1", "yes", "on"])
def test_it_reads_true(monkeypatch, raw):
    monkeypatch.setenv("AMENDS_X", raw)
    assert env.env_bool("AMENDS_X", False) is True


def test_it_names_the_variable_holding_a_bad_bool(monkeypatch):
    monkeypatch.setenv("AMENDS_PRODUCTION", "maybe")
    with pytest.raises(ImproperlyConfigured, match="AMENDS_PRODUCTION"):
        env.env_bool("AMENDS_PRODUCTION", False)


def test_it_names_the_variable_holding_a_bad_number(monkeypatch):
    monkeypatch.setenv("AMENDS_SESSION_IDLE_SECONDS", "ten")
    with pytest.raises(ImproperlyConfigured, match="AMENDS_SESSION_IDLE_SECONDS"):
        env.env_int("AMENDS_SESSION_IDLE_SECONDS", 1)


def test_it_parses_a_database_url():
    config = env.parse_database_url("postgres://amy:p%40ss@db.internal:5433/amends?sslmode=require")
    assert config["NAME"] == "amends" and config["USER"] == "amy" and config["PASSWORD"] == "p@ss"
    assert config["HOST"] == "db.internal" and config["PORT"] == "5433"
    assert config["OPTIONS"] == {"sslmode": "require", "pool": True}


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/", "postgres://h:port/db"])
def test_it_rejects_a_bad_database_url(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.parse_database_url(url)


def test_it_uses_sqlite_in_the_data_dir_with_wal_and_immediate_transactions(tmp_path):
    out = _run(
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "print(d['NAME']); print(d['OPTIONS']['transaction_mode']);"
        "print('journal_mode=WAL' in d['OPTIONS']['init_command'])",
        tmp_path,
    )
    assert out.returncode == 0, out.stderr
    name, mode, wal = out.stdout.split()
    assert name == str(tmp_path / "amends.sqlite3") and mode == "IMMEDIATE" and wal == "True"


def test_it_refuses_to_start_with_a_bad_value(tmp_path):
    out = _run(
        "from django.conf import settings; settings.DEBUG",
        tmp_path,
        AMENDS_REGISTRATION_OPEN="sometimes",
    )
    assert out.returncode != 0
    assert "AMENDS_REGISTRATION_OPEN" in out.stderr


def test_production_needs_a_secret_key_and_hosts(tmp_path):
    out = _run(
        "from django.conf import settings; settings.DEBUG",
        tmp_path,
        AMENDS_PRODUCTION="True",
        AMENDS_ALLOWED_HOSTS="amends.example.org",
    )
    assert out.returncode != 0 and "AMENDS_SECRET_KEY" in out.stderr
    out = _run(
        "from django.conf import settings; settings.DEBUG",
        tmp_path,
        AMENDS_PRODUCTION="True",
        AMENDS_SECRET_KEY=GOOD_KEY,
    )
    assert out.returncode != 0 and "AMENDS_ALLOWED_HOSTS" in out.stderr


def test_production_passes_the_deploy_check(tmp_path):
    out = _run(
        "import sys; from amends.web.__main__ import main;"
        "sys.exit(main(['manage', 'check', '--deploy', '--fail-level', 'WARNING']))",
        tmp_path,
        AMENDS_PRODUCTION="True",
        AMENDS_SECRET_KEY="x7#" + "Qm9vZ2llV29vZ2ll" * 4,
        AMENDS_ALLOWED_HOSTS="amends.example.org",
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


def test_production_turns_on_hsts_and_secure_cookies(tmp_path):
    out = _run(
        "from django.conf import settings as s;"
        "print(s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.DEBUG)",
        tmp_path,
        AMENDS_PRODUCTION="True",
        AMENDS_SECRET_KEY=GOOD_KEY,
        AMENDS_ALLOWED_HOSTS="a.example",
    )
    assert out.stdout.split() == ["True", "True", "True", "True", "False"], out.stderr


def test_it_reads_the_idle_timeout(tmp_path):
    out = _run(
        "from django.conf import settings as s; print(s.SESSION_COOKIE_AGE)",
        tmp_path,
        AMENDS_SESSION_IDLE_SECONDS="600",
    )
    assert out.stdout.strip() == "600"


def test_it_sends_mail_by_smtp_when_configured(tmp_path):
    out = _run(
        "from django.conf import settings as s; m = s.MAILERS['default'];"
        "print(m['BACKEND'].rsplit('.', 2)[-2], m['OPTIONS']['host'], m['OPTIONS']['port'])",
        tmp_path,
        AMENDS_SMTP_HOST="smtp.example.org",
        AMENDS_SMTP_PORT="2525",
    )
    assert out.stdout.split() == ["smtp", "smtp.example.org", "2525"], out.stderr


def test_it_does_not_touch_the_data_dir_when_settings_load(tmp_path):
    target = tmp_path / "not-created"
    out = _run(
        "from django.conf import settings; settings.DATABASES",
        tmp_path,
        AMENDS_DATA_DIR=str(target),
    )
    assert out.returncode == 0, out.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("variable", "raw"),
    [
        ("AMENDS_QUICK_EXIT_URL", "www.example.org"),
        ("AMENDS_QUICK_EXIT_URL", "javascript:alert(1)"),
        ("AMENDS_QUICK_EXIT_URL", "https://"),
        ("AMENDS_QUICK_EXIT_URL", "/exit/"),
        ("AMENDS_LOG_LEVEL", "LOUD"),
        ("AMENDS_TIME_ZONE", "Mars/Olympus_Mons"),
        ("AMENDS_TRUSTED_PROXY", "proxy.internal"),
    ],
)
def test_it_names_the_variable_holding_a_bad_value(tmp_path, variable, raw):
    out = _run("from django.conf import settings; settings.DEBUG", tmp_path, **{variable: raw})
    assert out.returncode != 0
    assert "ImproperlyConfigured" in out.stderr and variable in out.stderr


def test_it_reads_good_values_for_checked_settings(tmp_path):
    out = _run(
        "from django.conf import settings as s;"
        "print(s.QUICK_EXIT_URL, s.LOG_LEVEL, s.TIME_ZONE, s.TRUSTED_PROXY)",
        tmp_path,
        AMENDS_QUICK_EXIT_URL="http://news.example.org/today",
        AMENDS_LOG_LEVEL="info",
        AMENDS_TIME_ZONE="Europe/London",
        AMENDS_TRUSTED_PROXY="10.0.0.2",
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [
        "http://news.example.org/today",
        "INFO",
        "Europe/London",
        "10.0.0.2",
    ]
