"""The token matcher for the coach's compiled patterns.

spaCy's Matcher tries every pattern at every token and calls Python for each
set-valued token test; with the coach's ~5,000 pattern variants that cost 30× the
tokenizer. Here each pattern is filed under a *window*: a run of one to three
consecutive single-word tests, chosen to be rare, expanded into every combination of
their words and stored in a trie. A message's tokens are looked up in the trie's first
level in C; only where a window occurs are its patterns checked further:

- a plain pattern (one word test per token) by testing its other tokens at their fixed
  offsets;
- any other pattern outwards from the window (left part backwards, right part forwards)
  with small bounded searches: every quantifier has an upper bound, so the work per hit
  is bounded and the total grows linearly with the text.

Patterns that must open a sentence are looked up only where sentences open.
Patterns arrive as spaCy Matcher token dictionaries (amends.coach.patterns).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import compress, product
from operator import itemgetter
from typing import Any

from spacy.attrs import IS_PUNCT, LIKE_NUM, LOWER
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
    # When every term on a side is one plain word test, that side is checked by a loop:
    right: tuple[tuple[frozenset[int], bool], ...] | None = None
    left: tuple[tuple[frozenset[int], bool], ...] | None = None  # nearest term first
    positions: tuple[int, ...] = ()  # each term's index in the original pattern
    mark: tuple[int, int] = (0, 0)  # the pattern's reported terms: [first, end)
    # For a rule of plain words on both sides, the reported tokens relative to the
    # anchor token, fixed in advance (None: this variant reports nothing)
    fixed_mark: tuple[int, int] | None = None
    # The single-word tests right after / before the anchor (nearest first), up to the
    # first term that is not one
    right_head: tuple[tuple[frozenset[int], bool], ...] = ()
    left_head: tuple[tuple[frozenset[int], bool], ...] = ()
    # the most tokens a match can reach before the anchor, and from it onwards
    reach_left: int = 0
    reach_right: int = 1


_LOWER_AND_PUNCT = [LOWER, IS_PUNCT]


def sentence_starts(lower: list[int], is_punct: list[int],
                    sentence_punct: frozenset[int]) -> list[int]:
    """spaCy's Sentencizer rule, on the token arrays: a sentence opens at the first
    non-punctuation token after one of the sentence-ending characters (its
    ``punct_chars``). Same result as the pipe (a test compares them), without the cost of
    a Python Token object per token. Returns the indexes of the sentences' first tokens."""
    n = len(lower)
    if not n:
        return []
    starts = [0]
    ends = list(map(sentence_punct.__contains__, lower))
    found = 0  # the last sentence start found
    for end in compress(range(n), ends):
        if end < found:
            continue  # a further end mark before that sentence's first word
        j = end + 1
        while j < n and (is_punct[j] or ends[j]):
            j += 1
        if j < n:
            starts.append(j)
        found = j
    return starts


class Tokens:
    """The per-message arrays the terms are tested against (and the engine reads)."""

    __slots__ = ("lower", "sent_start", "starts", "doc", "n")

    def __init__(self, doc: Doc, sentence_punct: frozenset[int]):
        if len(doc):
            lower, is_punct = doc.to_array(_LOWER_AND_PUNCT).T.tolist()
        else:
            lower, is_punct = [], []
        self.lower = lower
        self.doc = doc
        self.n = n = len(lower)
        self.starts = starts = sentence_starts(lower, is_punct, sentence_punct)
        sent_start = [False] * n
        for i in starts:
            sent_start[i] = True
        self.sent_start = sent_start  # per token: does it open a sentence?

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """The characters of tokens [start, end) in the text (read from the Doc only for
        what is reported)."""
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last)

    def sentence_start(self, i: int) -> int:
        """Index of the first token of token i's sentence."""
        return self.starts[bisect_right(self.starts, i) - 1]

    def sentence_end(self, i: int) -> int:
        """Index after the last token of token i's sentence."""
        k = bisect_right(self.starts, i)
        return self.starts[k] if k < len(self.starts) else self.n


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


def _fixed_mark(positions: tuple[int, ...], anchor: int, mark: tuple[int, int]):
    """For a plain rule, the reported tokens relative to the anchor token."""
    inside = [k for k, p in enumerate(positions) if mark[0] <= p < mark[1]]
    if not inside:
        return None
    return (inside[0] - anchor, inside[-1] + 1 - anchor)


_WINDOW_MAX = 3  # words in a window
_EXPANSION_MAX = 256  # word combinations one rule may file under a window


