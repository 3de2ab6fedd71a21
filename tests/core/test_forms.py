"""The shared form pieces in core/forms.py."""

from typing import Any

import pytest

from core.forms import Form, ModelMultipleChoiceField
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
