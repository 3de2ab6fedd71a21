"""Answering a referral from the email link (no account needed), and the answer handling the
partner-agency portal shares. Access goes through agencies.links and agencies.permissions (404, never 403)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from agencies import forms, permissions, selectors
from agencies.links import response_from_token
from agencies.models import Category, ReferralResponse, ResponseEvent
from agencies.services import answer as answer_services
from families.access_log import record_look

SESSION_KEY = "agencies_unlocked"


def _link(token: str) -> tuple[ReferralResponse | None, str]:
    check = response_from_token(token)
    return check.response, check.problem


def _invalid(request: HttpRequest, problem: str) -> HttpResponse:
    # The same page for every problem, with nothing about the referral or the family.
    return render(request, "agencies/link_invalid.html", {"problem": problem}, status=404)


def _unlocked(request: HttpRequest, response: ReferralResponse) -> bool:
    """Signed in as the agency's staff, or holding a code for this link's current nonce."""
    user = request.user
    if permissions.is_agency_worker(user) and user.agency_id == response.agency_id:
        return permissions.responses_open_to(user).filter(pk=response.pk).exists()
    return request.session.get(SESSION_KEY, {}).get(str(response.pk)) == response.link_nonce


def _record_link_look(request: HttpRequest, response: ReferralResponse) -> None:
    """The email-link pages show a referral about a family: log the look under the agency's inbox."""
    referral = response.referral
    record_look(
        request=request,
        family=referral.family_id,
        agency_inbox=", ".join(response.agency.inbox_list())[:254] or str(response.agency)[:254],
        referral_response_id=response.pk,
        reason=referral.override_reason if referral.override_by_id else "",
    )


def answer_form(response: ReferralResponse, bound: forms.AnswerForm | None = None) -> forms.AnswerForm | None:
    """The one answer form, or None when nothing can be answered now (closed, or the referral ended)."""
    if bound is not None:
        return bound
    answers = answer_services.answers_available(response)
    if not answers:
        return None
    return forms.AnswerForm(answers=answers, initial={"expected_status": response.status})


def answer_post(
    request: HttpRequest, response: ReferralResponse, *, via: str
) -> tuple[forms.AnswerForm | None, HttpResponse | None]:
    """Handle an answer POST; returns the bound form (with errors) or a redirect."""
    form = forms.AnswerForm(request.POST, answers=answer_services.answers_available(response))
    if not form.is_valid():
        return form, None
    user = request.user
    # Only the agency's own staff answer as themselves; anyone else holding the link answers as
    # "the agency, from the email link" (history records no user, and the reason says so).
    actor = user if permissions.is_agency_worker(user) and user.agency_id == response.agency_id else None
    try:
        answer_services.response_answer(
            actor=actor,
            response=response,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data["note"],
            reason=form.reason(),
            expected_status=form.cleaned_data["expected_status"],
            via=via,
        )
    except answer_services.AlreadyAnswered as exc:
        messages.info(
            request,
            _("Nothing was changed: this referral had already been answered (%(status)s).")
            % {"status": exc.response.get_status_display()},
        )
        return None, redirect(request.path)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, error_list in exc.error_dict.items():
                for error in error_list:
                    form.add_error(name if name in form.fields else None, error)
        else:
            for text in exc.messages:
                form.add_error(None, text)
        return form, None
    messages.success(request, _("Thank you. Your answer has been sent to the family's lead practitioner."))
    return None, redirect(request.path)


def answer(request: HttpRequest, token: str) -> HttpResponse:
    response, problem = _link(token)
    if response is None:
        return _invalid(request, problem)
    bound = None
    if request.method == "POST":
        bound, done = answer_post(request, response, via=ResponseEvent.Via.EMAIL_LINK)
        if done:
            return done
        response.refresh_from_db()
    _record_link_look(request, response)
    return render(
        request,
        "agencies/answer.html",
        {
            "response": response,
            "referral": response.referral,
            "token": token,
            "answer_form": answer_form(response, bound),
            "events": selectors.response_events(response=response),
            "unlocked": _unlocked(request, response),
            "can_unlock": not response.is_closed and response.referral.is_open,
            "wait": selectors.waited(response),
        },
    )


def answer_code(request: HttpRequest, token: str) -> HttpResponse:
    """Ask for a one-time code (sent to the agency's inboxes) and enter it."""
    response, problem = _link(token)
    if response is None:
        return _invalid(request, problem)
    if response.is_closed or not response.referral.is_open:
        raise Http404
    form = forms.CodeForm()
    if request.method == "POST" and request.POST.get("send"):
        try:
            answer_services.access_code_issue(response=response)
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("A code has been sent to %(agency)s's referral inbox.") % {"agency": response.agency},
            )
        return redirect("agencies:answer_code", token)
    if request.method == "POST":
        form = forms.CodeForm(request.POST)
        if form.is_valid():
            if answer_services.access_code_check(response=response, code=form.cleaned_data["code"]):
                unlocked = request.session.get(SESSION_KEY, {})
                unlocked[str(response.pk)] = response.link_nonce
                request.session[SESSION_KEY] = unlocked
                request.session.cycle_key()
                return redirect("agencies:answer_shared", token)
            form.add_error(
                "code", _("That code is wrong or has expired. Check the latest email, or ask for a new code.")
            )
    _record_link_look(request, response)
    return render(request, "agencies/answer_code.html", {"response": response, "form": form, "token": token})


def answer_shared(request: HttpRequest, token: str) -> HttpResponse:
    response, problem = _link(token)
    if response is None:
        return _invalid(request, problem)
    _record_link_look(request, response)
    if not _unlocked(request, response):
        # Not a redirect: the same address answers every visitor, and shows nothing until unlocked.
        return render(
            request,
            "agencies/answer_code.html",
            {"response": response, "form": forms.CodeForm(), "token": token},
        )
    return render(
        request,
        "agencies/answer_shared.html",
        {"token": token, **shared_context(response, user=request.user)},
    )


def shared_context(response: ReferralResponse, *, user: Any = None) -> dict[str, Any]:
    """What the referral page shows of the family, and the agency's own plan actions (each linked to the
    page where the agency updates it) when a worker of the agency is signed in."""
    categories = permissions.shared_categories(response)
    actions = selectors.family_actions_for_agency(user=user, response=response)
    return {
        "agency_actions": actions,
        "agency_action_ids": {action.pk for action in actions},
        "response": response,
        "referral": response.referral,
        "shared": selectors.shared_information(family=response.referral.family, categories=categories),
        "categories": categories,
        "not_shared": [label for value, label in Category.choices if value not in categories],
    }
