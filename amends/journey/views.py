"""The guided path: teaching pages (open to anyone), and each person's view of their own
journey in a space (members only). Interfaces only: they call selectors and render."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from amends.apology import selectors as apology_selectors
from amends.apology.coaching import coach
from amends.apology.forms import coached_textarea
from amends.journey.content import STAGES, STAGES_BY_SLUG, feelings_matching
from amends.repairs.selectors import membership_get, memberships_for_user
from amends.web.forms import Form


def _tools_for(stage, memberships) -> list[dict]:
    """Links to this stage's tools in each of the person's spaces, where their role fits."""
    links = []
    for membership in memberships:
        for tool in stage.tools:
            if tool.url_name and membership.role in tool.roles:
                links.append(
                    {
                        "label": tool.label,
                        "space": membership.repair.title,
                        "url": reverse(tool.url_name, kwargs={"repair_id": membership.repair_id}),
                    }
                )
    return links


def guide(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/guide.html", {"stages": STAGES})


def stage(request: HttpRequest, slug: str) -> HttpResponse:
    current = STAGES_BY_SLUG.get(slug)
    if current is None:
        raise Http404
    index = STAGES.index(current)
    return render(
        request,
        f"journey/stages/{slug}.html",
        {
            "stage": current,
            "stages": STAGES,
            "previous": STAGES[index - 1] if index else None,
            "next": STAGES[index + 1] if index + 1 < len(STAGES) else None,
            "tool_links": _tools_for(current, memberships_for_user(user=request.user)),
        },
    )


def faq(request: HttpRequest) -> HttpResponse:
    return render(request, "journey/faq.html")


def listening(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "journey/listening.html",
        {"memberships": [m for m in memberships_for_user(user=request.user) if m.role == "mender"]},
    )


def feelings(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:60]
    found = feelings_matching(query)
    template = "journey/_feelings_results.html" if request.htmx else "journey/feelings.html"
    return render(request, template, {"query": query, "feelings": found})


@login_required
def space_journey(request: HttpRequest, repair_id: int) -> HttpResponse:
    progress = apology_selectors.journey_progress(user=request.user, repair_id=repair_id)
    stages = [{"stage": s, "tools": _tools_for(s, [progress.membership])} for s in STAGES]
    return render(
        request,
        "journey/space.html",
        {
            "progress": progress,
            "repair": progress.repair,
            "membership": progress.membership,
            "stages": stages,
        },
    )


class ReplyForm(Form):
    reply = forms.CharField(
        max_length=20_000,
        label="What you might say back",
        help_text="Practice only: nothing here is saved or sent.",
    )

    def __init__(self, *args, coach_url: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reply"].widget = coached_textarea(
            coach_url=coach_url, kind="reply", field="reply", rows=5
        )


@login_required
@require_http_methods(["GET", "POST"])
def reply_coach(request: HttpRequest, repair_id: int) -> HttpResponse:
    """A practice pad for answering when the hurt comes up again. Nothing is stored."""
    membership = membership_get(user=request.user, repair_id=repair_id)
    coach_url = reverse("apology:coach", kwargs={"repair_id": repair_id})
    form = ReplyForm(request.POST or None, coach_url=coach_url)
    coaching = coach("", "reply")
    if request.method == "POST" and form.is_valid():
        coaching = coach(form.cleaned_data["reply"], "reply")
    return render(
        request,
        "journey/reply.html",
        {
            "form": form,
            "coaching": coaching,
            "repair": membership.repair,
            "membership": membership,
        },
    )
