"""An anchored token matcher for the coach's compiled patterns.

spaCy's Matcher tries every pattern at every token and calls Python for each
set-valued token test; with the coach's ~3,000 pattern variants that cost 30× the
tokenizer. Here each pattern is indexed by an *anchor* — one obligatory term, chosen
to be the rarest — so a message only pays for patterns whose anchor word it contains.
From each anchor hit the pattern is checked outwards (left part backwards, right part
forwards) with small bounded searches: every quantifier has an upper bound, so the
work per hit is bounded and the total grows linearly with the text.

Patterns arrive as spaCy Matcher token dictionaries (amends.coach.patterns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import IS_PUNCT, LIKE_NUM, LOWER, SENT_START
from spacy.strings import StringStore
from spacy.tokens import Doc

from .patterns import COMMON_WORDS, CompiledPattern

_STAR_MAX = 8  # "*" and "+" on words repeat at most this often


@dataclass(frozen=True, slots=True)
class Term:
    words: frozenset[int] | None  # lower-case word hashes the token must (not) be
    negated: bool
    regex: re.Pattern | None
    sent_start: bool | None  # True: opens a sentence; False: must not open one
    like_num: bool
    is_punct: bool
    least: int
    most: int
    lazy: bool  # try fewer repetitions first (wildcards)


def _term(token: dict[str, Any], strings: StringStore) -> Term:
    op = token.get("OP")
    least, most = {None: (1, 1), "?": (0, 1), "*": (0, _STAR_MAX), "+": (1, _STAR_MAX)}.get(
        op, (0, 0))
    if op and op.startswith("{"):
        least, most = (int(x) for x in op[1:-1].split(","))
    words = regex = None
    negated = False
    lower = token.get("LOWER")
    if isinstance(lower, dict):
        if "IN" in lower:
            words = frozenset(strings.add(w) for w in lower["IN"])
        elif "NOT_IN" in lower:
            words = frozenset(strings.add(w) for w in lower["NOT_IN"])
            negated = True
        elif "REGEX" in lower:
            regex = re.compile(lower["REGEX"])
    elif isinstance(lower, str):
        words = frozenset({strings.add(lower)})
    if "ORTH" in token:
        words = frozenset({strings.add(token["ORTH"])})
    wildcard = words is None and regex is None and not token.get("LIKE_NUM") \
        and not token.get("IS_PUNCT")
    return Term(words, negated, regex, token.get("IS_SENT_START"),
                bool(token.get("LIKE_NUM")), bool(token.get("IS_PUNCT")),
                least, most, lazy=wildcard)


@dataclass(frozen=True, slots=True)
class Rule:
    key: Any
    terms: tuple[Term, ...]
    anchor: int  # index of the anchor term, or -1: try at every token
    required: tuple[frozenset[int], ...]  # word sets that must all occur in the message
    after: frozenset[int] | None = None  # the word right after the anchor, when fixed
    before: frozenset[int] | None = None  # the word right before the anchor, when fixed


class _Tokens:
    """The per-message arrays the terms are tested against."""

    __slots__ = ("lower", "sent_start", "like_num", "is_punct", "doc", "n")

    def __init__(self, doc: Doc):
        arr = doc.to_array([LOWER, SENT_START, LIKE_NUM, IS_PUNCT])
        self.lower = arr[:, 0].tolist()
        self.sent_start = (arr[:, 1].astype(numpy.int64) == 1).tolist()
        self.like_num = arr[:, 2].tolist()
        self.is_punct = arr[:, 3].tolist()
        self.doc = doc
        self.n = len(doc)


def _test(term: Term, toks: _Tokens, i: int) -> bool:
    if term.sent_start is not None and toks.sent_start[i] != term.sent_start:
        return False
    if term.words is not None:
        return (toks.lower[i] in term.words) != term.negated
    if term.regex is not None:
        return term.regex.search(toks.doc[i].lower_) is not None
    if term.like_num:
        return bool(toks.like_num[i])
    if term.is_punct:
        return bool(toks.is_punct[i])
    return True


def _forward(terms, t: int, i: int, toks: _Tokens, out: list[int]) -> int:
    """Match terms[t:] from token i; fill out with term indexes; return end or -1."""
    if t == len(terms):
        return i
    term = terms[t]
    # how many tokens from i can this term take, at most
    count = 0
    limit = min(term.most, toks.n - i)
    while count < limit and _test(term, toks, i + count):
        count += 1
    if count < term.least:
        return -1
    order = range(term.least, count + 1) if term.lazy else range(count, term.least - 1, -1)
    for take in order:
        mark = len(out)
        out.extend([t] * take)
        end = _forward(terms, t + 1, i + take, toks, out)
        if end >= 0:
            return end
        del out[mark:]
    return -1


def _backward(terms, t: int, i: int, toks: _Tokens, out: list[int]) -> int:
    """Match terms[:t+1] backwards so the last one ends at token i; return start or -1."""
    if t < 0:
        return i + 1
    term = terms[t]
    count = 0
    limit = min(term.most, i + 1)
    while count < limit and _test(term, toks, i - count):
        count += 1
    if count < term.least:
        return -1
    order = range(term.least, count + 1) if term.lazy else range(count, term.least - 1, -1)
    for take in order:
        mark = len(out)
        out.extend([t] * take)
        start = _backward(terms, t - 1, i - take, toks, out)
        if start >= 0:
            return start
        del out[mark:]
    return -1


def _neighbour(terms: tuple[Term, ...], n: int) -> frozenset[int] | None:
    if 0 <= n < len(terms):
        term = terms[n]
        if term.least >= 1 and term.words and not term.negated:
            return term.words
    return None


class AnchoredMatcher:
    def __init__(self, strings: StringStore):
        self.strings = strings
        # anchor word -> groups of rules that share the same extra required word sets
        self.index: dict[int, list[tuple[tuple, list[Rule]]]] = {}
        self.unanchored: list[Rule] = []
        self._common = frozenset(strings.add(w) for w in COMMON_WORDS)

    def add(self, key: Any, pattern: CompiledPattern) -> None:
        terms = tuple(_term(t, self.strings) for t in pattern.tokens)
        best, best_cost = -1, None
        for n, (term, token) in enumerate(zip(terms, pattern.tokens, strict=True)):
            if term.least == term.most == 1 and term.words and not term.negated:
                lower = token.get("LOWER")
                words = frozenset(lower["IN"]) if isinstance(lower, dict) else frozenset(
                    {token.get("ORTH") or lower})
                cost = (len(words & COMMON_WORDS), len(words))
                if best_cost is None or cost < best_cost:
                    best, best_cost = n, cost
        # Two more obligatory word sets (the rarest) must also occur: a cheap filter
        # that spares most futile checks at common anchors.
        others = sorted(
            (t.words for n, t in enumerate(terms) if n != best and t.least >= 1
             and t.words and not t.negated),
            key=lambda words: (len(words & self._common), len(words)))
        rule = Rule(key, terms, best, tuple(others[:2]), _neighbour(terms, best + 1),
                    _neighbour(terms, best - 1))
        if best < 0:
            self.unanchored.append(rule)
            return
        for word in terms[best].words:
            groups = self.index.setdefault(word, [])
            signature = (rule.required, rule.after, rule.before)
            for sig, rules in groups:
                if sig == signature:
                    rules.append(rule)
                    break
            else:
                groups.append((signature, [rule]))

    def __call__(self, doc: Doc) -> list[tuple[Any, int, int, list[int]]]:
        """(key, start, end, alignment) for each match: one per anchor position."""
        toks = _Tokens(doc)
        matches = []
        index = self.index
        present = set(toks.lower)
        lower = toks.lower
        last = toks.n - 1
        for i, word in enumerate(lower):
            groups = index.get(word)
            if groups:
                for (required, after, before), rules in groups:
                    if after is not None and (i == last or lower[i + 1] not in after):
                        continue
                    if before is not None and (i == 0 or lower[i - 1] not in before):
                        continue
                    for words in required:
                        if words.isdisjoint(present):
                            break
                    else:
                        for rule in rules:
                            hit = _match_at(rule, i, toks)
                            if hit:
                                matches.append(hit)
        for rule in self.unanchored:
            for i in range(toks.n):
                hit = _match_at_start(rule, i, toks)
                if hit:
                    matches.append(hit)
        return matches


def _match_at(rule: Rule, i: int, toks: _Tokens):
    terms, a = rule.terms, rule.anchor
    if terms[a].sent_start is not None and toks.sent_start[i] != terms[a].sent_start:
        return None
    right: list[int] = [a]
    end = _forward(terms, a + 1, i + 1, toks, right)
    if end < 0:
        return None
    left: list[int] = []
    start = _backward(terms, a - 1, i - 1, toks, left)
    if start < 0:
        return None
    left.reverse()
    return (rule.key, start, end, left + right)


def _match_at_start(rule: Rule, i: int, toks: _Tokens):
    out: list[int] = []
    end = _forward(rule.terms, 0, i, toks, out)
    if end < 0 or end == i:
        return None
    return (rule.key, i, end, out)
