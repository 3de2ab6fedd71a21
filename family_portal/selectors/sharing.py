"""Who the family agreed to share their information with: each agency, each category, since when."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from agencies.models import Consent
from family_portal.selectors.people import person_name
from family_portal.visibility import MemberView


@dataclass
class ConsentRow:
    consent: Consent
    active: bool
    given_by: str
    ended_on: datetime.date | None


@dataclass
class AgencySharing:
    agency: Any
    rows: list[ConsentRow] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(r.active for r in self.rows)


def member_sharing(view: MemberView) -> list[AgencySharing]:
    consents = (
        Consent.objects.filter(family=view.family)
        .select_related("agency", "given_by")
        .order_by("agency__name", "category", "-given_on")
    )
    agencies: dict[int, AgencySharing] = {}
    for consent in view.only_shown(consents):
        active = consent.is_valid()
        ended: datetime.date | None = None
        if consent.withdrawn_at is not None:
            ended = consent.withdrawn_at.date()
        elif not active:
            ended = consent.expires_on
        row = ConsentRow(consent, active, person_name(view, consent.given_by), ended)
        agencies.setdefault(consent.agency_id, AgencySharing(consent.agency)).rows.append(row)
    return list(agencies.values())
