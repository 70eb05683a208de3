"""Repair space pages. Interfaces only: parse, call one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from amends.repairs import selectors, services
from amends.repairs.forms import InvitationForm, RepairForm, StoryForm
from amends.repairs.models import Role, Story
from amends.web.errors import add_validation_errors


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    memberships = selectors.memberships_for_user(user=request.user)
    return render(request, "repairs/dashboard.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def repair_create(request: HttpRequest) -> HttpResponse:
    form = RepairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            repair = services.repair_create(mender=request.user, **form.cleaned_data)
        except services.RepairRuleError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            return redirect("repairs:detail", repair_id=repair.pk)
    return render(request, "repairs/create.html", {"form": form})


@login_required
def repair_detail(request: HttpRequest, repair_id: int) -> HttpResponse:
    view = selectors.repair_view(user=request.user, repair_id=repair_id)
    return render(
        request,
        "repairs/detail.html",
        {"view": view, "repair": view.repair, "story_form": StoryForm()},
    )


@login_required
@require_POST
def story_create(request: HttpRequest, repair_id: int) -> HttpResponse:
    membership = selectors.membership_get(user=request.user, repair_id=repair_id)
    form = StoryForm(request.POST)
    if form.is_valid():
        try:
            services.story_create(
                repair=membership.repair, author=request.user, **form.cleaned_data
            )
        except services.RepairRuleError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("repairs:detail", repair_id=repair_id)
    # keep what they wrote: show the page again with the filled-in form and its errors
    view = selectors.repair_view(user=request.user, repair_id=repair_id)
    return render(
        request,
        "repairs/detail.html",
        {"view": view, "repair": view.repair, "story_form": form},
        status=400,
    )


@login_required
def story_detail(request: HttpRequest, repair_id: int, story_id: int) -> HttpResponse:
    story = selectors.content_get(Story, user=request.user, pk=story_id)
    if story.repair_id != repair_id:
        raise Http404
    membership = selectors.membership_get(user=request.user, repair_id=repair_id)
    return render(
        request,
        "repairs/story.html",
        {"story": story, "repair": membership.repair, "membership": membership},
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, repair_id: int) -> HttpResponse:
    membership = selectors.membership_get(user=request.user, repair_id=repair_id)
    form = InvitationForm(request.POST or None)
    context = {"form": form, "repair": membership.repair, "membership": membership}
    if request.method == "POST" and form.is_valid():
        try:
            invitation, code = services.invitation_create(
                repair=membership.repair, inviter=request.user, **form.cleaned_data
            )
        except services.RepairRuleError as exc:
            form.add_error(None, exc.message)
        else:
            # Shown once, now: only a digest of the code is kept.
            link = request.build_absolute_uri(reverse("invitation", kwargs={"code": code}))
            return render(
                request,
                "repairs/invitation_created.html",
                {**context, "invitation": invitation, "code": code, "link": link},
            )
    return render(request, "repairs/invitation_create.html", context)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, repair_id: int, invitation_id: int) -> HttpResponse:
    invitation = selectors.invitation_get_for_mender(
        user=request.user, repair_id=repair_id, invitation_id=invitation_id
    )
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, "The invitation is withdrawn. Its link no longer works.")
    return redirect("repairs:detail", repair_id=repair_id)


@login_required
@require_http_methods(["GET", "POST"])
def repair_leave(request: HttpRequest, repair_id: int) -> HttpResponse:
    membership = selectors.membership_get(user=request.user, repair_id=repair_id)
    if request.method == "POST":
        services.membership_leave(membership=membership)
        messages.success(request, "You have left the space.")
        return redirect("repairs:dashboard")
    return render(
        request, "repairs/leave.html", {"membership": membership, "repair": membership.repair}
    )


@login_required
@require_POST
def repair_pause(request: HttpRequest, repair_id: int) -> HttpResponse:
    membership = selectors.membership_get(user=request.user, repair_id=repair_id)
    try:
        services.repair_pause(repair=membership.repair, by=request.user)
    except services.RepairRuleError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The space is paused. Resume it whenever you choose.")
    return redirect("repairs:detail", repair_id=repair_id)


@login_required
@require_POST
def repair_resume(request: HttpRequest, repair_id: int) -> HttpResponse:
    membership = selectors.membership_get(user=request.user, repair_id=repair_id)
    try:
        services.repair_resume(repair=membership.repair, by=request.user)
    except services.RepairRuleError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The space is active again.")
    return redirect("repairs:detail", repair_id=repair_id)


def invitation(request: HttpRequest, code: str) -> HttpResponse:
    """Who invites you and why, before you choose. Anyone holding the code may read it."""
    invitation = selectors.invitation_get_by_code(code=code)
    return render(request, "repairs/invitation.html", {"invitation": invitation, "code": code})


@login_required
@require_POST
def invitation_accept(request: HttpRequest, code: str) -> HttpResponse:
    invitation = selectors.invitation_get_by_code(code=code)
    try:
        membership = services.invitation_accept(invitation=invitation, user=request.user)
    except services.InvitationUnavailable:
        raise Http404 from None
    except services.RepairRuleError as exc:
        messages.error(request, exc.message)
        return redirect("invitation", code=code)
    messages.success(
        request,
        "You have joined. You can pause or leave at any time."
        if membership.role == Role.HURT
        else "You have joined. You can leave at any time.",
    )
    return redirect("repairs:detail", repair_id=membership.repair_id)


@require_POST
def invitation_decline(request: HttpRequest, code: str) -> HttpResponse:
    """Saying no needs no account."""
    invitation = selectors.invitation_get_by_code(code=code)
    try:
        services.invitation_decline(invitation=invitation)
    except services.InvitationUnavailable:
        raise Http404 from None
    return render(request, "repairs/invitation_declined.html")
