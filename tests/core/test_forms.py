"""The shared form pieces in core/forms.py."""

import importlib
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from core.forms import Form, ModelForm, ModelMultipleChoiceField
from partners.models import Agency
from tests import factories


class _AgenciesForm(Form):
    agencies = ModelMultipleChoiceField(queryset=Agency.objects.all())


@pytest.mark.parametrize("too_big", ["9223372036854775808", "-9223372036854775809", "9" * 40])
def test_an_id_too_big_for_the_database_is_not_a_valid_choice(db: Any, too_big: str) -> None:
    agency = factories.agency("Norwich Housing")
    form = _AgenciesForm({"agencies": [str(agency.pk), too_big]})
    assert not form.is_valid()
    assert form.errors["agencies"] == [f"“{too_big}” is not a valid value."]


def test_a_real_id_is_still_chosen(db: Any) -> None:
    agency = factories.agency("Norwich Housing")
    form = _AgenciesForm({"agencies": [str(agency.pk)]})
    assert form.is_valid()
    assert list(form.cleaned_data["agencies"]) == [agency]


def _project_forms() -> list[type[forms.BaseForm]]:
    for config in apps.get_app_configs():
        if (Path(config.path) / "forms.py").exists() and config.path.startswith(str(settings.BASE_DIR)):
            importlib.import_module(f"{config.name}.forms")
    found, todo = [], [Form, ModelForm]
    while todo:
        form = todo.pop()
        found.append(form)
        todo.extend(form.__subclasses__())
    return found


def test_every_many_to_many_choice_in_the_project_has_the_check() -> None:
    unchecked = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.ModelMultipleChoiceField)
        and not isinstance(field, ModelMultipleChoiceField)
    ]
    assert "directory.forms.ServiceForm" in {f"{f.__module__}.{f.__name__}" for f in _project_forms()}
    assert unchecked == []
