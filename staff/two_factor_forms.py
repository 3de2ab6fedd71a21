"""Forms for two-step verification: one box for a code, rendered by the project's GOV.UK renderer."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form


def _code_field(*, label: Any, help_text: Any, required_message: Any, numeric: bool) -> forms.CharField:
    attrs = {
        "class": "govuk-input--width-10",
        "autocomplete": "one-time-code",
        "spellcheck": "false",
        "autocapitalize": "none",
    }
    if numeric:
        attrs["inputmode"] = "numeric"
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20,
        strip=True,
        widget=forms.TextInput(attrs=attrs),
        error_messages={"required": required_message},
    )


class _CodeForm(Form):
    def reject(self, message: Any) -> None:
        """A wrong code, found after validation: the error goes on the box as a field error would."""
        self.add_error("code", message)
        widget = self.fields["code"].widget
        if "govuk-input--error" not in widget.attrs["class"].split():
            widget.attrs["class"] += " govuk-input--error"
        bound = self["code"]
        widget.attrs["aria-describedby"] = f"{bound.auto_id}_helptext {bound.auto_id}-error"


class AppCodeForm(_CodeForm):
    """Confirms a new authenticator app: only a code from the app will do."""

    observe_time = False  # signing in and security settings are not casework (staff/observed_time.py)

    code = _code_field(
        label=_("Code from your authenticator app"),
        help_text=_("The 6-digit code your app shows now, for example 123456."),
        required_message=_("Enter the 6-digit code from your authenticator app"),
        numeric=True,
    )


class CodeForm(_CodeForm):
    """A current code (app or backup): before turning verification off or getting new backup codes."""

    observe_time = False

    code = _code_field(
        label=_("Security code"),
        help_text=_(
            "The 6-digit code your authenticator app shows now, or one of your backup codes "
            "(each backup code works once)."
        ),
        required_message=_("Enter the code from your authenticator app, or a backup code"),
        numeric=False,
    )


class SignInCodeForm(CodeForm):
    """The second step of signing in."""

    next = forms.CharField(required=False, widget=forms.HiddenInput)
