from pathlib import Path

from amends.coach.docs import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "coach-rules.md"


def test_the_rules_page_is_generated_from_the_current_data():
    assert DOC.read_text(encoding="utf8") == render(), (
        "docs/coach-rules.md is stale: run `uv run python -m amends.coach.docs > "
        "docs/coach-rules.md`")
