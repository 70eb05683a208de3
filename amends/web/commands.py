"""`amends serve`, `amends manage` and `amends demo`.

Imported by amends.cli before Django is configured, so nothing here touches settings at
import time: the data folder and secret key must exist before settings are read.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import secrets
import signal
import sys
from pathlib import Path

LOOPBACK_NAMES = {"localhost"}


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser(
        "serve",
        help="run the web app with a production server (SQLite in the data folder by default)",
        description="Create the data folder, apply migrations and serve Amends.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="do not run the background worker in this process (run `amends worker` instead)",
    )
    serve.add_argument("--threads", type=int, default=8, help="request threads (default: 8)")
    serve.set_defaults(handler=serve_command)

    manage = subparsers.add_parser(
        "manage",
        help="run a Django management command, e.g. `amends manage createsuperuser`",
        add_help=False,
    )
    manage.add_argument("django_args", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=manage_command)

    demo = subparsers.add_parser(
        "demo",
        help="load a clearly labelled demo: a mender and a hurt person with a few weeks of history",
    )
    demo.set_defaults(handler=demo_command)


def prepare_data_dir() -> Path:
    """Create the data folder (private to this user) and a secret key when none is configured."""
    from amends.web.env import data_dir

    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    (folder / "static").mkdir(exist_ok=True)
    key_file = folder / "secret_key"
    if not os.environ.get("AMENDS_SECRET_KEY", "").strip() and not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(64) + "\n")
    return folder


def setup_django(*, migrate: bool) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.web.settings")
    import django
    from django.conf import settings

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        if settings.STATIC_ROOT:
            call_command("collectstatic", interactive=False, verbosity=0)


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def waitress_options(args: argparse.Namespace, settings) -> dict:
    """What `amends serve` hands waitress.

    Behind a proxy, the forwarded scheme and client address are believed only from the
    trusted proxy's address, so HTTPS is recognised and login lockout counts per address.
    Forwarded headers from anyone else are dropped.
    """
    options = {
        "host": args.host,
        "port": args.port,
        "threads": args.threads,
        "ident": "Amends",
        "clear_untrusted_proxy_headers": True,
    }
    if settings.BEHIND_PROXY:
        options.update(
            trusted_proxy=settings.TRUSTED_PROXY,
            trusted_proxy_headers={"x-forwarded-proto", "x-forwarded-for"},
            trusted_proxy_count=1,
        )
    return options


def serve_command(args: argparse.Namespace) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        folder = prepare_data_dir()
        setup_django(migrate=True)
    except ImproperlyConfigured as exc:
        print(f"amends: configuration problem: {exc}", file=sys.stderr)
        return 2
    from django.conf import settings

    if not _is_loopback(args.host) and not settings.PRODUCTION:
        print(
            f"amends: warning: listening on {args.host} without AMENDS_PRODUCTION=True. "
            "Anyone who can reach this address can reach Amends.",
            file=sys.stderr,
        )
    worker = None
    if not args.no_worker:
        worker = _start_worker()

    import waitress

    from amends.web.wsgi import application

    where = "PostgreSQL" if settings.DATABASE_URL else f"SQLite in {folder}"
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Amends is running at http://{shown_host}:{args.port}/ ({where}). Ctrl+C stops it.")
    sys.stdout.flush()

    def _stop(signum, frame):  # SIGTERM ends the server the same way Ctrl+C does
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        waitress.serve(application, **waitress_options(args, settings))
    except KeyboardInterrupt:
        pass
    finally:
        if worker is not None:
            worker.stop()
    return 0


def _start_worker():
    """Start the in-process background worker when one exists (a later issue adds it)."""
    try:
        from amends.worker import start_in_thread  # type: ignore[import-not-found]
    except ImportError:
        return None
    return start_in_thread()


def manage_command(args: argparse.Namespace) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        prepare_data_dir()
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amends.web.settings")
        from django.core.management import execute_from_command_line

        execute_from_command_line(["amends manage", *args.django_args])
    except ImproperlyConfigured as exc:
        print(f"amends: configuration problem: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    return 0


def demo_command(args: argparse.Namespace) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        prepare_data_dir()
        setup_django(migrate=True)
    except ImproperlyConfigured as exc:
        print(f"amends: configuration problem: {exc}", file=sys.stderr)
        return 2
    from django.conf import settings

    if settings.PRODUCTION:
        print("amends: the demo is not loaded when AMENDS_PRODUCTION is True.", file=sys.stderr)
        return 2
    from amends.web.demo import load_demo

    logins = load_demo()
    print("DEMO DATA loaded. These people and their history are made up.")
    print("Log in with either account to look around (the passwords are new each run):")
    for login in logins:
        print(f"  {login.role:<12} username: {login.username:<12} password: {login.password}")
    print("Then run `amends serve` and open http://127.0.0.1:8000/")
    return 0
