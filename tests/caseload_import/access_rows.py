from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.access import AccessRow, everyone_but

# Administrators import into any team, team managers into their own; nobody else finds the pages.
IMPORTERS = everyone_but({"manager": 200, "other_manager": 200, "admin": 200, "complaints_manager": 404})
# A job is seen by the manager who uploaded it and by administrators.
UPLOADER_AND_ADMIN = everyone_but({"manager": 200, "admin": 200, "complaints_manager": 404})


def _job_url(name: str):
    def url(cast) -> str:
        from caseload_import import services

        upload = SimpleUploadedFile(
            "old.csv", b"Family name,Lead worker's email\r\nOkafor family,x@example.org\r\n"
        )
        job = services.job_create(actor=cast.manager, upload=upload, team=cast.team, mapping=None)
        if name != "mapping":
            job = services.job_check(actor=cast.manager, job=job, columns=job.columns)
        return reverse(f"caseload_import:{name}", args=[job.pk])

    return url


ROWS = [
    AccessRow("caseload_import:start", lambda cast: reverse("caseload_import:start"), IMPORTERS),
    AccessRow("caseload_import:mapping", _job_url("mapping"), UPLOADER_AND_ADMIN),
    AccessRow("caseload_import:report", _job_url("report"), UPLOADER_AND_ADMIN),
    AccessRow("caseload_import:report_csv", _job_url("report_csv"), UPLOADER_AND_ADMIN),
    AccessRow("caseload_import:progress", _job_url("progress"), UPLOADER_AND_ADMIN),
    # A stranger's POST starts nothing: 404, as the GET.
    AccessRow(
        "caseload_import:report",
        _job_url("report"),
        everyone_but({"manager": 302, "admin": 302, "complaints_manager": 404}),
        method="POST",
    ),
]
