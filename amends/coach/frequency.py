"""Word frequencies that let the matcher anchor each pattern on its rarest word.

The numbers come from spaCy's English lexeme probabilities (spacy-lookups-data), raised
to how often each word occurs in the rules' own example messages where that is higher
("sorry" and "I" are rare in general English and in nearly every apology), cut down to
the words the rules use and shipped as data/word_frequency.json, so loading the coach
doesn't read a million-entry table. Regenerate after changing rule data:

    uv run python -m amends.coach.frequency

A word missing from the file counts as rare, so a stale file only makes matching a
little slower, never wrong.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from functools import cache
from importlib import resources

from .catalog import DATA, inflection_table, load_catalog
from .patterns import PatternCompiler

FILE = DATA / "word_frequency.json"


@cache
def word_frequency() -> dict[str, float]:
    try:
        return json.loads(FILE.read_text(encoding="utf8"))
    except FileNotFoundError:
        return {}


def pattern_words() -> set[str]:
    catalog = load_catalog()
    compiler = PatternCompiler(catalog.lexicon, inflection_table())
    words: set[str] = set()
    for entry in (*catalog.rules, *catalog.parts, *catalog.safety):
        for source in (*entry.patterns, *entry.unless, *entry.unless_sentence):
            for compiled in compiler.compile_all(source):
                for token in compiled.tokens:
                    lower = token.get("LOWER")
                    if isinstance(lower, dict):
                        words.update(lower.get("IN", ()))
                    elif isinstance(lower, str):
                        words.add(lower)
    return words


def example_frequency() -> dict[str, float]:
    """Each word's share of the tokens in the catalog's example messages."""
    import spacy

    catalog = load_catalog()
    tokenizer = spacy.blank("en").tokenizer
    counts: Counter[str] = Counter()
    for entry in (*catalog.rules, *catalog.parts, *catalog.safety):
        for example in (*entry.flag, *entry.passes):
            counts.update(t.lower_ for t in tokenizer(example.text))
    total = sum(counts.values()) or 1
    return {w: n / total for w, n in counts.items()}


def build() -> dict[str, float]:
    table = resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    with table.open("rb") as raw, gzip.open(raw, "rt", encoding="utf8") as fh:
        log_probs: dict[str, float] = json.load(fh)
    domain = example_frequency()
    out = {}
    for w in sorted(pattern_words()):
        general = math.exp(log_probs[w]) if w in log_probs else 0.0
        freq = max(general, domain.get(w, 0.0))
        if freq:
            out[w] = float(f"{freq:.3g}")
    return out


if __name__ == "__main__":
    FILE.write_text(json.dumps(build(), indent=0, sort_keys=True) + "\n", encoding="utf8")
    print(f"wrote {FILE}")
