"""Staff-side forms of the family's own door (the family's forms live with their views' part)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from families.models import Person
from family_portal.models import MemberAccess, Restriction
from family_portal.selectors import restrictable


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
