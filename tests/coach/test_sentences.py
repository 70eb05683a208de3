"""The coach applies spaCy's Sentencizer rule to its token arrays; it must agree with the pipe."""

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from amends.coach import get_coach
from amends.coach.matcher import Tokens

from .examples import load_corpus

NLP = spacy.blank("en")
NLP.add_pipe("sentencizer")


def _both(text):
    coach = get_coach()
    ours = Tokens(coach.tokenizer(text), coach.sentence_punct).sent_start
    theirs = [bool(t.is_sent_start) for t in NLP(text)]
    return ours, theirs


def test_sentence_starts_match_spacys_sentencizer_on_the_corpus():
    for row in load_corpus():
        ours, theirs = _both(row["text"])
        assert ours == theirs, row["text"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["I", "lied", ".", "!", "?", "...", "!?", '"', ")", "(",
                                 "sorry", "but", "\u3002", "\n", ",", "ok"]), max_size=40)
       .map(" ".join))
def test_sentence_starts_match_on_punctuation_runs(text):
    ours, theirs = _both(text)
    assert ours == theirs
