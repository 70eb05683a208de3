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

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import IDX, IS_PUNCT, LENGTH, LIKE_NUM, LOWER
from spacy.lang.en import English
from spacy.lang.lex_attrs import is_punct
from spacy.strings import StringStore
from spacy.tokens import Doc

from .patterns import COMMON_WORDS, CompiledPattern

# spaCy's own lexical tests, applied to a word once and remembered (see _PredicateWords)
like_num = English.Defaults.lex_attr_getters[LIKE_NUM]

_STAR_MAX = 8  # "*" and "+" on words repeat at most this often


class _PredicateWords:
    """Behaves like a set of word hashes: the words whose text passes a test (a regex,
    number-like, punctuation). Each word is tested once and remembered."""

    __slots__ = ("test", "strings", "known")

    def __init__(self, test, strings: StringStore):
        self.test = test
        self.strings = strings
        self.known: dict[int, bool] = {}

    def __contains__(self, word: int) -> bool:
        found = self.known.get(word)
        if found is None:
            found = bool(self.test(self.strings[word]))
            if len(self.known) < 200_000:
                self.known[word] = found
        return found


@dataclass(frozen=True, slots=True)
class Term:
    words: frozenset[int] | _PredicateWords | None  # word hashes it must (not) be; None: any
    negated: bool
    sent_start: bool | None  # True: opens a sentence; False: must not open one
    least: int
    most: int
    lazy: bool  # try fewer repetitions first (wildcards)


def _term(token: dict[str, Any], strings: StringStore) -> Term:
    op = token.get("OP")
    least, most = {None: (1, 1), "?": (0, 1), "*": (0, _STAR_MAX), "+": (1, _STAR_MAX)}.get(
        op, (0, 0))
    if op and op.startswith("{"):
        least, most = (int(x) for x in op[1:-1].split(","))
    words = None
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
            words = _PredicateWords(lambda text: regex.search(text) is not None, strings)
    elif isinstance(lower, str):
        words = frozenset({strings.add(lower)})
    if "ORTH" in token:
        words = frozenset({strings.add(token["ORTH"])})
    if token.get("LIKE_NUM"):
        words = _PredicateWords(like_num, strings)
    if token.get("IS_PUNCT"):
        words = _PredicateWords(is_punct, strings)
    return Term(words, negated, token.get("IS_SENT_START"), least, most,
                lazy=words is None)


@dataclass(frozen=True, slots=True)
class Rule:
    key: Any
    terms: tuple[Term, ...]
    anchor: int  # index of the anchor term, or -1: try at every token
    required: tuple[frozenset[int], ...]  # word sets that must all occur in the message
    after: frozenset[int] | None = None  # the word right after the anchor, when fixed
    before: frozenset[int] | None = None  # the word right before the anchor, when fixed
    # When every term on a side is one plain word test, that side is checked by a loop:
    right: tuple[tuple[frozenset[int], bool], ...] | None = None
    left: tuple[tuple[frozenset[int], bool], ...] | None = None  # nearest term first
    positions: tuple[int, ...] = ()  # each term's index in the original pattern


def sentence_starts(lower: list[int], is_punct: list[int],
                    sentence_punct: frozenset[int]) -> list[bool]:
    """spaCy's Sentencizer rule, on the token arrays: a sentence opens at the first
    non-punctuation token after one of the sentence-ending characters (its
    ``punct_chars``). Same result as the pipe (a test compares them), without the cost of
    a Python Token object per token."""
    starts = [False] * len(lower)
    if starts:
        starts[0] = True
        seen_period = False
        for i, word in enumerate(lower):
            ends = word in sentence_punct
            if seen_period and not is_punct[i] and not ends:
                starts[i] = True
                seen_period = False
            elif ends:
                seen_period = True
    return starts


class Tokens:
    """The per-message arrays the terms are tested against (and the engine reads)."""

    __slots__ = ("lower", "sent_start", "idx", "length", "doc", "n", "_sentence")

    def __init__(self, doc: Doc, sentence_punct: frozenset[int]):
        if len(doc):
            lower, is_punct, self.idx, self.length = doc.to_array(
                [LOWER, IS_PUNCT, IDX, LENGTH]).T.tolist()
        else:
            lower, is_punct, self.idx, self.length = [], [], [], []
        self.lower = lower
        self.doc = doc
        self.n = len(lower)
        self.sent_start = sentence_starts(lower, is_punct, sentence_punct)
        self._sentence: list[int] | None = None

    def sentence_start(self, i: int) -> int:
        """Index of the first token of token i's sentence."""
        if self._sentence is None:
            starts, current = [], 0
            for n, opens in enumerate(self.sent_start):
                if opens:
                    current = n
                starts.append(current)
            self._sentence = starts
        return self._sentence[i]

    def sentence_end(self, i: int) -> int:
        j = i + 1
        while j < self.n and not self.sent_start[j]:
            j += 1
        return j


