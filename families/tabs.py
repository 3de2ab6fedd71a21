"""The tabs of a family record. Each app that adds a part of the record adds its tab here."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FamilyTab:
    key: str
    label: Any
    url_name: str


FAMILY_TABS: list[FamilyTab] = [
    FamilyTab("overview", _("Overview"), "families:detail"),
    FamilyTab("assessment", _("Assessment"), "assessments:detail"),
    FamilyTab("plan", _("Plan"), "plans:detail"),
    FamilyTab("chronology", _("Chronology"), "families:chronology"),
    FamilyTab("referrals", _("Referrals"), "agencies:family_referrals"),
    FamilyTab("practical_help", _("Practical help"), "pots:family"),
    FamilyTab("history", _("History"), "families:history"),
]


def family_tabs(reference: str, current: str) -> list[dict[str, Any]]:
    return [
        {"label": t.label, "url": reverse(t.url_name, args=[reference]), "current": t.key == current}
        for t in FAMILY_TABS
    ]
