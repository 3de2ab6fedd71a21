"""The staff's forms of the family's own door: the lead's invitation, withdrawal and restrictions (in English,
as staff pages are; the family's own forms are in member_forms.py)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from families.models import Person
from family_portal.models import Channel, Language, MemberAccess, Restriction
from family_portal.selectors import restrictable

MAX_REASON = 2000


class InviteForm(Form):
    """The lead's invitation: where the sign-in code goes, and how and in what language to keep them informed."""

    email = forms.CharField(
        label=_("Email address"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=20,
        required=False,
        help_text=_("A UK mobile, like 07700 900 982. The member signs in with a code sent to one of these."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    channel = forms.ChoiceField(
        label=_("How should we keep them informed?"),
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how to keep them informed.")},
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose English or Cymraeg.")},
    )
    large_print = forms.BooleanField(label=_("Large print for letters and downloads"), required=False)
    show_worker_scores = forms.BooleanField(
        label=_("Show your assessment scores beside the family's own"),
        help_text=_(
            "They always see their own scores over time. Tick this if you have talked your scores through with them."
        ),
        required=False,
    )


class WithdrawForm(Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing the invitation?"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member will be signed out at once and cannot sign in again."),
        error_messages={"required": _("Say why the invitation is withdrawn.")},
    )


class RestrictionForm(Form):
    kind = forms.ChoiceField(
        label=_("What do you want to hide from them?"),
        choices=Restriction.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what to hide.")},
    )
    item = forms.ChoiceField(
        label=_("Which item"),
        required=False,
        help_text=_(
            "Only if you chose an item. They will not see it on their pages, in counts or in messages."
        ),
    )
    hidden_person: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Whose details"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_(
            "Only if you chose another member's details. Their name shows as “another member of your family”."
        ),
    )
    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Kept in the history of the record. The family member does not see it."),
        error_messages={"required": _("Say why this is hidden from them.")},
    )

    def __init__(self, *args: Any, access: MemberAccess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.access = access
        family = access.person.family
        self.fields["item"].choices = [("", _("Choose an item")), *restrictable.hideable_items(family=family)]
        self.fields["hidden_person"].queryset = restrictable.other_members(access=access)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == Restriction.Kind.ITEM:
            item = restrictable.item_from_value(
                family=self.access.person.family, value=data.get("item") or ""
            )
            if item is None:
                self.add_error("item", _("Choose the item to hide."))
            data["item"] = item
        else:
            data["item"] = None
        if kind == Restriction.Kind.PERSON and data.get("hidden_person") is None:
            self.add_error("hidden_person", _("Choose whose details to hide."))
        if kind != Restriction.Kind.PERSON:
            data["hidden_person"] = None
        return data
