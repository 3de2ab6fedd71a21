from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from agencies import selectors
from agencies.models import Category, Consent, Referral
from core.calendar import today
from core.forms import Form, GovukDateField, ModelMultipleChoiceField
from families.models import Person
from partners.models import Agency
from plans.models import Action


class AgencySearchForm(Form):
    """The no-JavaScript search above the agency choices (GET): by name, directory service or need."""

    agency_q = forms.CharField(
        label=_("Find an agency or service"),
        required=False,
        max_length=100,
        help_text=_("For example “housing”, “school nurse” or “debt advice”."),
    )


class ConsentGridForm(Form):
    """Consent for several agencies and categories ticked once in a table (agencies × categories), with
    one person, one date and one way for all of them. Pairs with standing consent show as agreed."""

    consent = forms.MultipleChoiceField(
        label=_("What the family agreed to share with each agency"),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick each kind of information the family agreed each agency may see."),
    )
    given_by = forms.ModelChoiceField(
        label=_("Who gave consent"),
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        empty_label=None,
        error_messages={"required": _("Choose who gave consent.")},
    )
    given_on = GovukDateField(
        label=_("Date consent was given"),
        required=False,
        help_text=_("For example, 27 3 2026"),
        error_messages={"required": _("Enter the date consent was given.")},
    )
    how = forms.ChoiceField(
        label=_("How consent was given"),
        choices=Consent.How.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"required": _("Choose how consent was given.")},
    )
    consent_required = True

    def __init__(self, *args: Any, family: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.family = family
        self.grid_agencies = list(agencies)
        self.standing = selectors.standing_consents(family=family, agencies=self.grid_agencies)
        self.fields["consent"].choices = [
            (f"{a.pk}:{value}", f"{a.name} – {label}")
            for a in self.grid_agencies
            for value, label in Category.choices
            if (a.pk, value) not in self.standing
        ]
        members = family.members.exclude(household_role=Person.HouseholdRole.UNBORN)
        self.fields["given_by"].queryset = members
        adults = [
            m
            for m in members
            if m.household_role
            in (
                Person.HouseholdRole.PARENT,
                Person.HouseholdRole.CARER,
                Person.HouseholdRole.EXPECTANT_PARENT,
            )
        ]
        if len(adults) == 1:  # the one adult is who the worker would choose
            self.fields["given_by"].initial = adults[0].pk
        self.fields["given_on"].initial = today()
        for name in ("given_by", "given_on", "how"):  # on the referral page, only with consent ticked
            self.fields[name].required = self.consent_required

    def grid_rows(self, send_field: str | None = None) -> list[dict[str, Any]]:
        """For each agency: its consent cells (a checkbox, or the standing consent) and, on the referral
        page, its "send the referral" checkbox."""
        boxes = {str(w.data["value"]): w for w in self["consent"]}
        send = {str(w.data["value"]): w for w in self[send_field]} if send_field else {}
        return [
            {
                "agency": agency,
                "send": send.get(str(agency.pk)),
                "cells": [
                    {
                        "label": label,
                        "standing": self.standing.get((agency.pk, value)),
                        "box": boxes.get(f"{agency.pk}:{value}"),
                    }
                    for value, label in Category.choices
                ],
            }
            for agency in self.grid_agencies
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        by_pk = {str(a.pk): a for a in self.grid_agencies}
        pairs = []
        for value in data.get("consent") or []:
            agency_pk, _sep, category = value.partition(":")
            pairs.append((by_pk[agency_pk], category))
        data["consent_pairs"] = pairs
        if not pairs:
            if self.consent_required and "consent" not in self.errors:
                self.add_error(
                    "consent", _("Tick at least one agency and what the family agreed to share with it.")
                )
            return data
        if not data.get("given_by") and "given_by" not in self.errors:
            self.add_error("given_by", _("Choose who gave consent."))
        if not data.get("how") and "how" not in self.errors:
            self.add_error("how", _("Choose how consent was given."))
        given_on = data.get("given_on")
        if given_on is None and "given_on" not in self.errors:
            self.add_error("given_on", _("Enter the date consent was given."))
        elif given_on and given_on > today():
            self.add_error("given_on", _("The date consent was given must be today or in the past."))
        return data


class ReferralForm(ConsentGridForm):
    """The referral on one page: the agencies to send it to, in the same table as the family's consent,
    where missing consent is ticked and recorded in the same submission."""

    consent_required = False

    agencies = ModelMultipleChoiceField(
        label=_("Agencies to alert"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one agency to send the referral to.")},
        help_text=_(
            "Every agency you tick gets the same referral by email. Agencies that work with the family, "
            "or that the family agreed to share with, are ticked."
        ),
    )
    request = forms.CharField(
        label=_("What are you asking the agencies to do?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Say what you are asking the agencies to do.")},
        help_text=_(
            "This goes in the email to each agency's shared inbox: do not name the family or "
            "write anything that identifies them."
        ),
    )
    detail = forms.CharField(
        label=_("More detail"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=_("Shown only to agency staff who sign in or enter a one-time code."),
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Referral.Urgency.choices,
        widget=forms.RadioSelect,
        initial="routine",
    )
    shares = forms.MultipleChoiceField(
        label=_("What to share with them"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Leave these unticked to share what the family agreed to share with every agency you chose. "
            "Tick to share less."
        ),
    )
    concerns = ModelMultipleChoiceField(
        label=_("Which plan goals is it about?"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    override_reason = forms.CharField(
        label=_("Safeguarding: share without consent (team managers only)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Only to keep a child safe. Give the reason; it is recorded with the referral."),
    )

    def __init__(
        self, *args: Any, family: Any, agencies: Any, goals: Any, can_override: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, family=family, agencies=agencies, **kwargs)
        self.fields["agencies"].queryset = agencies
        self.order_fields(["agencies", "consent", "given_by", "given_on", "how"])
        if goals is None:
            del self.fields["concerns"]
        else:
            self.fields["concerns"].queryset = goals
        if not can_override:
            del self.fields["override_reason"]


class ConsentForm(Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all(), empty_label="")
    categories = forms.MultipleChoiceField(
        label=_("What the family agreed to share with them"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose what the family agreed to share.")},
    )
    given_by = forms.ModelChoiceField(
        label=_("Who gave consent"), queryset=Agency.objects.none(), empty_label=""
    )
    how = forms.ChoiceField(label=_("How"), choices=Consent.How.choices, widget=forms.RadioSelect)
    given_on = GovukDateField(label=_("Date consent was given"), help_text=_("For example, 27 3 2026"))
    expires_on = GovukDateField(
        label=_("Consent ends on"),
        required=False,
        help_text=_("Leave blank if it has no end date."),
    )

    def __init__(self, *args: Any, family: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = family.members.exclude(household_role="unborn")


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class FamilyAgencyForm(Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all(), empty_label="")
    role = forms.CharField(
        label=_("What they do with the family"),
        required=False,
        max_length=200,
        help_text=_("For example “Class teacher for Jo” or “Housing officer”."),
    )


# How each answer reads on the one answer form: its label and what choosing it means.
ANSWER_CHOICES: dict[str, tuple[Any, Any]] = {
    "acknowledge": (
        _("Acknowledge and look into it"),
        _(
            "You have it and are finding out whether you can help. The lead practitioner knows it arrived; "
            "come back to accept or decline."
        ),
    ),
    "accept": (
        _("Accept"),
        _("Your agency will work with the family. The lead practitioner and the family are told."),
    ),
    "decline": (
        _("Decline"),
        _("Your agency cannot help. Say why, so the lead practitioner can look elsewhere."),
    ),
    "more_info": (
        _("Ask for more information"),
        _("You need to know more before you decide. Your question goes to the lead practitioner."),
    ),
    "complete": (
        _("Record the outcome"),
        _("Your work with the family has finished. Say what changed for them."),
    ),
}


def _answer_text(label: Any, **extra: Any) -> forms.CharField:
    """A box of the answer form: optional to the form (the chosen answer says which one it needs)."""
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **extra
    )


@dataclass(frozen=True)
class AnswerItem:
    """One radio of the answer form, with the box it reveals when chosen (if the answer needs one)."""

    key: str
    id: str
    label: Any
    hint: Any
    checked: bool
    reveals: BoundField | None

    @property
    def conditional_id(self) -> str:
        return f"conditional-{self.id}" if self.reveals is not None else ""


class AnswerForm(Form):
    """The agency's one answer to a referral: a choice of the answers open to it now, the box the choice
    needs (a reason, a question, the outcome), and a note on any answer."""

    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(key, label) for key, (label, _hint) in ANSWER_CHOICES.items()],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer."), "invalid_choice": _("Choose an answer.")},
    )
    decline_reason = _answer_text(_("Why are you declining?"))
    question = _answer_text(_("What do you need to know?"))
    outcome = _answer_text(_("What was the outcome for the family?"))
    note = _answer_text(
        _("Note"),
        help_text=_(
            "Sent to the lead practitioner with your answer, for example who will contact the family."
        ),
    )
    expected_status = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, answers: Sequence[Any], **kwargs: Any) -> None:
        """`answers`: the answers open to the response now (agencies.services.answer.Answer)."""
        super().__init__(*args, **kwargs)
        self.answers = {spec.key: spec for spec in answers}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        spec = self.answers.get(data.get("answer") or "")
        # An answer no longer open is left to the service, which says it was already answered.
        if spec is not None and spec.note_field and not data.get(spec.note_field, "").strip():
            self.add_error(spec.note_field, spec.note_required)
        return data

    def reason(self) -> str | None:
        """The text the chosen answer needs, or None when it needs none."""
        spec = self.answers.get(self.cleaned_data.get("answer") or "")
        return self.cleaned_data.get(spec.note_field, "") if spec is not None and spec.note_field else None

    @property
    def items(self) -> list[AnswerItem]:
        """The radios, one per answer open now; the first has Django's id, so the error summary links to it."""
        chosen = self["answer"].value()
        only = len(self.answers) == 1
        result = []
        for index, (key, spec) in enumerate(self.answers.items()):
            label, hint = ANSWER_CHOICES.get(key, (spec.label, ""))
            result.append(
                AnswerItem(
                    key=key,
                    id=f"{self['answer'].auto_id}_{index}",
                    label=label,
                    hint=hint,
                    checked=chosen == key or (only and not chosen),
                    reveals=self[spec.note_field] if spec.note_field in self.fields else None,
                )
            )
        return result


class CodeForm(Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={
            "required": _("Enter the 6-digit code from the email"),
            "min_length": _("The code is 6 digits"),
            "max_length": _("The code is 6 digits"),
        },
    )


class ActionStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=())
    note = forms.CharField(
        label=_("Update"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Action.Status.choices
