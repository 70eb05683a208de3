"""The journey's stages and the feelings list: fixed teaching content, in our own words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tool:
    label: str
    url_name: str | None = None  # a page inside a space; None: the tool is still to come
    roles: tuple[str, ...] = ("mender",)


@dataclass(frozen=True)
class Stage:
    slug: str
    title: str
    summary: str
    tools: tuple[Tool, ...]
    coming: str = ""  # what is still to come, said plainly


STAGES: tuple[Stage, ...] = (
    Stage(
        "understand",
        "Understand what repair is",
        "Rebuilding trust is building something new, not covering a crack.",
        (Tool("Write down what happened", "repairs:detail", ("mender", "hurt")),),
    ),
    Stage(
        "first-steps",
        "First steps",
        "Name the specific harm, own it without excuses, and give them room.",
        (Tool("Acknowledge the harm (a private worksheet)", "apology:worksheet"),),
    ),
    Stage(
        "say-sorry",
        "Say sorry, then listen",
        "An apology that is specific, owned, sees their feelings and commits to change.",
        (
            Tool("Write your apology, with the coach", "apology:new"),
            Tool("Apologies shared here", "apology:list", ("mender", "hurt")),
            Tool("Practise a listening reply", "journey:reply"),
        ),
    ),
    Stage(
        "act",
        "Let actions do the talking",
        "Small promises kept, real changes, their boundaries respected, nothing hidden.",
        (),
        coming="Promises with a track record the other person confirms, boundaries and "
        "transparency notes are being built. They are not in Amends yet.",
    ),
    Stage(
        "be-patient",
        "Be patient",
        "There is no timeline. Progress shows in small ways; setbacks are part of it.",
        (),
        coming="Check-ins, where each of you can note signs of progress and setbacks, are "
        "being built. They are not in Amends yet.",
    ),
    Stage(
        "not-ready",
        "When they are not ready",
        "Forgiveness is theirs to give or not. Look after your own feelings meanwhile.",
        (Tool("Their answers to your apologies", "apology:list", ("mender", "hurt")),),
        coming="A private journal for your own feelings is being built. It is not in Amends yet.",
    ),
    Stage(
        "keep-trust",
        "Keep the trust you rebuild",
        "New habits, honest check-ins, and learning what led you here.",
        (),
        coming="Regular check-ins are being built. They are not in Amends yet.",
    ),
)
STAGES_BY_SLUG = {s.slug: s for s in STAGES}


@dataclass(frozen=True)
class Feeling:
    word: str
    family: str


def _family(family: str, words: str) -> list[Feeling]:
    return [Feeling(w.strip(), family) for w in words.split(",")]


#: Feeling words, grouped. Gottman's "Aftermath of a Fight" exercise starts with each person
#: naming their feelings from a list like this; these are our own groupings.
FEELINGS: tuple[Feeling, ...] = tuple(
    _family(
        "hurt",
        "hurt, wounded, betrayed, let down, disrespected, humiliated, "
        "taken for granted, unappreciated, not cared about, unloved",
    )
    + _family(
        "angry",
        "angry, furious, resentful, frustrated, irritated, indignant, "
        "bitter, fed up, unfairly treated",
    )
    + _family(
        "afraid",
        "afraid, scared, unsafe, anxious, worried, tense, on edge, insecure, suspicious, panicked",
    )
    + _family(
        "sad", "sad, grieving, disappointed, heartbroken, hopeless, discouraged, empty, tired"
    )
    + _family(
        "alone",
        "lonely, alone, shut out, misunderstood, unheard, invisible, "
        "disconnected, distant, abandoned",
    )
    + _family(
        "overwhelmed",
        "overwhelmed, flooded, confused, numb, stuck, powerless, "
        "out of control, drained, I don't know what I feel",
    )
    + _family(
        "ashamed", "ashamed, guilty, embarrassed, regretful, exposed, stupid, defensive, criticized"
    )
    + _family("unsure", "unsure, torn, ambivalent, cautious, doubtful, wary, not ready")
    + _family(
        "tender",
        "hopeful, relieved, calmer, touched, grateful, heard, tender, willing, a little closer",
    )
)


def feelings_matching(query: str) -> list[Feeling]:
    query = (query or "").strip().lower()
    if not query:
        return list(FEELINGS)
    return [f for f in FEELINGS if query in f.word.lower() or query in f.family]
