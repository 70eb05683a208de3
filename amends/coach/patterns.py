"""A small pattern language for the coach's rules, compiled to spaCy Matcher patterns.

Rules are data (TOML); writing raw Matcher dictionaries there would bury their meaning,
so each pattern is a line of whitespace-separated terms:

    word          the token's lower-case text (contractions and British spellings
                  are expanded: ``am`` also matches "'m", ``apologize`` "apologise")
    a|b|c         any of these words
    ~lie          any inflection of the lemma (from spaCy's English lookup lemmas)
    @name         any word of the lexicon list ``name``; ``~@name`` inflects them
    !a|b          any token except these words (also ``!@name``)
    /regex/       the lower-case text matches the regular expression
    $NUM $PUNCT   number-like / punctuation token
    ^word         the word opening a sentence (``^`` works before any word term)
    _             any token of the same sentence (``_?`` or bounded ``_{0,6}`` only)
    [ ... ]       the part of the match to report (the whole match when absent)
    ( a b | c )   a group of alternatives, each one or more terms; ``( ... )?`` is optional.
                  A pattern with groups stands for every combination of their choices.

A term may end with a quantifier: ``?`` (optional), ``{m,n}`` (between m and n), or
``+``/``*`` for words (never for ``_``: unbounded wildcards could make matching slow).
``\\?`` is a literal question mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

# Forms that the tokenizer produces for common contractions, written with or
# without apostrophes ("I'm", "im"). Keys are the full words a rule writer uses.
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "am": ("'m", "m"),
    "are": ("'re", "re"),
    "is": ("'s",),
    "has": ("'s",),
    "have": ("'ve", "ve"),
    "will": ("'ll", "ll", "wo"),
    "would": ("'d", "d"),
    "had": ("'d", "d"),
    "not": ("n't", "nt"),
    "going": ("gon",),
    "to": ("na",),
    "can": ("ca",),
    "you": ("u", "ya", "y'"),
    "your": ("ur", "yr"),
    "because": ("cause", "'cause", "cuz", "bc", "coz"),
    "okay": ("ok", "alright"),
}

_QUANT = re.compile(r"^(?P<base>.+?)(?P<q>\?|\+|\*|\{\d+,\d+\})?$")
_BRITISH = [
    (re.compile(r"iz(e|es|ed|ing|ation|ations)$"), r"is\1"),
    (re.compile(r"yz(e|es|ed|ing)$"), r"ys\1"),
    (re.compile(r"([^o])or$"), r"\1our"),
    (re.compile(r"([^o])ors$"), r"\1ours"),
    (re.compile(r"avior(s|al)?$"), r"aviour\1"),
]


class PatternError(ValueError):
    """A rule's pattern cannot be compiled; the message names the pattern and term."""


@dataclass(frozen=True)
class CompiledPattern:
    source: str
    tokens: list[dict[str, Any]]
    mark_start: int  # index of the first reported pattern token
    mark_end: int  # index after the last reported pattern token


_HYPHENATED = re.compile(r"^[a-z]+(?:-[a-z]+)+$")


@cache
def spelling_variants(word: str) -> frozenset[str]:
    forms = {word}
    forms.update(CONTRACTIONS.get(word, ()))
    for pattern, repl in _BRITISH:
        british = pattern.sub(repl, word)
        if british != word:
            forms.add(british)
    return frozenset(forms)


# Words so frequent that anchoring a pattern on them would not skip any work.
COMMON_WORDS = frozenset("""
i me my you your u ur it its that this the a an and but or so to of in on at for with
is 's are 're am 'm m was were be been being have 've ve has had 'd d do does did not n't nt
will 'll ll would can ca could should we us our he she they them his her him their . , ! ?
just so really very what how when if then there here no yes all about up out from by as
""".split())



def _merge_single_words(options: list[list[str]]) -> list[list[str]]:
    """( a | b | c d ) -> ( a|b | c d ): one-word plain alternatives share one token."""
    plain = [o[0] for o in options if len(o) == 1 and _is_plain_word(o[0])]
    if len(plain) < 2:
        return options
    rest = [o for o in options if not (len(o) == 1 and _is_plain_word(o[0]))]
    return [["|".join(plain)], *rest]


def _is_plain_word(term: str) -> bool:
    return bool(term) and term[0] not in "~!^/$_[]\\" and not _QUANT.match(term).group("q")


