import datetime
import io
from typing import Any

import pytest
from pypdf import PdfReader
from weasyprint import HTML

from core import pdf as core_pdf
from core.calendar import today
from plans import pdf, selectors, services
from plans.models import Goal, Plan
from tests import factories


@pytest.fixture
def full_plan(cast: Any, plan: Plan, goal: Goal) -> Plan:
    cast.lead.phone = "01603 555 0101"
    cast.lead.email = "lena.lead@norfolk.example"
    cast.lead.save()
    sam = cast.family.members.get(first_name="Sam")
    services.action_add(actor=cast.lead, goal=goal, text="Set two alarms", owner_person=sam, due_on=today())
    services.action_add(
        actor=cast.lead,
        goal=goal,
        text="Breakfast club place",
        owner_agency=factories.agency("Riverside Primary"),
    )
    services.action_add(actor=cast.lead, goal=goal, text="Talk to the head teacher", owner_worker=cast.lead)
    return plan


def _text(data: bytes) -> str:
    return " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def _font_sizes(data: bytes) -> list[tuple[float, str]]:
    """(rendered size in pt, text) for every text run, from the content stream's font size and matrices."""
    sizes: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.append((round(size * scale, 1), text.strip()))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_the_pdf_has_the_familys_words_goals_owners_and_lead_contact(cast: Any, full_plan: Plan) -> None:
    text = _text(pdf.render_plan_pdf(selectors.plan_for_document(plan=full_plan)))
    assert "Calmer mornings" in text
    assert "Sam gets to school on time every day" in text
    assert "No late marks for a month" in text
    for owner in ("Sam Taylor", "Riverside Primary", "Lena Lead"):
        assert owner in text
    assert "lena.lead@norfolk.example" in text
    assert "01603 555 0101" in text
    assert full_plan.next_review_on.strftime("%B %Y") in text
    assert "To make a complaint, a suggestion or a compliment: http://127.0.0.1:8000/have-your-say/" in text


def test_large_print_body_text_is_at_least_18pt(cast: Any, full_plan: Plan) -> None:
    plan = selectors.plan_for_document(plan=full_plan)
    large = _font_sizes(pdf.render_plan_pdf(plan, large_print=True))
    standard = _font_sizes(pdf.render_plan_pdf(plan, large_print=False))
    body = [size for size, text in large if "Set two alarms" in text or "Calmer mornings" in text]
    assert body and min(body) >= 18
    # Everything but the page numbers in the footer is at least 18pt.
    assert min(size for size, text in large if not text.startswith("Page")) >= 18
    assert min(size for size, text in standard if "Set two alarms" in text) < 18


def test_user_text_with_markup_renders_escaped_and_reads_no_file_or_url(
    cast: Any, plan: Plan, goal: Goal
) -> None:
    services.plan_update(
        actor=cast.lead,
        plan=plan,
        family_hopes='Mornings <img src="file:///etc/passwd"> and <img src="https://tracker.example/x.png">',
    )
    fetcher = core_pdf.StaticOnlyFetcher()
    data = pdf.render_plan_pdf(selectors.plan_for_document(plan=plan), fetcher=fetcher)
    text = _text(data)
    assert '<img src="file:///etc/passwd">' in text  # shown as the words typed, not loaded
    assert "root:" not in text
    assert fetcher.served == [] and fetcher.refused == []


def test_the_fetcher_refuses_files_and_other_sites_even_if_markup_got_through(settings: Any) -> None:
    fetcher = core_pdf.StaticOnlyFetcher()
    html = (
        '<p>Hello</p><img src="file:///etc/passwd"><img src="https://tracker.example/x.png">'
        '<img src="/static/../../../etc/passwd"><link rel="stylesheet" href="http://tracker.example/s.css">'
    )
    data = HTML(string=html, base_url=core_pdf.STATIC_BASE, url_fetcher=fetcher).write_pdf()
    assert "Hello" in _text(data)
    assert "file:///etc/passwd" in fetcher.refused
    assert "https://tracker.example/x.png" in fetcher.refused
    assert "http://tracker.example/s.css" in fetcher.refused
    assert fetcher.served == []


