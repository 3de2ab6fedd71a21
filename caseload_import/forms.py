from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from caseload_import import fields
from caseload_import.models import ImportMapping
from core.forms import GovukFormMixin
from staff.models import Team

EXTENSIONS = (".csv", ".xlsx")


class UploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Caseload file"),
        help_text=_(
            "A CSV (saved as CSV UTF-8) or Excel (.xlsx) file, one family a row, headings in the first row."
        ),
    )
    team = forms.ModelChoiceField(queryset=Team.objects.none(), label=_("Team the families join"))
    mapping = forms.ModelChoiceField(
        queryset=ImportMapping.objects.all(),
        required=False,
        label=_("Saved column mapping"),
        help_text=_("The columns of an earlier file from the same system, matched to our fields."),
        empty_label=_("None: match the columns by their headings"),
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if PurePath(upload.name or "").suffix.lower() not in EXTENSIONS:
            raise ValidationError(_("The file must be a CSV or an Excel (.xlsx) file."))
        if upload.size > settings.CASELOAD_IMPORT_MAX_BYTES:
            raise ValidationError(
                _("The file must be smaller than %(mb)s MB.")
                % {"mb": settings.CASELOAD_IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload


class MappingForm(GovukFormMixin, forms.Form):
    """One select a column of the file: which of our fields it holds, or none."""

    save_as = forms.CharField(
        label=_("Save this mapping as"),
        required=False,
        max_length=120,
        help_text=_("Give it a name to use it for the next file from the same system."),
    )

    def __init__(
        self, *args: Any, headers: list[str], initial_columns: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Do not import this column"))] + [(t.key, t.label) for t in fields.TARGETS]
        self.headers = headers
        column_fields = {}
        for i, header in enumerate(headers):
            column_fields[f"column_{i}"] = forms.ChoiceField(
                label=header or _("Column %(n)s (no heading)") % {"n": i + 1},
                choices=choices,
                required=False,
                initial=initial_columns.get(header, ""),
            )
        # The columns first, the name to save them under last.
        self.fields = {**column_fields, "save_as": self.fields["save_as"]}
        for name in column_fields:
            self.fields[name].widget.attrs["class"] = "govuk-select"

    def columns(self) -> dict[str, str]:
        return {header: self.cleaned_data.get(f"column_{i}", "") for i, header in enumerate(self.headers)}
