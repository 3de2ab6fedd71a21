"""The family's named lead worker and how to reach them (by email and by text, never by phone only)."""

import re
from dataclasses import dataclass
from typing import Any

from family_portal.selectors.people import worker_name
from family_portal.visibility import MemberView

MOBILE_RE = re.compile(r"^(?:\+44|0044|44|0)7\d{9}$")


def is_mobile(number: str) -> bool:
    """A UK mobile number, whatever the spacing (texts only go to one)."""
    return bool(MOBILE_RE.match(re.sub(r"[\s()-]", "", number or "")))


@dataclass
class Worker:
    user: Any
    name: str
    email: str
    mobile: str
    team: str
    job_title: str


def lead_worker(view: MemberView) -> Worker | None:
    user = view.family.lead_practitioner
    if user is None:
        return None
    return Worker(
        user=user,
        name=worker_name(user),
        email=user.email,
        mobile=user.phone if is_mobile(user.phone) else "",
        team=str(view.family.team) if view.family.team_id else "",
        job_title=user.job_title,
    )
