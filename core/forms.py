"""GOV.UK Design System form rendering.

Django's template-based form rendering is pointed at our own field and widget templates
(core/templates/django/forms/), so `{{ form }}` and `{{ form.field.as_field_group }}` produce GOV.UK
markup (label, hint, error message, error classes) for every form in the project, with no per-form code.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

WIDGET_CLASSES: dict[type, str] = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "django/forms/govuk.html"
    field_template_name = "django/forms/govuk_field.html"


def govuk_widget_class(widget: forms.Widget) -> str:
    for widget_type in type(widget).__mro__:
        if widget_type in WIDGET_CLASSES:
            return WIDGET_CLASSES[widget_type]
    return "govuk-input"


class GovukFormMixin:
    """Adds GOV.UK classes to every widget, with the error modifier on fields that failed."""

    fields: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, GovukDateWidget):
                continue  # its three boxes carry their own classes (a class here would overwrite them)
            css = govuk_widget_class(field.widget)
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css} {existing}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        errors = getattr(self, "_errors", None) or {}
        for name in errors:
            if name in self.fields:
                widget = self.fields[name].widget
                css = govuk_widget_class(widget)
                if isinstance(widget, GovukDateWidget):
                    widget.has_error = True
                elif css in ("govuk-input", "govuk-textarea", "govuk-select", "govuk-file-upload"):
                    widget.attrs["class"] += f" {css}--error"
                # Screen readers announce the error with the field (GOV.UK error message pattern).
                bound = self[name]  # type: ignore[index]
                described = [f"{bound.auto_id}-error"]
                if self.fields[name].help_text:
                    described.insert(0, f"{bound.auto_id}_helptext")
                widget.attrs["aria-describedby"] = " ".join(described)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, except that an id too big for the database is "not a valid value" rather than a server
    error: SQLite cannot bind an integer of 2^63 or more, and Django's own check lets one through."""

    def _check_values(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            text = str(pk).strip().removeprefix("-")
            if text.isdecimal() and int(text) >= 2**63:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)  # type: ignore[misc]  # not in django-stubs


class Form(GovukFormMixin, forms.Form):
    pass


class ModelForm(GovukFormMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    """A native date input: accessible, works without JavaScript, and accepts ISO dates."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input pattern: day, month and year in three boxes."""

    template_name = "django/forms/widgets/govuk_date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {"inputmode": "numeric", "class": "govuk-input govuk-date-input__input"}
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput({**base, "class": base["class"] + " govuk-input--width-2"}),
            "month": forms.TextInput({**base, "class": base["class"] + " govuk-input--width-2"}),
            "year": forms.TextInput({**base, "class": base["class"] + " govuk-input--width-4"}),
        }
        super().__init__(widgets, attrs)
        self.has_error = False

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        # The three boxes keep their GOV.UK widths: a class given to the whole widget is not passed down.
        attrs = {key: val for key, val in (attrs or {}).items() if key != "class"}
        context = super().get_context(name, value, attrs)
        if self.has_error:
            for box in context["widget"]["subwidgets"]:
                box["attrs"]["class"] += " govuk-input--error"
        return context

    def decompress(self, value: Any) -> list[Any]:
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages for each way it can be wrong."""

    widget = GovukDateWidget

    def __init__(self, **kwargs: Any) -> None:
        from django.utils.translation import gettext_lazy as _

        error_messages = {
            "required": _("Enter a date"),
            "incomplete": _("Enter a full date, with the day, month and year"),
            "invalid": _("Enter a real date"),
        }
        error_messages.update(kwargs.pop("error_messages", {}))
        fields = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1900, max_value=2200),
        )
        super().__init__(fields, error_messages=error_messages, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> Any:
        from django.core.exceptions import ValidationError

        if isinstance(value, list) and any(v not in (None, "") for v in value):
            if any(v in (None, "") for v in value):
                raise ValidationError(self.error_messages["incomplete"], code="incomplete")
            for part in value:
                if not str(part).strip().isdigit():
                    raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().clean(value)

    def compress(self, data_list: list[Any]) -> Any:
        import datetime

        from django.core.exceptions import ValidationError

        if not data_list or all(v is None for v in data_list):
            return None
        if any(v is None for v in data_list):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = data_list
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc


def add_service_errors(form: forms.BaseForm, error: Any) -> None:
    """Put a service's ValidationError on the form: on the named field where the form has it, else on top."""
    from django.core.exceptions import ValidationError

    if not isinstance(error, ValidationError):
        raise TypeError("add_service_errors takes a ValidationError")
    if hasattr(error, "error_dict"):
        for field, messages in error.error_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for text in error.messages:
            form.add_error(None, text)
