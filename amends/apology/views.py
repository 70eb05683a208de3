"""Apology journey pages. Interfaces only: parse, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from amends.apology import selectors, services
from amends.apology.coaching import PAGE_KINDS, coach
from amends.apology.forms import ApologyForm, ResponseForm, ShareForm, WorksheetForm
from amends.apology.models import Response
from amends.repairs.models import Role
from amends.repairs.selectors import membership_get
from amends.repairs.services import RepairRuleError
from amends.web.errors import add_validation_errors

#: Fields the live coach may be asked about, on any page of this app.
COACHED_FIELDS = ("text", "what_i_did", "how_it_felt", "what_i_own", "reply")


def _coach_url(repair_id: int) -> str:
    return reverse("apology:coach", kwargs={"repair_id": repair_id})


@login_required
@require_POST
def coach_fragment(request: HttpRequest, repair_id: int) -> HttpResponse:
    """The live coaching panel for one field: an HTML fragment for htmx."""
    membership_get(user=request.user, repair_id=repair_id)
    field = request.POST.get("field", "text")
    kind = request.POST.get("kind", "apology")
    if field not in COACHED_FIELDS or kind not in PAGE_KINDS:
        raise Http404
    return render(
        request,
        "apology/_coaching.html",
        {"coaching": coach(request.POST.get(field, ""), kind)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def worksheet(request: HttpRequest, repair_id: int) -> HttpResponse:
    membership = selectors.mender_membership_get(user=request.user, repair_id=repair_id)
    current = selectors.worksheet_for(membership=membership)
    initial = (
        {name: getattr(current, name) for name in services.WORKSHEET_FIELDS} if current else {}
    )
    form = WorksheetForm(request.POST or None, initial=initial, coach_url=_coach_url(repair_id))
    coachings = {}
    if request.method == "POST":
        # coach what was typed, valid or not, so the panel matches the text box
        coachings = {name: coach(form.data.get(name, ""), "message") for name in form.fields}
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") == "save":
            try:
                services.worksheet_save(
                    repair=membership.repair, author=request.user, **form.cleaned_data
                )
            except RepairRuleError as exc:
                form.add_error(None, exc.message)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                messages.success(request, "Saved. Only you can see this.")
                return redirect("apology:worksheet", repair_id=repair_id)
    elif current:
        coachings = {name: coach(initial[name], "message") for name in form.fields}
    fields = [(form[name], coachings.get(name)) for name in form.fields]
    return render(
        request,
        "apology/worksheet.html",
        {"form": form, "fields": fields, "repair": membership.repair, "membership": membership},
    )


@login_required
def apology_list(request: HttpRequest, repair_id: int) -> HttpResponse:
    membership = membership_get(user=request.user, repair_id=repair_id)
    apologies = list(selectors.apologies_for(membership=membership))
    return render(
        request,
        "apology/list.html",
        {
            "repair": membership.repair,
            "membership": membership,
            "drafts": [a for a in apologies if a.is_draft],
            "shared": [a for a in apologies if not a.is_draft],
            "space_period": selectors.active_space_period(repair=membership.repair),
        },
    )


def _compose(request: HttpRequest, *, membership, apology=None) -> HttpResponse:
    """The composer, for a new apology or one of the author's drafts."""
    repair_id = membership.repair_id
    initial = {"text": apology.text} if apology else {}
    form = ApologyForm(request.POST or None, initial=initial, coach_url=_coach_url(repair_id))
    if request.method == "POST":
        # coach what was typed, valid or not, so the panel matches the text box
        coaching = coach(form.data.get("text", ""))
    else:
        coaching = coach(apology.text) if apology else coach("")
    share_form = ShareForm(request.POST if request.POST.get("action") == "share" else None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        action = request.POST.get("action")
        try:
            if action == "share" and apology is not None:
                if share_form.is_valid():
                    # share exactly what is on the screen, saved first
                    services.apology_revise_and_share(
                        apology=apology, author=request.user, text=text,
                        visibility=share_form.cleaned_data["visibility"],
                    )
                    messages.success(
                        request,
                        "Shared. They can read it when they choose; Amends will not remind them.",
                    )
                    return redirect(
                        "apology:detail", repair_id=repair_id, apology_id=apology.pk)
                form.add_error(None, "Choose who will see it.")
            elif action == "save":
                if apology is None:
                    apology = services.apology_create(
                        repair=membership.repair, author=request.user, text=text
                    )
                else:
                    services.apology_revise(apology=apology, author=request.user, text=text)
                messages.success(request, "Draft saved. Only you can see it.")
                return redirect("apology:detail", repair_id=repair_id, apology_id=apology.pk)
        except RepairRuleError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_validation_errors(form, exc)
    return render(
        request,
        "apology/compose.html",
        {
            "form": form,
            "coaching": coaching,
            "apology": apology,
            "repair": membership.repair,
            "membership": membership,
            "versions": (
                list(selectors.versions_for(apology=apology, user=request.user)[1:])
                if apology
                else []
            ),
            "sharing": selectors.sharing_state(repair=membership.repair),
            "share_form": share_form,
            "space_period": selectors.active_space_period(repair=membership.repair),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apology_new(request: HttpRequest, repair_id: int) -> HttpResponse:
    membership = selectors.mender_membership_get(user=request.user, repair_id=repair_id)
    return _compose(request, membership=membership)


@login_required
@require_http_methods(["GET", "POST"])
def apology_detail(request: HttpRequest, repair_id: int, apology_id: int) -> HttpResponse:
    apology = selectors.apology_get(user=request.user, repair_id=repair_id, apology_id=apology_id)
    membership = membership_get(user=request.user, repair_id=repair_id)
    if apology.is_draft:
        # apology_get only returns a draft to its author.
        return _compose(request, membership=membership, apology=apology)
    if request.method == "POST":
        raise Http404
    return render(
        request,
        "apology/detail.html",
        {
            "apology": apology,
            "coaching": coach(apology.text) if apology.author_id == request.user.pk else None,
            "responses": list(selectors.responses_for(apology=apology, user=request.user)),
            "repair": membership.repair,
            "membership": membership,
            "response_form": (
                ResponseForm() if selectors.may_answer(apology=apology, membership=membership)
                else None
            ),
            "space_period": selectors.active_space_period(repair=membership.repair),
        },
    )


@login_required
@require_POST
def apology_share(request: HttpRequest, repair_id: int, apology_id: int) -> HttpResponse:
    # apology_get, not own_draft_get: a second click on "Share" gets the service's
    # "already shared" message instead of a 404
    apology = selectors.apology_get(user=request.user, repair_id=repair_id, apology_id=apology_id)
    form = ShareForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose who will see it.")
        return redirect("apology:detail", repair_id=repair_id, apology_id=apology_id)
    try:
        services.apology_share(
            apology=apology, author=request.user, visibility=form.cleaned_data["visibility"]
        )
    except RepairRuleError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            "Shared. They can read it when they choose; Amends will not remind them.",
        )
    return redirect("apology:detail", repair_id=repair_id, apology_id=apology_id)


@login_required
@require_POST
def response_create(request: HttpRequest, repair_id: int, apology_id: int) -> HttpResponse:
    apology = selectors.apology_get(user=request.user, repair_id=repair_id, apology_id=apology_id)
    membership = membership_get(user=request.user, repair_id=repair_id)
    if membership.role != Role.HURT or apology.is_draft:
        raise Http404  # only the person it was shared with has anything to answer
    if not selectors.may_answer(apology=apology, membership=membership):
        messages.error(request, "This space has ended, so answers can no longer be added.")
        return redirect("apology:detail", repair_id=repair_id, apology_id=apology_id)
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            services.response_create(apology=apology, author=request.user, **form.cleaned_data)
        except RepairRuleError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            kind = form.cleaned_data["kind"]
            messages.success(request, _RESPONSE_THANKS[kind])
            return redirect("apology:detail", repair_id=repair_id, apology_id=apology_id)
    return render(
        request,
        "apology/detail.html",
        {
            "apology": apology,
            "coaching": None,
            "responses": list(selectors.responses_for(apology=apology, user=request.user)),
            "repair": membership.repair,
            "membership": membership,
            "response_form": form,
            "space_period": selectors.active_space_period(repair=membership.repair),
        },
    )


_RESPONSE_THANKS = {
    Response.Kind.HEARD: "Your answer is saved. They will see that you heard it.",
    Response.Kind.NOT_READY: "Your answer is saved. Not being ready is a full answer.",
    Response.Kind.NEED_SPACE: (
        "Your answer is saved. While you have space, they cannot share new apologies here."
    ),
    Response.Kind.STILL_NEED: "Your answer is saved. They will see what you still need.",
}


@login_required
@require_POST
def space_end(request: HttpRequest, repair_id: int) -> HttpResponse:
    membership = membership_get(user=request.user, repair_id=repair_id)
    try:
        services.space_period_end(repair=membership.repair, by=request.user)
    except RepairRuleError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Your space period has ended. You can ask for space again.")
    return redirect("apology:list", repair_id=repair_id)
