"""The published complaints procedure: its flow chart is an accessible SVG whose numbers come from the
settings, with the same steps as a list beside it, in English and Welsh, and as a tagged large-print PDF."""

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db

PAGE = "/have-your-say/how-we-handle-complaints/"
PDF = PAGE + "large-print.pdf"


def _svg(html: str) -> str:
    match = re.search(r"<svg [^>]*app-flow-chart.*?</svg>", html, re.S)
    assert match, "no flow chart on the page"
    return match.group(0)


def _steps_list(html: str) -> list[str]:
    match = re.search(r'<ol class="govuk-list govuk-list--number app-procedure-steps">(.*?)</ol>', html, re.S)
    assert match, "no list of the steps"
    items = re.findall(r"<li>(.*?)</li>", match.group(1), re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in items]


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


def _font_sizes(data: bytes) -> list[tuple[float, str]]:
    sizes: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.append((round(size * scale, 1), text.strip()))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_it_draws_the_flow_chart_as_an_image_with_a_title_and_a_description(client: Any) -> None:
    svg = _svg(client.get(PAGE).content.decode())
    assert 'role="img"' in svg
    labelled_by = re.search(r'aria-labelledby="([^"]+)"', svg)
    assert labelled_by
    title = re.search(r'<title id="([^"]+)">([^<]+)</title>', svg)
    desc = re.search(r'<desc id="([^"]+)">([^<]+)</desc>', svg)
    assert title and desc
    assert labelled_by.group(1).split() == [title.group(1), desc.group(1)]
    assert "Stage 3: review panel" in desc.group(2)
    # Readable: no text in the chart smaller than 18 units, and every arrow says when you follow it.
    assert min(int(size) for size in re.findall(r'font-size="(\d+)"', svg)) >= 18
    assert "If you are not happy with the answer, you can ask" in svg


def test_its_text_alternative_lists_every_step_with_the_settings_timescales(client: Any) -> None:
    steps = _steps_list(client.get(PAGE).content.decode())
    assert len(steps) == 6
    assert "Tell us about your complaint" in steps[0]
    assert "Within 5 working days" in steps[1]
    assert "within 10 working days" in steps[2] and "within 20 working days at most" in steps[2]
    assert "within 25 working days" in steps[3] and "never later than 65 working days" in steps[3]
    assert "within 30 working days of your request" in steps[4]
    assert "report within 5 working days" in steps[4] and "within 15 working days of the report" in steps[4]
    assert "Ombudsman" in steps[5]


def test_a_changed_timescale_changes_the_chart_and_the_list(client: Any, settings: Any) -> None:
    settings.VOICE_STAGE_1_WORKING_DAYS = 7
    settings.VOICE_STAGE_2_MAX_WORKING_DAYS = 50
    settings.VOICE_PANEL_WORKING_DAYS = 21
    html = client.get(PAGE).content.decode()
    steps = " ".join(_steps_list(html))
    assert "within 7 working days" in steps and "within 10 working days" not in steps
    assert "never later than 50 working days" in steps
    assert "within 21 working days of your request" in steps
    svg = _svg(html)
    assert "within 7 working" in svg and "within 21 working days" in svg


def test_it_tells_of_by_passing_a_stage_confidentiality_and_the_ombudsman(client: Any, settings: Any) -> None:
    settings.VOICE_REDRESS_TEXT = "Go to the Ombudsman within 12 months; mediation is free."
    html = client.get(PAGE).content.decode()
    assert "You can skip a stage" in html
    assert "The worker or team you complain about cannot see it" in html
    assert "Go to the Ombudsman within 12 months; mediation is free." in html
    assert f'href="{PDF}?lang=en-gb"' in html


def test_the_page_is_in_welsh_when_the_visitor_asks(client: Any, settings: Any) -> None:
    settings.VOICE_REDRESS_TEXT_CY = "Ewch at yr Ombwdsmon o fewn 12 mis."
    response = client.get(PAGE + "?lang=cy")
    html = response.content.decode()
    assert '<html lang="cy"' in html and response["Content-Language"] == "cy"
    assert "Sut rydym yn delio â chwynion" in html
    steps = _steps_list(html)
    assert "O fewn 5 diwrnod gwaith" in steps[1] and "Cam 3: panel adolygu" in steps[4]
    assert "Siart llif" in _svg(html)
    assert "Ewch at yr Ombwdsmon o fewn 12 mis." in html
    assert "How we handle complaints" not in html
    assert f'href="{PDF}?lang=cy"' in html


def test_a_visitor_who_chose_welsh_on_the_familys_pages_gets_it_here_too(client: Any) -> None:
    from family_portal.language import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = "cy"
    session.save()
    assert "Sut rydym yn delio â chwynion" in client.get(PAGE).content.decode()
    # ... unless they ask for English.
    assert "How we handle complaints" in client.get(PAGE + "?lang=en-gb").content.decode()


def test_the_large_print_pdf_is_tagged_with_its_language_and_title(client: Any) -> None:
    response = client.get(PDF)
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).lower().startswith("en")
    assert reader.metadata is not None and reader.metadata.title == "How we handle complaints"


def test_the_large_print_pdf_has_every_step_in_text_of_at_least_16pt(client: Any, settings: Any) -> None:
    settings.VOICE_STAGE_2_WORKING_DAYS = 22
    data = client.get(PDF).content
    text = _pdf_text(data)
    for words in ("Tell us about your complaint", "within 22 working days", "You can skip a stage"):
        assert words in text
    sizes = _font_sizes(data)
    assert sizes and min(size for size, _text in sizes) >= 16


def test_the_large_print_pdf_is_welsh_when_the_page_is(client: Any) -> None:
    response = client.get(PDF + "?lang=cy")
    text = _pdf_text(response.content)
    assert "Sut rydym yn delio â chwynion" in text and "Print bras" in text
    assert str(PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"]) == "cy"
