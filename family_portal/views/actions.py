"""What a family member can do on their own pages. Thin: look up through action_access (404 for what the
member may not see or act on), write through the services, tell the member what happens next and when."""

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import add_service_errors
from core.submissions import once_per_submission
from family_portal import action_access
from family_portal import member_forms as forms
from family_portal.decorators import family_page
from family_portal.services import actions as services
from family_portal.services.agreement import member_plan_agree, member_plan_snapshot, plan_fingerprint
from family_portal.services.documents import member_document_send
from family_portal.visibility import MemberView

ALREADY_SENT = gettext_lazy("You already sent this at %(time)s. Your worker has it.")
FORM_PAGE = "family_portal/actions/form.html"


def _member(request: HttpRequest) -> MemberView:
    return request.member  # type: ignore[attr-defined]


def _worker_name(member: MemberView) -> str:
    lead = member.family.lead_practitioner
    return (lead.get_full_name() or lead.username) if lead else _("your worker")


def _sent(request: HttpRequest, message: str) -> HttpResponse:
    """The member's action is saved: say so, and what happens next, on their home page."""
    messages.success(request, message)
    return redirect("family_portal:home")


def _will_reply(member: MemberView) -> str:
    return _("We have told %(worker)s. They will read it and reply within %(days)s working days.") % {
        "worker": _worker_name(member),
        "days": settings.FAMILY_REPLY_WORKING_DAYS,
    }


