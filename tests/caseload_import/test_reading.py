import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from caseload_import.models import ImportJob
from caseload_import.reading import FileProblem, read_sheet


def test_an_excel_file_is_read_as_text_with_its_row_numbers() -> None:
    book = Workbook()
    for row in (["Family name", "Goal"], ["Okafor family", "+1 more day at school"], [None, None]):
        book.active.append(row)
    book.active.append(["Nowak family", "=SUM(A1:A3)"])  # a real formula cell, never computed
    out = io.BytesIO()
    book.save(out)
    sheet = read_sheet(out.getvalue(), "old.xlsx")
    assert sheet.headers == ["Family name", "Goal"]
    assert sheet.rows == [
        (2, ["Okafor family", "+1 more day at school"]),
        (4, ["Nowak family", "=SUM(A1:A3)"]),
    ]


def test_a_csv_with_a_byte_order_mark_and_short_rows_is_read() -> None:
    sheet = read_sheet("\ufeffFamily name,Town\r\nOkafor family\r\n".encode(), "old.csv")
    assert sheet.rows == [(2, ["Okafor family", ""])]


def test_a_file_that_is_not_a_workbook_says_so() -> None:
    with pytest.raises(FileProblem, match="could not be read as an Excel workbook"):
        read_sheet(b"not a workbook", "old.xlsx")


def test_a_manager_imports_only_into_the_teams_they_manage(client: Any, cast: Any) -> None:
    client.force_login(cast.manager)
    upload = SimpleUploadedFile("old.csv", b"Family name\r\nOkafor family\r\n")
    response = client.post(reverse("caseload_import:start"), {"file": upload, "team": cast.other_team.pk})
    assert "Select a valid choice" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_only_csv_and_excel_files_are_taken(client: Any, cast: Any) -> None:
    client.force_login(cast.manager)
    upload = SimpleUploadedFile("old.pdf", b"%PDF-1.4")
    response = client.post(reverse("caseload_import:start"), {"file": upload, "team": cast.team.pk})
    assert "The file must be a CSV or an Excel (.xlsx) file." in response.content.decode()
