"""The coach endpoint's wiring, checked with a stand-in coach (the real one has its own tests)."""

from __future__ import annotations

import pytest

coach = pytest.importorskip("amends.coach", reason="the coach package is not importable yet")


class _Result:
    def to_dict(self):
        return {"kind": "apology", "findings": []}


def test_it_passes_kind_and_text_to_the_coach(alice, api, monkeypatch):
    seen = {}

    def fake_analyze(text, kind="apology", **_):
        seen.update(text=text, kind=kind)
        return _Result()

    monkeypatch.setattr(coach, "analyze", fake_analyze)
    response = api(alice).post("/coach", {"kind": "apology", "text": "I'm sorry."})
    assert response.status_code == 200
    assert response.json() == {"kind": "apology", "findings": []}
    assert seen == {"text": "I'm sorry.", "kind": "apology"}


def test_it_turns_coach_input_errors_into_400(alice, api, monkeypatch):
    def fake_analyze(text, kind="apology", **_):
        raise coach.CoachInputError("Please write something first.")

    monkeypatch.setattr(coach, "analyze", fake_analyze)
    response = api(alice).post("/coach", {"kind": "apology", "text": " "})
    assert response.status_code == 400
    assert response.json() == {"detail": "Please write something first."}
