from typing import Any

import pytest

from agencies.models import Category, Consent
from agencies.services.agency import agency_create
from agencies.services.consent import consent_give
from agencies.services.referral import referral_send
from partners.models import Agency
from tests.notify_fake import notify, notify_server  # noqa: F401  (the local GOV.UK Notify)

ALL = list(Category.values)


def make_agency(
    name: str, *, inboxes: tuple[str, ...] | None = None, kind: str = Agency.Kind.HOUSING, **extra: Any
):
    slug = name.lower().replace(" ", "-")
    return agency_create(
        actor=None,
        name=name,
        kind=kind,
        inboxes=inboxes if inboxes is not None else (f"referrals@{slug}.example.org",),
        manager_name=extra.pop("manager_name", f"Manager of {name}"),
        manager_email=extra.pop("manager_email", f"manager@{slug}.example.org"),
        **extra,
    )


def consent_all(cast: Any, agency: Agency, categories: list[str] | None = None) -> list[Consent]:
    person = cast.family.members.first()
    return [
        consent_give(
            actor=cast.lead,
            family=cast.family,
            agency=agency,
            category=c,
            given_by=person,
            how=Consent.How.SIGNED,
        )
        for c in (categories or ALL)
    ]


def send(cast: Any, agencies: list[Agency], **extra: Any):
    return referral_send(
        actor=extra.pop("actor", cast.lead),
        family=cast.family,
        agencies=agencies,
        request=extra.pop("request", "Please help with rent arrears and a move to a bigger home."),
        detail=extra.pop("detail", "Sam is worried about eviction; two children share a room."),
        shares=extra.pop("shares", ALL),
        **extra,
    )


@pytest.fixture
def housing(cast: Any) -> Agency:
    agency = make_agency("Norwich Housing")
    consent_all(cast, agency)
    return agency


@pytest.fixture
def school(cast: Any) -> Agency:
    agency = make_agency("Riverside Primary", kind=Agency.Kind.SCHOOL)
    consent_all(cast, agency, [Category.CONTACT])
    return agency
