from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import Form, GovukDateField
from partners.models import Agency
from pots import services
from pots.models import Category, Pot


class MoneyField(forms.CharField):
    """Pounds and pence, typed as text so every wrong shape gets the service's own clear message."""

    def __init__(self, *, allow_zero: bool = False, **kwargs: Any) -> None:
        self.allow_zero = allow_zero
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "error_messages", {"required": _("Enter an amount in pounds and pence, like 45.50")}
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "govuk-input--width-10"})

    def clean(self, value: Any) -> Decimal | None:
        value = super().clean(value)
        if value in (None, ""):
            return None
        if self.allow_zero and value.strip() in ("0", "0.0", "0.00", "£0", "£0.00"):
            return Decimal("0.00")
        try:
            return services.clean_amount(value, field="amount")
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["amount"]) from None


class CategoriesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class PotForm(Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    starts_on = GovukDateField(label=_("Period starts"))
    ends_on = GovukDateField(label=_("Period ends"))
    auto_approval_limit = MoneyField(
        allow_zero=True,
        label=_("Approve at once up to (£)"),
        help_text=_("Requests at or under this amount are approved as soon as they are made."),
    )
    family_cap = MoneyField(label=_("Most one family can receive in the period (£)"))
    categories = CategoriesField(label=_("What the pot may pay for"), choices=Category.choices)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["starts_on"]


def pot_initial(team: Any, start: Any, end: Any) -> dict[str, Any]:
    return {
        "name": _("%(team)s practical help %(y1)s/%(y2)s")
        % {"team": team, "y1": start.year, "y2": f"{end.year % 100:02d}"},
        "starts_on": start,
        "ends_on": end,
        "auto_approval_limit": settings.POTS_DEFAULT_AUTO_APPROVAL_LIMIT,
        "family_cap": settings.POTS_DEFAULT_FAMILY_CAP,
        "categories": [c for c, _label in Category.choices],
    }


class ContributionForm(Form):
    funder = forms.ModelChoiceField(
        label=_("Funder"),
        queryset=Agency.objects.order_by("name"),
        empty_label=_("Choose the agency"),
        error_messages={"required": _("Choose the agency that paid in")},
    )
    amount = MoneyField(label=_("Amount (£)"))
    received_on = GovukDateField(label=_("Date received"))
    restricted_to = CategoriesField(
        label=_("Only for"),
        required=False,
        help_text=_("Leave all unticked if the money may pay for anything the pot pays for."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, pot: Pot, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["restricted_to"].choices = pot.category_choices()


class CorrectionForm(Form):
    amount = MoneyField(label=_("Amount to take back out (£)"))
    reason = forms.CharField(
        label=_("Why"),
        max_length=500,
        error_messages={"required": _("Say why the contribution is being corrected")},
    )


class HelpRequestForm(Form):
    goal: Any = forms.ModelChoiceField(
        label=_("Which goal on the family's plan is this for?"),
        queryset=None,  # set per family
        empty_label=_("Choose a goal"),
        error_messages={
            "required": _("Choose the goal on the family's plan that this money is for"),
            "invalid_choice": _("Choose a goal from this family's plan"),
        },
    )
    category = forms.ChoiceField(
        label=_("What is it for?"), error_messages={"required": _("Choose what the money is for")}
    )
    amount = MoneyField(label=_("Amount (£)"))
    payee = forms.CharField(
        label=_("Who will be paid"),
        max_length=200,
        help_text=_("The nursery, bus company, landlord or shop: not the family's bank details."),
        error_messages={
            "required": _("Enter who will be paid"),
            "max_length": _("Who will be paid must be 200 characters or fewer"),
        },
    )
    needed_on = GovukDateField(
        label=_("Date needed"),
        required=False,
        help_text=_("Leave blank if it is needed as soon as possible."),
    )
    description = forms.CharField(
        label=_("What the money will do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        error_messages={"max_length": _("The description must be 2000 characters or fewer")},
    )

    def __init__(self, *args: Any, goals: Any, pot: Pot | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        if not self.is_bound and "goal" not in self.initial:
            # A plan with one open goal: that is the goal (one choice fewer for the worker).
            only = list(goals[:2])
            if len(only) == 1:
                self.initial["goal"] = only[0].pk
        self.fields["category"].choices = [
            ("", _("Choose a category")),
            *(pot.category_choices() if pot else []),
        ]


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or refuse")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Needed when you refuse: the worker sees it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "refuse" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for refusing the request"))
        return data


class PayForm(Form):
    amount = MoneyField(
        label=_("Amount paid (£)"),
        required=False,
        help_text=_("Leave blank if the full approved amount was paid."),
    )


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Why is it being cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give a reason for cancelling the request")},
    )


class RefundForm(Form):
    amount = MoneyField(
        label=_("Amount refunded (£)"), required=False, help_text=_("Leave blank if all of it came back.")
    )
    reason = forms.CharField(
        label=_("Why did the money come back?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Say why the money came back")},
    )


class ReceiptForm(Form):
    receipt = forms.FileField(
        label=_("Receipt"),
        help_text=_("A PDF, PNG or JPG file."),
        error_messages={"required": _("Choose the receipt file"), "empty": _("The file is empty")},
    )
