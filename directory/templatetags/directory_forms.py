"""`choice_groups`: a long checkbox list as groups by first letter, each knowing how many are ticked."""

from dataclasses import dataclass, field
from typing import Any

from django import template
from django.forms import BoundField

register = template.Library()


@dataclass
class ChoiceGroup:
    label: str
    choices: list[Any] = field(default_factory=list)
    selected: int = 0


@register.filter
def choice_groups(bound_field: BoundField) -> list[ChoiceGroup]:
    """The field's checkboxes grouped by the first letter of their label (digits together), in order."""
    groups: dict[str, ChoiceGroup] = {}
    for choice in bound_field:
        first = str(choice.choice_label)[:1].upper()
        key = first if first.isalpha() else "0-9"
        group = groups.setdefault(key, ChoiceGroup(label=key))
        group.choices.append(choice)
        group.selected += bool(choice.data.get("selected"))
    return [groups[key] for key in sorted(groups)]
