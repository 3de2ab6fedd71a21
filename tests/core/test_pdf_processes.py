"""PDFs render in a child process (PDF_RENDER_PROCESSES > 0): the fetcher still serves only the app's
static files there, and a render slower than PDF_RENDER_TIMEOUT_SECONDS is stopped, not waited for."""

import multiprocessing
from collections.abc import Iterator
from typing import Any

import pytest

from core import pdf
from core.calendar import today
from core.exceptions import PdfTooSlow
from plans import services

IMAGE = "govuk/assets/images/govuk-crest.svg"


@pytest.fixture
def child_processes(settings: Any) -> Iterator[None]:
    settings.PDF_RENDER_PROCESSES = 1
    settings.PDF_RENDER_TASKS_PER_CHILD = 2
    settings.PDF_RENDER_TIMEOUT_SECONDS = 60
    yield
    pdf._pool_stop()


def test_a_child_process_renders_the_pdf_with_the_apps_static_files_and_nothing_else(
    child_processes: None,
) -> None:
    fetcher = pdf.StaticOnlyFetcher()
    html = f'<title>T</title><p>Hello</p><img src="static/{IMAGE}"><img src="file:///etc/passwd">'
    for _ in range(3):  # the third runs in a new child: the first was replaced after 2 documents
        assert pdf.html_to_pdf(html, fetcher=fetcher).startswith(b"%PDF")
    assert fetcher.served == [pdf.STATIC_PREFIX + IMAGE] * 3
    assert fetcher.refused == ["file:///etc/passwd"] * 3


def test_a_pdf_slower_than_the_timeout_is_a_try_again_page_not_a_wait(
    client: Any, cast: Any, settings: Any, child_processes: None
) -> None:
    settings.PDF_RENDER_TIMEOUT_SECONDS = 0.05  # less than a child takes to start
    services.plan_create(actor=cast.lead, family=cast.family, started_on=today(), family_hopes="Calm")
    client.force_login(cast.lead)
    response = client.get(f"/plans/{cast.family.reference}/pdf/")
    assert response.status_code == 503
    assert "The PDF is taking too long" in response.content.decode()
    settings.PDF_RENDER_TIMEOUT_SECONDS = 60  # the pool that was stopped is started again
    assert pdf.html_to_pdf("<title>T</title><p>Again</p>").startswith(b"%PDF")


def test_html_to_pdf_raises_pdf_too_slow_for_its_callers(settings: Any, child_processes: None) -> None:
    settings.PDF_RENDER_TIMEOUT_SECONDS = 0.05
    with pytest.raises(PdfTooSlow):
        pdf.html_to_pdf("<title>T</title><p>Slow</p>")


def test_a_celery_workers_daemonic_child_renders_in_itself(
    settings: Any, child_processes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A prefork worker's child may not start processes; it renders in itself (so no timeout applies)."""
    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True)
    settings.PDF_RENDER_TIMEOUT_SECONDS = 0.05
    assert pdf.html_to_pdf("<title>T</title><p>In the worker</p>").startswith(b"%PDF")
    assert pdf._state["pool"] is None
