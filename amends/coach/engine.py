"""The coach's engine: spaCy's blank English tokenizer, the sentencizer's rule for sentence
boundaries, one pass of an anchored token matcher compiled from the rule data (inflections
from spaCy's lookup lemmas), then plain filters (quotes, negation, antipatterns, kinds).
Loaded once per process; pure Python, no Django."""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Any

import spacy
from spacy.strings import hash_string

from .catalog import Catalog, inflection_table, load_catalog
from .frequency import word_frequency
from .matcher import AnchoredMatcher, Tokens
from .patterns import PatternCompiler
from .result import PARTS_BY_KIND, SAFETY_FLAGS, Analysis, Finding, check_input

# One-to-one character substitutions: offsets in the normalised text are offsets in
# the text as given.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                            "\u02bc": "'", "\u2032": "'", "\u00a0": " "})
_NEGATORS = frozenset({"not", "n't", "nt", "never", "no", "nobody", "nothing", "without",
                       "nor", "neither", "cannot"})
_NEGATOR_HASHES = frozenset(hash_string(w) for w in _NEGATORS)  # as in Tokens.lower
# Quoted speech: double quotes anywhere; single quotes only where they open after a
# space/start and close before a space/punctuation/end (so "it's" is not a quote, and a
# quote may contain one: 'it's no big deal').
_ENDS = frozenset('.!?"\')')
_MAY_OPEN_SINGLE_QUOTE = re.compile(r"(?:^|[\s(:,])'")  # a cheap test before the next one
_DOUBLE_QUOTED = re.compile(r'"[^"\n]{1,600}"')
_SINGLE_QUOTED = re.compile(
    r"(?:(?<=^)|(?<=[\s(:,]))'(?=\w)(?:[^'\n]|(?<=\w)'(?=\w)){0,600}?(?<=[\w.!?,])'"
    r"(?=[\s.,;:!?)\-]|$)")


# What the matcher hands back for each pattern: which entry, which role ("do" fires the
# entry; "unless" cancels what it overlaps; "unless_sentence" cancels its sentence), and
# the entry's name ("family:id").
_DO, _UNLESS, _UNLESS_SENTENCE = 0, 1, 2
_ROLES = {"do": _DO, "unless": _UNLESS, "unless_sentence": _UNLESS_SENTENCE}


class _Compiled:
    """The catalog's patterns, compiled and indexed by anchor word."""

    def __init__(self, nlp: spacy.Language, catalog: Catalog):
        compiler = PatternCompiler(catalog.lexicon, inflection_table())
        strings = nlp.vocab.strings
        self.matcher = AnchoredMatcher(
            strings, {strings.add(w): f for w, f in word_frequency().items()})
        self.variants = 0
        entries = [*catalog.rules, *catalog.parts, *catalog.safety]
        for entry in entries:
            name = f"{entry.family}:{entry.id}"
            roles = (("do", entry.patterns), ("unless", entry.unless),
                     ("unless_sentence", entry.unless_sentence))
            for role, sources in roles:
                key = (name, _ROLES[role], frozenset(entry.kinds))
                for source in sources:
                    for compiled in compiler.compile_all(source):
                        self.matcher.add(key, compiled, needs_mark=role == "do")
                        self.variants += 1
        self.matcher.prepare()  # at load time, not in the first message's time


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans = [(m.start() + 1, m.end() - 1) for m in _DOUBLE_QUOTED.finditer(text)]
    spans += [(m.start() + 1, m.end() - 1) for m in _SINGLE_QUOTED.finditer(text)]
    return spans