def _form_page(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    context.setdefault("back_url", "")
    return render(request, context.pop("template", FORM_PAGE), {"form": form, **context})


@family_page
@once_per_submission(message=ALREADY_SENT)
def agree(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    plan = action_access.plan_for(member)
    snapshot = member_plan_snapshot(member=member, plan=plan)
    form = forms.AgreeForm(request.POST or None, initial={"fingerprint": plan_fingerprint(snapshot)})
    if request.method == "POST" and form.is_valid():
        try:
            member_plan_agree(
                member=member,
                plan=plan,
                fingerprint=form.cleaned_data["fingerprint"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            form = _refreshed(form, snapshot)
        else:
            return _sent(request, _("You have agreed your plan.") + " " + _will_reply(member))
    return _form_page(
        request,
        form,
        template="family_portal/actions/agree.html",
        title=_("Agree your plan"),
        snapshot=snapshot,
        submit_label=_("I agree to this plan"),
    )


def _refreshed(form: forms.AgreeForm, snapshot: dict[str, Any]) -> forms.AgreeForm:
    """The same form and errors, carrying the plan as it is now, so the next press agrees what is shown."""
    data = dict(form.data.items())
    data["fingerprint"] = plan_fingerprint(snapshot)
    fresh = forms.AgreeForm(data)
    fresh.is_valid()
    for error in form.non_field_errors():
        fresh.add_error(None, error)
    return fresh


@family_page
@once_per_submission(message=ALREADY_SENT)
def comment(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    goal_id = request.GET.get("goal", "")
    if goal_id and not (goal_id.isdecimal() and len(goal_id) <= 18):
        raise Http404("No such goal")
    goal = action_access.goal_for(member, int(goal_id)) if goal_id else None
    form = forms.CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_comment(member=member, text=form.cleaned_data["text"], goal=goal)
        return _sent(request, _("Your comment has been sent.") + " " + _will_reply(member))
    title = _("Comment on this goal") if goal else _("Comment on your plan")
    return _form_page(request, form, title=title, goal=goal, submit_label=_("Send comment"))


@family_page
@once_per_submission(message=ALREADY_SENT)
def own_words(request: HttpRequest, goal_id: int) -> HttpResponse:
    member = _member(request)
    goal = action_access.goal_for(member, goal_id)
    form = forms.OwnWordsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_own_words(member=member, goal=goal, text=form.cleaned_data["text"])
        return _sent(request, _("Your words have been sent.") + " " + _will_reply(member))
    return _form_page(
        request, form, title=_("Say this goal in your own words"), goal=goal, submit_label=_("Send")
    )


@family_page
@once_per_submission(message=ALREADY_SENT)
def action_update(request: HttpRequest, action_id: int) -> HttpResponse:
    member = _member(request)
    action = action_access.own_action_for(member, action_id)
    form = forms.ActionUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        if form.cleaned_data["outcome"] == forms.ActionUpdateForm.DONE:
            services.member_action_done(member=member, action=action, note=note)
            return _sent(
                request, _("Well done: it is marked as done on your plan.") + " " + _will_reply(member)
            )
        services.member_action_stuck(member=member, action=action, note=note)
        return _sent(
            request,
            _("We have told %(worker)s you are stuck. They will contact you within %(days)s working days.")
            % {"worker": _worker_name(member), "days": settings.FAMILY_REPLY_WORKING_DAYS},
        )
    return _form_page(request, form, title=_("Update your action"), action=action, submit_label=_("Send"))


@family_page
@once_per_submission(message=ALREADY_SENT)
def details_change(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = forms.DetailsChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_details_change(member=member, text=form.cleaned_data["text"])
        return _sent(
            request,
            _(
                "We have told %(worker)s. They will check and change your details within %(days)s working days."
            )
            % {"worker": _worker_name(member), "days": settings.FAMILY_REPLY_WORKING_DAYS},
        )
    return _form_page(
        request, form, title=_("Ask for a change to your details"), submit_label=_("Send request")
    )


@family_page
@once_per_submission(message=ALREADY_SENT)
def send_document(request: HttpRequest) -> HttpResponse:
    member = _member(request)
    form = forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        member_document_send(member=member, upload=form.cleaned_data["file"], note=form.cleaned_data["note"])
        return _sent(request, _("Your file has been sent.") + " " + _will_reply(member))
    return _form_page(
        request, form, title=_("Send a photo or document to your worker"), submit_label=_("Send file")
    )


@family_page
def document(request: HttpRequest, message_id: int) -> HttpResponse:
    message = action_access.own_document_for(_member(request), message_id)
    response = FileResponse(
        message.file.open("rb"),
        as_attachment=True,
        filename=message.file_name,
        content_type=message.content_type_name or "application/octet-stream",
    )
    return cast(HttpResponse, response)  # streamed: family_page passes any response through


@family_page
@once_per_submission(message=ALREADY_SENT)
def stop_sharing(request: HttpRequest, consent_id: int) -> HttpResponse:
    member = _member(request)
    consent = action_access.standing_consent_for(member, consent_id)
    form = forms.StopSharingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_stop_sharing(member=member, consent=consent, reason=form.cleaned_data["reason"])
        return _sent(
            request,
            _(
                "We have told %(worker)s. They will contact you within %(days)s working days, and then stop "
                "sharing your %(what)s with %(agency)s. Until then, it is still shared."
            )
            % {
                "worker": _worker_name(member),
                "days": settings.FAMILY_REPLY_WORKING_DAYS,
                "what": str(consent.get_category_display()).lower(),
                "agency": consent.agency.name,
            },
        )
    return _form_page(
        request,
        form,
        template="family_portal/actions/stop_sharing.html",
        title=_("Ask to stop sharing"),
        consent=consent,
        worker=_worker_name(member),
        submit_label=_("Ask to stop sharing"),
    )


urls: list[URLPattern] = [
    path("plan/agree/", agree, name="agree"),
    path("plan/comment/", comment, name="comment"),
    path("plan/goals/<int:goal_id>/own-words/", own_words, name="own_words"),
    path("plan/actions/<int:action_id>/", action_update, name="action_update"),
    path("details/change/", details_change, name="details_change"),
    path("send/", send_document, name="send_document"),
    path("send/<int:message_id>/", document, name="document"),
    path("sharing/<int:consent_id>/stop/", stop_sharing, name="stop_sharing"),
]
