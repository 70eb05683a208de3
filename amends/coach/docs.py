"""Generates docs/coach-rules.md from the rule data (kept current by a test).

    uv run python -m amends.coach.docs > docs/coach-rules.md
"""

from __future__ import annotations

from .catalog import Example, load_catalog
from .result import KINDS, PARTS_BY_KIND


def _example(ex: Example) -> str:
    text = ex.text
    for start, end in sorted(ex.spans, reverse=True):
        text = text[:start] + "**" + text[start:end] + "**" + text[end:]
    return text.replace("|", "\\|")


def render() -> str:
    catalog = load_catalog()
    out = [
        "# The coach's rules",
        "",
        "Generated from `amends/coach/data/` by `python -m amends.coach.docs`; do not edit.",
        "Each rule's examples are run by the test-suite: a flagged example must fire at the",
        "bold span, a passing example must not fire.",
        "",
        "| rule | level | runs on | what it catches |",
        "|---|---|---|---|",
    ]
    for rule in catalog.rules:
        kinds = "all kinds" if rule.kinds == KINDS else ", ".join(rule.kinds)
        out.append(f"| [`{rule.id}`](#{rule.id}) | {rule.level} | {kinds} | {rule.title} |")
    for rule in catalog.rules:
        out += ["", f"## {rule.id}", "", f"**{rule.title}** — {rule.level}.", "",
                f"- Message: {rule.message}", f"- Why: {rule.why}"]
        if rule.suggestion:
            out.append(f"- Suggestion: {rule.suggestion}")
        out.append(f"- Source: {rule.source}")
        out += ["", "Flags:", ""] + [f"- {_example(ex)}" for ex in rule.flag]
        out += ["", "Does not flag:", ""] + [f"- {_example(ex)}" for ex in rule.passes]
    out += ["", "## Parts", "", "| kind | parts |", "|---|---|"]
    for kind, parts in PARTS_BY_KIND.items():
        out.append(f"| {kind} | {', '.join(parts) or '—'} |")
    out.append("")
    for part in catalog.parts:
        out.append(f"- **{part.id}** — {part.title}.")
    out += ["", "## Safety flags", ""]
    for flag in catalog.safety:
        out.append(f"- **{flag.id}** — {flag.title}.")
    out += ["", "When a flag fires, these resources are shown before any coaching:", ""]
    for res in catalog.resources:
        out.append(f"- {res['name']}: {res['contact']} ({', '.join(res['for'])})")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(render(), end="")
