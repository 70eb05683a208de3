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
    anchor: int  # index of the anchor term
    required: tuple[frozenset[int], ...]  # word sets that must all occur in the message
    after: frozenset[int] | None = None  # the word right after the anchor, when fixed
    before: frozenset[int] | None = None  # the word right before the anchor, when fixed
    # When every term on a side is one plain word test, that side is checked by a loop:
    right: tuple[tuple[frozenset[int], bool], ...] | None = None
    left: tuple[tuple[frozenset[int], bool], ...] | None = None  # nearest term first
    positions: tuple[int, ...] = ()  # each term's index in the original pattern
    mark: tuple[int, int] = (0, 0)  # the pattern's reported terms: [first, end)
    # For a rule of plain words on both sides, the reported tokens relative to the
    # anchor token, fixed in advance (None: this variant reports nothing)
    fixed_mark: tuple[int, int] | None = None


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


def _fixed_mark(positions: tuple[int, ...], anchor: int, mark: tuple[int, int]):
    """For a plain rule, the reported tokens relative to the anchor token."""
    inside = [k for k, p in enumerate(positions) if mark[0] <= p < mark[1]]
    if not inside:
        return None
    return (inside[0] - anchor, inside[-1] + 1 - anchor)


_MAX_PAIRS = 64  # a rule fixed on both neighbours is filed under at most this many pairs