# A rule filed under a window of words is a tuple, so the hot loop unpacks it in one
# step: (need, rest, start, end, mark_start, mark_end, key, rule).
# - need: word sets that must occur somewhere in the message (other rules);
# - rest: plain rules: the other terms as (offset from the window, words, negated);
#   None for other rules, which _match_at checks from the anchor;
# - start, end: plain rules: the rule's tokens relative to the window's first token;
#   other rules: start is the anchor's offset from the window;
# - mark_start, mark_end: plain rules: the reported tokens relative to the window.


def _keyable(term: Term) -> bool:
    return (term.least == term.most == 1 and isinstance(term.words, frozenset)
            and bool(term.words) and not term.negated and term.sent_start is None)


def _product(sets) -> int:
    total = 1
    for words in sets:
        total *= len(words)
    return total


class AnchoredMatcher:
    """Call it with a message's Tokens; it returns (key, start, end, mark_start, mark_end)
    for each match, where [mark_start, mark_end) are the tokens the pattern reports
    (mark_start is -1 when the pattern reports none of the matched tokens)."""

    def __init__(self, strings: StringStore, frequency: dict[int, float] | None = None):
        self.strings = strings
        # The windows as a trie: word -> [entries whose window ends here, {next word:
        # node}] (either may be None)
        self.trie: dict[int, list] = {}
        self.openers: dict[int, list] = {}  # the same, for windows opening a sentence
        self._extent: dict[int, tuple[int, int]] | None = None  # see _extents()
        self._context_cache: dict[tuple, tuple] = {}
        self._rule_cache: dict[tuple, tuple | None] = {}
        self.unanchored: list[Rule] = []
        self._common = frozenset(strings.add(w) for w in COMMON_WORDS)
        self._frequency = frequency or {}
        self._masses: dict[frozenset[int], float] = {}
    def _mass(self, words: frozenset[int]) -> float:
        """How often a message is likely to contain one of the words (lower is rarer)."""
        mass = self._masses.get(words)
        if mass is None:
            freq = self._frequency
            if freq:
                mass = sum(freq.get(w, 1e-7) for w in words)
            else:
                mass = len(words & self._common) * 1000 + len(words)
            self._masses[words] = mass
        return mass

    def add(self, key: Any, pattern: CompiledPattern, needs_mark: bool = False) -> None:
        """File a pattern. needs_mark: a match that reports no token is of no use (so
        variants that leave out every reported word are not filed)."""
        terms = tuple(_term(t, self.strings) for t in pattern.tokens)
        mark = (pattern.mark_start, pattern.mark_end)
        # An optional word ("x?") becomes two variants, with and without it, so most
        # patterns end up as plain sequences that the fast loop checks.
        optional = [n for n, t in enumerate(terms)
                    if t.least == 0 and t.most == 1 and t.words is not None]
        if not optional or len(optional) > 3:
            self._add(key, terms, list(range(len(terms))), mark, needs_mark)
            return
        for mask in range(1 << len(optional)):
            keep = [n for n in range(len(terms))
                    if n not in optional or mask & (1 << optional.index(n))]
            if not keep:
                continue
            variant = tuple(
                dataclasses.replace(terms[n], least=1) if n in optional else terms[n]
                for n in keep)
            self._add(key, variant, keep, mark, needs_mark)

    def _window(self, terms: tuple[Term, ...], at_start: bool) -> tuple[int, int] | None:
        """The rarest run of consecutive keyable terms [first, last) whose word
        combinations stay within bounds (starting at the first term when at_start)."""
        best, best_cost = None, None
        for first in range(1 if at_start else len(terms)):
            for last in range(first + 1, min(first + _WINDOW_MAX, len(terms)) + 1):
                run = terms[first:last]
                if not _keyable(run[-1]):
                    break
                if _product(t.words for t in run) > _EXPANSION_MAX:
                    break
                # Words in a window tend to come together ("i 'm sorry"), so its
                # rarity is about that of its rarest word, a little better per word.
                cost = min(self._mass(t.words) for t in run) * 0.5 ** (last - first - 1)
                if best_cost is None or cost < best_cost:
                    best, best_cost = (first, last), cost
        return best

    def _add(self, key: Any, terms: tuple[Term, ...], positions: list[int],
             mark: tuple[int, int], needs_mark: bool) -> None:
        """File one term sequence; positions maps its terms to the pattern's."""
        # A pattern that must open a sentence (and tests sentence starts nowhere else)
        # is looked up only where sentences open.
        opens = bool(terms) and terms[0].sent_start is True \
            and all(t.sent_start is None for t in terms[1:])
        seen = terms  # the terms as the window sees them
        if opens:
            seen = (dataclasses.replace(terms[0], sent_start=None), *terms[1:])
        window = self._window(seen, opens)
        if window is None:  # no run of word tests to look up: anchor on the rarest term
            opens = False
            anchor, anchor_cost = -1, None
            for n, term in enumerate(terms):
                if term.least == term.most == 1 and isinstance(term.words, frozenset) \
                        and term.words and not term.negated:
                    cost = self._mass(term.words)
                    if anchor_cost is None or cost < anchor_cost:
                        anchor, anchor_cost = n, cost
            if anchor < 0:
                self.unanchored.append(_rule(key, terms, 0, positions, mark))
                return
            window = (anchor, anchor + 1)
        first, last = window
        rule = _rule(key, terms, first, positions, mark)
        if _plain(seen) is not None:  # one word test per token, at fixed offsets
            fixed = _fixed_mark(tuple(positions), 0, mark)
            if fixed is None:
                if needs_mark:
                    return  # this variant leaves out every reported word: no finding
                fixed = (0, 0)
            rest = tuple((n - first, t.words, t.negated) for n, t in enumerate(seen)
                         if not first <= n < last)
            entry = ((), rest, -first, len(terms) - first,
                     fixed[0] - first, fixed[1] - first, key, rule)
        else:  # checked outwards from the window's first term...
            # ...once two more of its obligatory word sets (the rarest, outside the
            # window) are found somewhere in the message: a cheap filter first.
            need = sorted(
                (t.words for n, t in enumerate(terms) if not first <= n < last
                 and t.least >= 1 and isinstance(t.words, frozenset) and t.words
                 and not t.negated),
                key=self._mass)[:2]
            entry = (tuple(need), None, 0, 0, 0, 0, key, rule)
        self._extent = None
        self._context_cache.clear()
        self._rule_cache.clear()
        trie = self.openers if opens else self.trie
        for combo in product(*(sorted(t.words) for t in seen[first:last])):
            level = trie
            for word in combo[:-1]:
                node = level.get(word)
                if node is None:
                    node = level[word] = [None, None]
                if node[1] is None:
                    node[1] = {}
                level = node[1]
            node = level.get(combo[-1])
            if node is None:
                node = level[combo[-1]] = [None, None]
            if node[0] is None:
                node[0] = []
            node[0].append(entry)

    def __call__(self, toks: Tokens) -> list[tuple[Any, int, int, int, int]]:
        matches: list[tuple[Any, int, int, int, int]] = []
        append = matches.append
        lower = toks.lower
        n = toks.n
        present = set(lower)
        extents = self._extents()
        cache = self._context_cache
        # Where a window's first word occurs (looked up in C), walk the trie of the
        # words that follow; each node holds the rules whose window ends there.
        for p, node in filter(_found, enumerate(map(self.trie.get, lower))):
            # What the plain rules find here depends only on the tokens within their
            # reach, so it is remembered by that context (as spaCy's tokenizer
            # remembers each chunk of text it has split).
            left, right = extents[lower[p]]
            lo = p - left if p > left else 0
            context = (p - lo, tuple(lower[lo:p + right]))
            found = cache.get(context)
            if found is None:
                plain: list[tuple[Any, int, int, int, int]] = []
                others: list[tuple] = []
                _walk(node, p, toks, plain.append, others)
                # (variants of one pattern often find the same span: keep one)
                found = (tuple(dict.fromkeys(
                    (key, start - p, end - p, mark_start - p, mark_end - p)
                    for key, start, end, mark_start, mark_end in plain)), tuple(others))
                if len(cache) >= _CONTEXT_CACHE_MAX:
                    cache.clear()
                cache[context] = found
            plain_found, others = found
            for key, start, end, mark_start, mark_end in plain_found:
                append((key, p + start, p + end, p + mark_start, p + mark_end))
            if others:
                _run_others(others, p, toks, present, append, self._rule_cache)
        if self.openers:
            openers = self.openers
            for p in toks.starts:
                node = openers.get(lower[p])
                if node is not None:
                    others = []
                    _walk(node, p, toks, append, others)
                    if others:
                        _run_others(others, p, toks, present, append, self._rule_cache)
        for rule in self.unanchored:
            for i in range(n):
                hit = _match_at_start(rule, i, toks)
                if hit:
                    append(hit)
        return matches

    def prepare(self) -> None:
        """Work out what the first message would otherwise pay for (call after the
        last add)."""
        self._extents()

    def _extents(self) -> dict[int, tuple[int, int]]:
        """For each first word of the trie: how many tokens before and after it (itself
        included) the plain rules below it and the walk down the trie look at."""
        if self._extent is None:
            extent = {}
            for word, root in self.trie.items():
                left, right = 0, 1
                stack = [(root, 1)]
                while stack:
                    (entries, children), depth = stack.pop()
                    for _need, rest, start, end, *_ in entries or ():
                        if rest is not None:
                            left, right = max(left, -start), max(right, end)
                    if children:
                        right = max(right, depth + 1)
                        stack.extend((child, depth + 1) for child in children.values())
                extent[word] = (left, right)
            self._extent = extent
        return self._extent


