"""Bad input gets a clear error; any text gets a well-formed analysis."""

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amends.coach import MAX_CHARS, CoachInputError, analyze


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_it_refuses_empty_text(text):
    with pytest.raises(CoachInputError, match="empty"):
        analyze(text)


def test_it_refuses_text_over_the_limit_and_says_the_limit():
    with pytest.raises(CoachInputError, match="20,000"):
        analyze("a" * (MAX_CHARS + 1))


def test_it_accepts_text_at_the_limit():
    text = ("I'm sorry I lied about the money. " * 700)[:MAX_CHARS]
    result = analyze(text)
    assert result.parts["regret"] is True


def test_it_refuses_an_unknown_kind_and_lists_the_kinds():
    with pytest.raises(CoachInputError, match="apology, reply, promise, message"):
        analyze("I'm sorry.", "letter")


def test_offsets_point_into_the_text_as_given_with_curly_quotes():
    text = "I\u2019m so sorry you\u2019re upset, but you started it."
    result = analyze(text)
    for f in result.findings:
        assert text[f.start:f.end] == f.excerpt
    assert {"sorry-you-feel", "but-excuse", "blame-shift"} <= {f.rule for f in result.findings}


def test_quoted_speech_is_not_the_speakers_own_words():
    result = analyze('You said "it was just a joke" and you were right to be angry.', "reply")
    assert "minimizing" not in {f.rule for f in result.findings}


def test_negation_cancels_an_excuse():
    result = analyze("I'm not making excuses: I was wrong.")
    assert "excuse" not in {f.rule for f in result.findings}


def test_the_coach_never_imports_django():
    code = ("import sys; from amends.coach import analyze; analyze('I am sorry.'); "
            "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) "
            "else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


adversarial = st.lists(
    st.sampled_from(["sorry", "but", "if", "you", "I", "never", "'", '"', "not", "just",
                     "a", "joke", ".", ",", "?", "!", "kill", "myself", "hit", "me", "\u2019",
                     "\n", "were", "made", "mistakes", "always", "every", "Friday", "   "]),
    max_size=400,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=600), adversarial),
       st.sampled_from(["apology", "reply", "promise", "message"]))
def test_any_text_yields_a_well_formed_analysis(text, kind):
    if not text.strip():
        with pytest.raises(CoachInputError):
            analyze(text, kind)
        return
    result = analyze(text, kind).to_dict()
    assert result["kind"] == kind
    for f in result["findings"]:
        assert 0 <= f["start"] < f["end"] <= len(text)
        assert text[f["start"]:f["end"]] == f["excerpt"]
        assert f["level"] in ("warning", "hint")
    assert set(result["safety"]) <= {"self-harm", "violence", "control"}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 10)), max_size=12),
       st.integers(0, 30), st.integers(1, 10))
def test_span_lookups_agree_with_checking_every_span(raw, start, length):
    from amends.coach.engine import _Spans

    spans = [(s, s + n) for s, n in raw]
    end = start + length
    index = _Spans(spans)
    assert index.overlaps(start, end) == any(s < end and start < e for s, e in spans)
    assert index.contains(start, end) == any(s <= start and end <= e for s, e in spans)


def test_remembered_contexts_give_the_same_results_as_fresh_matching():
    from amends.coach import get_coach

    from .examples import load_corpus

    matcher = get_coach().compiled.matcher
    rows = load_corpus()
    warm = [analyze(r["text"], r["kind"]).to_dict() for r in rows]  # fills the cache
    warm_again = [analyze(r["text"], r["kind"]).to_dict() for r in rows]  # all remembered
    fresh = []
    for r in rows:
        matcher._context_cache.clear()
        matcher._rule_cache.clear()
        fresh.append(analyze(r["text"], r["kind"]).to_dict())
    assert warm == warm_again == fresh


def test_the_context_cache_stays_bounded(monkeypatch):
    from amends.coach import get_coach, matcher

    monkeypatch.setattr(matcher, "_CONTEXT_CACHE_MAX", 5)
    caches = get_coach().compiled.matcher._context_cache, get_coach().compiled.matcher._rule_cache
    for cache in caches:
        cache.clear()
    for n in range(40):
        analyze(f"I'm sorry I missed call number {n}, I know you were upset about it.")
        assert all(len(cache) <= 5 for cache in caches)
    assert all(caches)


def test_the_loaded_coach_is_kept_out_of_the_garbage_collectors_walks():
    import gc

    from amends.coach import get_coach

    get_coach()
    # its objects are frozen, so full collections (first passes allocate a lot) stay cheap
    assert gc.get_freeze_count() > 100_000