def test_the_fetcher_serves_the_apps_own_static_files() -> None:
    from django.contrib.staticfiles import finders

    found = [
        p
        for p in ("govuk/assets/images/favicon.svg", "govuk/assets/images/govuk-crest.svg")
        if finders.find(p)
    ]
    if not found:
        pytest.skip("no static image to serve")
    fetcher = core_pdf.StaticOnlyFetcher()
    response = fetcher.fetch(core_pdf.STATIC_PREFIX + found[0])
    assert response.read()
    assert fetcher.served == [core_pdf.STATIC_PREFIX + found[0]]


def test_the_pdf_view_renders_small_plans_inline(client: Any, cast: Any, full_plan: Plan) -> None:
    client.force_login(cast.lead)
    response = client.get(f"/plans/{cast.family.reference}/pdf/?large_print=1")
    assert response["Content-Type"] == "application/pdf"
    assert "Sam gets to school" in _text(response.content)


def test_large_plans_render_in_the_background_with_a_status_page(
    client: Any, cast: Any, full_plan: Plan, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PLAN_PDF_INLINE_MAX_ITEMS = 2
    client.force_login(cast.lead)
    url = f"/plans/{cast.family.reference}/pdf/"
    page = client.get(url)
    assert b"Make the PDF" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"large_print": "0"})
    assert response.status_code == 302
    status = client.get(response["Location"])
    assert b"Your PDF is ready" in status.content
    assert b'http-equiv="refresh"' not in status.content
    download = client.get(response["Location"] + "download/")
    assert "Sam gets to school" in _text(b"".join(download.streaming_content))


def test_a_pending_document_page_refreshes_itself(client: Any, cast: Any, full_plan: Plan) -> None:
    from plans.models import PlanDocument

    document = PlanDocument.objects.create(plan=full_plan, requested_by=cast.lead)
    client.force_login(cast.lead)
    page = client.get(f"/plans/{cast.family.reference}/pdf/{document.pk}/")
    assert b'http-equiv="refresh"' in page.content
    assert b"Being made" in page.content
    assert client.get(f"/plans/{cast.family.reference}/pdf/{document.pk}/download/").status_code == 404


def test_a_thirty_goal_plan_renders(cast: Any, plan: Plan, goal: Goal) -> None:
    for i in range(29):
        services.goal_add(
            actor=cast.lead,
            plan=plan,
            domain=goal.domain,
            text=f"Goal number {i}",
            target_on=today() + datetime.timedelta(days=30),
        )
    data = pdf.render_plan_pdf(selectors.plan_for_document(plan=plan))
    assert "Goal number 28" in _text(data)


def test_the_pdf_is_tagged_for_screen_readers_with_its_language_and_title(cast: Any, full_plan: Plan) -> None:
    reader = PdfReader(io.BytesIO(pdf.render_plan_pdf(selectors.plan_for_document(plan=full_plan))))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).lower().startswith("en")
    assert reader.metadata is not None and reader.metadata.title.startswith("Our family plan: ")


def test_large_print_page_numbers_are_at_least_18pt_too(cast: Any, full_plan: Plan) -> None:
    large = _font_sizes(pdf.render_plan_pdf(selectors.plan_for_document(plan=full_plan), large_print=True))
    footer = [size for size, text in large if text.startswith("Page")]
    assert footer and min(footer) >= 18


@pytest.mark.parametrize("large_print", [False, True])
def test_a_goal_heading_always_stays_with_its_first_action(
    cast: Any, plan: Plan, goal: Goal, large_print: bool
) -> None:
    goals = [goal]
    for i in range(2, 13):
        goals.append(
            services.goal_add(
                actor=cast.lead, plan=plan, domain=goal.domain, text=f"Goal text {i} " + "more words " * 12
            )
        )
    for n, each in enumerate(goals, start=1):
        for k in (1, 2):
            services.action_add(
                actor=cast.lead, goal=each, text=f"Step{n}x{k} " + "detail " * 15, owner_worker=cast.lead
            )
    data = pdf.render_plan_pdf(selectors.plan_for_document(plan=plan), large_print=large_print)
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) > 2
    for n in range(1, 13):
        (on,) = [i for i, text in enumerate(pages) if f"Goal {n} " in text + " "]
        assert f"Step{n}x1" in pages[on], f"goal {n}'s heading is on page {on + 1} without its first action"
