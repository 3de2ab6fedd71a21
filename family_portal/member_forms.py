"""Forms of the family's own pages that a member fills in: plain words, one question each, limits said in the error."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form
from family_portal.addresses import read_address
from family_portal.services.documents import check_document

COMMENT_MAX = 5000
NOTE_MAX = 2000


def _text(label: Any, *, max_length: int, required: bool, hint: Any = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": _("Write what you want to say"),
            "max_length": _(
                "Write %(limit_value)s characters or fewer. You wrote %(show_value)s: shorten it and try again."
            ),
        },
    )


class AgreeForm(Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    comment = _text(
        _("Anything you want to say about your plan"),
        max_length=NOTE_MAX,
        required=False,
        rows=3,
    )


class CommentForm(Form):
    text = _text(
        _("Your comment"),
        max_length=COMMENT_MAX,
        required=True,
        hint=_("Your worker will read it. You can write up to 5,000 characters."),
    )


class OwnWordsForm(Form):
    text = _text(
        _("This goal in your own words"),
        max_length=COMMENT_MAX,
        required=True,
        hint=_("Say what this goal means to you, the way you would say it."),
    )


class ActionUpdateForm(Form):
    DONE, STUCK = "done", "stuck"
    outcome = forms.ChoiceField(
        label=_("Where is this up to?"),
        choices=[(DONE, _("I have done it")), (STUCK, _("I am stuck and need help"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you have done it or are stuck")},
    )
    note = _text(_("Anything you want to add"), max_length=NOTE_MAX, required=False, rows=3)


class DetailsChangeForm(Form):
    text = _text(
        _("What needs to change?"),
        max_length=COMMENT_MAX,
        required=True,
        hint=_("For example, a new phone number or address, or a name spelt wrongly."),
    )


class DocumentForm(Form):
    file = forms.FileField(
        label=_("Choose a photo or document"),
        help_text=_("A photo (JPG or PNG) or a PDF."),
        error_messages={"required": _("Choose a photo or document to send"), "empty": _("The file is empty")},
    )
    note = _text(_("What is it?"), max_length=NOTE_MAX, required=False, rows=3)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_document(upload)
        return upload


class StopSharingForm(Form):
    reason = _text(_("Why do you want to stop?"), max_length=NOTE_MAX, required=False, rows=3)


class SignInForm(Form):
    address = forms.CharField(
        label=_("Email address or mobile phone number"),
        help_text=_("Use the one your worker invited you with."),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
        error_messages={"required": _("Enter your email address or mobile phone number.")},
    )

    def clean_address(self) -> tuple[str, str]:
        parsed = read_address(self.cleaned_data["address"])
        if parsed is None:
            raise forms.ValidationError(
                _("Enter an email address, like name@example.com, or a UK mobile number, like 07700 900 982.")
            )
        return parsed


class CodeForm(Form):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("It is 6 numbers, like 123456."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
        error_messages={"required": _("Enter the code we sent you.")},
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split()).replace("-", "")
        if not code.isascii() or not code.isdigit():
            raise forms.ValidationError(
                _("The code is numbers only, with no letters. Check the code and enter its 6 numbers.")
            )
        if len(code) != 6:
            raise forms.ValidationError(_("Enter all 6 numbers of the code."))
        return code