_CONTEXT_CACHE_MAX = 10_000  # remembered contexts per cache (under 10 MB); dropped when full


def _rule(key, terms, anchor, positions, mark) -> Rule:
    right = _plain(terms[anchor + 1:])
    left = _plain(terms[:anchor][::-1]) if anchor > 0 else ()
    fixed = None
    if right is not None and left is not None:
        fixed = _fixed_mark(tuple(positions), anchor, mark)
    return Rule(key, terms, anchor, right, left, tuple(positions), mark, fixed,
                _head(terms[anchor + 1:]), _head(terms[:anchor][::-1]),
                sum(t.most for t in terms[:anchor]),
                1 + sum(t.most for t in terms[anchor + 1:]))


def _head(terms: tuple[Term, ...]) -> tuple[tuple[frozenset[int], bool], ...]:
    head = []
    for t in terms:
        if not (t.least == t.most == 1 and t.sent_start is None and t.words is not None):
            break
        head.append((t.words, t.negated))
    return tuple(head)


def _walk(node: list, p: int, toks: Tokens, append, others: list) -> None:
    """Check the plain rules of a trie node found at token p, and of the nodes below it
    that the following tokens reach; collect the other rules in others."""
    lower, n = toks.lower, toks.n
    q = p + 1
    while True:
        entries, children = node
        if entries is not None:
            _check(entries, p, toks, append, others)
        if children is None or q >= n:
            return
        node = children.get(lower[q])
        if node is None:
            return
        q += 1


