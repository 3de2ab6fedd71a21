from typing import Any

from django.urls import reverse

from caseload_import.models import ImportJob, ImportMapping
from tests.caseload_import.conftest import COLUMNS, upload


def _problems(job: ImportJob) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for problem in job.report:
        found.setdefault(problem["row"], []).append(f"{problem['column']}: {problem['problem']}")
    return found


def test_it_names_each_problem_by_row_and_column(checked_job: ImportJob) -> None:
    problems = _problems(checked_job)
    assert problems[4] == [
        "Parent born: '31/02/2019' is not a date. Write dates like 31/01/2020 or 2020-01-31."
    ]
    assert problems[5] == [
        "Worker email: No worker has the email nobody@example.org. Add them first, or correct the email."
    ]
    assert problems[7] == [
        "Address: This is 10,000 characters long; at most 120 fit. Shorten it and upload the file again."
    ]
    assert problems[8] == [
        "Goal: This starts with '=' like a spreadsheet formula. It will be kept as plain text, never worked out."
    ]
    assert set(problems) == {4, 5, 7, 8}
    assert (checked_job.total_rows, checked_job.good_rows) == (8, 5)  # the formula row still goes in


def test_it_lists_possible_duplicates_in_the_file_and_already_known(
    cast: Any, checked_job: ImportJob
) -> None:
    listed = {(d["row"], d["family"], d["other_row"]) for d in checked_job.duplicates}
    assert listed == {
        (6, cast.family.reference, None),  # Sam Taylor, born 01/05/1990, is in the Taylor family
        (9, None, 2),  # the same address as row 2
    }


def test_the_report_is_a_page_and_a_download(client: Any, cast: Any, checked_job: ImportJob) -> None:
    client.force_login(cast.manager)
    page = client.get(reverse("caseload_import:report", args=[checked_job.pk])).content.decode()
    assert "No worker has the email nobody@example.org" in page
    assert "Import 5 good rows" in page
    download = client.get(reverse("caseload_import:report_csv", args=[checked_job.pk]))
    lines = download.content.decode().splitlines()
    assert lines[0] == "Row,Column,Problem,Row imported"
    assert "4,Parent born,'31/02/2019' is not a date. Write dates like 31/01/2020 or 2020-01-31.,No" in lines
    assert any(line.startswith("8,Goal,") and line.endswith(",Yes") for line in lines)


def test_a_file_that_is_not_utf8_is_refused_naming_the_first_bad_row(client: Any, cast: Any) -> None:
    client.force_login(cast.manager)
    response = client.post(
        reverse("caseload_import:start"), {"file": upload("legacy_caseload_cp1252.csv"), "team": cast.team.pk}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The file is not UTF-8: save it as CSV UTF-8" in page
    assert "is row 3." in page
    assert not ImportJob.objects.exists()


def test_the_mapping_is_chosen_per_column_saved_and_offered_for_the_next_file(
    client: Any, cast: Any, lena: Any
) -> None:
    client.force_login(cast.manager)
    response = client.post(reverse("caseload_import:start"), {"file": upload(), "team": cast.team.pk})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("caseload_import:mapping", args=[job.pk])
    headers = list(COLUMNS)
    data = {f"column_{i}": COLUMNS[h] for i, h in enumerate(headers)} | {"save_as": "Old system"}
    response = client.post(reverse("caseload_import:mapping", args=[job.pk]), data)
    assert response["Location"] == reverse("caseload_import:report", args=[job.pk])
    assert ImportMapping.objects.get(name="Old system").columns == COLUMNS
    # The next file from the same system starts from the saved mapping.
    client.post(
        reverse("caseload_import:start"),
        {"file": upload(), "team": cast.team.pk, "mapping": ImportMapping.objects.get().pk},
    )
    second = ImportJob.objects.order_by("-pk").first()
    page = client.get(reverse("caseload_import:mapping", args=[second.pk])).content.decode()
    assert '<option value="member_1_date_of_birth" selected>' in page


def test_a_field_chosen_for_two_columns_is_refused(client: Any, cast: Any, lena: Any) -> None:
    client.force_login(cast.manager)
    client.post(reverse("caseload_import:start"), {"file": upload(), "team": cast.team.pk})
    job = ImportJob.objects.get()
    data = {f"column_{i}": "family_name" for i in range(2)}
    page = client.post(reverse("caseload_import:mapping", args=[job.pk]), data).content.decode()
    assert "Each field can come from one column only: Family name chosen more than once." in page
