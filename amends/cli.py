"""The `amends` command: a thin dispatcher over subcommands that live beside their code."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="amends",
        description="Amends: help to rebuild trust with someone you hurt.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    from amends.coach import cli as coach_cli

    coach_cli.register(sub)
    try:
        from amends.web import commands as web_commands
    except ImportError:  # the web app is optional for the coach-only library
        web_commands = None
    if web_commands is not None:
        web_commands.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
