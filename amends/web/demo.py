"""The demo: a mender and a hurt person a few weeks into a repair, clearly labelled as made up."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from amends.repairs import services
from amends.repairs.models import Invitation, Membership, Repair, Story, Visibility

DEMO_TITLE = "DEMO: after the missed anniversary dinner"
MENDER = "demo-alice"
HURT = "demo-bob"


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str


@transaction.atomic
def load_demo() -> list[DemoLogin]:
    """(Re)create the demo people and their space. Returns their logins."""
    user_model = get_user_model()
    logins = []
    users = {}
    for role, username in (("mender", MENDER), ("hurt person", HURT)):
        password = "demo-" + secrets.token_urlsafe(9)
        user, _created = user_model.objects.get_or_create(
            username=username, defaults={"first_name": "Demo"}
        )
        user.set_password(password)
        user.save()
        users[role] = user
        logins.append(DemoLogin(role=role, username=username, password=password))

    alice, bob = users["mender"], users["hurt person"]
    Repair.objects.filter(title=DEMO_TITLE, memberships__user=alice).delete()

    now = timezone.now()
    three_weeks_ago = now - timedelta(days=21)
    repair = services.repair_create(
        mender=alice,
        title=DEMO_TITLE,
        what_happened=(
            "I forgot our anniversary dinner and then told Bob it didn't matter much. "
            "It did. He had planned it for weeks, and I made him feel like an afterthought."
        ),
    )
    invitation, _code = services.invitation_create(
        repair=repair,
        inviter=alice,
        role="hurt",
        message="I would like to show you, over time, that I'm taking this seriously. "
        "Only if and when you want to.",
    )
    services.invitation_accept(invitation=invitation, user=bob)
    bob_story = services.story_create(
        repair=repair,
        author=bob,
        text="It wasn't the dinner. It was hearing that it didn't matter.",
        visibility=Visibility.SHARED,
    )
    alice_shared = services.story_create(
        repair=repair,
        author=alice,
        text="I missed the dinner we planned and then brushed it off. "
        "That told you your effort didn't count. I'm sorry.",
        visibility=Visibility.SHARED,
    )

    # Spread the history over three weeks.
    Repair.objects.filter(pk=repair.pk).update(created_at=three_weeks_ago)
    Membership.objects.filter(repair=repair, user=alice).update(joined_at=three_weeks_ago)
    joined = three_weeks_ago + timedelta(days=6)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=three_weeks_ago + timedelta(days=2), accepted_at=joined
    )
    Membership.objects.filter(repair=repair, user=bob).update(joined_at=joined)
    Story.objects.filter(repair=repair, author=alice, visibility=Visibility.PRIVATE).update(
        created_at=three_weeks_ago
    )
    Story.objects.filter(pk=alice_shared.pk).update(created_at=joined + timedelta(days=2))
    Story.objects.filter(pk=bob_story.pk).update(created_at=joined + timedelta(days=5))
    return logins
