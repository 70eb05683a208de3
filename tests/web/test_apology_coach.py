"""The composer's live coaching shows exactly what the coach (and `amends coach`) reports,
safety resources come before any coaching, and the person's text is escaped."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from amends.coach import analyze

SEED = Path(__file__).resolve().parents[1] / "corpus" / "seed.jsonl"
SEED_EXAMPLES = [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line]


class _Panel(HTMLParser):
    """Collects what the coaching panel shows: findings' rules, marks and parts."""

    def __init__(self) -> None:
        super().__init__()
        self.findings: list[str] = []
        self.marks: list[str] = []
        self.parts: dict[str, bool] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "li" and "finding" in classes:
            self.findings.append(attrs["data-rule"])
        if tag == "mark":
            self.marks.append(attrs["data-rule"])
        if tag == "li" and "part" in classes:
            self.parts[attrs["data-part"]] = "present" in classes


def _panel(client, repair_id: int, text: str, kind: str = "apology") -> tuple[_Panel, str]:
    response = client.post(
        f"/spaces/{repair_id}/coach/",
        {"text": text, "kind": kind, "field": "text"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    panel = _Panel()
    panel.feed(html)
    return panel, html


@pytest.mark.parametrize("example", SEED_EXAMPLES, ids=[e["id"] for e in SEED_EXAMPLES])
def test_the_composer_shows_what_the_coach_reports_for_every_seed_example(
    example, space, alice, login
):
    kind = example["kind"]
    result = analyze(example["text"], kind).to_dict()
    panel, _html = _panel(login(alice), space.repair.pk, example["text"], kind)
    assert panel.findings == [f["rule"] for f in result["findings"]]
    assert panel.parts == result["parts"]
    # Every finding's span is marked (overlapping spans share one mark).
    assert set(panel.marks) <= {f["rule"] for f in result["findings"]}
    assert bool(panel.marks) == bool(result["findings"])


def test_the_composer_page_itself_coaches_a_draft_without_javascript(space, alice, login):
    text = "I'm sorry I yelled, but you were pushing my buttons"
    client = login(alice)
    response = client.post(
        f"/spaces/{space.repair.pk}/apologies/new/", {"text": text, "action": "check"}
    )
    assert response.status_code == 200
    panel = _Panel()
    panel.feed(response.content.decode())
    assert panel.findings == [f.rule for f in analyze(text).findings]
    assert "you were pushing my buttons</textarea>" in response.content.decode()


def test_safety_resources_come_before_any_coaching(space, alice, login):
    text = "I'm sorry I hit you. You just wouldn't stop screaming at me."
    assert "violence" in analyze(text).safety
    _panel_, html = _panel(login(alice), space.repair.pk, text)
    assert "safety-resources" in html and "1-800-799-7233" in html
    assert html.index("safety-resources") < html.index('class="coaching"')
    assert "you are safe" not in html.lower()


def test_self_harm_shows_resources_instead_of_coaching(space, alice, login):
    text = "I'm sorry. Sometimes I think everyone would be better off if I killed myself."
    assert "self-harm" in analyze(text).safety
    _panel_, html = _panel(login(alice), space.repair.pk, text)
    assert "988" in html
    assert 'class="coaching"' not in html
    assert "you are safe" not in html.lower()


def test_the_text_is_escaped_in_the_marked_copy(space, alice, login):
    text = "I'm sorry <script>alert(1)</script> about last night"
    _panel_, html = _panel(login(alice), space.repair.pk, text)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_empty_and_overlong_text_get_a_calm_note(space, alice, login):
    client = login(alice)
    _p, html = _panel(client, space.repair.pk, "   ")
    assert "As you write" in html
    _p, html = _panel(client, space.repair.pk, "sorry " * 5000)
    assert "shorter" in html


def test_the_live_coach_refuses_unknown_fields_and_kinds(space, alice, login):
    client = login(alice)
    url = f"/spaces/{space.repair.pk}/coach/"
    assert client.post(url, {"field": "password", "kind": "apology"}).status_code == 404
    assert client.post(url, {"field": "text", "kind": "nonsense"}).status_code == 404


def test_markup_right_next_to_a_flagged_span_is_escaped(space, alice, login):
    text = "I'm sorry if <b>you</b> were hurt."
    _panel_, html = _panel(login(alice), space.repair.pk, text)
    assert "<b>you</b>" not in html
    assert "&lt;b&gt;" in html
    assert "<mark" in html
