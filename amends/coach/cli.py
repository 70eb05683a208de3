"""`amends coach`: the message coach on the command line (COACH.md, "CLI")."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import Any

from .result import KINDS, PARTS_BY_KIND, Analysis, CoachInputError, check_input

PART_LABELS = {
    "regret": "says sorry",
    "specific": "names what you did",
    "ownership": "owns it (“I …”)",
    "feelings": "acknowledges how it felt for them",
    "change": "commits to a concrete change",
    "validates": "validates their feelings",
    "concrete": "an action they could see",
    "checkable": "a time, frequency or deadline",
}
SAFETY_LABELS = {
    "self-harm": "thoughts of suicide or self-harm",
    "violence": "violence, threats or fear for someone's safety",
    "control": "monitoring or controlling someone",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "coach",
        help="check a message: what undermines it, which parts it has",
        description="Explains what undermines an apology or message, and which parts of a "
        "sincere one it has. Reads TEXT, or standard input when TEXT is omitted or '-'.",
    )
    p.add_argument("text", nargs="?", metavar="TEXT", help="the message (default: stdin)")
    p.add_argument("--kind", default="apology", help=f"one of: {', '.join(KINDS)}")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the analysis as JSON")
    out.add_argument("--jsonl", action="store_true",
                     help="batch: one JSON object per input line with id, kind, text")
    p.set_defaults(handler=run)


def _usage_error(message: str) -> int:
    print(f"amends coach: error: {message}", file=sys.stderr)
    return 2


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CoachInputError(
            f"standard input is not valid UTF-8 (byte {exc.start}): save it as UTF-8"
        ) from None


def run(args: argparse.Namespace) -> int:
    from . import analyze

    if args.jsonl:
        if args.text not in (None, "-"):
            return _usage_error("--jsonl reads lines from standard input, not TEXT")
        return _run_jsonl(analyze)
    if args.kind not in KINDS:
        return _usage_error(f"unknown kind {args.kind!r}: use one of {', '.join(KINDS)}")
    try:
        text = _read_stdin() if args.text in (None, "-") else args.text
        check_input(text, args.kind)
        result = analyze(text, args.kind)
    except CoachInputError as exc:
        return _usage_error(str(exc))
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(render(result))
    return 0


def _run_jsonl(analyze) -> int:
    failed = False
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        line_id: Any = None
        try:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise CoachInputError("line is not valid UTF-8") from None
            if not line.strip():
                raise CoachInputError("empty line: expected a JSON object")
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CoachInputError(f"not JSON ({exc.msg} at column {exc.colno})") from None
            if not isinstance(item, dict):
                raise CoachInputError("expected a JSON object with a \"text\" field")
            line_id = item.get("id")
            if "text" not in item:
                raise CoachInputError("missing \"text\"")
            result = analyze(item["text"], item.get("kind", "apology"), id=line_id)
            out = result.to_dict()
            if line_id is None:
                out = {"id": None, **out}
        except CoachInputError as exc:
            failed = True
            out = {"id": line_id, "error": f"line {number}: {exc}"}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 1 if failed else 0


def render(result: Analysis) -> str:
    """Human output: safety first, the text with flagged spans marked, findings, parts."""
    from . import resources

    lines: list[str] = []
    if result.safety:
        lines.append("Before anything else")
        lines.append("=" * 20)
        names = ", ".join(SAFETY_LABELS[f] for f in result.safety)
        lines.append(f"What you wrote mentions {names}. If you or someone else is in danger,")
        lines.append("please reach out now:")
        for res in resources():
            if set(res.get("for", ())) & set(result.safety):
                lines.append(f"  • {res['name']}: {res['contact']}")
        lines.append("Amends is not a crisis service and can't call anyone for you.")
        lines.append("")
    lines.append(mark_spans(result))
    lines.append("")
    if result.findings:
        for f in result.findings:
            lines.append(f"{f.level.upper()} {f.rule}: “{f.excerpt}”")
            lines.extend(textwrap.wrap(f.message, 88, initial_indent="  ",
                                       subsequent_indent="  "))
            lines.extend(textwrap.wrap(f"Why: {f.why}", 88, initial_indent="  ",
                                       subsequent_indent="       "))
            if f.suggestion:
                lines.extend(textwrap.wrap(f"Try: {f.suggestion}", 88, initial_indent="  ",
                                           subsequent_indent="       "))
            lines.append("")
    else:
        lines.append("Nothing here undermines the message.")
        lines.append("")
    parts = PARTS_BY_KIND[result.kind]
    if parts:
        lines.append("Parts")
        for part in parts:
            mark = "x" if result.parts[part] else " "
            lines.append(f"  [{mark}] {PART_LABELS[part]}")
    return "\n".join(lines).rstrip()


def mark_spans(result: Analysis) -> str:
    """The text with each flagged span wrapped in »…«."""
    text = result.text
    spans = sorted({(f.start, f.end) for f in result.findings})
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out.append(text[pos:start])
        out.append(f"»{text[start:end]}«")
        pos = end
    out.append(text[pos:])
    return "".join(out)
