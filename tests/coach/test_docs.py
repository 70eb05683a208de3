from pathlib import Path

from amends.coach.docs import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "coach-rules.md"


def test_the_rules_page_is_generated_from_the_current_data():
    assert DOC.read_text(encoding="utf8") == render(), (
        "docs/coach-rules.md is stale: run `uv run python -m amends.coach.docs > "
        "docs/coach-rules.md`")


def test_the_word_frequency_table_covers_the_current_rules():
    from amends.coach.frequency import build, word_frequency

    assert word_frequency() == build(), (
        "amends/coach/data/word_frequency.json is stale: run "
        "`uv run python -m amends.coach.frequency`")