class PatternCompiler:
    def __init__(self, lexicon: dict[str, list[str]], inflections: dict[str, set[str]]):
        self.lexicon = lexicon
        self.inflections = inflections

    # -- words -----------------------------------------------------------------
    def _words(self, spec: str, source: str, inflect: bool) -> set[str]:
        words: set[str] = set()
        for item in spec.split("|"):
            item_inflect = inflect
            if item.startswith("~"):
                item, item_inflect = item[1:], True
            if item.startswith("!"):
                item = item[1:]
            if not item:
                raise PatternError(f"empty alternative in {spec!r} of pattern {source!r}")
            if item.startswith("@"):
                name = item[1:]
                if name not in self.lexicon:
                    raise PatternError(f"unknown lexicon list @{name} in pattern {source!r}")
                base = set(self.lexicon[name])
            else:
                base = {item.lower()}
            for word in base:
                forms = {word}
                if item_inflect:
                    forms |= self.inflections.get(word, set())
                for form in forms:
                    words |= spelling_variants(form)
        return words

    # -- terms -----------------------------------------------------------------
    def _term(self, term: str, source: str) -> dict[str, Any]:
        if term == "\\?":
            return {"ORTH": "?"}
        if term == "!":
            return {"ORTH": "!"}
        m = _QUANT.match(term)
        assert m is not None
        base, quant = m.group("base"), m.group("q")
        if base.startswith("\\"):
            base = base[1:]
        token: dict[str, Any]
        if base == "_":
            if quant in ("+", "*"):
                raise PatternError(
                    f"unbounded wildcard {term!r} in pattern {source!r}: use _{{0,N}}"
                )
            if quant and quant.startswith("{") and int(quant[1:-1].split(",")[1]) > 16:
                raise PatternError(f"wildcard {term!r} spans too far in pattern {source!r}")
            token = {"IS_SENT_START": False}
        elif base == "$NUM":
            token = {"LIKE_NUM": True}
        elif base == "$PUNCT":
            token = {"IS_PUNCT": True}
        elif len(base) > 2 and base.startswith("/") and base.endswith("/"):
            try:
                re.compile(base[1:-1])
            except re.error as exc:
                raise PatternError(f"bad regex {base} in pattern {source!r}: {exc}") from exc
            token = {"LOWER": {"REGEX": base[1:-1]}}
        elif base.startswith("^") and len(base) > 1:
            token = self._term(base[1:] + (quant or ""), source)
            token["IS_SENT_START"] = True
            return token
        elif base.startswith("!"):
            inflect = base.startswith("!~")
            words = self._words(base[2:] if inflect else base[1:], source, inflect)
            token = {"LOWER": {"NOT_IN": sorted(words)}}
        else:
            inflect = base.startswith("~")
            words = self._words(base[1:] if inflect else base, source, inflect)
            token = {"LOWER": {"IN": sorted(words)}}
        if quant:
            token["OP"] = quant
        return token

    def expand(self, source: str) -> list[list[str]]:
        """Every term sequence a pattern with ( | ) groups stands for."""
        terms = []
        for term in source.split():
            # spaCy splits a hyphenated word ("self-harm" -> self, -, harm): so do we
            if _HYPHENATED.match(term):
                terms.extend(" - ".join(term.split("-")).split())
            elif "|" in term and term[0] not in "/!" and any(
                    _HYPHENATED.match(item.lstrip("~!")) for item in term.split("|")):
                # a one-token choice with a hyphenated word becomes a group
                options = []
                for item in term.split("|"):
                    prefix, word = item[: len(item) - len(item.lstrip("~!"))], item.lstrip("~!")
                    if _HYPHENATED.match(word):
                        *head, last = word.split("-")
                        options.append(" - ".join([*head, prefix + last]))
                    else:
                        options.append(item)
                terms.extend(["(", *" | ".join(options).split(), ")"])
            else:
                terms.append(term)
        pos = 0

        def seq(stop: set[str]) -> list[list[str]]:
            nonlocal pos
            results: list[list[str]] = [[]]
            while pos < len(terms) and terms[pos] not in stop:
                term = terms[pos]
                pos += 1
                if term == "(":
                    options: list[list[str]] = []
                    while True:
                        options.extend(seq({"|", ")", ")?"}))
                        if pos >= len(terms):
                            raise PatternError(f"unclosed '(' in pattern {source!r}")
                        closer = terms[pos]
                        pos += 1
                        if closer != "|":
                            break
                    options = _merge_single_words(options)
                    if closer == ")?":
                        options.append([])
                    results = [r + o for r in results for o in options]
                elif term in (")", ")?", "|"):
                    raise PatternError(f"unexpected {term!r} in pattern {source!r}")
                else:
                    is_regex = len(term) > 2 and term[0] == "/" and term.rstrip("?+*").endswith("/")
                    if ("(" in term or ")" in term) and not is_regex:
                        raise PatternError(
                            f"put spaces around parentheses: {term!r} in pattern {source!r}")
                    results = [r + [term] for r in results]
            return results

        out = seq(set())
        if pos != len(terms):
            raise PatternError(f"unexpected {terms[pos]!r} in pattern {source!r}")
        if len(out) > 256:
            raise PatternError(f"pattern {source!r} expands to {len(out)} variants (max 256)")
        return out

    def compile_all(self, source: str) -> list[CompiledPattern]:
        return [self.compile(" ".join(terms), source) for terms in self.expand(source)]

    def compile(self, text: str, source: str | None = None) -> CompiledPattern:
        source = source or text
        terms = text.split()
        tokens: list[dict[str, Any]] = []
        mark_start = mark_end = None
        for term in terms:
            if term == "[":
                if mark_start is not None:
                    raise PatternError(f"two '[' in pattern {source!r}")
                mark_start = len(tokens)
                continue
            if term == "]":
                if mark_start is None or mark_end is not None:
                    raise PatternError(f"unbalanced ']' in pattern {source!r}")
                mark_end = len(tokens)
                continue
            tokens.append(self._term(term, source))
        if not tokens:
            raise PatternError(f"empty pattern {source!r}")

        if (mark_start is None) != (mark_end is None):
            raise PatternError(f"unbalanced '[' in pattern {source!r}")
        if mark_start is None:
            mark_start, mark_end = 0, len(tokens)
        if mark_start == mark_end:
            raise PatternError(f"empty [ ] in pattern {source!r}")
        assert mark_end is not None
        return CompiledPattern(source, tokens, mark_start, mark_end)
