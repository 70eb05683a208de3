"""Scores the coach on the labelled development corpus and fails under set floors."""

from pathlib import Path

import pytest

from amends.coach import analyze

from .examples import load_corpus, report, score

CLEAN = Path(__file__).with_name("clean.txt")

# Floors a little below the measured values on all seven files (all were used to tune
# the rules, so unseen text scores lower: each blind file's first measurement is in
# tests/corpus/README.md). They guard against regressions; they went down by a point
# or so when the harder blind5/blind6 files were added.
FLOORS = {
    "recall": 0.91,
    "false_alarm_rate": 0.04,  # at most
    "parts_accuracy": 0.935,
    "safety_recall": 0.95,
}
RULE_PRECISION_FLOOR = 0.8
RULE_RECALL_FLOOR = 0.8


@pytest.fixture(scope="module")
def metrics():
    result = score(load_corpus())
    print("\n" + report(result))
    return result


def test_findings_are_found(metrics):
    assert metrics["recall"] >= FLOORS["recall"]


def test_few_false_alarms(metrics):
    assert metrics["false_alarm_rate"] <= FLOORS["false_alarm_rate"]


def test_parts_are_right(metrics):
    assert metrics["parts_accuracy"] >= FLOORS["parts_accuracy"]


def test_safety_flags_are_found_and_not_invented(metrics):
    assert metrics["safety_recall"] >= FLOORS["safety_recall"]
    assert metrics["safety_false"] <= 1


def test_each_rule_meets_its_floor(metrics):
    weak = {rule: m for rule, m in metrics["rules"].items()
            if m["precision"] < RULE_PRECISION_FLOOR or m["recall"] < RULE_RECALL_FLOOR}
    assert weak == {}


def _clean_lines():
    for line in CLEAN.read_text(encoding="utf8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _, text = line.partition("\t") if "\t" in line else ("apology", "", line)
            yield kind, text


@pytest.mark.parametrize("kind,text", list(_clean_lines()))
def test_clean_messages_raise_no_warning(kind, text):
    result = analyze(text, kind)
    assert [f.rule for f in result.warnings] == []
    assert result.safety == ()


def test_the_seed_examples_show_their_flaws_and_strengths():
    seed = {row["text"]: row for row in load_corpus("seed.jsonl")}
    good = seed["I'm sorry I lied about where I was. I know that broke your trust and made "
                "you feel disrespected."]
    result = analyze(good["text"])
    assert result.warnings == ()
    assert result.parts == {"regret": True, "specific": True, "ownership": True,
                            "feelings": True, "change": False}
    bad = analyze("I'm sorry you feel that way, but you were pushing my buttons.")
    assert {"sorry-you-feel", "but-excuse", "blame-shift"} <= {f.rule for f in bad.findings}


def test_corpus_files_follow_the_labelling_conventions():
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "corpus" / "validate.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
