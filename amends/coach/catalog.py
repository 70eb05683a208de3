"""Loads the coach's rules, parts and safety flags from the TOML files beside it.

Each entry carries its own examples; the test-suite runs them all (tests/coach).
"""

from __future__ import annotations

import gzip
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from .result import KINDS, LEVELS, PARTS_BY_KIND, SAFETY_FLAGS

DATA = Path(__file__).with_name("data")
_EXAMPLE_MARK = re.compile(r"\[\[(.+?)\]\]")


class CatalogError(ValueError):
    """The rule data is malformed; the message names the file and entry."""


@dataclass(frozen=True)
class Example:
    text: str  # with the [[ ]] marks removed
    spans: tuple[tuple[int, int], ...]  # expected character spans (may be empty)
    kind: str

    @classmethod
    def parse(cls, raw: str | dict, default_kind: str) -> Example:
        kind = default_kind
        if isinstance(raw, dict):
            kind = raw.get("kind", default_kind)
            raw = raw["text"]
        spans = []
        out = []
        pos = 0
        offset = 0
        for m in _EXAMPLE_MARK.finditer(raw):
            out.append(raw[pos : m.start()])
            start = m.start() - offset
            out.append(m.group(1))
            spans.append((start, start + len(m.group(1))))
            offset += 4
            pos = m.end()
        out.append(raw[pos:])
        return cls("".join(out), tuple(spans), kind)


@dataclass(frozen=True)
class Entry:
    """A rule, a part or a safety flag: patterns that fire, patterns that cancel."""

    id: str
    family: str  # "rule", "part" or "safety"
    patterns: tuple[str, ...]
    unless: tuple[str, ...] = ()  # cancel a match they overlap
    unless_sentence: tuple[str, ...] = ()  # cancel a match in the same sentence
    unless_parts: tuple[str, ...] = ()  # cancel every match when one of these parts holds
    requires_parts: tuple[str, ...] = ()  # fire only when all these parts hold
    negation_window: int = 0
    kinds: tuple[str, ...] = KINDS
    level: str = "warning"
    title: str = ""
    message: str = ""
    why: str = ""
    source: str = ""
    suggestion: str | None = None
    flag: tuple[Example, ...] = ()  # must fire (rules: at the marked span)
    passes: tuple[Example, ...] = ()  # must not fire
    file: str = ""
    extra: dict = field(default_factory=dict)


def _strs(data: dict, key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CatalogError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _entry(data: dict, family: str, file: str, default_kind: str) -> Entry:
    where = f"{file}: {data.get('id', '?')}"
    if "id" not in data:
        raise CatalogError(f"{file}: an entry has no id")
    kinds = _strs(data, "kinds", where) or KINDS
    for kind in kinds:
        if kind not in KINDS:
            raise CatalogError(f"{where}: unknown kind {kind!r}")
    example_kind = data.get("example_kind", kinds[0] if kinds != KINDS else default_kind)
    level = data.get("level", "warning")
    if family == "rule":
        if level not in LEVELS:
            raise CatalogError(f"{where}: level must be one of {LEVELS}")
        for key in ("message", "why"):
            if not data.get(key):
                raise CatalogError(f"{where}: '{key}' is required")
    flag_key, pass_key = ("yes", "no") if family == "part" else ("flag", "pass")
    return Entry(
        id=data["id"],
        family=family,
        patterns=_strs(data, "patterns", where),
        unless=_strs(data, "unless", where),
        unless_sentence=_strs(data, "unless_sentence", where),
        unless_parts=_strs(data, "unless_parts", where),
        requires_parts=_strs(data, "requires_parts", where),
        negation_window=int(data.get("negation_window", 0)),
        kinds=kinds,
        level=level,
        title=data.get("title", ""),
        message=data.get("message", ""),
        why=data.get("why", ""),
        source=data.get("source", ""),
        suggestion=data.get("suggestion") or None,
        flag=tuple(Example.parse(x, example_kind) for x in data.get(flag_key, [])),
        passes=tuple(Example.parse(x, example_kind) for x in data.get(pass_key, [])),
        file=file,
    )


def _load(name: str) -> dict:
    with open(DATA / name, "rb") as fh:
        try:
            return tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise CatalogError(f"{name}: {exc}") from exc


@dataclass(frozen=True)
class Catalog:
    lexicon: dict[str, list[str]]
    rules: tuple[Entry, ...]
    parts: tuple[Entry, ...]
    safety: tuple[Entry, ...]
    resources: tuple[dict, ...]

    def rule(self, rule_id: str) -> Entry:
        for entry in self.rules:
            if entry.id == rule_id:
                return entry
        raise KeyError(rule_id)


@cache
def load_catalog() -> Catalog:
    lexicon = {k: [w.lower() for w in v] for k, v in _load("lexicon.toml").items()}
    rules: list[Entry] = []
    for path in sorted((DATA / "rules").glob("*.toml")):
        data = _load(f"rules/{path.name}")
        for raw in data.get("rule", []):
            rules.append(_entry(raw, "rule", f"rules/{path.name}", "apology"))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise CatalogError(f"{rule.file}: rule id {rule.id!r} is defined twice")
        seen.add(rule.id)
    parts_data = _load("parts.toml")
    all_parts = {p for ps in PARTS_BY_KIND.values() for p in ps}
    parts = []
    for raw in parts_data.get("part", []):
        entry = _entry(raw, "part", "parts.toml", raw.get("example_kind", "apology"))
        if entry.id not in all_parts:
            raise CatalogError(f"parts.toml: unknown part {entry.id!r}")
        parts.append(entry)
    safety = []
    for raw in _load("safety.toml").get("flag", []):
        entry = _entry(raw, "safety", "safety.toml", "message")
        if entry.id not in SAFETY_FLAGS:
            raise CatalogError(f"safety.toml: unknown flag {entry.id!r}")
        safety.append(entry)
    res = tuple(_load("resources.toml").get("resource", []))
    return Catalog(lexicon, tuple(rules), tuple(parts), tuple(safety), res)


@cache
def inflection_table() -> dict[str, set[str]]:
    """lemma -> its inflected forms, from spaCy's English lookup lemma table."""
    table = resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with table.open("rb") as raw, gzip.open(raw, "rt", encoding="utf8") as fh:
        lookup: dict[str, str] = json.load(fh)
    forms: dict[str, set[str]] = {}
    for form, lemma in lookup.items():
        if form.islower():
            forms.setdefault(lemma.lower(), set()).add(form)
    return forms
