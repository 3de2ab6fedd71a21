"""The family's pages speak the member's language, switchable on every page; the plan PDF follows the
member's language and view, and large print is large."""

from io import BytesIO
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from family_portal.language import SESSION_KEY
from family_portal.models import MemberAccess
from plans import services as plan_services
from tests.family_portal.notify_helpers import hide, member
from tests.pots.helpers import domain


def _plan(cast: Any) -> tuple[Any, Any]:
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    shown = plan_services.goal_add(actor=cast.lead, plan=plan, domain=domain(), text="Sam goes to school")
    hidden = plan_services.goal_add(actor=cast.lead, plan=plan, domain=domain(), text="Move to a safe house")
    return shown, hidden


def _text(pdf: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(BytesIO(pdf)).pages)


def _font_sizes(pdf: bytes) -> list[float]:
    sizes: list[float] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            sizes.append(abs(size * (tm[3] or 1) * (cm[3] or 1)))

    for page in PdfReader(BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_a_welsh_member_gets_their_plan_in_welsh_without_what_is_hidden(client: Any, cast: Any) -> None:
    access = member(cast.family, language="cy")
    _shown, hidden = _plan(cast)
    hide(access, hidden)
    client.force_login(access.user)
    response = client.get(reverse("family_portal:plan_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    assert "Cynllun ein teulu" in text and "Eich gweithiwr arweiniol" in text
    assert "Sam goes to school" in text
    assert "safe house" not in text


def test_large_print_is_at_least_18_point(client: Any, cast: Any) -> None:
    access = member(cast.family)
    _plan(cast)
    client.force_login(access.user)
    standard = client.get(reverse("family_portal:plan_pdf")).content
    large = client.get(reverse("family_portal:plan_pdf"), {"large_print": "1"}).content
    assert "Large print" in _text(large)
    assert min(_font_sizes(large)) >= 18 > min(_font_sizes(standard))


def test_the_plan_pdf_is_for_members_only(client: Any, cast: Any) -> None:
    _plan(cast)
    client.force_login(cast.lead)
    assert client.get(reverse("family_portal:plan_pdf")).status_code == 404
    withdrawn = member(cast.family)
    MemberAccess.objects.filter(pk=withdrawn.pk).update(status=MemberAccess.Status.WITHDRAWN)
    client.force_login(withdrawn.user)
    assert client.get(reverse("family_portal:plan_pdf")).status_code == 404


def test_a_member_switches_to_welsh_and_stays_on_the_page(client: Any, cast: Any) -> None:
    access = member(cast.family)
    _plan(cast)
    client.force_login(access.user)
    response = client.post(reverse("family_portal:language"), {"language": "cy", "next": "/my/plan.pdf"})
    assert response.status_code == 302 and response["Location"] == "/my/plan.pdf"
    access.refresh_from_db()
    assert access.language == "cy"
    assert access.history.first().history_user == access.user
    pdf = client.get("/my/plan.pdf")
    assert pdf["Content-Language"] == "cy" and "Cynllun ein teulu" in _text(pdf.content)


def test_a_visitor_chooses_welsh_for_the_sign_in_pages(client: Any, db: Any) -> None:
    response = client.post(
        reverse("family_portal:language"), {"language": "cy", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/my/"
    assert client.session[SESSION_KEY] == "cy"


def test_staff_cannot_use_the_switch(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    assert client.post(reverse("family_portal:language"), {"language": "cy"}).status_code == 404


def test_the_switch_offers_the_other_language_as_a_post_form() -> None:
    request = RequestFactory().get("/my/plan.pdf")
    request.user = AnonymousUser()
    with translation.override("en-gb"):
        english = render_to_string("family_portal/includes/language_switch.html", request=request)
    with translation.override("cy"):
        welsh = render_to_string("family_portal/includes/language_switch.html", request=request)
    assert 'method="post"' in english and 'value="cy"' in english and 'lang="cy"' in english
    assert 'aria-current="true" lang="en-GB">English' in english
    assert 'value="en-gb"' in welsh and 'aria-current="true" lang="cy">Cymraeg' in welsh
    assert 'name="next" value="/my/plan.pdf"' in english
