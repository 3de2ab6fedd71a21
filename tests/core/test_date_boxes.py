"""The GOV.UK date input: day and month are two characters wide, the year four, on every form (a class
given to the whole widget used to overwrite them, so all three boxes were full width)."""

import re

from core.forms import Form, GovukDateField


class _WhenForm(Form):
    when = GovukDateField(label="When")


def _box_classes(html: str) -> list[str]:
    return re.findall(r'<input[^>]*class="([^"]*)"', html)


def test_each_box_keeps_its_gov_uk_width() -> None:
    classes = _box_classes(str(_WhenForm()["when"]))
    assert len(classes) == 3
    assert ["govuk-input--width-2" in c for c in classes] == [True, True, False]
    assert "govuk-input--width-4" in classes[2]
    assert all("govuk-date-input__input" in c for c in classes)


def test_a_wrong_date_marks_all_three_boxes_and_keeps_their_widths() -> None:
    form = _WhenForm(data={"when_day": "31", "when_month": "2", "when_year": "2027"})
    assert not form.is_valid()
    classes = _box_classes(str(form["when"]))
    assert all("govuk-input--error" in c for c in classes)
    assert "govuk-input--width-4" in classes[2]