class Coach:
    """Holds the pipeline and compiled rules. Thread-safe for concurrent analyze()."""

    def __init__(self, catalog: Catalog | None = None):
        self.catalog = catalog or load_catalog()
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        self.nlp = nlp
        self.tokenizer = nlp.tokenizer
        # The sentencizer's rule is applied to the token arrays (matcher.sentence_starts):
        # the pipe itself builds a Python Token per token, which cost as much as tokenizing.
        self.sentence_punct = frozenset(
            hash_string(p) for p in nlp.get_pipe("sentencizer").punct_chars)
        self.compiled = _Compiled(nlp, self.catalog)
        self._entries = {f"{e.family}:{e.id}": e for e in
                         (*self.catalog.rules, *self.catalog.parts, *self.catalog.safety)}
        self._rules = {"rule:" + rule.id: rule for rule in self.catalog.rules}
        self._part_of = {"part:" + part.id: part.id for part in self.catalog.parts}
        self._safety = [(flag, "safety:" + flag) for flag in SAFETY_FLAGS]
        self._lock = threading.Lock()  # spaCy's Vocab/StringStore is shared state

    def analyze(self, text: str, kind: str = "apology", id: Any = None) -> Analysis:
        check_input(text, kind)
        normal = text if text.isascii() else text.translate(_NORMALISE)
        stripped = normal.rstrip()
        if stripped[-1:] not in _ENDS:
            # The end of the text ends its last sentence: patterns that need what comes
            # after a word ("when I said that") see a full stop there.
            normal = stripped + " ."
        with self._lock:
            toks = Tokens(self.tokenizer(normal), self.sentence_punct)
            raw = self.compiled.matcher(toks)
        # The matches, by entry: hits as (start, end, mark_start, mark_end) token
        # indexes, and the token spans that cancel the entry's hits.
        hits: dict[str, list[tuple[int, int, int, int]]] = {}
        cancels: dict[str, list[tuple[int, int]]] = {}
        for (name, role, kinds), start, end, mark_start, mark_end in raw:
            if kind not in kinds:
                continue
            if role == _DO:
                if mark_start >= 0:
                    hits.setdefault(name, []).append((start, end, mark_start, mark_end))
            elif role == _UNLESS:
                cancels.setdefault(name, []).append((start, end))
            else:
                cancels.setdefault(name, []).append(
                    (toks.sentence_start(start), toks.sentence_end(start)))
        quoted = None
        if '"' in normal or _MAY_OPEN_SINGLE_QUOTE.search(normal):
            quoted = _quoted_spans(normal)
            quoted = _Spans(quoted) if quoted else None
        surviving: dict[str, list[tuple[int, int, int, int]]] = {}
        for name, found in hits.items():
            window = self._entries[name].negation_window
            entry_cancels = cancels.get(name)
            if entry_cancels is None and quoted is None and not window:
                surviving[name] = found
                continue
            if entry_cancels is not None and quoted is None and not window \
                    and len(entry_cancels) < 8:  # the usual case: a few cancelling spans
                kept = [h for h in found
                        if not any(a < h[1] and h[0] < b for a, b in entry_cancels)]
            else:
                spans = _Spans(entry_cancels) if entry_cancels else None
                kept = [h for h in found if not _cancelled(h, spans, toks, quoted, window)]
            if kept:
                surviving[name] = kept

        part_of = self._part_of
        all_parts = {part_of[name] for name in surviving if name in part_of}
        findings = []
        for name, rule_hits in surviving.items():
            rule = self._rules.get(name)
            if rule is None:
                continue
            if rule.unless_parts and all_parts.intersection(rule.unless_parts):
                continue
            if rule.requires_parts and not all_parts.issuperset(rule.requires_parts):
                continue
            for start, end in _merge_spans(rule_hits, toks):
                end = min(end, len(text))  # not the full stop added at the end
                if start < end:
                    findings.append(Finding(rule.id, rule.level, start, end,
                                            text[start:end], rule.message, rule.why,
                                            rule.suggestion))
        if len(findings) > 1:
            findings.sort(key=_finding_order)
        names = PARTS_BY_KIND[kind]
        parts = {name: name in all_parts for name in names}
        safety = tuple([flag for flag, name in self._safety if name in surviving])
        return Analysis(kind, text, parts, tuple(findings), safety, id)


def _finding_order(f: Finding):
    return (f.start, f.end, f.rule)


class _Spans:
    """Half-open spans, answering "does any of them overlap / contain [start, end)?" in
    O(log n), so a long message with many matches stays linear-ish, not quadratic."""

    __slots__ = ("starts", "ends", "reach")

    def __init__(self, spans):
        ordered = sorted(spans)
        self.starts = [start for start, _ in ordered]
        self.ends = [end for _, end in ordered]
        self.reach = list(accumulate(self.ends, max))  # furthest end among the first k

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # spans that begin before `end`
        return k > 0 and self.reach[k - 1] > start

    def contains(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, start)  # spans that begin at or before `start`
        return k > 0 and self.reach[k - 1] >= end


def _cancelled(hit: tuple[int, int, int, int], cancels: _Spans | None, toks: Tokens,
               quoted: _Spans | None, window: int) -> bool:
    start, end, mark_start, mark_end = hit
    if cancels is not None and cancels.overlaps(start, end):
        return True
    if quoted is not None:
        if quoted.contains(*toks.char_span(mark_start, mark_end)):
            return True
    if window:
        lower = toks.lower
        for i in range(max(toks.sentence_start(mark_start), mark_start - window), mark_start):
            if lower[i] in _NEGATOR_HASHES:
                return True
    return False


def _merge_spans(hits, toks: Tokens) -> list[tuple[int, int]]:
    """Character spans of the reported parts, overlapping ones merged into one."""
    spans = sorted(toks.char_span(mark_start, mark_end) for _, _, mark_start, mark_end in hits)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
