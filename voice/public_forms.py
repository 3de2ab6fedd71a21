"""The public forms: a complaint and a suggestion, made without an account (issue 12).

Both carry the honeypot (voice/abuse.py). A choice that needs more (an email address for "Email", the
person's name for "on behalf of") reveals its fields under the radio, as GOV.UK's conditional radios do:
without JavaScript every revealed part is simply shown, and only the chosen one is kept.
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from core.forms import GovukFormMixin
from family_portal.addresses import normalise_mobile
from voice.abuse import HoneypotForm
from voice.models import Channel, Complaint, ComplaintCategory, Language

TEXT_MAX = 5000
PUT_RIGHT_MAX = 2000
# The fields that say where to reply, by the channel that needs each.
CONTACT_FIELDS = {Channel.EMAIL: "email", Channel.TEXT: "phone", Channel.LETTER: "address"}


@dataclass
class RadioItem:
    """One radio of a GOV.UK radios group, with the fields (and any notice) it reveals when chosen."""

    choice: Any
    reveals: list[BoundField] = field(default_factory=list)
    notice: str = ""

    @property
    def conditional_id(self) -> str:
        return f"conditional-{self.choice.id_for_label}" if self.reveals or self.notice else ""

    @property
    def checked(self) -> bool:
        return bool(self.choice.data.get("selected"))


class CategoryField(forms.ModelChoiceField):
    """The categories offered on the form, each labelled in the page's language."""

    def __init__(self, language: str, **kwargs: Any) -> None:
        self.language = language
        super().__init__(queryset=ComplaintCategory.objects.filter(active=True), **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label(self.language))

    def to_python(self, value: Any) -> Any:
        # An id too big for the database is "not one of the choices", not a server error (SQLite cannot
        # bind an integer of 2^63 or more).
        text = str(value or "").strip().removeprefix("-")
        if text.isdecimal() and int(text) >= 2**63:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def _text(label: Any, *, max_length: int, required: bool = True, rows: int = 5, **kwargs: Any) -> Any:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def _contact_fields() -> dict[str, forms.Field]:
    return {
        "email": forms.EmailField(
            label=_("Email address"),
            required=False,
            max_length=254,
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            error_messages={
                "invalid": _("Enter an email address in the correct format, like name@example.com")
            },
        ),
        "phone": forms.CharField(
            label=_("Mobile phone number"),
            required=False,
            max_length=20,
            help_text=_("A UK mobile, like 07700 900 982"),
            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        ),
        "address": forms.CharField(
            label=_("Postal address"),
            required=False,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
        ),
    }


class ContactMixin:
    """How to hear back: the channel, and the one contact field it needs (the others are not kept)."""

    cleaned_data: dict[str, Any]
    add_error: Any

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "").strip()
        if phone and normalise_mobile(phone) is None:
            raise forms.ValidationError(_("Enter a UK mobile phone number, like 07700 900 982"))
        return normalise_mobile(phone) or ""

    def clean_contact(self) -> None:
        channel = self.cleaned_data.get("reply_channel")
        needed = {
            Channel.EMAIL: _("Enter your email address, so we can reply by email"),
            Channel.TEXT: _("Enter your mobile phone number, so we can reply by text message"),
            Channel.LETTER: _("Enter your postal address, so we can reply by letter"),
        }
        errors = self._errors  # type: ignore[attr-defined]
        for each, name in CONTACT_FIELDS.items():
            if channel != each:
                self.cleaned_data[name] = ""  # not asked for: not kept, nor checked
                errors.pop(name, None)
            elif name not in errors and not self.cleaned_data.get(name, "").strip():
                self.add_error(name, needed[each])

    def contact_items(self) -> list[RadioItem]:
        by_channel = {each.value: name for each, name in CONTACT_FIELDS.items()}
        items = []
        for choice in self["reply_channel"]:  # type: ignore[index]
            name = by_channel.get(choice.data["value"])
            items.append(RadioItem(choice, [self[name]] if name else []))  # type: ignore[index]
        return items


