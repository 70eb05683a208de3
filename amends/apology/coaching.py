"""The coach's analysis, shaped for a page: the text with flagged spans, findings, the parts
as a checklist, and resources first when a safety flag fires.

The coach decides; this only arranges its result. Templates escape every piece of text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from amends.coach import MAX_CHARS, PARTS_BY_KIND, CoachInputError, analyze, resources

#: What each part means, in the words the checklist shows.
PART_LABELS = {
    "regret": ("Says sorry", "in your own voice, not “I regret that…”."),
    "specific": ("Names what you did", "the concrete act, not “everything” or “last night”."),
    "ownership": ("Says you did it", "“I lied”, “I yelled”: you as the one who acted."),
    "feelings": ("Sees how it landed", "how it may have felt for them, without “you feel…”."),
    "change": ("Says what you will do", "one concrete thing you will do differently."),
    "validates": ("Makes room for their feelings", "“That makes sense”, “I hear you”."),
    "concrete": ("Something another person could see", ""),
    "checkable": ("Has a when or how often", ""),
}

#: Kinds a page may ask the coach for.
PAGE_KINDS = ("apology", "reply", "message")


@dataclass(frozen=True)
class Segment:
    text: str
    rule: str = ""
    level: str = ""

    @property
    def marked(self) -> bool:
        return bool(self.rule)


@dataclass(frozen=True)
class Part:
    name: str
    present: bool
    label: str
    detail: str


@dataclass(frozen=True)
class Coaching:
    """What the coaching panel shows for one text."""

    kind: str
    segments: list[Segment] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    safety: list[str] = field(default_factory=list)
    resources: list[dict] = field(default_factory=list)
    error: str = ""
    empty: bool = False

    @property
    def crisis(self) -> bool:
        """Self-harm replaces coaching with resources: words can wait."""
        return "self-harm" in self.safety

    @property
    def parts_present(self) -> int:
        return sum(p.present for p in self.parts)

    @property
    def summary(self) -> str:
        if self.error or self.empty:
            return ""
        if self.safety:
            return "Support is listed first."
        things = len(self.findings)
        words = (
            "Nothing to look at"
            if not things
            else ("1 thing to look at" if things == 1 else f"{things} things to look at")
        )
        if not self.parts:
            return f"{words}."
        return f"{words}. {self.parts_present} of {len(self.parts)} parts there."


def _segments(text: str, findings: list[dict]) -> list[Segment]:
    """Split text into plain and flagged pieces; overlapping spans join the first one."""
    segments: list[Segment] = []
    position = 0
    for finding in sorted(findings, key=lambda f: (f["start"], -f["end"])):
        start, end = max(finding["start"], position), finding["end"]
        if end <= start:
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], finding["rule"], finding["level"]))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def coach(text: str, kind: str = "apology") -> Coaching:
    """Analyse text for a page. Empty text gives an empty panel, not an error."""
    if kind not in PAGE_KINDS:
        kind = "apology"
    if not (text or "").strip():
        return Coaching(kind=kind, empty=True)
    if len(text) > MAX_CHARS:
        return Coaching(
            kind=kind,
            error=f"The coach reads up to {MAX_CHARS:,} characters. Try a shorter message.",
        )
    try:
        result = analyze(text, kind).to_dict()
    except CoachInputError as exc:
        return Coaching(kind=kind, error=str(exc))
    safety = list(result["safety"])
    return Coaching(
        kind=kind,
        segments=_segments(text, result["findings"]),
        findings=result["findings"],
        parts=[
            Part(name, result["parts"].get(name, False), *PART_LABELS.get(name, (name, "")))
            for name in PARTS_BY_KIND[kind]
        ],
        safety=safety,
        resources=[r for r in resources() if set(r.get("for", ())) & set(safety)],
    )