class AnchoredMatcher:
    """Call it with a message's Tokens; it returns (key, start, end, mark_start, mark_end)
    for each match, where [mark_start, mark_end) are the tokens the pattern reports
    (mark_start is -1 when the pattern reports none of the matched tokens)."""

    def __init__(self, strings: StringStore, frequency: dict[int, float] | None = None):
        self.strings = strings
        self.index: dict[int, _Slot] = {}  # anchor word -> the rules anchored on it
        self.unanchored: list[Rule] = []
        self._common = frozenset(strings.add(w) for w in COMMON_WORDS)
        self._frequency = frequency or {}
        # Each distinct required word set gets one bit; a message's words light up the
        # bits of the sets they belong to, so "are all of a rule's required sets present?"
        # is one integer test.
        self._set_bits: dict[frozenset[int], int] = {}
        self.word_bits: dict[int, int] = {}

    def _mass(self, words: frozenset[int]) -> float:
        """How often a message is likely to contain one of the words (lower is rarer)."""
        freq = self._frequency
        if freq:
            return sum(freq.get(w, 1e-7) for w in words)
        return len(words & self._common) * 1000 + len(words)

    def _need(self, required: tuple[frozenset[int], ...]) -> int:
        need = 0
        for words in required:
            bit = self._set_bits.get(words)
            if bit is None:
                bit = self._set_bits[words] = 1 << len(self._set_bits)
                for word in words:
                    self.word_bits[word] = self.word_bits.get(word, 0) | bit
            need |= bit
        return need

    def add(self, key: Any, pattern: CompiledPattern) -> None:
        terms = tuple(_term(t, self.strings) for t in pattern.tokens)
        mark = (pattern.mark_start, pattern.mark_end)
        # An optional word ("x?") becomes two variants, with and without it, so most
        # patterns end up as plain sequences that the fast loop checks.
        optional = [n for n, t in enumerate(terms)
                    if t.least == 0 and t.most == 1 and t.words is not None]
        if not optional or len(optional) > 3:
            self._add(key, terms, list(range(len(terms))), mark)
            return
        for mask in range(1 << len(optional)):
            keep = [n for n in range(len(terms))
                    if n not in optional or mask & (1 << optional.index(n))]
            if not keep:
                continue
            variant = tuple(
                dataclasses.replace(terms[n], least=1) if n in optional else terms[n]
                for n in keep)
            self._add(key, variant, keep, mark)

    def _add(self, key: Any, terms: tuple[Term, ...], positions: list[int],
             mark: tuple[int, int]) -> None:
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
        right = _plain(terms[best + 1:])
        left = _plain(terms[:best][::-1]) if best > 0 else ()
        fixed = None
        if right is not None and left is not None:
            fixed = _fixed_mark(tuple(positions), best, mark)
        rule = Rule(key, terms, best, tuple(others[:2]), _neighbour(terms, best + 1),
                    _neighbour(terms, best - 1), right, left, tuple(positions), mark, fixed)
        if best < 0:
            self.unanchored.append(rule)
            return
        need = self._need(rule.required)
        # Rules are filed under their anchor word and, when fixed, the words around it;
        # rules in one drawer that need the same other words share a group.
        after, before = rule.after, rule.before
        for word in terms[best].words:
            slot = self.index.get(word)
            if slot is None:
                slot = self.index[word] = _Slot()
            if after is not None and before is not None \
                    and len(after) * len(before) <= _MAX_PAIRS:
                for following in after:
                    for preceding in before:
                        slot.file("around", (following, preceding), need, None, rule)
            elif after is not None:
                for following in after:
                    slot.file("by_next", following, need, before, rule)
            elif before is not None:
                for preceding in before:
                    slot.file("by_prev", preceding, need, None, rule)
            else:
                slot.file("free", None, need, None, rule)

    def __call__(self, toks: Tokens) -> list[tuple[Any, int, int, int, int]]:
        matches: list[tuple[Any, int, int, int, int]] = []
        index = self.index
        lower = toks.lower
        word_bits = self.word_bits
        present = 0
        for word in set(lower):
            bits = word_bits.get(word)
            if bits:
                present |= bits
        last = toks.n - 1
        for i, word in enumerate(lower):
            slot = index.get(word)
            if slot is None:
                continue
            following = lower[i + 1] if i < last else 0
            preceding = lower[i - 1] if i else 0
            for groups in (slot.free, slot.by_next.get(following),
                           slot.by_prev.get(preceding),
                           slot.around.get((following, preceding)) if slot.around else None):
                if not groups:
                    continue
                for need, before, rules in groups:
                    if need & present != need:
                        continue
                    if before is not None and (not i or preceding not in before):
                        continue
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
    follows (by_next), precedes (by_prev) or both surround it (around, keyed by
    (next, previous)). Each drawer is a list of groups (required-sets bits, word needed
    before or None, rules)."""

    __slots__ = ("free", "by_next", "by_prev", "around")

    def __init__(self):
        self.free: list | None = None
        self.by_next: dict[int, list] = {}
        self.by_prev: dict[int, list] = {}
        self.around: dict[tuple[int, int], list] = {}

    def file(self, drawer: str, word, need: int, before, rule: Rule) -> None:
        if drawer == "free":
            if self.free is None:
                self.free = []
            groups = self.free
        else:
            groups = getattr(self, drawer).setdefault(word, [])
        for group in groups:
            if group[0] == need and group[1] == before:
                group[2].append(rule)
                return
        groups.append((need, before, [rule]))


def _match_at(rule: Rule, i: int, toks: Tokens):
    terms, a = rule.terms, rule.anchor
    if terms[a].sent_start is not None and toks.sent_start[i] != terms[a].sent_start:
        return None
    lower = toks.lower
    right = rule.right
    left = rule.left
    if right is not None and left is not None:
        end = i + 1 + len(right)
        start = i - len(left)
        if end > toks.n or start < 0:
            return None
        j = i + 1
        for words, negated in right:
            if (lower[j] in words) == negated:
                return None
            j += 1
        j = i - 1
        for words, negated in left:
            if (lower[j] in words) == negated:
                return None
            j -= 1
        fixed = rule.fixed_mark
        if fixed is None:
            return (rule.key, start, end, -1, -1)
        return (rule.key, start, end, i + fixed[0], i + fixed[1])
    if right is not None:
        end = i + 1 + len(right)
        if end > toks.n:
            return None
        j = i + 1
        for words, negated in right:
            if (lower[j] in words) == negated:
                return None
            j += 1
        aligned_right = list(range(a, len(terms)))
    else:
        aligned_right = [a]
        end = _forward(terms, a + 1, i + 1, toks, aligned_right)
        if end < 0:
            return None
    if left is not None:
        start = i - len(left)
        if start < 0:
            return None
        j = i - 1
        for words, negated in left:
            if (lower[j] in words) == negated:
                return None
            j -= 1
        aligned = list(range(a)) + aligned_right
    else:
        aligned_left: list[int] = []
        start = _backward(terms, a - 1, i - 1, toks, aligned_left)
        if start < 0:
            return None
        aligned_left.reverse()
        aligned = aligned_left + aligned_right
    return (rule.key, start, end, *_mark(rule.positions, aligned, rule.mark, start))


def _mark(positions, aligned, mark, start) -> tuple[int, int]:
    lo, hi = mark
    inside = [start + k for k, t in enumerate(aligned) if lo <= positions[t] < hi]
    if not inside:
        return (-1, -1)
    return (inside[0], inside[-1] + 1)


def _match_at_start(rule: Rule, i: int, toks: Tokens):
    out: list[int] = []
    end = _forward(rule.terms, 0, i, toks, out)
    if end < 0 or end == i:
        return None
    return (rule.key, i, end, *_mark(rule.positions, out, rule.mark, i))