def _check(entries, p: int, toks: Tokens, append, others: list) -> None:
    """Check the plain rules filed under a window found at token p; the others (which
    may look further, at sentence starts or at the whole message) go to others."""
    lower = toks.lower
    for need, rest, start, end, mark_start, mark_end, key, rule in entries:
        if not rest:
            if rest is not None:  # the window is the whole pattern
                append((key, p + start, p + end, p + mark_start, p + mark_end))
            else:
                others.append((need, start, rule))
            continue
        start += p
        end += p
        if start < 0 or end > toks.n:
            continue
        for offset, words, negated in rest:
            if (lower[p + offset] in words) == negated:
                break
        else:
            append((key, start, end, p + mark_start, p + mark_end))


def _run_others(others, p: int, toks: Tokens, present: set[int], append,
                cache: dict) -> None:
    """Check the non-plain rules found at p, once their required words are all in the
    message (present). What a rule finds from an anchor depends only on the tokens and
    sentence starts within its reach, so it is remembered by that context."""
    lower, sent_start = toks.lower, toks.sent_start
    for need, start, rule in others:
        for words in need:
            if words.isdisjoint(present):
                break
        else:
            i = p + start
            left = rule.reach_left
            lo = i - left if i > left else 0
            hi = i + rule.reach_right
            context = (id(rule), i - lo, tuple(lower[lo:hi]), tuple(sent_start[lo:hi]))
            found = cache.get(context, _UNSEEN)
            if found is _UNSEEN:
                hit = _match_at(rule, i, toks)
                found = None if hit is None else (hit[0], hit[1] - i, hit[2] - i,
                                                  hit[3] - i, hit[4] - i)
                if len(cache) >= _CONTEXT_CACHE_MAX:
                    cache.clear()
                cache[context] = found
            if found is not None:
                key, start_at, end_at, mark_start, mark_end = found
                append((key, i + start_at, i + end_at, i + mark_start, i + mark_end))


_UNSEEN = object()


_found = itemgetter(1)


def _match_at(rule: Rule, i: int, toks: Tokens):
    terms, a = rule.terms, rule.anchor
    if terms[a].sent_start is not None and toks.sent_start[i] != terms[a].sent_start:
        return None
    lower = toks.lower
    right = rule.right
    left = rule.left
    if right is None or left is None:
        # Fail fast on the single-word tests next to the anchor before the general
        # search (which checks them again when they pass).
        j = i + 1
        for words, negated in rule.right_head:
            if j >= toks.n or (lower[j] in words) == negated:
                return None
            j += 1
        j = i - 1
        for words, negated in rule.left_head:
            if j < 0 or (lower[j] in words) == negated:
                return None
            j -= 1
    else:
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
