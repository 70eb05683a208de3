"""`python -m amends.web serve|manage|demo`: the web commands without the rest of the CLI."""

from __future__ import annotations

import argparse
import sys

from amends.web import commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="amends")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands.register(sub)
    args = parser.parse_args(argv)
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
