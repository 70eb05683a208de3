"""The coach's result types and input rules: the JSON contract of COACH.md."""

from __future__ import annotations

from typing import Any, NamedTuple

MAX_CHARS = 20_000

PARTS_BY_KIND: dict[str, tuple[str, ...]] = {
    "apology": ("regret", "specific", "ownership", "feelings", "change"),
    "reply": ("validates", "ownership"),
    "promise": ("concrete", "checkable"),
    "message": (),
}
KINDS: tuple[str, ...] = tuple(PARTS_BY_KIND)
LEVELS = ("warning", "hint")
SAFETY_FLAGS = ("self-harm", "violence", "control")


class CoachInputError(ValueError):
    """The text or kind cannot be analysed; the message says what to fix."""


class Finding(NamedTuple):
    """One thing in the text that undermines it (immutable; a named tuple, which is
    quick to build on every keystroke)."""

    rule: str
    level: str
    start: int
    end: int
    excerpt: str
    message: str
    why: str
    suggestion: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": self.message,
            "why": self.why,
            "suggestion": self.suggestion,
        }


class Analysis(NamedTuple):
    """The coach's reading of one message (immutable). to_dict() is COACH.md's JSON."""

    kind: str
    text: str
    parts: dict[str, bool]
    findings: tuple[Finding, ...]
    safety: tuple[str, ...]
    id: Any = None

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.level == "warning")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.id is not None:
            data["id"] = self.id
        data["kind"] = self.kind
        data["parts"] = dict(self.parts)
        data["findings"] = [f.to_dict() for f in self.findings]
        data["safety"] = list(self.safety)
        return data


def check_input(text: Any, kind: Any) -> None:
    """Raise CoachInputError with a one-line, fixable reason when input is unusable."""
    if kind not in PARTS_BY_KIND:
        raise CoachInputError(
            f"unknown kind {kind!r}: use one of {', '.join(KINDS)}"
        )
    if not isinstance(text, str):
        raise CoachInputError("text must be a string")
    if not text or text.isspace():
        raise CoachInputError("the text is empty: write the message you want coached")
    if len(text) > MAX_CHARS:
        raise CoachInputError(
            f"the text is {len(text):,} characters; the coach reads at most {MAX_CHARS:,} "
            "per message: split it into shorter messages"
        )