def _test(term: Term, toks: Tokens, i: int) -> bool:
    if term.sent_start is not None and toks.sent_start[i] != term.sent_start:
        return False
    if term.words is not None:
        return (toks.lower[i] in term.words) != term.negated
    return True


def _run(term: Term, toks: Tokens, i: int, step: int, limit: int) -> int:
    """How many tokens from i (going by step) the term accepts, at most limit."""
    count = 0
    if term.words is not None and term.sent_start is None:
        lower, words, negated = toks.lower, term.words, term.negated
        while count < limit and (lower[i] in words) != negated:
            count += 1
            i += step
    elif term.lazy and term.sent_start is False:  # the _ wildcard: stay in the sentence
        sent_start = toks.sent_start
        while count < limit and not sent_start[i]:
            count += 1
            i += step
    else:
        while count < limit and _test(term, toks, i):
            count += 1
            i += step
    return count


def _takes(term: Term, count: int, follower: Term | None, toks: Tokens, i: int, step: int):
    """The repetition counts worth trying, in preference order."""
    order = range(term.least, count + 1) if term.lazy else range(count, term.least - 1, -1)
    if follower is None or follower.words is None or follower.negated \
            or follower.least < 1 or follower.sent_start is not None:
        return order
    # prune: the next term must accept the token right after this one
    lower, words, n = toks.lower, follower.words, toks.n
    return [take for take in order if 0 <= i + take * step < n and lower[i + take * step] in words]


def _forward(terms, t: int, i: int, toks: Tokens, out: list[int]) -> int:
    """Match terms[t:] from token i; fill out with term indexes; return end or -1."""
    if t == len(terms):
        return i
    term = terms[t]
    count = _run(term, toks, i, 1, min(term.most, toks.n - i))
    if count < term.least:
        return -1
    if t + 1 == len(terms):
        take = term.least if term.lazy else count
        out.extend([t] * take)
        return i + take
    for take in _takes(term, count, terms[t + 1], toks, i, 1):
        mark = len(out)
        out.extend([t] * take)
        end = _forward(terms, t + 1, i + take, toks, out)
        if end >= 0:
            return end
        del out[mark:]
    return -1


def _backward(terms, t: int, i: int, toks: Tokens, out: list[int]) -> int:
    """Match terms[:t+1] backwards so the last one ends at token i; return start or -1."""
    if t < 0:
        return i + 1
    term = terms[t]
    count = _run(term, toks, i, -1, min(term.most, i + 1))
    if count < term.least:
        return -1
    if t == 0:
        take = term.least if term.lazy else count
        out.extend([t] * take)
        return i - take + 1
    for take in _takes(term, count, terms[t - 1], toks, i, -1):
        mark = len(out)
        out.extend([t] * take)
        start = _backward(terms, t - 1, i - take, toks, out)
        if start >= 0:
            return start
        del out[mark:]
    return -1


def _plain(terms: tuple[Term, ...]):
    if all(t.least == t.most == 1 and t.sent_start is None and t.words is not None
           for t in terms):
        return tuple((t.words, t.negated) for t in terms)
    return None


def _neighbour(terms: tuple[Term, ...], n: int) -> frozenset[int] | None:
    if 0 <= n < len(terms):
        term = terms[n]
        if term.least >= 1 and isinstance(term.words, frozenset) and term.words \
                and not term.negated:
            return term.words
    return None


