"""Every rule, part and safety flag carries examples; run them all (LanguageTool-style)."""

import pytest

from amends.coach import KINDS, PARTS_BY_KIND, SAFETY_FLAGS, analyze
from amends.coach.catalog import load_catalog

from .examples import example_failures

CATALOG = load_catalog()
ENTRIES = [*CATALOG.rules, *CATALOG.parts, *CATALOG.safety]

COACH_MD_RULES = {
    "sorry-if": "warning", "sorry-you-feel": "warning", "but-excuse": "warning",
    "excuse": "warning", "blame-shift": "warning", "minimizing": "warning",
    "vague": "warning", "passive-voice": "warning", "denial": "warning",
    "self-focus": "warning", "pressure-to-forgive": "warning",
    "already-apologized": "warning", "intent-defense": "hint",
    "forgiveness-request": "hint", "grand-vow": "warning", "vague-promise": "warning",
    "hedged-commitment": "hint",
}


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.family}:{e.id}")
def test_each_entry_has_examples_both_ways(entry):
    assert entry.flag, f"{entry.id} has no example that must fire"
    assert entry.passes, f"{entry.id} has no example that must not fire"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.family}:{e.id}")
def test_its_examples_behave(entry):
    assert example_failures(entry) == []


def test_the_catalog_has_every_rule_of_the_contract_with_its_level():
    assert {r.id: r.level for r in CATALOG.rules} == COACH_MD_RULES


def test_promise_only_rules_run_on_promises_only():
    for rule_id in ("grand-vow", "vague-promise"):
        assert CATALOG.rule(rule_id).kinds == ("promise",)
    assert "grand-vow" not in {f.rule for f in analyze("I'll never lie to you again.").findings}
    as_promise = analyze("I'll never lie to you again.", "promise")
    assert "grand-vow" in {f.rule for f in as_promise.findings}


def test_every_part_and_flag_is_defined():
    assert {p.id for p in CATALOG.parts} == {p for ps in PARTS_BY_KIND.values() for p in ps}
    assert {f.id for f in CATALOG.safety} == set(SAFETY_FLAGS)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_reports_exactly_its_parts(kind):
    assert tuple(analyze("I'm sorry I lied.", kind).parts) == PARTS_BY_KIND[kind]


def test_every_rule_explains_itself():
    for rule in CATALOG.rules:
        assert rule.message and rule.why and rule.source, rule.id


@pytest.mark.parametrize("text", [
    "I've been self-harming again.",  # a hyphenated word in a group
    "I self-harm when it gets bad.",
])
def test_hyphenated_pattern_words_match_spacys_split_tokens(text):
    # spaCy splits "self-harm" into self, -, harm; a pattern word with a hyphen must too
    assert "self-harm" in analyze(text, "message").safety


def test_a_hyphenated_choice_inside_one_token_becomes_a_group():
    from amends.coach.catalog import inflection_table, load_catalog
    from amends.coach.patterns import PatternCompiler

    compiler = PatternCompiler(load_catalog().lexicon, inflection_table())
    variants = {" ".join(v) for v in compiler.expand("busy|full-on week")}
    assert variants == {"busy week", "full - on week"}


def test_a_single_quoted_phrase_may_contain_an_apostrophe():
    # quoting what you said earlier is not saying it again
    text = "Earlier I told you 'it's no big deal' about the anniversary. I was wrong."
    assert not [f for f in analyze(text).findings if f.rule == "minimizing"]
    assert [f.rule for f in analyze("Honestly, it's no big deal.").findings] == ["minimizing"]


def test_the_end_of_the_text_counts_as_the_end_of_a_sentence():
    # "when I said that" with nothing after it names no act, as it would before a full stop
    for text in ("I'm sorry you felt hurt when I said that",
                 "I'm sorry you felt hurt when I said that."):
        result = analyze(text)
        assert "vague" in [f.rule for f in result.findings], text
        assert all(0 <= f.start < f.end <= len(text) for f in result.findings)
    said = "I'm sorry, I said sorry"  # a pattern ending in a full stop reaches the end too
    assert "already-apologized" in [f.rule for f in analyze(said, "reply").findings]
    assert all(f.end <= len(said) for f in analyze(said, "reply").findings)
