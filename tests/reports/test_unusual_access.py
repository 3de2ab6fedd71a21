"""The managers' report of unusual access reads the read log: many families not led, in one day."""

from typing import Any

from django.test import override_settings
from django.urls import reverse

from families.models import RecordLook
from tests import factories


@override_settings(READ_LOG_UNUSUAL_FAMILIES_PER_DAY=2)
def test_a_worker_opening_many_families_they_do_not_lead_is_listed(client: Any, cast: Any) -> None:
    others = [factories.family(lead_practitioner=cast.lead, name=f"Family {n}") for n in range(3)]
    for family in [*others, cast.family]:
        RecordLook.objects.create(family=family, user=cast.colleague, category="overview")
        RecordLook.objects.create(family=family, user=cast.lead, category="overview")  # their own
    client.force_login(cast.manager)
    page = client.get(reverse("reports:unusual_access")).content.decode()
    assert "Colin Colleague" in page and ">4<" in page.replace(" ", "")
    assert "Lena Lead" not in page
    assert reverse("reports:unusual_access") in client.get(reverse("reports:dashboard")).content.decode()
    client.force_login(cast.other_manager)
    assert "Colin Colleague" not in client.get(reverse("reports:unusual_access")).content.decode()