class ComplaintForm(ContactMixin, GovukFormMixin, HoneypotForm):
    who = forms.ChoiceField(
        label=_("Who is making the complaint?"),
        choices=Complaint.Who.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who is making the complaint")},
    )
    on_behalf_of = forms.CharField(label=_("Their name"), required=False, max_length=200)
    consent_confirmed = forms.BooleanField(
        label=_("They have agreed to me making this complaint for them"), required=False
    )
    what_happened = _text(
        _("What happened?"),
        max_length=TEXT_MAX,
        help_text=_("Tell us what went wrong, when, and who was involved if you know."),
        error_messages={"required": _("Tell us what happened")},
    )
    put_right = _text(_("What would put it right?"), max_length=PUT_RIGHT_MAX, required=False, rows=3)
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name")},
    )
    reply_channel = forms.ChoiceField(
        label=_("How would you like to hear from us?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.NONE],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you would like to hear from us")},
    )
    language = forms.ChoiceField(
        label=_("Which language should we reply in?"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose English or Cymraeg")},
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("language", language)
        super().__init__(*args, **kwargs)
        self.fields.update(_contact_fields())
        self.fields["category"] = CategoryField(
            language,
            label=_("What is it about?"),
            widget=forms.RadioSelect,
            empty_label=None,
            error_messages={
                "required": _("Choose what your complaint is about"),
                "invalid_choice": _("Choose what your complaint is about"),
            },
        )
        self.order_fields(["who", "on_behalf_of", "consent_confirmed", "category", "what_happened"])
        # GovukFormMixin classed the declared fields before these were added: class these too.
        _add_govuk_classes(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("who") == Complaint.Who.ON_BEHALF:
            if not cleaned.get("on_behalf_of", "").strip():
                self.add_error("on_behalf_of", _("Enter the name of the person you are complaining for"))
            if not cleaned.get("consent_confirmed"):
                self.add_error(
                    "consent_confirmed", _("Confirm that they have agreed to you making this complaint")
                )
        else:
            cleaned["on_behalf_of"], cleaned["consent_confirmed"] = "", False
        self.clean_contact()
        return cleaned

    def who_items(self) -> list[RadioItem]:
        items = []
        for choice in self["who"]:
            value = choice.data["value"]
            if value == Complaint.Who.ON_BEHALF:
                items.append(RadioItem(choice, [self["on_behalf_of"], self["consent_confirmed"]]))
            elif value == Complaint.Who.YOUNG_PERSON:
                items.append(RadioItem(choice, notice="young_person"))
            else:
                items.append(RadioItem(choice))
        return items

    def complaint_fields(self) -> dict[str, Any]:
        """What receive_complaint records, from a valid form."""
        data = self.cleaned_data
        names = ("who", "on_behalf_of", "consent_confirmed", "category", "what_happened", "put_right")
        fields = {name: data[name] for name in names}
        fields.update(
            {name: data[name] for name in ("name", "reply_channel", "language", *CONTACT_FIELDS.values())}
        )
        # The form shows the limits of confidentiality with the "child or young person" choice, before the
        # complaint is sent (revealed when chosen, or always shown without JavaScript).
        fields["confidentiality_limits_explained"] = data["who"] == Complaint.Who.YOUNG_PERSON
        return fields


def _add_govuk_classes(form: forms.Form) -> None:
    from core.forms import govuk_widget_class

    for each in form.fields.values():
        css = govuk_widget_class(each.widget)
        if css not in each.widget.attrs.get("class", ""):
            each.widget.attrs["class"] = f"{css} {each.widget.attrs.get('class', '')}".strip()


class SuggestionForm(ContactMixin, GovukFormMixin, HoneypotForm):
    text = _text(
        _("What is your suggestion?"),
        max_length=TEXT_MAX,
        help_text=_("Tell us what we could do better, or what we should keep doing."),
        error_messages={"required": _("Tell us your suggestion")},
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reply_channel = forms.ChoiceField(
        label=_("Would you like to hear what we decide?"),
        help_text=_("You do not have to tell us who you are."),
        choices=[(c.value, c.label) for c in (Channel.NONE, Channel.EMAIL, Channel.TEXT, Channel.LETTER)],
        widget=forms.RadioSelect,
        initial=Channel.NONE,
        error_messages={"required": _("Choose whether you would like to hear what we decide")},
    )
    language = forms.ChoiceField(
        label=_("Which language should we reply in?"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose English or Cymraeg")},
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("language", language)
        super().__init__(*args, **kwargs)
        self.fields.update(_contact_fields())
        _add_govuk_classes(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.clean_contact()
        if cleaned.get("reply_channel") == Channel.LETTER and not cleaned.get("name", "").strip():
            self.add_error("name", _("Enter your name, so we can address the letter"))
        return cleaned

    def suggestion_fields(self) -> dict[str, Any]:
        names = ("text", "name", "reply_channel", "language", *CONTACT_FIELDS.values())
        return {name: self.cleaned_data[name] for name in names}
