"""Amends' message coach: what undermines an apology, and which parts a sincere one has.

    >>> from amends.coach import analyze
    >>> analyze("I'm sorry you feel that way.").to_dict()["findings"][0]["rule"]
    'sorry-you-feel'

Pure Python on spaCy; never imports Django. See docs/coach-rules.md for the rules.
"""

from __future__ import annotations

import gc
import threading
from typing import Any

from .result import (
    KINDS,
    MAX_CHARS,
    PARTS_BY_KIND,
    SAFETY_FLAGS,
    Analysis,
    CoachInputError,
    Finding,
    check_input,
)

__all__ = [
    "KINDS", "MAX_CHARS", "PARTS_BY_KIND", "SAFETY_FLAGS", "Analysis", "CoachInputError",
    "Finding", "analyze", "check_input", "get_coach", "resources",
]

_coach = None
_coach_lock = threading.Lock()


def get_coach():
    """The process-wide coach, built on first use (about half a second)."""
    global _coach
    if _coach is None:
        with _coach_lock:
            if _coach is None:
                from .engine import Coach

                _coach = Coach()
                # The coach is about a million long-lived objects (the compiled rules).
                # Left in the collector's generations, every full collection walks them
                # all: a first pass over new messages ran four times slower. Frozen,
                # they are never walked again (they live as long as the process anyway).
                gc.collect()
                gc.freeze()
    return _coach


def analyze(text: str, kind: str = "apology", *, id: Any = None) -> Analysis:
    """Analyse one message. Raises CoachInputError for empty, over-long or unknown kind."""
    return get_coach().analyze(text, kind, id=id)


def resources() -> tuple[dict, ...]:
    """Crisis and violence resources shown before any coaching when a safety flag fires."""
    from .catalog import load_catalog

    return load_catalog().resources