class AnchoredMatcher:
    def __init__(self, strings: StringStore, frequency: dict[int, float] | None = None):
        self.strings = strings
        self.index: dict[int, _Slot] = {}  # anchor word -> the rules anchored on it
        self.unanchored: list[Rule] = []
        self._common = frozenset(strings.add(w) for w in COMMON_WORDS)
        self._frequency = frequency or {}

    def _mass(self, words: frozenset[int]) -> float:
        """How often a message is likely to contain one of the words (lower is rarer)."""
        freq = self._frequency
        if freq:
            return sum(freq.get(w, 1e-7) for w in words)
        return len(words & self._common) * 1000 + len(words)

    def add(self, key: Any, pattern: CompiledPattern) -> None:
        terms = tuple(_term(t, self.strings) for t in pattern.tokens)
        # An optional word ("x?") becomes two variants, with and without it, so most
        # patterns end up as plain sequences that the fast loop checks.
        optional = [n for n, t in enumerate(terms)
                    if t.least == 0 and t.most == 1 and t.words is not None]
        if not optional or len(optional) > 3:
            self._add(key, terms, list(range(len(terms))))
            return
        for mask in range(1 << len(optional)):
            keep = [n for n in range(len(terms))
                    if n not in optional or mask & (1 << optional.index(n))]
            if not keep:
                continue
            variant = tuple(
                dataclasses.replace(terms[n], least=1) if n in optional else terms[n]
                for n in keep)
            self._add(key, variant, keep)

    def _add(self, key: Any, terms: tuple[Term, ...], positions: list[int]) -> None:
        """Index one term sequence; positions maps its terms to the pattern's."""
        best, best_cost = -1, None
        for n, term in enumerate(terms):
            if term.least == term.most == 1 and isinstance(term.words, frozenset) \
                    and term.words and not term.negated:
                cost = self._mass(term.words)
                if best_cost is None or cost < best_cost:
                    best, best_cost = n, cost
        # Two more obligatory word sets (the rarest) must also occur: a cheap filter
        # that spares most futile checks at common anchors.
        others = sorted(
            (t.words for n, t in enumerate(terms) if n != best and t.least >= 1
             and isinstance(t.words, frozenset) and t.words and not t.negated),
            key=self._mass)
        rule = Rule(key, terms, best, tuple(others[:2]), _neighbour(terms, best + 1),
                    _neighbour(terms, best - 1), _plain(terms[best + 1:]),
                    _plain(terms[:best][::-1]) if best > 0 else (), tuple(positions))
        if best < 0:
            self.unanchored.append(rule)
            return
        # Rules are filed under their anchor word and, when fixed, the word after it (or
        # else before it); rules in one drawer that need the same other words share a group.
        for word in terms[best].words:
            slot = self.index.get(word)
            if slot is None:
                slot = self.index[word] = _Slot()
            if rule.after is not None:
                for following in rule.after:
                    slot.file(slot.by_next.setdefault(following, {}), rule, rule.before)
            elif rule.before is not None:
                for preceding in rule.before:
                    slot.file(slot.by_prev.setdefault(preceding, {}), rule, None)
            else:
                slot.file(slot.free, rule, None)

    def __call__(self, toks: Tokens) -> list[tuple[Any, int, int, list[int]]]:
        """(key, start, end, alignment) for each match: one per anchor position."""
        matches = []
        index = self.index
        present = set(toks.lower)
        lower = toks.lower
        last = toks.n - 1
        for i, word in enumerate(lower):
            slot = index.get(word)
            if slot is None:
                continue
            drawers = [slot.free]
            if i < last:
                drawer = slot.by_next.get(lower[i + 1])
                if drawer:
                    drawers.append(drawer)
            if i > 0:
                drawer = slot.by_prev.get(lower[i - 1])
                if drawer:
                    drawers.append(drawer)
            for drawer in drawers:
                for (required, before), rules in drawer.items():
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


class _Slot:
    """The rules anchored on one word: always tried (free), or only when a given word
    follows (by_next) or precedes (by_prev) the anchor. Each drawer maps
    (required word sets, word needed before) to its rules."""

    __slots__ = ("free", "by_next", "by_prev")

    def __init__(self):
        self.free: dict[tuple, list[Rule]] = {}
        self.by_next: dict[int, dict[tuple, list[Rule]]] = {}
        self.by_prev: dict[int, dict[tuple, list[Rule]]] = {}

    @staticmethod
    def file(drawer: dict[tuple, list[Rule]], rule: Rule, before) -> None:
        drawer.setdefault((rule.required, before), []).append(rule)


def _match_at(rule: Rule, i: int, toks: Tokens):
    terms, a = rule.terms, rule.anchor
    if terms[a].sent_start is not None and toks.sent_start[i] != terms[a].sent_start:
        return None
    lower = toks.lower
    plain = rule.right
    if plain is not None:
        end = i + 1 + len(plain)
        if end > toks.n:
            return None
        j = i + 1
        for words, negated in plain:
            if (lower[j] in words) == negated:
                return None
            j += 1
        right = list(range(a, len(terms)))
    else:
        right = [a]
        end = _forward(terms, a + 1, i + 1, toks, right)
        if end < 0:
            return None
    plain = rule.left
    if plain is not None:
        start = i - len(plain)
        if start < 0:
            return None
        j = i - 1
        for words, negated in plain:
            if (lower[j] in words) == negated:
                return None
            j -= 1
        aligned = list(range(a)) + right
    else:
        left: list[int] = []
        start = _backward(terms, a - 1, i - 1, toks, left)
        if start < 0:
            return None
        left.reverse()
        aligned = left + right
    positions = rule.positions
    return (rule.key, start, end, [positions[t] for t in aligned])


def _match_at_start(rule: Rule, i: int, toks: Tokens):
    out: list[int] = []
    end = _forward(rule.terms, 0, i, toks, out)
    if end < 0 or end == i:
        return None
    return (rule.key, i, end, out)
